/**
 * Estimated one-rep max from a set short of failure, by the seven published formulas. A set with
 * reps in reserve counts as reps + RIR to failure (capped at 10, where the formulas stop being
 * reliable); one effective rep is the weight itself. Estimates are rounded to the nearest hundredth
 * of the unit. This module knows no equipment: turning an estimate into a loadable bar is plate math.
 */
import { failWith, ok } from "./result";
import type { Result } from "./result";
import { checkSet, MAX_ESTIMATE_REPS } from "./set-performance";
import type { SetPerformance } from "./set-performance";
import type { Weight } from "./weight";

export type OneRepMaxFormula = "epley" | "brzycki" | "lander" | "lombardi" | "mayhew" | "oconner" | "wathan";

/** The formulas with their display names and equations (w = weight, r = reps), for a table or picker. */
export const ONE_REP_MAX_FORMULAS: readonly {
  readonly id: OneRepMaxFormula;
  readonly name: string;
  readonly equation: string;
}[] = [
  { id: "epley", name: "Epley", equation: "w × (1 + r/30)" },
  { id: "brzycki", name: "Brzycki", equation: "w × 36 / (37 − r)" },
  { id: "lander", name: "Lander", equation: "100 × w / (101.3 − 2.67123 × r)" },
  { id: "lombardi", name: "Lombardi", equation: "w × r^0.10" },
  { id: "mayhew", name: "Mayhew et al.", equation: "100 × w / (52.2 + 41.9 × e^(−0.055 r))" },
  { id: "oconner", name: "O'Conner et al.", equation: "w × (1 + r/40)" },
  { id: "wathan", name: "Wathan", equation: "100 × w / (48.8 + 53.8 × e^(−0.075 r))" },
];

export const DEFAULT_FORMULA: OneRepMaxFormula = "epley";

/** Most reps in reserve a set may report for an estimate. */
export const MAX_REPS_IN_RESERVE = 4;

/** A set plus the formula to apply (Epley when omitted). */
export interface OneRepMaxInput extends SetPerformance {
  readonly formula?: OneRepMaxFormula;
}

/** reps + reps in reserve, capped at 10. */
export function effectiveReps(reps: number, repsInReserve: number): number {
  return Math.min(reps + repsInReserve, MAX_ESTIMATE_REPS);
}

/** 1RM ÷ weight for `reps` reps to failure (1 ≤ reps ≤ 10); exactly 1 at one rep or fewer. */
export function oneRepMaxFactor(formula: OneRepMaxFormula, reps: number): number {
  if (reps <= 1) return 1;
  switch (formula) {
    case "epley":
      return 1 + reps / 30;
    case "brzycki":
      return 36 / (37 - reps);
    case "lander":
      return 100 / (101.3 - 2.67123 * reps);
    case "lombardi":
      return reps ** 0.1;
    case "mayhew":
      return 100 / (52.2 + 41.9 * Math.exp(-0.055 * reps));
    case "oconner":
      return 1 + reps / 40;
    case "wathan":
      return 100 / (48.8 + 53.8 * Math.exp(-0.075 * reps));
  }
}

function isFormula(value: unknown): value is OneRepMaxFormula {
  return ONE_REP_MAX_FORMULAS.some((entry) => entry.id === value);
}

/** Estimated 1RM in the weight's unit; a field error for reps outside 1-10, RIR outside 0-4, etc. */
export function estimateOneRepMax(input: OneRepMaxInput): Result<Weight> {
  const formula = input.formula ?? DEFAULT_FORMULA;
  if (!isFormula(formula)) {
    return failWith({ field: "formula", message: "Choose one of the listed formulas." });
  }
  const checked = checkSet(input, { maxRepsInReserve: MAX_REPS_IN_RESERVE });
  if (!checked.ok) return failWith(checked.error);
  const { weight, reps, repsInReserve } = checked.value;
  const factor = oneRepMaxFactor(formula, effectiveReps(reps, repsInReserve));
  return ok({ unit: weight.unit, hundredths: Math.round(weight.hundredths * factor) });
}

/** Every formula's estimate for one set, and how far they spread. */
export interface OneRepMaxSpread {
  readonly estimates: readonly { readonly formula: OneRepMaxFormula; readonly value: Weight }[];
  readonly min: Weight;
  readonly max: Weight;
}

/** All seven estimates for the set, in `ONE_REP_MAX_FORMULAS` order, with the lowest and highest. */
export function estimateOneRepMaxSpread(set: SetPerformance): Result<OneRepMaxSpread> {
  const estimates: { formula: OneRepMaxFormula; value: Weight }[] = [];
  for (const { id } of ONE_REP_MAX_FORMULAS) {
    const estimate = estimateOneRepMax({ ...set, formula: id });
    if (!estimate.ok) return failWith(estimate.error);
    estimates.push({ formula: id, value: estimate.value });
  }
  const sorted = estimates.map((entry) => entry.value).sort((a, b) => a.hundredths - b.hundredths);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === undefined || max === undefined) {
    return failWith({ field: "formula", message: "No formula is available." });
  }
  return ok({ estimates, min, max });
}
