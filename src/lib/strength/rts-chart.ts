/**
 * The RTS percent-of-max chart (Reactive Training Systems): the share of a one-rep max a lifter can
 * move for 1-10 reps at RPE 6.5-10, stored exactly as the site's reference prints it so a page can
 * render it as a table and the articles can cite it. RPE 10 leaves no reps in reserve, RPE 9 one, and
 * so on. The chart is one curve of reps + RIR. Lookups off the chart give undefined rather than a
 * guess. This module knows nothing about plates or rounding to what a bar can hold; loads it returns
 * are exact to the hundredth of the unit.
 */
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

/** Percent of 1RM (e.g. 81.1) for `reps` whole reps (1-10) leaving `repsInReserve` (0-3.5, halves). */
export function percentOfMax(reps: number, repsInReserve: number): number | undefined {
  return RTS_CHART.find((row) => row.repsInReserve === repsInReserve)?.percents[reps - 1];
}

/** The load for `reps` reps leaving `repsInReserve`: 1RM × percent, to the nearest hundredth. */
export function loadForReps(oneRepMax: Weight, reps: number, repsInReserve: number): Weight | undefined {
  const permille = permilleOfMax(reps, repsInReserve);
  return permille === undefined
    ? undefined
    : { unit: oneRepMax.unit, hundredths: Math.round((oneRepMax.hundredths * permille) / 1000) };
}

/** The chart's 1RM estimate for `reps` reps of `weight` leaving `repsInReserve`: load ÷ percent. */
export function oneRepMaxFromChart(weight: Weight, reps: number, repsInReserve: number): Weight | undefined {
  const permille = permilleOfMax(reps, repsInReserve);
  return permille === undefined
    ? undefined
    : { unit: weight.unit, hundredths: Math.round((weight.hundredths * 1000) / permille) };
}

// Tenths of a percent (81.1 → 811) keep the arithmetic exact.
function permilleOfMax(reps: number, repsInReserve: number): number | undefined {
  const percent = percentOfMax(reps, repsInReserve);
  return percent === undefined ? undefined : Math.round(percent * 10);
}
