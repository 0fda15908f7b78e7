/**
 * The shape of a training plan: one row per week with what to lift, and the step that turns a draft
 * week (loads as hundredths) into a row with a weight, its plates or dumbbells, and a start date. It
 * does not decide what a week contains; the phase and race modules do.
 */
import { formatIsoDate } from "./calendar";
import type { LoadSetup } from "./equipment";
import type { Loadables } from "./loadables";
import type { PlanPhase } from "./plan-input";
import type { Weight, WeightUnit } from "./weight";

/**
 * bodyweight: pattern practice, no load. technique: first weeks with the bar, a step per session.
 * build / deload: the base phase's 3-week climb and lighter fourth week. maintain: in season.
 * taper: last, light lifting week before a race. rest: no lifting (the days before a race).
 */
export type PlanRowKind = "bodyweight" | "technique" | "build" | "deload" | "maintain" | "taper" | "rest";

/** One week of the plan. `load` is per hand for dumbbells; null when no external load is lifted. */
export interface PlanRow {
  readonly week: number;
  /** The week's first day, YYYY-MM-DD, when the plan has a start date. */
  readonly startDate?: string;
  readonly kind: PlanRowKind;
  readonly sessions: number;
  readonly sets: number;
  readonly reps: number;
  readonly load: Weight | null;
  readonly setup: LoadSetup | null;
  readonly note: string;
}

/** A finished plan. */
export interface Plan {
  readonly phase: PlanPhase;
  readonly unit: WeightUnit;
  /** The working load W (base, in season) or the starting load (never lifted). */
  readonly workingLoad: Weight;
  /** Rest between working sets, in seconds. */
  readonly restSeconds: number;
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

/** The row for a draft week; weeks start every 7 days from `start` when there is one. */
export function toPlanRow(draft: DraftWeek, loadables: Loadables, start: number | null): PlanRow {
  const { unit } = loadables;
  const load = draft.load === null ? null : { unit, hundredths: draft.load };
  const setup = draft.load === null ? null : (loadables.setup(draft.load) ?? null);
  const row = {
    week: draft.week,
    kind: draft.kind,
    sessions: draft.sessions,
    sets: draft.sets,
    reps: draft.reps,
    load,
    setup,
    note: draft.note,
  };
  return start === null ? row : { ...row, startDate: formatIsoDate(start + 7 * (draft.week - 1)) };
}
