/**
 * Baseline (day 1) against retest (day 25), test by test: the two values, the change and whether it
 * is an improvement. Distances are compared exactly in micrometres whatever unit each was taken in,
 * then shown in one unit; times in tenths of a second. Each value and the change are rounded to a
 * tenth on their own, so a change is exact rather than the difference of two rounded numbers. For
 * every current test a higher number is better. It knows nothing about charts or wording beyond labels.
 */
import type { DistanceUnit } from "./measures";
import { distanceMicrometres, micrometresToTenth, secondsToTenths } from "./measures";
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

/** Whether a higher number is the better result, per test (further from the wall, longer holds). */
export const HIGHER_IS_BETTER: Readonly<Record<SelfTestId, boolean>> = {
  kneeToWall: true,
  balanceLeft: true,
  balanceRight: true,
  squatHold: true,
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
  readonly higherIsBetter: boolean;
  readonly direction: ChangeDirection;
}

// Each test as an exact whole number (µm or tenths of a second) plus how to show one in the unit.
function exactValue(test: SelfTestId, result: SelfTestResult): number {
  switch (test) {
    case "kneeToWall":
      return distanceMicrometres(result.kneeToWall);
    case "balanceLeft":
      return secondsToTenths(result.balance.left);
    case "balanceRight":
      return secondsToTenths(result.balance.right);
    case "squatHold":
      return secondsToTenths(result.squatHold);
  }
}

function shown(test: SelfTestId, exact: number, distanceUnit: DistanceUnit): number {
  if (test === "kneeToWall") return micrometresToTenth(exact, distanceUnit);
  return exact / 10;
}

function directionOf(change: number | null, higherIsBetter: boolean): ChangeDirection {
  if (change === null) return "incomplete";
  if (change === 0) return "unchanged";
  return change > 0 === higherIsBetter ? "improved" : "declined";
}

/**
 * The comparison rows, one per SELF_TEST_IDS entry. Distances are shown in `distanceUnit`, which
 * defaults to the baseline's unit (then the retest's, then cm).
 */
export function compareSelfTests(selfTests: SelfTests, distanceUnit?: DistanceUnit): SelfTestComparison[] {
  const { baseline, retest } = selfTests;
  const unit = distanceUnit ?? baseline?.kneeToWall.unit ?? retest?.kneeToWall.unit ?? "cm";
  return SELF_TEST_IDS.map((test) => {
    const before = baseline === undefined ? null : exactValue(test, baseline);
    const after = retest === undefined ? null : exactValue(test, retest);
    const change = before === null || after === null ? null : shown(test, after - before, unit);
    const higherIsBetter = HIGHER_IS_BETTER[test];
    return {
      test,
      label: SELF_TEST_LABELS[test],
      unit: test === "kneeToWall" ? unit : "s",
      baseline: before === null ? null : shown(test, before, unit),
      retest: after === null ? null : shown(test, after, unit),
      change,
      higherIsBetter,
      direction: directionOf(change, higherIsBetter),
    };
  });
}

/** A value with its unit for display: "9.5 cm", "12 s"; a change gets a sign: "+2.5 cm", "-1 s". */
export function formatMeasure(value: number, unit: DistanceUnit | "s", signed = false): string {
  const sign = signed && value > 0 ? "+" : "";
  return `${sign}${String(value)} ${unit}`;
}
