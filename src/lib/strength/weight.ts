/**
 * Weights that carry their unit, held as an exact whole number of hundredths of that unit
 * (102.5 kg is `{ unit: "kg", hundredths: 10250 }`), so plate sums never drift. Conversion between kg
 * and lb uses the exact definition 1 lb = 0.45359237 kg and rounds once, to the nearest hundredth, in
 * `convertWeight`; display rounding happens only in `formatAmount` and `formatWeight`. It does not
 * judge what a person typed (calculator.ts does) or know about bars, plates or lifts.
 */

export type WeightUnit = "kg" | "lb";

/** A weight in whole hundredths of its unit. Loads are never negative; remainders may be. */
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

/**
 * Hundredths nearest to a decimal amount as a person wrote it: 1.005 is 101, although the double
 * nearest 1.005 times 100 is 100.4999…, because the product is first cut to 6 decimals.
 */
export function amountToHundredths(amount: number): number {
  return roundHalfAwayFromZero(Number((amount * 100).toFixed(6)));
}

/** The weight of a finite, non-negative `amount` of `unit`, rounded to the nearest hundredth. */
export function weight(amount: number, unit: WeightUnit): Weight {
  return { unit, hundredths: amountToHundredths(amount) };
}

/** `weight(amount, "kg")`. */
export function kg(amount: number): Weight {
  return weight(amount, "kg");
}

/** `weight(amount, "lb")`. */
export function lb(amount: number): Weight {
  return weight(amount, "lb");
}

/** `kg` kilograms (1000 by default: the heaviest weight any input may hold) in whole hundredths of `unit`, rounded down. */
export function maxHundredths(unit: WeightUnit, kg = MAX_WEIGHT_KG): number {
  return unit === "kg" ? kg * 100 : Math.floor((kg * 100 * LB_TO_KG_DENOMINATOR) / LB_TO_KG_NUMERATOR);
}

/** The weight in `unit`, rounded once to the nearest hundredth of that unit. */
export function convertWeight(value: Weight, unit: WeightUnit): Weight {
  if (value.unit === unit) return value;
  const [numerator, denominator] =
    unit === "kg" ? [LB_TO_KG_NUMERATOR, LB_TO_KG_DENOMINATOR] : [LB_TO_KG_DENOMINATOR, LB_TO_KG_NUMERATOR];
  return { unit, hundredths: roundHalfAwayFromZero((value.hundredths * numerator) / denominator) };
}

/** Rounds to the nearest integer, halves away from zero (so -2.5 and 2.5 mirror each other). */
export function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * Whole `hundredths` as a number without its unit, rounded to at most `decimals` places with
 * trailing zeros dropped: 10250 is "102.5", 11667 with 1 decimal "116.7", -250 "-2.5".
 */
export function formatAmount(hundredths: number, decimals = 2): string {
  const scale = 10 ** decimals;
  // A whole number over 10 or 100 prints as its shortest decimal, so no digits need trimming.
  return String(roundHalfAwayFromZero((hundredths * scale) / 100) / scale);
}

/** The weight for display, e.g. "102.5 kg", "1.25 kg", "225 lb" (see `formatAmount`). */
export function formatWeight(value: Weight, decimals?: number): string {
  return `${formatAmount(value.hundredths, decimals)} ${value.unit}`;
}
