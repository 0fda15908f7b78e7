/**
 * The equipment a runner loads: a barbell or trap bar with an inventory of plate pairs, or a rack of
 * dumbbells stepping by a fixed increment (weights per hand). All of one piece of equipment's
 * weights share one unit. This module describes and checks equipment; it does not know which loads
 * it can make (that is plate math) or what a gym usually has (that is the presets).
 */
import { fail, ok } from "./result";
import type { Result } from "./result";
import { convertWeight, weightProblem } from "./weight";
import type { Weight, WeightUnit } from "./weight";

/** How many pairs of one plate size are available (one plate of each pair goes on each side). */
export interface PlatePairs {
  readonly plate: Weight;
  readonly pairs: number;
}

/** A barbell or trap bar: the bar's own weight plus the plate inventory. */
export interface BarEquipment {
  readonly kind: "barbell" | "trapBar";
  readonly bar: Weight;
  readonly plates: readonly PlatePairs[];
}

/** A dumbbell rack from `lightest` to `heaviest` in steps of `increment`; loads are per hand. */
export interface DumbbellEquipment {
  readonly kind: "dumbbells";
  readonly lightest: Weight;
  readonly heaviest: Weight;
  readonly increment: Weight;
}

export type Equipment = BarEquipment | DumbbellEquipment;

/** How one load is made: plates on each side of the bar, or one dumbbell in each hand. */
export type LoadSetup =
  | { readonly kind: "plates"; readonly bar: Weight; readonly perSide: readonly PlateCount[] }
  | { readonly kind: "dumbbells"; readonly perHand: Weight };

/** `count` plates of one size on each side, heaviest sizes listed first. */
export interface PlateCount {
  readonly plate: Weight;
  readonly count: number;
}

/** Limits that keep plate math fast and catch typos. */
export const EQUIPMENT_LIMITS = {
  maxPlateSizes: 20,
  maxPairsPerSize: 100,
  maxPlateKg: 50,
  maxBarKg: 100,
  maxDumbbells: 500,
} as const;

/** The unit every weight of this equipment is in. */
export function equipmentUnit(equipment: Equipment): WeightUnit {
  switch (equipment.kind) {
    case "barbell":
    case "trapBar":
      return equipment.bar.unit;
    case "dumbbells":
      return equipment.lightest.unit;
  }
}

/** The equipment unchanged when it is usable, else the first problem, naming the field. */
export function validateEquipment(equipment: Equipment): Result<Equipment> {
  switch (equipment.kind) {
    case "barbell":
    case "trapBar":
      return validateBar(equipment);
    case "dumbbells":
      return validateDumbbells(equipment);
    default:
      return fail("equipment", "Choose a barbell, a trap bar or dumbbells.");
  }
}

/** A copy of the bar equipment with `pairs` pairs of `plate` (added, changed, or removed at 0). */
export function withPlatePairs(equipment: BarEquipment, plate: Weight, pairs: number): BarEquipment {
  const others = equipment.plates.filter(
    (entry) => !(entry.plate.unit === plate.unit && entry.plate.hundredths === plate.hundredths),
  );
  const plates = pairs > 0 ? [...others, { plate, pairs }] : others;
  return { ...equipment, plates: plates.sort((a, b) => b.plate.hundredths - a.plate.hundredths) };
}

function validateBar(equipment: BarEquipment): Result<Equipment> {
  const { bar } = equipment;
  const barIssue = weightProblem(bar, "bar weight", {
    max: kgLimit(bar.unit, EQUIPMENT_LIMITS.maxBarKg),
  });
  if (barIssue !== undefined) return fail("bar", barIssue);
  if (equipment.plates.length > EQUIPMENT_LIMITS.maxPlateSizes) {
    return fail("plates", `List at most ${EQUIPMENT_LIMITS.maxPlateSizes.toString()} plate sizes.`);
  }
  for (const entry of equipment.plates) {
    if (entry.plate.unit !== bar.unit) {
      return fail("plates", `Enter every plate in ${bar.unit}, like the bar.`);
    }
    const plateIssue = weightProblem(entry.plate, "plate", {
      max: kgLimit(bar.unit, EQUIPMENT_LIMITS.maxPlateKg),
    });
    if (plateIssue !== undefined) return fail("plates", plateIssue);
    const { pairs } = entry;
    if (!Number.isInteger(pairs) || pairs < 0 || pairs > EQUIPMENT_LIMITS.maxPairsPerSize) {
      return fail(
        "plates",
        `Enter the number of pairs of each plate as a whole number from 0 to ${EQUIPMENT_LIMITS.maxPairsPerSize.toString()}.`,
      );
    }
  }
  return ok(equipment);
}

function validateDumbbells(equipment: DumbbellEquipment): Result<Equipment> {
  const { lightest, heaviest, increment } = equipment;
  const lightestIssue = weightProblem(lightest, "lightest dumbbell");
  if (lightestIssue !== undefined) return fail("lightest", lightestIssue);
  if (heaviest.unit !== lightest.unit || increment.unit !== lightest.unit) {
    return fail("heaviest", `Enter every dumbbell weight in ${lightest.unit}.`);
  }
  const heaviestIssue = weightProblem(heaviest, "heaviest dumbbell");
  if (heaviestIssue !== undefined) return fail("heaviest", heaviestIssue);
  const incrementIssue = weightProblem(increment, "dumbbell increment");
  if (incrementIssue !== undefined) return fail("increment", incrementIssue);
  const span = heaviest.hundredths - lightest.hundredths;
  if (span < 0) return fail("heaviest", "The heaviest dumbbell must weigh at least the lightest.");
  if (span % increment.hundredths !== 0) {
    return fail("heaviest", "The heaviest dumbbell must be the lightest plus whole increments.");
  }
  if (span / increment.hundredths + 1 > EQUIPMENT_LIMITS.maxDumbbells) {
    return fail("increment", "That is too many dumbbells: use a larger increment.");
  }
  return ok(equipment);
}

function kgLimit(unit: WeightUnit, limitKg: number): number {
  return convertWeight({ unit: "kg", hundredths: limitKg * 100 }, unit).hundredths;
}
