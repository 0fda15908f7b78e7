/**
 * The working load W and the ceiling the RTS chart puts on it. W is 81.1% of a one-rep max (the
 * chart's 5 reps leaving 2), rounded to the nearest loadable weight. Formulas can estimate a max well
 * above the chart's own reading of the same set (100 kg × 1 with 1 in reserve: Mayhew et al. 111.4 kg,
 * the chart 104.7 kg), which would turn 5 reps at W into a set to failure; so W is never more than
 * 2.5% above the chart's prescription for the set (its one-rep max × 81.1%). Where a formula's W would
 * be, the chart's max is used instead; where rounding would still pass the ceiling, W is the heaviest
 * load at or under it. Loads are hundredths of the equipment's unit; this module checks nothing a
 * runner typed and knows nothing about weeks.
 */
import type { Loadables } from "./loadables";
import { loadsAround, nearestLoad } from "./loadables";
import type { SetPerformance } from "./one-rep-max";
import { oneRepMaxFromChart } from "./rts-chart";
import type { Weight } from "./weight";

/** W is set for this many reps … */
export const WORKING_REPS = 5;
/** … leaving this many in reserve … */
export const WORKING_REPS_IN_RESERVE = 2;
/** … at this share of the one-rep max in tenths of a percent: the RTS chart's 81.1% for that set. */
export const WORKING_PERMILLE = 811;
/** How far W may sit above the chart's own prescription, in tenths of a percent of it (2.5%). */
export const WORKING_TOLERANCE_PERMILLE = 25;

/**
 * The chart's one-rep max for a set. The chart stops at 3.5 in reserve; a set with 4 left is read one
 * rep further along the same curve (5 reps leaving 4 as 6 leaving 3), and 10 reps leaving 4, past the
 * curve's end, as 10 leaving 3.5, which can only read the max lower.
 */
export function chartOneRepMax({ weight, reps, repsInReserve }: SetPerformance): Weight {
  return (
    oneRepMaxFromChart(weight, reps, repsInReserve) ??
    oneRepMaxFromChart(weight, reps + 1, repsInReserve - 1) ??
    oneRepMaxFromChart(weight, reps, 3.5) ??
    weight
  );
}

/** The heaviest W the chart allows for a set whose chart max is `chartMax` (hundredths, may be fractional). */
export function workingLoadCeiling(chartMax: number): number {
  return (chartMax * WORKING_PERMILLE * (1000 + WORKING_TOLERANCE_PERMILLE)) / 1_000_000;
}

/** W, and whether it came from the chart's max because the estimate's would pass the ceiling. */
export interface WorkingLoad {
  readonly load: number;
  readonly usesChart: boolean;
}

/**
 * W from the estimate `oneRepMax` within the ceiling of `chartMax`, or undefined when even the
 * lightest load the equipment makes is above the ceiling.
 */
export function workingLoad(loadables: Loadables, oneRepMax: number, chartMax: number): WorkingLoad | undefined {
  const ceiling = workingLoadCeiling(chartMax);
  const usesChart = (oneRepMax * WORKING_PERMILLE) / 1000 > ceiling;
  const nearest = nearestLoad(loadables, ((usesChart ? chartMax : oneRepMax) * WORKING_PERMILLE) / 1000);
  const load = nearest <= ceiling ? nearest : loadsAround(loadables, ceiling)[0];
  return load === undefined ? undefined : { load, usesChart };
}
