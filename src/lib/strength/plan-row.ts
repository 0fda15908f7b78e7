/**
 * The shape of a training plan: one row per week with what to lift, and the draft week (loads as
 * hundredths) the phase and race modules produce before buildPlan dresses it with a weight, its
 * plates or dumbbells, and a start date. Types only; it decides nothing about what a week contains.
 */
import type { LoadSetup } from "./equipment";
import type { Weight } from "./weight";

/** base: build strength; inSeason: hold it once a week; neverLifted: learn the patterns first. */
export type PlanPhase = "base" | "inSeason" | "neverLifted";

/**
 * bodyweight: pattern practice, no load. technique: a beginner's loaded weeks, at most a step a week.
 * build / deload: the base phase's 3-week climb and lighter fourth week (deload is also a beginner's
 * lighter week). maintain: in season, and every phase's weeks from three weeks before a race.
 * taper: last, light lifting week before a race. rest: no lifting (the days before a race).
 */
export type PlanRowKind = "bodyweight" | "technique" | "build" | "deload" | "maintain" | "taper" | "rest";

/** One week of the plan. `load` is per hand for dumbbells; null when no external load is lifted. */
export interface PlanRow {
  readonly week: number;
  /** The week's first day, YYYY-MM-DD. */
  readonly startDate: string;
  readonly kind: PlanRowKind;
  readonly sessions: number;
  readonly sets: number;
  readonly reps: number;
  readonly load: Weight | null;
  readonly setup: LoadSetup | null;
  /**
   * Reps in reserve the RTS chart gives for `reps` at `load` against the chart's one-rep max of the
   * runner's set; null when there is no set to read it from (no load, or a beginner's plan).
   */
  readonly repsInReserve: number | null;
  readonly note: string;
}

/** A finished plan. */
export interface Plan {
  /** The working load W (base, in season) or the starting load (never lifted). */
  readonly workingLoad: Weight;
  /** The one-rep max W was taken from when it is the chart's, because the estimate's W was too heavy. */
  readonly chartMax: Weight | null;
  readonly rows: readonly PlanRow[];
}

/** A week before it is dressed with weights and dates. `current` is the week's reference load. */
export interface DraftWeek {
  readonly week: number;
  readonly kind: PlanRowKind;
  readonly sessions: number;
  readonly sets: number;
  readonly reps: number;
  readonly load: number | null;
  readonly current: number | null;
  readonly note: string;
}
