/**
 * Builds the coach's strength plan for a runner. The working load W is the one-rep max × the chart's
 * percent for 5 reps with 2 in reserve (81.1%), rounded to the nearest loadable weight; the phase
 * decides the weeks and a goal race trims them. Pure: dates come in as ISO strings with a start date,
 * never from a clock. It does not pick exercises or remember progress between visits.
 */
import { loadablesOf, nearestLoad } from "./loadables";
import { checkPlanInput } from "./plan-input";
import type { PlanInput, PlanSettings } from "./plan-input";
import { baseWeeks, inSeasonWeeks, neverLiftedWeeks } from "./plan-phases";
import { fitToRace } from "./plan-race";
import { toPlanRow } from "./plan-row";
import type { DraftWeek, Plan } from "./plan-row";
import { REST_BETWEEN_SETS_SECONDS } from "./rest-timer";
import { failWith, ok } from "./result";
import type { Result } from "./result";
import { permilleOfMax } from "./rts-chart";
import type { Loadables } from "./loadables";
import { convertWeight } from "./weight";

/** W is set for this many reps … */
export const WORKING_REPS = 5;
/** … leaving this many in reserve. */
export const WORKING_REPS_IN_RESERVE = 2;

/** The plan, or the first problem with the input (naming the field). */
export function buildPlan(input: PlanInput): Result<Plan> {
  const checked = checkPlanInput(input);
  if (!checked.ok) return failWith(checked.error);
  const settings = checked.value;
  const loadables = loadablesOf(settings.equipment);
  const working = workingLoad(settings, loadables);
  if (!working.ok) return failWith(working.error);
  const drafts = phaseWeeks(settings, loadables, working.value);
  const { start, race } = settings;
  const fitted = start !== null && race !== null ? fitToRace(drafts, loadables, start, race) : drafts;
  return ok({
    phase: settings.phase,
    unit: loadables.unit,
    workingLoad: { unit: loadables.unit, hundredths: working.value },
    restSeconds: REST_BETWEEN_SETS_SECONDS,
    rows: fitted.map((draft) => toPlanRow(draft, loadables, start)),
  });
}

function workingLoad(settings: PlanSettings, loadables: Loadables): Result<number> {
  if (settings.oneRepMax === null) return ok(loadables.min);
  const permille = permilleOfMax(WORKING_REPS, WORKING_REPS_IN_RESERVE);
  if (!permille.ok) return permille;
  const max = convertWeight(settings.oneRepMax, loadables.unit).hundredths;
  return ok(nearestLoad(loadables, (max * permille.value) / 1000));
}

function phaseWeeks(settings: PlanSettings, loadables: Loadables, working: number): DraftWeek[] {
  switch (settings.phase) {
    case "base":
      return baseWeeks(loadables, working, settings.weeks, settings.sets, settings.sessionsPerWeek);
    case "inSeason":
      return inSeasonWeeks(working, settings.weeks);
    case "neverLifted":
      return neverLiftedWeeks(
        loadables,
        settings.weeks,
        settings.sets,
        settings.sessionsPerWeek,
        settings.equipment.kind === "dumbbells" ? "the lightest dumbbells" : "the empty bar",
      );
  }
}
