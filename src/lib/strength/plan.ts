/**
 * Builds the coach's strength plan for a runner. The working load W comes from working-load.ts (81.1%
 * of the one-rep max, within 2.5% of the RTS chart's prescription for the runner's set); the phase
 * decides the weeks, a goal race trims them, and each row carries the reps in reserve the chart gives
 * for it. A beginner's plan ends by sending the runner to enter a recent set and goes no further.
 * Pure: dates are day numbers (src/lib/calendar) passed in, never read from a clock. Callers pass a checked
 * request (calculator.ts is the boundary that checks what a runner typed). It does not pick exercises
 * or remember progress between visits.
 */
import { formatIsoDate } from "../calendar/civil-date";
import type { Equipment } from "./equipment";
import { loadablesOf } from "./loadables";
import { BODYWEIGHT_WEEKS, baseWeeks, inSeasonWeeks, neverLiftedWeeks } from "./plan-phases";
import { fitToRace } from "./plan-race";
import type { Plan, PlanRow } from "./plan-row";
import { repsInReserveAt } from "./rts-chart";
import type { Weight } from "./weight";
import { WORKING_REPS, workingLoad } from "./working-load";

/** A base-phase block rises only while its sets of 5 (WORKING_REPS) keep at least this many in reserve. */
export const BLOCK_MIN_REPS_IN_RESERVE = 1;

/** Weeks 4-16, sets 3-5, sessions a week 1-3; day numbers with the race, if any, after the start. */
interface PlanOptions {
  readonly equipment: Equipment;
  readonly weeks: number;
  readonly sets: number;
  readonly sessionsPerWeek: number;
  readonly start: number;
  readonly race: number | null;
}

/**
 * The plan request. Lifters give the one-rep max estimate in the equipment's unit and, from the same
 * set, the chart's one-rep max (chartOneRepMax in working-load.ts; the estimate when not given),
 * which bounds W and is what reps in reserve are read against. Beginners give how many bodyweight weeks
 * (4-8, default 4).
 */
export type PlanRequest =
  | (PlanOptions & { readonly phase: "base" | "inSeason"; readonly oneRepMax: Weight; readonly chartMax?: Weight })
  | (PlanOptions & { readonly phase: "neverLifted"; readonly bodyweightWeeks?: number });

/** What the last row of a beginner's plan tells the runner to do next. */
export const BEGINNER_NEXT = {
  loaded: "Plan ends: enter a recent set above to switch to the base plan.",
  bodyweight: "Plan ends: add load once the patterns feel natural.",
} as const;

/**
 * The plan for a checked request, or undefined when even the lightest load the equipment makes is
 * heavier than the chart allows as W for the runner's set.
 */
export function buildPlan(request: PlanRequest): Plan | undefined {
  const { equipment, weeks, sets, sessionsPerWeek: sessions, start, race } = request;
  const loadables = loadablesOf(equipment);
  const { unit } = loadables;
  const lifter = request.phase !== "neverLifted";
  const chartMax = lifter ? (request.chartMax ?? request.oneRepMax).hundredths : 0;
  const working = lifter
    ? workingLoad(loadables, request.oneRepMax.hundredths, chartMax)
    : { load: loadables.loads[0] ?? 0, usesChart: false };
  if (!working) return undefined;
  const drafts =
    request.phase === "neverLifted"
      ? neverLiftedWeeks(
          loadables,
          weeks,
          sets,
          sessions,
          request.bodyweightWeeks ?? BODYWEIGHT_WEEKS.usual,
          equipment.kind === "dumbbells" ? "the lightest dumbbells" : "the empty bar",
        )
      : request.phase === "base"
        ? baseWeeks(loadables, working.load, weeks, sets, sessions, (load) => {
            return repsInReserveAt(WORKING_REPS, (load * 100) / chartMax) >= BLOCK_MIN_REPS_IN_RESERVE;
          })
        : inSeasonWeeks(working.load, weeks);
  const rows = (race === null ? drafts : fitToRace(drafts, loadables, start, race)).map(
    ({ week, kind, sessions, sets, reps, load, note }): PlanRow => ({
      week,
      startDate: formatIsoDate(start + 7 * (week - 1)),
      kind,
      sessions,
      sets,
      reps,
      load: load === null ? null : { unit, hundredths: load },
      setup: load === null ? null : (loadables.setup(load) ?? null),
      repsInReserve: load === null || !lifter ? null : repsInReserveAt(reps, (load * 100) / chartMax),
      note,
    }),
  );
  const last = rows[rows.length - 1];
  if (!lifter && last) {
    const next = rows.some((row) => row.load) ? BEGINNER_NEXT.loaded : BEGINNER_NEXT.bodyweight;
    rows[rows.length - 1] = { ...last, note: `${last.note} ${next}` };
  }
  return {
    workingLoad: { unit, hundredths: working.load },
    chartMax: working.usesChart ? { unit, hundredths: chartMax } : null,
    rows,
  };
}
