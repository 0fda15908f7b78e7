/**
 * Estimated one-rep max from a set short of failure, by the seven published formulas. A set with
 * reps in reserve counts as reps + RIR to failure (capped at 10, where the formulas stop being
 * reliable); one effective rep is the weight itself. Estimates are rounded to the nearest hundredth
 * of the unit. Callers pass a checked set (calculator.ts checks what a runner typed). This module
 * knows no equipment: turning an estimate into a loadable bar is plate math.
 */
import type { Weight } from "./weight";

/**
 * The formulas with their display names and 1RM ÷ weight for r reps to failure: Epley w(1 + r/30),
 * Brzycki 36w/(37 − r), Lander 100w/(101.3 − 2.67123r), Lombardi w·r^0.10, Mayhew et al.
 * 100w/(52.2 + 41.9e^(−0.055r)), O'Conner et al. w(1 + r/40), Wathan 100w/(48.8 + 53.8e^(−0.075r)).
 */
export const ONE_REP_MAX_FORMULAS = [
  { id: "epley", name: "Epley", factor: (r: number) => 1 + r / 30 },
  { id: "brzycki", name: "Brzycki", factor: (r: number) => 36 / (37 - r) },
  { id: "lander", name: "Lander", factor: (r: number) => 100 / (101.3 - 2.67123 * r) },
  { id: "lombardi", name: "Lombardi", factor: (r: number) => r ** 0.1 },
  { id: "mayhew", name: "Mayhew et al.", factor: (r: number) => 100 / (52.2 + 41.9 * Math.exp(-0.055 * r)) },
  { id: "oconner", name: "O'Conner et al.", factor: (r: number) => 1 + r / 40 },
  { id: "wathan", name: "Wathan", factor: (r: number) => 100 / (48.8 + 53.8 * Math.exp(-0.075 * r)) },
] as const;

export type OneRepMaxFormula = (typeof ONE_REP_MAX_FORMULAS)[number]["id"];

/** Above 10 reps no one-rep-max estimate is reliable. */
export const MAX_ESTIMATE_REPS = 10;

/** Most reps in reserve a set may report for an estimate. */
export const MAX_REPS_IN_RESERVE = 4;

/** One set as the runner did it: whole reps 1-10, reps in reserve 0-4 in half steps. */
export interface SetPerformance {
  readonly weight: Weight;
  readonly reps: number;
  readonly repsInReserve: number;
}

/** reps + reps in reserve, capped at 10. */
export function effectiveReps(reps: number, repsInReserve: number): number {
  return Math.min(reps + repsInReserve, MAX_ESTIMATE_REPS);
}

/** 1RM ÷ weight for `reps` reps to failure (1 ≤ reps ≤ 10); exactly 1 at one rep or fewer. */
export function oneRepMaxFactor(formula: OneRepMaxFormula, reps: number): number {
  const entry = ONE_REP_MAX_FORMULAS.find((candidate) => candidate.id === formula);
  return reps > 1 && entry ? entry.factor(reps) : 1;
}

/** Estimated 1RM of a set by `formula`, in the weight's unit. */
export function estimateOneRepMax(set: SetPerformance, formula: OneRepMaxFormula = "epley"): Weight {
  const factor = oneRepMaxFactor(formula, effectiveReps(set.reps, set.repsInReserve));
  return { unit: set.weight.unit, hundredths: Math.round(set.weight.hundredths * factor) };
}

/** Every formula's estimate for one set, and how far they spread. */
export interface OneRepMaxSpread {
  readonly estimates: readonly { readonly formula: OneRepMaxFormula; readonly value: Weight }[];
  readonly min: Weight;
  readonly max: Weight;
}

/** All seven estimates for the set, in `ONE_REP_MAX_FORMULAS` order, with the lowest and highest. */
export function estimateOneRepMaxSpread(set: SetPerformance): OneRepMaxSpread {
  const estimates = ONE_REP_MAX_FORMULAS.map(({ id }) => ({ formula: id, value: estimateOneRepMax(set, id) }));
  const hundredths = estimates.map((entry) => entry.value.hundredths);
  const { unit } = set.weight;
  return {
    estimates,
    min: { unit, hundredths: Math.min(...hundredths) },
    max: { unit, hundredths: Math.max(...hundredths) },
  };
}
