/**
 * Test fixtures: the gyms' plate sets on their usual barbell, and the product's dumbbell racks, built
 * the way calculator.ts builds them.
 */
import { USUAL_BAR, dumbbellRack, gymPlates, kg, lb, weight } from "../../../src/lib/strength";
import type { BarEquipment, Equipment, Gym, WeightUnit } from "../../../src/lib/strength";

/** The plates of `gym` in `unit` on a `kind` bar of its usual weight. */
export function gymEquipment(gym: Gym, unit: WeightUnit, kind: BarEquipment["kind"] = "barbell"): BarEquipment {
  return { kind, bar: weight(USUAL_BAR[kind][unit], unit), plates: gymPlates(gym, unit) };
}

export const commercialKg = gymEquipment("commercial", "kg");
export const commercialLb = gymEquipment("commercial", "lb");
export const homeKg = gymEquipment("home", "kg");
export const homeLb = gymEquipment("home", "lb");
/** 2 to 50 kg in 2 kg steps. */
export const dumbbellsKg = dumbbellRack(kg(2));
/** 5 to 110 lb in 5 lb steps. */
export const dumbbellsLb = dumbbellRack(lb(5));

export const ALL_EQUIPMENT: readonly Equipment[] = [
  commercialKg,
  commercialLb,
  homeKg,
  homeLb,
  dumbbellsKg,
  dumbbellsLb,
];
