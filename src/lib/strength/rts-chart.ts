/**
 * The RTS percent-of-max chart (Reactive Training Systems): the share of a one-rep max a lifter can
 * move for 1-10 reps at RPE 6.5-10, stored exactly as the site's reference prints it so a page can
 * render it as a table and the articles can cite it. RPE 10 leaves no reps in reserve, RPE 9 one, and
 * so on. The chart is one curve of reps + RIR. This module knows nothing about plates or rounding to
 * what a bar can hold; loads it returns are exact to the hundredth of the unit.
 */
import { fail, failWith, ok } from "./result";
import type { FieldError, Result } from "./result";
import { checkSet } from "./set-performance";
import type { SetPerformance } from "./set-performance";
import { weightProblem } from "./weight";
import type { Weight } from "./weight";

/** One RPE row: percent of 1RM for 1, 2, … 10 reps. */
export interface RtsChartRow {
  readonly rpe: number;
  readonly repsInReserve: number;
  readonly percents: readonly number[];
}

/** Which chart this is, for a caption: other sites publish slightly different ones. */
export const RTS_CHART_SOURCE = "RTS (Reactive Training Systems) RPE chart";

/** The chart's column headings. */
export const RTS_CHART_REPS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Rows from RPE 10 down to 6.5, as in the reference. */
export const RTS_CHART: readonly RtsChartRow[] = [
  { rpe: 10, repsInReserve: 0, percents: [100, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9] },
  { rpe: 9.5, repsInReserve: 0.5, percents: [97.8, 93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3] },
  { rpe: 9, repsInReserve: 1, percents: [95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7] },
  { rpe: 8.5, repsInReserve: 1.5, percents: [93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4] },
  { rpe: 8, repsInReserve: 2, percents: [92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0] },
  { rpe: 7.5, repsInReserve: 2.5, percents: [90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7] },
  { rpe: 7, repsInReserve: 3, percents: [89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3] },
  { rpe: 6.5, repsInReserve: 3.5, percents: [87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0] },
];

/** Most reps in reserve the chart covers (RPE 6.5). */
export const RTS_MAX_REPS_IN_RESERVE = 3.5;

/** Percent of 1RM (e.g. 81.1) for `reps` reps (whole, 1-10) leaving `repsInReserve` (0-3.5, halves). */
export function percentOfMax(reps: number, repsInReserve: number): Result<number> {
  const problem = chartProblem(reps, repsInReserve);
  if (problem !== undefined) return failWith(problem);
  const row = RTS_CHART.find((entry) => entry.repsInReserve === repsInReserve);
  const percent = row?.percents[reps - 1];
  if (percent === undefined) return fail("reps", "That combination is not on the chart.");
  return ok(percent);
}

/** The chart value in tenths of a percent (81.1 → 811), exact for arithmetic. */
export function permilleOfMax(reps: number, repsInReserve: number): Result<number> {
  const percent = percentOfMax(reps, repsInReserve);
  return percent.ok ? ok(Math.round(percent.value * 10)) : percent;
}

/** The load for `reps` reps leaving `repsInReserve`: 1RM × percent, to the nearest hundredth. */
export function loadForReps(oneRepMax: Weight, reps: number, repsInReserve: number): Result<Weight> {
  const weightIssue = weightProblem(oneRepMax, "one-rep max");
  if (weightIssue !== undefined) return fail("oneRepMax", weightIssue);
  const permille = permilleOfMax(reps, repsInReserve);
  if (!permille.ok) return permille;
  return ok({
    unit: oneRepMax.unit,
    hundredths: Math.round((oneRepMax.hundredths * permille.value) / 1000),
  });
}

/** The chart's 1RM estimate for a set: load ÷ percent, to the nearest hundredth. */
export function oneRepMaxFromChart(set: SetPerformance): Result<Weight> {
  const checked = checkSet(set, chartLimits);
  if (!checked.ok) return failWith(checked.error);
  const { weight, reps, repsInReserve } = checked.value;
  const permille = permilleOfMax(reps, repsInReserve);
  if (!permille.ok) return permille;
  return ok({
    unit: weight.unit,
    hundredths: Math.round((weight.hundredths * 1000) / permille.value),
  });
}

const chartLimits = { maxRepsInReserve: RTS_MAX_REPS_IN_RESERVE };

function chartProblem(reps: number, repsInReserve: number): FieldError | undefined {
  if (!Number.isInteger(reps) || reps < 1 || reps > 10) {
    return { field: "reps", message: "The chart covers 1 to 10 reps: enter a whole number in that range." };
  }
  if (
    !Number.isFinite(repsInReserve) ||
    repsInReserve < 0 ||
    repsInReserve > RTS_MAX_REPS_IN_RESERVE ||
    !Number.isInteger(repsInReserve * 2)
  ) {
    return {
      field: "repsInReserve",
      message: "The chart covers 0 to 3.5 reps in reserve (RPE 10 to 6.5), in steps of 0.5.",
    };
  }
  return undefined;
}
