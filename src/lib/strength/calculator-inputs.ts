/**
 * The load calculator's inputs as a runner enters them, and their codec for the address bar and
 * browser storage. Typed numbers stay strings, so a wrong value is kept on screen and explained
 * next to its field instead of being silently replaced; choices are checked against their lists.
 * Decoding never throws: anything unknown, too long or malformed falls back to the base value.
 * It does no arithmetic; `calculate` in calculator.ts does.
 */
import type { Gym } from "./equipment-presets";
import { ONE_REP_MAX_FORMULAS, type OneRepMaxFormula } from "./one-rep-max";
import { BODYWEIGHT_WEEKS } from "./plan-phases";
import type { PlanPhase } from "./plan-row";
import type { WeightUnit } from "./weight";

export const LIFTS = [
  { id: "back-squat", name: "Back squat", tool: "barbell" },
  { id: "trap-bar-deadlift", name: "Trap-bar deadlift", tool: "trapBar" },
  { id: "romanian-deadlift", name: "Romanian deadlift", tool: "barbell" },
  { id: "split-squat", name: "Split squat (dumbbells)", tool: "dumbbells" },
  { id: "step-up", name: "Step-up (dumbbells)", tool: "dumbbells" },
  { id: "hip-thrust", name: "Hip thrust", tool: "barbell" },
] as const;

/** The bodyweight weeks a beginner may choose, as the select lists them. */
export const BODYWEIGHT_CHOICES = Array.from({ length: BODYWEIGHT_WEEKS.max - BODYWEIGHT_WEEKS.min + 1 }, (_, i) =>
  String(BODYWEIGHT_WEEKS.min + i),
);

export type LiftId = (typeof LIFTS)[number]["id"];
export type Tool = (typeof LIFTS)[number]["tool"];

export const PHASES: readonly { id: PlanPhase; name: string }[] = [
  { id: "base", name: "Base phase: build strength" },
  { id: "inSeason", name: "In season: keep strength" },
  { id: "neverLifted", name: "I haven't lifted with weights yet" },
];

export interface CalculatorInputs {
  lift: LiftId;
  unit: WeightUnit;
  gym: Gym;
  /** Bar weight; "" means the usual bar for the lift and unit. */
  bar: string;
  /** Pairs of each plate of the gym's set, heaviest first, dot-separated; "" means the whole set. */
  plates: string;
  /** Dumbbell increment; "" means 2 kg or 5 lb. */
  step: string;
  weight: string;
  reps: string;
  rir: string;
  formula: OneRepMaxFormula;
  phase: PlanPhase;
  /** A beginner's weeks of bodyweight practice, "4" to "8". */
  bodyweight: string;
  sets: string;
  sessions: string;
  weeks: string;
  /** ISO dates; "" when not given. */
  start: string;
  race: string;
}

export type CalculatorField = keyof CalculatorInputs;

export const DEFAULT_INPUTS: CalculatorInputs = {
  lift: "back-squat",
  unit: "kg",
  gym: "commercial",
  bar: "",
  plates: "",
  step: "",
  weight: "60",
  reps: "5",
  rir: "2",
  formula: "epley",
  phase: "base",
  bodyweight: String(BODYWEIGHT_WEEKS.usual),
  sets: "3",
  sessions: "2",
  weeks: "8",
  start: "",
  race: "",
};

/** The allowed values of each choice field; every other field is typed text. */
const CHOICES: { readonly [K in CalculatorField]?: readonly CalculatorInputs[K][] } = {
  lift: LIFTS.map((l) => l.id),
  unit: ["kg", "lb"],
  gym: ["commercial", "home"],
  formula: ONE_REP_MAX_FORMULAS.map((f) => f.id),
  phase: PHASES.map((p) => p.id),
  bodyweight: BODYWEIGHT_CHOICES,
};

/** Equipment fields that go back to their defaults when the field they depend on changes. */
const RESETS: { readonly [K in CalculatorField]?: Partial<CalculatorInputs> } = {
  lift: { bar: "", step: "" },
  unit: { bar: "", step: "", plates: "" },
  gym: { plates: "" },
};

/** Longest typed value kept from outside; the longest real one is a plate list. */
const MAX_TEXT = 40;
const FIELDS = Object.keys(DEFAULT_INPUTS) as CalculatorField[];

/** True when `field` may hold `value`: one of its choices, or text of at most `maxText` characters. */
function isValue<K extends CalculatorField>(field: K, value: unknown, maxText: number): value is CalculatorInputs[K] {
  const choices: readonly unknown[] | undefined = CHOICES[field];
  return choices ? choices.includes(value) : typeof value === "string" && value.length <= maxText;
}

/** The tool a lift is done with. */
export function toolOf(lift: LiftId): Tool {
  return LIFTS.find((l) => l.id === lift)?.tool ?? "barbell";
}

/**
 * `base` with every field of `source` that is acceptable replacing it: a listed choice for choice
 * fields, a string of at most 40 characters for typed ones. `source` is anything: parsed JSON,
 * URLSearchParams, props.
 */
export function decodeInputs(source: unknown, base: CalculatorInputs): CalculatorInputs {
  let decoded = base;
  for (const field of FIELDS) {
    const value: unknown =
      source instanceof URLSearchParams
        ? source.get(field)
        : typeof source === "object" && source !== null && Object.hasOwn(source, field)
          ? Reflect.get(source, field)
          : undefined;
    if (isValue(field, value, MAX_TEXT)) decoded = { ...decoded, [field]: value };
  }
  return { ...decoded };
}

/**
 * `inputs` after the runner sets `field` to `value`: typed text is kept whatever it is (the
 * calculator explains it), a value outside a choice's list changes nothing, and a new lift, unit or
 * gym puts the equipment fields that depend on it back to their defaults.
 */
export function withInput(inputs: CalculatorInputs, field: CalculatorField, value: string): CalculatorInputs {
  return isValue(field, value, Infinity) ? { ...inputs, ...RESETS[field], [field]: value } : inputs;
}

/** The query string that restores `inputs` exactly (fields at their default are left out). */
export function encodeInputs(inputs: CalculatorInputs): string {
  return new URLSearchParams(
    FIELDS.flatMap((f) => (inputs[f] === DEFAULT_INPUTS[f] ? [] : [[f, inputs[f]]])),
  ).toString();
}

/**
 * Storage contract: key `runsmart.calculator`, value `{"v":1,"inputs":{...}}`. A missing, corrupt
 * or other-version value restores nothing (the calculator starts from its defaults); fields are
 * decoded one by one, so one bad field does not lose the others, and a field the stored value lacks
 * (one added later, like `bodyweight`) keeps its default without a new version.
 */
export const INPUTS_STORAGE_KEY = "runsmart.calculator";
export const INPUTS_STORAGE_VERSION = 1;

export function serialiseInputs(inputs: CalculatorInputs): string {
  return JSON.stringify({ v: INPUTS_STORAGE_VERSION, inputs });
}

export function deserialiseInputs(
  raw: string | null | undefined,
  base: CalculatorInputs,
): CalculatorInputs | undefined {
  try {
    const parsed: unknown = JSON.parse(raw ?? "");
    return typeof parsed === "object" &&
      parsed !== null &&
      "v" in parsed &&
      parsed.v === INPUTS_STORAGE_VERSION &&
      "inputs" in parsed
      ? decodeInputs(parsed.inputs, base)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Inputs preset by an article author (`<LoadCalculator lift="..." unit="..." />`). Throws with the
 * prop named, so a typo fails the build instead of shipping a calculator that ignores it.
 */
export function presetInputs(props: { lift?: unknown; unit?: unknown; phase?: unknown }): CalculatorInputs {
  for (const name of ["lift", "unit", "phase"] as const) {
    const value = props[name];
    if (value !== undefined && !isValue(name, value, 0)) {
      throw new Error(
        `LoadCalculator: ${name}=${typeof value === "string" ? `"${value}"` : typeof value} is not one of ${(CHOICES[name] ?? []).join(", ")}`,
      );
    }
  }
  return decodeInputs(props, DEFAULT_INPUTS);
}
