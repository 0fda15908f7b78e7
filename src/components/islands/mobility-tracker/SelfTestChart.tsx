import type { SelfTestComparison } from "../../../lib/mobility/self-test-compare";
import { chartRows, describeChart } from "../../../lib/mobility/self-test-chart";

// SVG user units: each test is a label line over two bars; the longest bar leaves room for its value.
const WIDTH = 320;
const LONGEST_BAR = 248;
const LABEL = 18;
const BAR = 14;
const BAR_GAP = 4;
const ROW = LABEL + 2 * BAR + BAR_GAP + 14;
const FILLS = ["var(--rs-muted)", "var(--rs-accent)"] as const;
const LEGEND = [
  ["Day 1", "bg-muted"],
  ["Day 25", "bg-accent"],
] as const;

/** Day 1 beside day 25 as bars, each test scaled on its own; its accessible name says it in words. */
export function SelfTestChart({ rows }: { rows: readonly SelfTestComparison[] }) {
  const height = rows.length * ROW - 14;
  return (
    <>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        role="img"
        aria-label={describeChart(rows)}
        class="max-w-full"
      >
        {chartRows(rows).map((row, i) => (
          <g transform={`translate(0 ${i * ROW})`}>
            <text y={LABEL - 5} fill="currentColor" font-size="12">
              {row.label}
            </text>
            {row.bars.map((bar, j) => {
              const y = LABEL + j * (BAR + BAR_GAP);
              const width = Math.round(bar.fraction * LONGEST_BAR * 100) / 100;
              return (
                <>
                  <rect y={y} width={width} height={BAR} fill={FILLS[j]} />
                  <text x={width + 4} y={y + BAR - 3} fill="currentColor" font-size="11">
                    {bar.text}
                  </text>
                </>
              );
            })}
          </g>
        ))}
      </svg>
      <p class="flex gap-4 text-xs">
        {LEGEND.map(([label, colour]) => (
          <span class="flex items-center gap-1">
            <span aria-hidden="true" class={`inline-block h-3 w-3 ${colour}`} />
            {label}
          </span>
        ))}
      </p>
    </>
  );
}
