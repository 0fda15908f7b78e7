/**
 * Everything the load calculator shows, from its inputs: the estimated one-rep max and its spread
 * over the seven formulas, the plan, and the first week's warm-up; or, for each wrong input, a
 * message for the field that caused it (and no numbers at all, so nothing wrong is ever shown).
 * Pure: today's date is passed in. It knows nothing of the DOM, the address bar or storage.
 */
import type { CalculatorField, CalculatorInputs, Tool } from "./calculator-inputs";
import { toolOf } from "./calculator-inputs";
import type { BarEquipment, Equipment } from "./equipment";
import { validateEquipment } from "./equipment";
import { EQUIPMENT_PRESETS, dumbbellRack, trapBar } from "./equipment-presets";
import { estimateOneRepMax, estimateOneRepMaxSpread } from "./one-rep-max";
import type { OneRepMaxSpread } from "./one-rep-max";
import { buildPlan } from "./plan";
import type { Plan } from "./plan-row";
import type { WarmUpSet } from "./warm-up";
import { warmUpRamp } from "./warm-up";
import type { Weight, WeightUnit } from "./weight";
import { toWeight, weight } from "./weight";

export type FieldErrors = Partial<Record<CalculatorField, string>>;

export interface CalculatorOutcome {
  errors: FieldErrors;
  /** Present only when every input is valid. */
  result?: {
    oneRepMax: Weight | null;
    spread: OneRepMaxSpread | null;
    plan: Plan;
    warmUp: readonly WarmUpSet[];
  };
}

/** Usual bar weights: an Olympic bar for barbell lifts, a common trap bar for the deadlift. */
const DEFAULT_BAR: Record<"barbell" | "trapBar", Record<WeightUnit, number>> = {
  barbell: { kg: 20, lb: 45 },
  trapBar: { kg: 25, lb: 55 },
};
const DEFAULT_STEP: Record<WeightUnit, number> = { kg: 2, lb: 5 };
const HEAVIEST_DUMBBELL: Record<WeightUnit, number> = { kg: 50, lb: 110 };

/** The bar weight shown when the runner has not entered one. */
export function defaultBar(tool: Tool, unit: WeightUnit): string {
  return tool === "dumbbells" ? "" : String(DEFAULT_BAR[tool][unit]);
}

export function defaultStep(unit: WeightUnit): string {
  return String(DEFAULT_STEP[unit]);
}

/** The plate set of the chosen gym and unit, with the runner's pair counts where given. */
export function plateInventory(inputs: Pick<CalculatorInputs, "gym" | "unit" | "plates">): BarEquipment["plates"] {
  const preset = EQUIPMENT_PRESETS[`${inputs.gym}-${inputs.unit}`].equipment;
  if (preset.kind === "dumbbells") return [];
  const counts = inputs.plates === "" ? [] : inputs.plates.split(".");
  return preset.plates.map((entry, i) => {
    const typed = counts[i];
    return { plate: entry.plate, pairs: typed === undefined ? entry.pairs : Number(typed) };
  });
}

/** A decimal a person typed ("62.5" or "62,5"), or undefined when it is not one. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim().replace(",", ".");
  return /^\d{1,6}(\.\d{1,3})?$/.test(trimmed) ? Number(trimmed) : undefined;
}

function parseWhole(text: string): number | undefined {
  const trimmed = text.trim();
  return /^-?\d{1,4}$/.test(trimmed) ? Number(trimmed) : undefined;
}

function equipmentFor(inputs: CalculatorInputs, errors: FieldErrors): Equipment | undefined {
  const tool = toolOf(inputs.lift);
  const { unit } = inputs;
  if (tool === "dumbbells") {
    const step = parseDecimal(inputs.step === "" ? defaultStep(unit) : inputs.step);
    if (step === undefined || step <= 0 || step > HEAVIEST_DUMBBELL[unit] / 5) {
      errors.step = `Enter the jump between dumbbells, like ${defaultStep(unit)} (${unit}).`;
      return undefined;
    }
    const lightest = weight(step, unit);
    const count = Math.floor(HEAVIEST_DUMBBELL[unit] / step);
    return dumbbellRack(lightest, weight(step * count, unit), lightest);
  }
  const bar = parseDecimal(inputs.bar === "" ? defaultBar(tool, unit) : inputs.bar);
  if (bar === undefined || bar <= 0) {
    errors.bar = `Enter the bar's weight in ${unit}, like ${defaultBar(tool, unit)}.`;
    return undefined;
  }
  const plates = plateInventory(inputs);
  if (plates.some((p) => !Number.isInteger(p.pairs) || p.pairs < 0 || p.pairs > 50)) {
    errors.plates = "Enter pairs of plates as whole numbers from 0 to 50.";
    return undefined;
  }
  const barWeight = weight(bar, unit);
  const available = plates.filter((p) => p.pairs > 0);
  const equipment: Equipment =
    tool === "trapBar" ? trapBar(barWeight, available) : { kind: "barbell", bar: barWeight, plates: available };
  const checked = validateEquipment(equipment);
  if (!checked.ok) {
    errors[checked.error.field === "bar" ? "bar" : "plates"] = checked.error.message;
    return undefined;
  }
  return checked.value;
}

const PLAN_FIELD: Record<string, CalculatorField> = {
  weeks: "weeks",
  sets: "sets",
  sessionsPerWeek: "sessions",
  startDate: "start",
  raceDate: "race",
  oneRepMax: "weight",
  phase: "phase",
};

const SET_FIELD: Record<string, CalculatorField> = { weight: "weight", reps: "reps", repsInReserve: "rir" };

/** The calculator's output for `inputs`; `today` (YYYY-MM-DD) starts the plan when no start is given. */
export function calculate(inputs: CalculatorInputs, today: string): CalculatorOutcome {
  const errors: FieldErrors = {};
  const equipment = equipmentFor(inputs, errors);
  const lifted = inputs.phase !== "neverLifted";

  let oneRepMax: Weight | null = null;
  let spread: OneRepMaxSpread | null = null;
  if (lifted) {
    const amount = parseDecimal(inputs.weight);
    const reps = parseWhole(inputs.reps);
    const rir = parseDecimal(inputs.rir);
    if (inputs.weight.trim() === "") errors.weight = "Enter the weight you lifted.";
    else if (amount === undefined) errors.weight = "Enter the weight as a number, like 60 or 62.5.";
    if (inputs.reps.trim() === "") errors.reps = "Enter how many reps you did.";
    else if (reps === undefined) errors.reps = "Enter reps as a whole number from 1 to 10.";
    if (rir === undefined) errors.rir = "Enter reps in reserve from 0 to 4, in steps of 0.5.";
    if (amount !== undefined && reps !== undefined && rir !== undefined) {
      const w = toWeight(amount, inputs.unit);
      const set = w.ok ? { weight: w.value, reps, repsInReserve: rir } : undefined;
      const estimate = set ? estimateOneRepMax({ ...set, formula: inputs.formula }) : w;
      const all = set ? estimateOneRepMaxSpread(set) : undefined;
      if (!estimate.ok) errors[SET_FIELD[estimate.error.field] ?? "weight"] = estimate.error.message;
      else if (all?.ok) {
        oneRepMax = estimate.value;
        spread = all.value;
      }
    }
  }

  const numbers = {
    sets: parseWhole(inputs.sets),
    sessions: parseWhole(inputs.sessions),
    weeks: parseWhole(inputs.weeks),
  };
  if (numbers.sets === undefined) errors.sets = "Choose 3, 4 or 5 sets.";
  if (numbers.sessions === undefined) errors.sessions = "Enter sessions a week from 1 to 3.";
  if (numbers.weeks === undefined) errors.weeks = "Enter a number of weeks from 4 to 16.";
  if (Object.keys(errors).length > 0 || equipment === undefined) return { errors };

  const options = {
    equipment,
    weeks: numbers.weeks ?? 0,
    sets: numbers.sets ?? 0,
    sessionsPerWeek: numbers.sessions ?? 0,
    startDate: inputs.start === "" ? today : inputs.start,
    ...(inputs.race === "" ? {} : { raceDate: inputs.race }),
  };
  const plan =
    oneRepMax === null
      ? buildPlan({ ...options, phase: "neverLifted" })
      : buildPlan({ ...options, phase: inputs.phase === "inSeason" ? "inSeason" : "base", oneRepMax });
  if (!plan.ok) {
    const field = plan.error.field.startsWith("equipment.") ? "bar" : (PLAN_FIELD[plan.error.field] ?? "weeks");
    return { errors: { [field]: plan.error.message } };
  }
  const firstLoad = plan.value.rows.find((row) => row.load !== null)?.load ?? null;
  const warmUp = firstLoad === null ? undefined : warmUpRamp(equipment, firstLoad);
  return {
    errors,
    result: { oneRepMax, spread, plan: plan.value, warmUp: warmUp?.ok ? warmUp.value : [] },
  };
}
