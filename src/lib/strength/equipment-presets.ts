/**
 * Ready-made equipment a runner can start from and then edit: a commercial gym and a home gym in kg
 * and in lb, and dumbbell racks. The numbers are typical, not any particular gym's; the plate counts
 * are pairs. This module knows nothing about which loads the equipment can make.
 */
import type { BarEquipment, DumbbellEquipment, Equipment, PlatePairs } from "./equipment";
import { kg, lb } from "./weight";
import type { Weight } from "./weight";

export type EquipmentPresetId =
  "commercial-kg" | "commercial-lb" | "home-kg" | "home-lb" | "dumbbells-kg" | "dumbbells-lb";

function pairs(toWeight: (amount: number) => Weight, list: readonly (readonly [number, number])[]): PlatePairs[] {
  return list.map(([amount, count]) => ({ plate: toWeight(amount), pairs: count }));
}

const commercialKg: BarEquipment = {
  kind: "barbell",
  bar: kg(20),
  plates: pairs(kg, [
    [25, 8],
    [20, 2],
    [15, 2],
    [10, 2],
    [5, 2],
    [2.5, 2],
    [1.25, 2],
  ]),
};

const commercialLb: BarEquipment = {
  kind: "barbell",
  bar: lb(45),
  plates: pairs(lb, [
    [45, 8],
    [35, 2],
    [25, 2],
    [10, 2],
    [5, 2],
    [2.5, 2],
  ]),
};

const homeKg: BarEquipment = {
  kind: "barbell",
  bar: kg(20),
  plates: pairs(kg, [
    [20, 2],
    [10, 2],
    [5, 2],
    [2.5, 1],
    [1.25, 1],
  ]),
};

const homeLb: BarEquipment = {
  kind: "barbell",
  bar: lb(45),
  plates: pairs(lb, [
    [45, 2],
    [25, 2],
    [10, 2],
    [5, 1],
    [2.5, 1],
  ]),
};

const dumbbellsKg: DumbbellEquipment = {
  kind: "dumbbells",
  lightest: kg(2),
  heaviest: kg(50),
  increment: kg(2),
};

const dumbbellsLb: DumbbellEquipment = {
  kind: "dumbbells",
  lightest: lb(5),
  heaviest: lb(100),
  increment: lb(5),
};

/** Every preset with a label for a picker. */
export const EQUIPMENT_PRESETS: Readonly<
  Record<EquipmentPresetId, { readonly label: string; readonly equipment: Equipment }>
> = {
  "commercial-kg": { label: "Commercial gym, kg (20 kg bar)", equipment: commercialKg },
  "commercial-lb": { label: "Commercial gym, lb (45 lb bar)", equipment: commercialLb },
  "home-kg": { label: "Home gym, kg (20 kg bar, limited plates)", equipment: homeKg },
  "home-lb": { label: "Home gym, lb (45 lb bar, limited plates)", equipment: homeLb },
  "dumbbells-kg": { label: "Dumbbells, 2-50 kg in 2 kg steps", equipment: dumbbellsKg },
  "dumbbells-lb": { label: "Dumbbells, 5-100 lb in 5 lb steps", equipment: dumbbellsLb },
};

/** A trap bar of the weight the runner entered, with the given plate pairs. */
export function trapBar(bar: Weight, plates: readonly PlatePairs[]): BarEquipment {
  return { kind: "trapBar", bar, plates };
}

/** A dumbbell rack with the default increment for the unit (2 kg or 5 lb) unless one is given. */
export function dumbbellRack(lightest: Weight, heaviest: Weight, increment?: Weight): DumbbellEquipment {
  return {
    kind: "dumbbells",
    lightest,
    heaviest,
    increment: increment ?? (lightest.unit === "kg" ? kg(2) : lb(5)),
  };
}
