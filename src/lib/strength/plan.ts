/**
 * Builds the coach's strength plan for a runner. The working load W is the one-rep max × the RTS
 * chart's percent for 5 reps with 2 in reserve (81.1%), rounded to the nearest loadable weight; the
 * phase decides the weeks and a goal race trims them. Pure: dates are day numbers (src/lib/calendar) passed
 * in, never read from a clock. Callers pass a checked request (calculator.ts is the boundary that
 * checks what a runner typed). It does not pick exercises or remember progress between visits.
 */
import { formatIsoDate } from "../calendar/civil-date";
import type { Equipment } from "./equipment";
import { loadablesOf, nearestLoad } from "./loadables";
import { baseWeeks, inSeasonWeeks, neverLiftedWeeks } from "./plan-phases";
import { fitToRace } from "./plan-race";
import type { Plan } from "./plan-row";
import type { Weight } from "./weight";

/** W is set for this many reps … */
export const WORKING_REPS = 5;
/** … leaving this many in reserve … */
export const WORKING_REPS_IN_RESERVE = 2;
/** … at this share of the one-rep max in tenths of a percent: the RTS chart's 81.1% for that set. */
export const WORKING_PERMILLE = 811;

/** Weeks 4-16, sets 3-5, sessions a week 1-3; day numbers with the race, if any, after the start. */
interface PlanOptions {
  readonly equipment: Equipment;
  readonly weeks: number;
  readonly sets: number;
  readonly sessionsPerWeek: number;
  readonly start: number;
  readonly race: number | null;
}

/** The plan request. Lifters give a one-rep max in the equipment's unit; beginners need none. */
export type PlanRequest =
  | (PlanOptions & { readonly phase: "base" | "inSeason"; readonly oneRepMax: Weight })
  | (PlanOptions & { readonly phase: "neverLifted" });

/** The plan for a checked request. */
export function buildPlan(request: PlanRequest): Plan {
  const { equipment, weeks, sets, sessionsPerWeek: sessions, start, race } = request;
  const loadables = loadablesOf(equipment);
  const { unit, loads } = loadables;
  const working =
    request.phase === "neverLifted"
      ? (loads[0] ?? 0)
      : nearestLoad(loadables, (request.oneRepMax.hundredths * WORKING_PERMILLE) / 1000);
  const drafts =
    request.phase === "base"
      ? baseWeeks(loadables, working, weeks, sets, sessions)
      : request.phase === "inSeason"
        ? inSeasonWeeks(working, weeks)
        : neverLiftedWeeks(
            loadables,
            weeks,
            sets,
            sessions,
            equipment.kind === "dumbbells" ? "the lightest dumbbells" : "the empty bar",
          );
  return {
    workingLoad: { unit, hundredths: working },
    rows: (race === null ? drafts : fitToRace(drafts, loadables, start, race)).map((draft) => ({
      week: draft.week,
      startDate: formatIsoDate(start + 7 * (draft.week - 1)),
      kind: draft.kind,
      sessions: draft.sessions,
      sets: draft.sets,
      reps: draft.reps,
      load: draft.load === null ? null : { unit, hundredths: draft.load },
      setup: draft.load === null ? null : (loadables.setup(draft.load) ?? null),
      note: draft.note,
    })),
  };
}
