/**
 * What the small bar chart of the day-1 baseline beside the day-25 retest shows: for each compared
 * test, two bars whose lengths are fractions of the longer one (tests have different units, so each
 * pair is scaled on its own), and one sentence per test for the chart's accessible name. Drawing it
 * is the island's; this knows nothing about SVG, colours or fonts.
 */
import type { SelfTestComparison } from "./self-test-compare";
import { formatMeasure } from "./self-test-compare";

/** One bar: its length as a fraction (0-1) of the longest the chart draws, and its value as text. */
export interface ChartBar {
  readonly fraction: number;
  /** "9.5 cm", or "not recorded". */
  readonly text: string;
}

/** One test's label and its baseline and retest bars. */
export interface ChartRow {
  readonly label: string;
  readonly bars: readonly [baseline: ChartBar, retest: ChartBar];
}

/** The chart's rows for comparison rows (from compareSelfTests); a missing or zero value has no length. */
export function chartRows(rows: readonly SelfTestComparison[]): ChartRow[] {
  return rows.map((row) => {
    const longest = Math.max(row.baseline ?? 0, row.retest ?? 0);
    const bar = (value: number | null): ChartBar => ({
      fraction: value === null || longest <= 0 ? 0 : Math.max(0, value) / longest,
      text: value === null ? "not recorded" : formatMeasure(value, row.unit),
    });
    return { label: row.label, bars: [bar(row.baseline), bar(row.retest)] };
  });
}

/** One sentence per test: "Knee to wall: 11.4 cm on day 1, 12 cm on day 25 (+0.6 cm)." */
export function describeChart(rows: readonly SelfTestComparison[]): string {
  return rows
    .map((row) => {
      const value = (v: number | null): string => (v === null ? "not recorded" : formatMeasure(v, row.unit));
      const change = row.change === null ? "" : ` (${formatMeasure(row.change, row.unit, true)})`;
      return `${row.label}: ${value(row.baseline)} on day 1, ${value(row.retest)} on day 25${change}.`;
    })
    .join(" ");
}
