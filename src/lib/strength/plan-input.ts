/**
 * What a runner asks the plan builder for, and the checks that turn it into settings with defaults
 * filled in: weeks 4-16 (8), sets 3-5 (3), sessions a week 1-3 (2), ISO dates with the race after
 * the start. Each failure names the field. It does not build plans or know about loads beyond
 * checking that a one-rep max is a sensible weight.
 */
import type { Equipment } from "./equipment";
import { validateEquipment } from "./equipment";
import { parseIsoDate } from "./calendar";
import { fail, failWith, ok } from "./result";
import type { Result } from "./result";
import { weightProblem } from "./weight";
import type { Weight } from "./weight";

/** base: build strength; inSeason: hold it once a week; neverLifted: learn the patterns first. */
export type PlanPhase = "base" | "inSeason" | "neverLifted";

/** Options shared by every phase. Dates are ISO "YYYY-MM-DD"; a race date needs a start date. */
export interface PlanOptions {
  readonly equipment: Equipment;
  readonly weeks?: number;
  readonly sets?: number;
  readonly sessionsPerWeek?: number;
  readonly startDate?: string;
  readonly raceDate?: string;
}

/** The plan request. Lifters give a one-rep max (estimated or tested); beginners need none. */
export type PlanInput =
  | (PlanOptions & { readonly phase: "base" | "inSeason"; readonly oneRepMax: Weight })
  | (PlanOptions & { readonly phase: "neverLifted" });

/** Checked settings with defaults applied; dates are day numbers. */
export interface PlanSettings {
  readonly phase: PlanPhase;
  readonly oneRepMax: Weight | null;
  readonly equipment: Equipment;
  readonly weeks: number;
  readonly sets: number;
  readonly sessionsPerWeek: number;
  readonly start: number | null;
  readonly race: number | null;
}

export const PLAN_DEFAULTS = { weeks: 8, sets: 3, sessionsPerWeek: 2 } as const;
export const PLAN_LIMITS = {
  weeks: { min: 4, max: 16 },
  sets: { min: 3, max: 5 },
  sessionsPerWeek: { min: 1, max: 3 },
} as const;

/** The settings, or the first problem with the input. */
export function checkPlanInput(input: PlanInput): Result<PlanSettings> {
  const phase: unknown = input.phase;
  if (phase !== "base" && phase !== "inSeason" && phase !== "neverLifted") {
    return fail("phase", "Choose base phase, in season, or never lifted.");
  }
  let oneRepMax: Weight | null = null;
  if (input.phase !== "neverLifted") {
    const problem = weightProblem(input.oneRepMax, "one-rep max");
    if (problem !== undefined) return fail("oneRepMax", problem);
    oneRepMax = input.oneRepMax;
  }
  const equipment = validateEquipment(input.equipment);
  if (!equipment.ok) return failWith({ ...equipment.error, field: `equipment.${equipment.error.field}` });
  const weeks = wholeNumber(input.weeks, "weeks", PLAN_DEFAULTS.weeks, PLAN_LIMITS.weeks, "weeks");
  if (!weeks.ok) return weeks;
  const sets = wholeNumber(input.sets, "sets", PLAN_DEFAULTS.sets, PLAN_LIMITS.sets, "sets");
  if (!sets.ok) return sets;
  const sessions = wholeNumber(
    input.sessionsPerWeek,
    "sessionsPerWeek",
    PLAN_DEFAULTS.sessionsPerWeek,
    PLAN_LIMITS.sessionsPerWeek,
    "sessions a week",
  );
  if (!sessions.ok) return sessions;
  const dates = checkDates(input.startDate, input.raceDate);
  if (!dates.ok) return dates;
  return ok({
    phase: input.phase,
    oneRepMax,
    equipment: input.equipment,
    weeks: weeks.value,
    sets: sets.value,
    sessionsPerWeek: sessions.value,
    start: dates.value.start,
    race: dates.value.race,
  });
}

function wholeNumber(
  value: number | undefined,
  field: string,
  fallback: number,
  limits: { readonly min: number; readonly max: number },
  what: string,
): Result<number> {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < limits.min || chosen > limits.max) {
    return fail(field, `Choose ${limits.min.toString()} to ${limits.max.toString()} ${what}.`);
  }
  return ok(chosen);
}

function checkDates(
  startDate: string | undefined,
  raceDate: string | undefined,
): Result<{ start: number | null; race: number | null }> {
  const start = startDate === undefined ? null : parseIsoDate(startDate);
  if (start === undefined) return fail("startDate", "Enter the start date as YYYY-MM-DD, like 2025-03-03.");
  const race = raceDate === undefined ? null : parseIsoDate(raceDate);
  if (race === undefined) return fail("raceDate", "Enter the race date as YYYY-MM-DD, like 2025-06-14.");
  if (race !== null && start === null)
    return fail("startDate", "Enter a start date so the plan can count back from the race.");
  if (race !== null && start !== null && race <= start) {
    return fail("raceDate", "The race date must be after the plan's start date.");
  }
  return ok({ start, race });
}
