/**
 * The load calculator's inputs as a runner enters them, and their codec for the address bar and
 * browser storage. Typed numbers stay strings, so a wrong value is kept on screen and explained
 * next to its field instead of being silently replaced; choices are checked against their lists.
 * Decoding never throws: anything unknown, too long or malformed falls back to the base value.
 * It does no arithmetic; `calculate` in calculator.ts does.
 */
import { ONE_REP_MAX_FORMULAS, type OneRepMaxFormula } from "./one-rep-max";
import type { PlanPhase } from "./plan-input";
import type { WeightUnit } from "./weight";

export const LIFTS = [
  { id: "back-squat", name: "Back squat", tool: "barbell" },
  { id: "trap-bar-deadlift", name: "Trap-bar deadlift", tool: "trapBar" },
  { id: "romanian-deadlift", name: "Romanian deadlift", tool: "barbell" },
  { id: "split-squat", name: "Split squat (dumbbells)", tool: "dumbbells" },
  { id: "step-up", name: "Step-up (dumbbells)", tool: "dumbbells" },
  { id: "hip-thrust", name: "Hip thrust", tool: "barbell" },
] as const;

export type LiftId = (typeof LIFTS)[number]["id"];
export type Tool = (typeof LIFTS)[number]["tool"];
export type Gym = "commercial" | "home";

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
  sets: "3",
  sessions: "2",
  weeks: "8",
  start: "",
  race: "",
};

const LIFT_IDS: readonly LiftId[] = LIFTS.map((l) => l.id);
const UNITS: readonly WeightUnit[] = ["kg", "lb"];
const GYMS: readonly Gym[] = ["commercial", "home"];
const FORMULAS: readonly OneRepMaxFormula[] = ONE_REP_MAX_FORMULAS.map((f) => f.id);
const PHASE_IDS: readonly PlanPhase[] = PHASES.map((p) => p.id);

/** Longest typed value kept from outside; the longest real one is a plate list. */
const MAX_TEXT = 40;
const FIELDS = Object.keys(DEFAULT_INPUTS) as CalculatorField[];

function choice<T extends string>(list: readonly T[], value: unknown, fallback: T): T {
  return list.find((item) => item === value) ?? fallback;
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" && value.length <= MAX_TEXT ? value : fallback;
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
  const read = (key: CalculatorField): unknown => {
    if (source instanceof URLSearchParams) return source.get(key) ?? undefined;
    if (typeof source === "object" && source !== null && Object.hasOwn(source, key)) {
      const value: unknown = Reflect.get(source, key);
      return value;
    }
    return undefined;
  };
  return {
    lift: choice(LIFT_IDS, read("lift"), base.lift),
    unit: choice(UNITS, read("unit"), base.unit),
    gym: choice(GYMS, read("gym"), base.gym),
    bar: text(read("bar"), base.bar),
    plates: text(read("plates"), base.plates),
    step: text(read("step"), base.step),
    weight: text(read("weight"), base.weight),
    reps: text(read("reps"), base.reps),
    rir: text(read("rir"), base.rir),
    formula: choice(FORMULAS, read("formula"), base.formula),
    phase: choice(PHASE_IDS, read("phase"), base.phase),
    sets: text(read("sets"), base.sets),
    sessions: text(read("sessions"), base.sessions),
    weeks: text(read("weeks"), base.weeks),
    start: text(read("start"), base.start),
    race: text(read("race"), base.race),
  };
}

/** The query string that restores `inputs` exactly (fields at their default are left out). */
export function encodeInputs(inputs: CalculatorInputs): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    if (inputs[field] !== DEFAULT_INPUTS[field]) params.set(field, inputs[field]);
  }
  return params.toString();
}

/**
 * Storage contract: key `runsmart.calculator`, value `{"v":1,"inputs":{...}}`. A missing, corrupt
 * or other-version value restores nothing (the calculator starts from its defaults); fields are
 * decoded one by one, so one bad field does not lose the others.
 */
export const STORAGE_KEY = "runsmart.calculator";
export const STORAGE_VERSION = 1;

export function serialiseInputs(inputs: CalculatorInputs): string {
  return JSON.stringify({ v: STORAGE_VERSION, inputs });
}

export function deserialiseInputs(raw: string | null, base: CalculatorInputs): CalculatorInputs | undefined {
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || !("v" in parsed) || parsed.v !== STORAGE_VERSION)
    return undefined;
  return "inputs" in parsed ? decodeInputs(parsed.inputs, base) : undefined;
}

/**
 * Inputs preset by an article author (`<LoadCalculator lift="..." unit="..." />`). Throws with the
 * prop named, so a typo fails the build instead of shipping a calculator that ignores it.
 */
export function presetInputs(props: { lift?: unknown; unit?: unknown; phase?: unknown }): CalculatorInputs {
  const checks: [string, unknown, readonly string[]][] = [
    ["lift", props.lift, LIFT_IDS],
    ["unit", props.unit, UNITS],
    ["phase", props.phase, PHASE_IDS],
  ];
  for (const [name, value, list] of checks) {
    if (value !== undefined && !list.some((item) => item === value)) {
      throw new Error(
        `LoadCalculator: ${name}=${typeof value === "string" ? `"${value}"` : typeof value} is not one of ${list.join(", ")}`,
      );
    }
  }
  return decodeInputs(props, DEFAULT_INPUTS);
}
