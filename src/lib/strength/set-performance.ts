/**
 * What a runner reports about one set (weight, reps, reps left in reserve) and the checks that make
 * it safe to estimate from. It knows the ranges the estimates are valid for; it does not estimate.
 */
import { fail, ok } from "./result";
import type { Result } from "./result";
import { weightProblem } from "./weight";
import type { Weight } from "./weight";

/** One set as the runner did it. `repsInReserve` is how many more clean reps were left (0 by default). */
export interface SetPerformance {
  readonly weight: Weight;
  readonly reps: number;
  readonly repsInReserve?: number;
}

/** Above 10 reps no one-rep-max estimate is reliable. */
export const MAX_ESTIMATE_REPS = 10;

/** The ranges a set is checked against. */
export interface SetLimits {
  /** Highest reps in reserve accepted (half steps). */
  readonly maxRepsInReserve: number;
}

/** A checked set: weight, reps, and reps in reserve with its default filled in. */
export interface CheckedSet {
  readonly weight: Weight;
  readonly reps: number;
  readonly repsInReserve: number;
}

/** Checks weight (more than 0, at most 1000 kg), reps (whole, 1-10) and reps in reserve (half steps). */
export function checkSet(set: SetPerformance, limits: SetLimits): Result<CheckedSet> {
  const weightIssue = weightProblem(set.weight, "weight");
  if (weightIssue !== undefined) return fail("weight", weightIssue);
  const { reps } = set;
  if (!Number.isInteger(reps) || reps < 1 || reps > MAX_ESTIMATE_REPS) {
    return fail(
      "reps",
      `Enter the reps you completed as a whole number from 1 to ${MAX_ESTIMATE_REPS.toString()}: past 10 reps the estimate is not reliable.`,
    );
  }
  const repsInReserve = set.repsInReserve ?? 0;
  const max = limits.maxRepsInReserve;
  if (
    !Number.isFinite(repsInReserve) ||
    repsInReserve < 0 ||
    repsInReserve > max ||
    !Number.isInteger(repsInReserve * 2)
  ) {
    return fail(
      "repsInReserve",
      `Reps in reserve must be between 0 and ${max.toString()}, in steps of 0.5 (how many more clean reps you had left).`,
    );
  }
  return ok({ weight: set.weight, reps, repsInReserve });
}
