/**
 * Baseline (day 1) against retest (day 25), test by test: the two values, the change and whether it
 * is an improvement. Distances are shown in one unit whatever unit each was taken in. Each value and
 * the change are rounded to a tenth on their own, so a change is the difference of the measurements
 * rather than of two rounded numbers. For every test a higher number is better (further from the
 * wall, longer holds). It knows nothing about charts or wording beyond labels.
 */
import type { DistanceUnit } from "./measures";
import { distanceIn, roundToTenth } from "./measures";
import type { SelfTestResult, SelfTests } from "./schema";

/** One compared measurement; balance counts as two, one per leg. */
export type SelfTestId = "kneeToWall" | "balanceLeft" | "balanceRight" | "squatHold";

/** Every compared measurement, in display order. */
export const SELF_TEST_IDS: readonly SelfTestId[] = ["kneeToWall", "balanceLeft", "balanceRight", "squatHold"];

/** Short labels for tables and charts. */
export const SELF_TEST_LABELS: Readonly<Record<SelfTestId, string>> = {
  kneeToWall: "Knee to wall",
  balanceLeft: "Balance, left leg",
  balanceRight: "Balance, right leg",
  squatHold: "Deep-squat hold",
};

/** What the change means for the runner; "incomplete" when either value is missing. */
export type ChangeDirection = "improved" | "unchanged" | "declined" | "incomplete";

/** One row of the comparison. Numbers are in `unit`, rounded to a tenth. */
export interface SelfTestComparison {
  readonly test: SelfTestId;
  readonly label: string;
  readonly unit: DistanceUnit | "s";
  readonly baseline: number | null;
  readonly retest: number | null;
  /** retest - baseline, or null when either is missing. */
  readonly change: number | null;
  readonly direction: ChangeDirection;
}

/** What `result` measured for `test`, unrounded, with distances in `distanceUnit`. */
function measured(test: SelfTestId, result: SelfTestResult, distanceUnit: DistanceUnit): number {
  switch (test) {
    case "kneeToWall":
      return distanceIn(result.kneeToWall, distanceUnit);
    case "balanceLeft":
      return result.balance.left;
    case "balanceRight":
      return result.balance.right;
    case "squatHold":
      return result.squatHold;
  }
}

function directionOf(change: number | null): ChangeDirection {
  if (change === null) return "incomplete";
  if (change === 0) return "unchanged";
  return change > 0 ? "improved" : "declined";
}

/**
 * The comparison rows, one per SELF_TEST_IDS entry. Distances are shown in `distanceUnit`, which
 * defaults to the baseline's unit (then the retest's, then cm).
 */
export function compareSelfTests(selfTests: SelfTests, distanceUnit?: DistanceUnit): SelfTestComparison[] {
  const { baseline, retest } = selfTests;
  const unit = distanceUnit ?? baseline?.kneeToWall.unit ?? retest?.kneeToWall.unit ?? "cm";
  return SELF_TEST_IDS.map((test) => {
    const before = baseline === undefined ? null : measured(test, baseline, unit);
    const after = retest === undefined ? null : measured(test, retest, unit);
    const change = before === null || after === null ? null : roundToTenth(after - before);
    return {
      test,
      label: SELF_TEST_LABELS[test],
      unit: test === "kneeToWall" ? unit : "s",
      baseline: before === null ? null : roundToTenth(before),
      retest: after === null ? null : roundToTenth(after),
      change,
      direction: directionOf(change),
    };
  });
}

/** A value with its unit for display: "9.5 cm", "12 s"; a change gets a sign: "+2.5 cm", "-1 s". */
export function formatMeasure(value: number, unit: DistanceUnit | "s", signed = false): string {
  const sign = signed && value > 0 ? "+" : "";
  return `${sign}${String(value)} ${unit}`;
}
