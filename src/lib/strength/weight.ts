/**
 * Weights that carry their unit, held as an exact whole number of hundredths of that unit
 * (102.5 kg is `{ unit: 'kg', hundredths: 10250 }`), so plate sums never drift. Conversion between kg
 * and lb uses the exact definition 1 lb = 0.45359237 kg and rounds once, to the nearest hundredth, in
 * `convertWeight`; display rounding happens only in `formatWeight`. This module does not know about
 * bars, plates or lifts; it only knows what a sensible weight is (more than 0, at most 1000 kg).
 */
import { fail, ok } from "./result";
import type { Result } from "./result";

export type WeightUnit = "kg" | "lb";

/** Both units, in the order a unit picker shows them. */
export const WEIGHT_UNITS: readonly WeightUnit[] = ["kg", "lb"];

/** A weight in whole hundredths of its unit. Loads are never negative; `remainder` fields may be. */
export interface Weight {
  readonly unit: WeightUnit;
  readonly hundredths: number;
}

/** Exact: 1 lb = 0.45359237 kg (international yard and pound agreement, 1959). */
export const KG_PER_LB = 0.45359237;
// 1 lb = 45359237 / 10^8 kg; keeping numerator and denominator as integers keeps conversion exact.
const LB_TO_KG_NUMERATOR = 45_359_237;
const LB_TO_KG_DENOMINATOR = 100_000_000;

/** Heaviest weight any input may hold: nothing a runner lifts comes near it. */
export const MAX_WEIGHT_KG = 1000;
const MAX_KG_HUNDREDTHS = MAX_WEIGHT_KG * 100;

/** True for 'kg' and 'lb' (checks values that come from outside the type system). */
export function isWeightUnit(value: unknown): value is WeightUnit {
  return value === "kg" || value === "lb";
}

/**
 * A weight from a trusted constant, rounded to the nearest hundredth. Throws a RangeError for a
 * negative or non-finite amount: use `toWeight` for anything a person typed.
 */
export function weight(amount: number, unit: WeightUnit): Weight {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`weight: ${String(amount)} ${unit} is not a weight`);
  }
  return { unit, hundredths: amountToHundredths(amount) };
}

/**
 * Hundredths nearest to a decimal amount as a person wrote it: 1.005 is 101, although the double
 * nearest 1.005 times 100 is 100.4999…, because the product is first cut to 6 decimals.
 */
export function amountToHundredths(amount: number): number {
  return roundHalfAwayFromZero(Number((amount * 100).toFixed(6)));
}

/** `weight(amount, 'kg')`. */
export function kg(amount: number): Weight {
  return weight(amount, "kg");
}

/** `weight(amount, 'lb')`. */
export function lb(amount: number): Weight {
  return weight(amount, "lb");
}

/** Heaviest allowed weight in `unit`, in hundredths (1000 kg, or its equivalent in lb, rounded down). */
export function maxHundredths(unit: WeightUnit): number {
  switch (unit) {
    case "kg":
      return MAX_KG_HUNDREDTHS;
    case "lb":
      return Math.floor((MAX_KG_HUNDREDTHS * LB_TO_KG_DENOMINATOR) / LB_TO_KG_NUMERATOR);
  }
}

/**
 * Why `value` is not a usable weight (named `what` in the message), or undefined when it is: a known unit, a whole
 * number of hundredths, more than zero (or zero when `allowZero`) and at most `max` hundredths.
 */
export function weightProblem(
  value: Weight,
  what: string,
  options: { readonly allowZero?: boolean; readonly max?: number } = {},
): string | undefined {
  if (!isWeightUnit(value.unit)) return `Choose kg or lb for the ${what}.`;
  const h = value.hundredths;
  if (typeof h !== "number" || !Number.isSafeInteger(h)) {
    return `Enter the ${what} as a number, like 60 or 62.5.`;
  }
  const allowZero = options.allowZero ?? false;
  if (h < 0 || (h === 0 && !allowZero)) {
    return allowZero ? `The ${what} cannot be negative.` : `Enter the ${what}: it must be more than 0 ${value.unit}.`;
  }
  const max = options.max ?? maxHundredths(value.unit);
  if (h > max) {
    const limit = formatWeight({ unit: value.unit, hundredths: max }, { decimals: 0 });
    return `${capitalise(what)} over ${limit} is not realistic: check the number.`;
  }
  return undefined;
}

/** A weight a person typed: finite, more than 0 and at most 1000 kg (about 2204 lb). */
export function toWeight(amount: number, unit: WeightUnit, field = "weight"): Result<Weight> {
  if (!isWeightUnit(unit)) return fail(field, "Choose kg or lb.");
  if (typeof amount !== "number" || !Number.isFinite(amount)) {
    return fail(field, "Enter the weight as a number, like 60 or 62.5.");
  }
  if (Math.abs(amount) > 1e9) return fail(field, "That weight is not realistic: check the number.");
  const value: Weight = { unit, hundredths: amountToHundredths(amount) };
  const problem = weightProblem(value, "weight");
  return problem === undefined ? ok(value) : fail(field, problem);
}

/** The amount in the weight's own unit, e.g. 102.5 for 102.5 kg. */
export function weightAmount(value: Weight): number {
  return value.hundredths / 100;
}

/** The weight in `unit`, rounded once to the nearest hundredth of that unit. */
export function convertWeight(value: Weight, unit: WeightUnit): Weight {
  if (value.unit === unit) return value;
  const h = value.hundredths;
  const converted =
    unit === "kg"
      ? roundHalfAwayFromZero((h * LB_TO_KG_NUMERATOR) / LB_TO_KG_DENOMINATOR)
      : roundHalfAwayFromZero((h * LB_TO_KG_DENOMINATOR) / LB_TO_KG_NUMERATOR);
  return { unit, hundredths: converted };
}

/** Rounds to the nearest integer, halves away from zero (so -2.5 and 2.5 mirror each other). */
export function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** Options for `formatWeight`. */
export interface FormatWeightOptions {
  /** Most decimals to show (trailing zeros are dropped); 2 by default. */
  readonly decimals?: 0 | 1 | 2;
}

/**
 * The weight for display, e.g. "102.5 kg", "1.25 kg", "225 lb", "-2.5 kg" (a signed remainder).
 * Rounds to `decimals` places here and nowhere else. A malformed weight shows as "– kg".
 */
export function formatWeight(value: Weight, options: FormatWeightOptions = {}): string {
  const unit = isWeightUnit(value.unit) ? value.unit : "kg";
  if (!Number.isFinite(value.hundredths)) return `– ${unit}`;
  const decimals = options.decimals ?? 2;
  const scale = 10 ** decimals;
  const scaled = roundHalfAwayFromZero((value.hundredths * scale) / 100);
  const magnitude = Math.abs(scaled);
  const whole = Math.floor(magnitude / scale);
  const fraction = (magnitude % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  const sign = scaled < 0 ? "-" : "";
  return `${sign}${whole.toString()}${fraction === "" ? "" : `.${fraction}`} ${unit}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
