/**
 * The geometry of the small inline SVG bar chart that sets the day-1 baseline beside the day-25
 * retest: one group per test, a label above two horizontal bars, a value text after each bar, in a
 * `0 0 width height` viewBox. Tests have different units, so each group is scaled on its own: the
 * larger of its two values spans the full bar length. It also writes a text description for the
 * SVG's <desc> or a caption. Data only: it knows nothing about the DOM, colours or fonts.
 */
import type { SelfTestComparison, SelfTestId } from "./self-test-compare";
import { formatMeasure } from "./self-test-compare";

/** The two bars of each group. */
export type ChartSeries = "baseline" | "retest";

/** Legend labels of the two series. */
export const CHART_SERIES_LABELS: Readonly<Record<ChartSeries, string>> = {
  baseline: "Day 1",
  retest: "Day 25",
};

/** Fixed layout measures, in SVG user units. */
export const CHART_LAYOUT = {
  /** Default and smallest chart width. */
  width: 320,
  minWidth: 160,
  /** Height of the label row above each group's bars. */
  labelHeight: 18,
  barHeight: 14,
  /** Space between the two bars of a group. */
  barGap: 4,
  /** Space between groups. */
  groupGap: 14,
  /** Room kept right of the longest bar for its value text. */
  valueSpace: 72,
  /** Space between a bar's end and its value text. */
  textGap: 4,
} as const;

export interface ChartBar {
  readonly series: ChartSeries;
  readonly x: number;
  readonly y: number;
  /** 0 when the value is 0 or missing. */
  readonly width: number;
  readonly height: number;
  readonly value: number | null;
  /** "9.5 cm", or "not recorded". */
  readonly text: string;
  /** Where the value text starts (left edge, baseline). */
  readonly textX: number;
  readonly textY: number;
}

export interface ChartGroup {
  readonly test: SelfTestId;
  readonly label: string;
  /** Where the label text starts (left edge, baseline). */
  readonly labelX: number;
  readonly labelY: number;
  readonly bars: readonly [ChartBar, ChartBar];
}

export interface SelfTestChart {
  readonly width: number;
  readonly height: number;
  /** For the svg's viewBox attribute. */
  readonly viewBox: string;
  readonly groups: readonly ChartGroup[];
  readonly legend: readonly { readonly series: ChartSeries; readonly label: string }[];
  /** One sentence per test, for <desc> or a visible caption. */
  readonly description: string;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function describeRow(row: SelfTestComparison): string {
  const value = (v: number | null): string => (v === null ? "not recorded" : formatMeasure(v, row.unit));
  const change = row.change === null ? "" : ` (${formatMeasure(row.change, row.unit, true)})`;
  return `${row.label}: ${value(row.baseline)} on day 1, ${value(row.retest)} on day 25${change}.`;
}

/**
 * The chart for comparison rows (from compareSelfTests), `width` wide (default 320, at least 160).
 * Throws a RangeError for a narrower or non-finite width.
 */
export function selfTestChart(rows: readonly SelfTestComparison[], width: number = CHART_LAYOUT.width): SelfTestChart {
  if (!Number.isFinite(width) || width < CHART_LAYOUT.minWidth) {
    throw new RangeError(`selfTestChart: width must be at least ${CHART_LAYOUT.minWidth}`);
  }
  const { labelHeight, barHeight, barGap, groupGap, valueSpace, textGap } = CHART_LAYOUT;
  const groupHeight = labelHeight + 2 * barHeight + barGap + groupGap;
  const longest = width - valueSpace;

  const groups = rows.map((row, index): ChartGroup => {
    const top = index * groupHeight;
    const scale = Math.max(row.baseline ?? 0, row.retest ?? 0);
    const bar = (series: ChartSeries, value: number | null, y: number): ChartBar => {
      const barWidth = value === null || scale <= 0 ? 0 : round2((longest * Math.max(0, value)) / scale);
      return {
        series,
        x: 0,
        y,
        width: barWidth,
        height: barHeight,
        value,
        text: value === null ? "not recorded" : formatMeasure(value, row.unit),
        textX: round2(barWidth + textGap),
        textY: round2(y + barHeight - 3),
      };
    };
    const first = top + labelHeight;
    return {
      test: row.test,
      label: row.label,
      labelX: 0,
      labelY: top + labelHeight - 5,
      bars: [bar("baseline", row.baseline, first), bar("retest", row.retest, first + barHeight + barGap)],
    };
  });

  const height = Math.max(0, rows.length * groupHeight - groupGap);
  return {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    groups,
    legend: [
      { series: "baseline", label: CHART_SERIES_LABELS.baseline },
      { series: "retest", label: CHART_SERIES_LABELS.retest },
    ],
    description: rows.map(describeRow).join(" "),
  };
}
