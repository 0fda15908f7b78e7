/**
 * Everything the load calculator shows, from its inputs: the estimated one-rep max and its spread
 * over the seven formulas, the plan (with the RTS chart's one-rep max of the same set bounding its
 * working load), and the first week's warm-up; or, for each wrong input, a
 * message for the field that caused it (and no numbers at all, so nothing wrong is ever shown).
 * This is the strength domain's one boundary: it parses and checks everything a runner typed, in the
 * order the fields are read, so the modules behind it take checked values and do not check again.
 * Pure: today's date is passed in. It knows nothing of the DOM, the address bar or storage.
 */
import { parseIsoDate } from "../calendar/civil-date";
import type { CalculatorField, CalculatorInputs, Tool } from "./calculator-inputs";
import { toolOf } from "./calculator-inputs";
import type { BarEquipment, Equipment, PlatePairs } from "./equipment";
import { DUMBBELL_STEP, HEAVIEST_DUMBBELL, USUAL_BAR, dumbbellRack, gymPlates } from "./equipment-presets";
import type { OneRepMaxSpread, SetPerformance } from "./one-rep-max";
import { MAX_ESTIMATE_REPS, MAX_REPS_IN_RESERVE, estimateOneRepMax, estimateOneRepMaxSpread } from "./one-rep-max";
import { loadablesOf } from "./loadables";
import { buildPlan } from "./plan";
import type { Plan } from "./plan-row";
import type { WarmUpSet } from "./warm-up";
import { warmUpRamp } from "./warm-up";
import type { Weight, WeightUnit } from "./weight";
import { amountToHundredths, formatWeight, maxHundredths } from "./weight";
import { chartOneRepMax } from "./working-load";

/** A message for each field the runner must fix. */
export type CalculatorErrors = Partial<Record<CalculatorField, string>>;

/** What the calculator shows when every input is valid. */
export interface CalculatorResult {
  readonly oneRepMax: Weight | null;
  readonly spread: OneRepMaxSpread | null;
  readonly plan: Plan;
  readonly warmUp: readonly WarmUpSet[];
  /**
   * The plan's week that today falls in, when the runner set a start date; null without one, before
   * the plan starts and after it ends. Phones show this week first.
   */
  readonly thisWeek: number | null;
}

export interface CalculatorOutcome {
  readonly errors: CalculatorErrors;
  /** Present only when every input is valid. */
  readonly result?: CalculatorResult;
}

/** Limits that keep plate math fast and catch typos. */
const MAX_BAR_KG = 100;
const MAX_PAIRS = 50;
const MAX_DUMBBELLS = 500;
/** The plan's whole numbers, in the order their ranges are checked. */
const PLAN_NUMBERS = [
  { field: "weeks", min: 4, max: 16, counts: "weeks", unreadable: "Enter a number of weeks from 4 to 16." },
  { field: "sets", min: 3, max: 5, counts: "sets", unreadable: "Choose 3, 4 or 5 sets." },
  { field: "sessions", min: 1, max: 3, counts: "sessions a week", unreadable: "Enter sessions a week from 1 to 3." },
] as const;

/** The bar weight shown when the runner has not entered one. */
export function defaultBar(tool: BarEquipment["kind"], unit: WeightUnit): string {
  return String(USUAL_BAR[tool][unit]);
}

/** The dumbbell step used when the runner has not entered one. */
export function defaultStep(unit: WeightUnit): string {
  return String(DUMBBELL_STEP[unit]);
}

/** The plate set of the chosen gym and unit, with the runner's pair counts where given. */
export function plateInventory(inputs: Pick<CalculatorInputs, "gym" | "unit" | "plates">): PlatePairs[] {
  const counts = inputs.plates === "" ? [] : inputs.plates.split(".");
  return gymPlates(inputs.gym, inputs.unit).map((entry, i) => {
    const typed = counts[i];
    return typed === undefined ? entry : { plate: entry.plate, pairs: Number(typed) };
  });
}

const DECIMAL = /^\d{1,6}(\.\d{1,3})?$/;
const WHOLE = /^-?\d{1,4}$/;

/**
 * The number a person typed, or undefined when it is not one: by default a decimal ("62.5" or
 * "62,5", at most 3 places), or whatever `pattern` allows of the trimmed text.
 */
export function parseNumber(text: string, pattern = DECIMAL): number | undefined {
  const trimmed = text.trim().replace(",", ".");
  return pattern.test(trimmed) ? Number(trimmed) : undefined;
}

/** Why `hundredths` of `unit` is not a usable `what` (at most `max`), or undefined when it is. */
function weightProblem(hundredths: number, unit: WeightUnit, what: string, max = maxHundredths(unit)) {
  if (hundredths <= 0) return `Enter the ${what}: it must be more than 0 ${unit}.`;
  if (hundredths > max) {
    const limit = formatWeight({ unit, hundredths: max }, 0);
    return `${what.charAt(0).toUpperCase()}${what.slice(1)} over ${limit} is not realistic: check the number.`;
  }
  return undefined;
}

/** The equipment the inputs describe, or undefined with the problem written to `errors`. */
function equipmentFor(inputs: CalculatorInputs, tool: Tool, errors: CalculatorErrors): Equipment | undefined {
  const { unit } = inputs;
  if (tool === "dumbbells") {
    const step = parseNumber(inputs.step || defaultStep(unit)) ?? 0;
    const hundredths = amountToHundredths(step);
    const heaviest = HEAVIEST_DUMBBELL[unit];
    // At least 5 and at most 500 dumbbells, each a whole number of hundredths.
    if (step > heaviest / 5 || hundredths / 100 !== step || heaviest * 100 > MAX_DUMBBELLS * hundredths) {
      errors.step = `Enter the jump between dumbbells, like ${defaultStep(unit)} (${unit}).`;
      return undefined;
    }
    return dumbbellRack({ unit, hundredths });
  }
  const bar = parseNumber(inputs.bar || defaultBar(tool, unit));
  if (bar === undefined || bar <= 0) {
    errors.bar = `Enter the bar's weight in ${unit}, like ${defaultBar(tool, unit)}.`;
    return undefined;
  }
  const plates = plateInventory(inputs);
  if (plates.some((p) => !Number.isInteger(p.pairs) || p.pairs < 0 || p.pairs > MAX_PAIRS)) {
    errors.plates = `Enter pairs of plates as whole numbers from 0 to ${MAX_PAIRS}.`;
    return undefined;
  }
  const barWeight = { unit, hundredths: amountToHundredths(bar) };
  const barIssue = weightProblem(barWeight.hundredths, unit, "bar weight", maxHundredths(unit, MAX_BAR_KG));
  if (barIssue !== undefined) {
    errors.bar = barIssue;
    return undefined;
  }
  return { kind: tool, bar: barWeight, plates: plates.filter((p) => p.pairs > 0) };
}

/** The set the runner reported when the formulas can estimate from it; otherwise its problems go to `errors`. */
function setFor(inputs: CalculatorInputs, errors: CalculatorErrors): SetPerformance | undefined {
  const amount = parseNumber(inputs.weight);
  const reps = parseNumber(inputs.reps, WHOLE);
  const rir = parseNumber(inputs.rir);
  if (inputs.weight.trim() === "") errors.weight = "Enter the weight you lifted.";
  else if (amount === undefined) errors.weight = "Enter the weight as a number, like 60 or 62.5.";
  if (inputs.reps.trim() === "") errors.reps = "Enter how many reps you did.";
  else if (reps === undefined) errors.reps = "Enter reps as a whole number from 1 to 10.";
  if (rir === undefined) errors.rir = "Enter reps in reserve from 0 to 4, in steps of 0.5.";
  if (amount === undefined || reps === undefined || rir === undefined) return undefined;
  // Checked in this order, and only the first problem is told.
  const hundredths = amountToHundredths(amount);
  const weightIssue = weightProblem(hundredths, inputs.unit, "weight");
  if (weightIssue !== undefined) errors.weight = weightIssue;
  else if (reps < 1 || reps > MAX_ESTIMATE_REPS)
    errors.reps = `Enter the reps you completed as a whole number from 1 to ${MAX_ESTIMATE_REPS}: past 10 reps the estimate is not reliable.`;
  else if (rir > MAX_REPS_IN_RESERVE || !Number.isInteger(rir * 2))
    errors.rir = `Reps in reserve must be between 0 and ${MAX_REPS_IN_RESERVE}, in steps of 0.5 (how many more clean reps you had left).`;
  else return { weight: { unit: inputs.unit, hundredths }, reps, repsInReserve: rir };
  return undefined;
}

/** The 1-based week of a `weeks`-week plan starting on day `start` that `day` falls in, or null. */
export function weekOfPlan(start: number, day: number | undefined, weeks: number): number | null {
  if (day === undefined || day < start) return null;
  const week = Math.floor((day - start) / 7) + 1;
  return week <= weeks ? week : null;
}

/** The calculator's output for `inputs`; `today` (YYYY-MM-DD) starts the plan when no start is given. */
export function calculate(inputs: CalculatorInputs, today: string): CalculatorOutcome {
  const errors: CalculatorErrors = {};
  const equipment = equipmentFor(inputs, toolOf(inputs.lift), errors);
  const set = inputs.phase === "neverLifted" ? undefined : setFor(inputs, errors);
  const [weeks = 0, sets = 0, sessions = 0] = PLAN_NUMBERS.map(({ field, unreadable }) => {
    const value = parseNumber(inputs[field], WHOLE);
    if (value === undefined) errors[field] = unreadable;
    return value;
  });
  if (!equipment || Object.keys(errors).length) return { errors };

  // From here on only the first problem is told.
  const fail = (field: CalculatorField, message: string): CalculatorOutcome => ({ errors: { [field]: message } });
  const oneRepMax = set && estimateOneRepMax(set, inputs.formula);
  const problem = oneRepMax && weightProblem(oneRepMax.hundredths, inputs.unit, "one-rep max");
  if (problem) return fail("weight", problem);
  for (const { field, min, max, counts } of PLAN_NUMBERS) {
    const value = { weeks, sets, sessions }[field];
    if (value < min || value > max) return fail(field, `Choose ${min} to ${max} ${counts}.`);
  }
  const start = parseIsoDate(inputs.start || today);
  const race = inputs.race ? parseIsoDate(inputs.race) : null;
  if (start === undefined) return fail("start", "Enter the start date as YYYY-MM-DD, like 2025-03-03.");
  if (race === undefined) return fail("race", "Enter the race date as YYYY-MM-DD, like 2025-06-14.");
  if (race !== null && race <= start) return fail("race", "The race date must be after the plan's start date.");

  const options = { equipment, weeks, sets, sessionsPerWeek: sessions, start, race };
  const plan =
    set && oneRepMax
      ? buildPlan({
          ...options,
          phase: inputs.phase === "inSeason" ? "inSeason" : "base",
          oneRepMax,
          chartMax: chartOneRepMax(set),
        })
      : buildPlan({ ...options, phase: "neverLifted", bodyweightWeeks: Number(inputs.bodyweight) });
  if (!plan) {
    const lightest = formatWeight({ unit: inputs.unit, hundredths: loadablesOf(equipment).loads[0] ?? 0 });
    return fail(
      "weight",
      `This set's working load is under ${lightest}, the lightest you can load: try the beginner phase.`,
    );
  }
  const firstLoad = plan.rows.find((row) => row.load)?.load;
  return {
    errors,
    result: {
      oneRepMax: oneRepMax ?? null,
      spread: set ? estimateOneRepMaxSpread(set) : null,
      plan,
      warmUp: firstLoad ? warmUpRamp(equipment, firstLoad) : [],
      thisWeek: inputs.start ? weekOfPlan(start, parseIsoDate(today), plan.rows.length) : null,
    },
  };
}
