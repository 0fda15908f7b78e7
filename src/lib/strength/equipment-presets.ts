/**
 * What a gym usually has, for a runner to start from and then edit: the plate sets of a commercial
 * gym and a home gym in kg and in lb, the usual bar for each kind of bar, and dumbbell racks. The
 * numbers are typical, not any particular gym's; plate counts are pairs. This module knows nothing
 * about which loads the equipment can make or what a person may enter.
 */
import type { BarEquipment, DumbbellEquipment, PlatePairs } from "./equipment";
import type { Weight, WeightUnit } from "./weight";
import { weight } from "./weight";

export type Gym = "commercial" | "home";

/** [plate, pairs], heaviest plate first, in the unit they are listed under. */
const GYM_PLATES: Record<Gym, Record<WeightUnit, readonly (readonly [number, number])[]>> = {
  commercial: {
    kg: [
      [25, 8],
      [20, 2],
      [15, 2],
      [10, 2],
      [5, 2],
      [2.5, 2],
      [1.25, 2],
    ],
    lb: [
      [45, 8],
      [35, 2],
      [25, 2],
      [10, 2],
      [5, 2],
      [2.5, 2],
    ],
  },
  home: {
    kg: [
      [20, 2],
      [10, 2],
      [5, 2],
      [2.5, 1],
      [1.25, 1],
    ],
    lb: [
      [45, 2],
      [25, 2],
      [10, 2],
      [5, 1],
      [2.5, 1],
    ],
  },
};

/** The usual bar: an Olympic bar for barbell lifts, a common trap bar for the deadlift. */
export const USUAL_BAR: Record<BarEquipment["kind"], Record<WeightUnit, number>> = {
  barbell: { kg: 20, lb: 45 },
  trapBar: { kg: 25, lb: 55 },
};

/** The usual jump between dumbbells. */
export const DUMBBELL_STEP: Record<WeightUnit, number> = { kg: 2, lb: 5 };

/** The heaviest dumbbell a rack holds. */
export const HEAVIEST_DUMBBELL: Record<WeightUnit, number> = { kg: 50, lb: 110 };

/** The plate pairs of `gym` in `unit`, heaviest first. */
export function gymPlates(gym: Gym, unit: WeightUnit): PlatePairs[] {
  return GYM_PLATES[gym][unit].map(([amount, pairs]) => ({ plate: weight(amount, unit), pairs }));
}

/** A rack from `step` up by `step` to the heaviest multiple of it the rack holds. */
export function dumbbellRack(step: Weight): DumbbellEquipment {
  const count = Math.floor((HEAVIEST_DUMBBELL[step.unit] * 100) / step.hundredths);
  return {
    kind: "dumbbells",
    lightest: step,
    heaviest: { unit: step.unit, hundredths: step.hundredths * count },
    increment: step,
  };
}
