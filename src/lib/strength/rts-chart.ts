/**
 * The RTS percent-of-max chart (Reactive Training Systems): the share of a one-rep max a lifter can
 * move for 1-10 reps at RPE 6.5-10, as the site's reference prints it, so a page can render it as a
 * table and the articles can cite it. RPE 10 leaves no reps in reserve, RPE 9 one, and so on. The
 * chart is one curve of reps + RIR, and it is stored as that curve. Lookups off the chart give
 * undefined rather than a guess. This module knows nothing about plates or rounding to what a bar can hold; loads it returns
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

/**
 * The chart as the one curve it is: percent of 1RM for reps + RIR = 1, 1.5, 2, … 13.5 (the entry for
 * reps + RIR = t is at index 2t − 2). Every cell of the printed chart is read from it.
 */
export const RTS_CURVE: readonly number[] = [
  100, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3,
  70.7, 69.4, 68.0, 66.7, 65.3, 64.0,
];

/** The chart's rows, from RPE 10 down to 6.5, as the reference prints them. */
export const RTS_CHART: readonly RtsChartRow[] = /* @__PURE__ */ chartRows();

function chartRows(): RtsChartRow[] {
  return [10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5].map((rpe) => ({
    rpe,
    repsInReserve: 10 - rpe,
    percents: RTS_CHART_REPS.map((reps) => RTS_CURVE[2 * (reps + 10 - rpe) - 2] ?? 0),
  }));
}

/** Percent of 1RM (e.g. 81.1) for `reps` whole reps (1-10) leaving `repsInReserve` (0-3.5, halves). */
export function percentOfMax(reps: number, repsInReserve: number): number | undefined {
  const onChart =
    Number.isInteger(reps) && reps >= 1 && reps <= 10 && Number.isInteger(repsInReserve * 2) && repsInReserve >= 0;
  return onChart && repsInReserve <= 3.5 ? RTS_CURVE[2 * (reps + repsInReserve) - 2] : undefined;
}

/**
 * The reps in reserve the chart gives for a set of `reps` (1-10) at `percent` of the one-rep max: the
 * half step whose point on the curve lies nearest, a tie going to fewer in reserve. Read along the
 * curve, a light set goes past the chart's 3.5 row (3 reps at 81.1% is 4 in reserve, the point for 7
 * reps to failure); the curve ends at reps + RIR = 13.5 (64%), so anything lighter reads as that. A
 * set heavier than the curve's point for failure reads as 0.
 */
export function repsInReserveAt(reps: number, percent: number): number {
  let best = 0;
  let gap = Infinity;
  RTS_CURVE.forEach((point, index) => {
    const rir = index / 2 + 1 - reps;
    // Points come in rising reps in reserve, so a tie keeps the smaller.
    if (rir >= 0 && Math.abs(point - percent) < gap) {
      best = rir;
      gap = Math.abs(point - percent);
    }
  });
  return best;
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
