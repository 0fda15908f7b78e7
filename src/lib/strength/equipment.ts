/**
 * The shapes of the equipment a runner loads: a barbell or trap bar with an inventory of plate pairs,
 * or a rack of dumbbells stepping by a fixed increment (weights per hand), and how one load is made
 * from it. All of one piece of equipment's weights share one unit. Types only: which loads it can
 * make is loadables.ts, what a gym usually has is equipment-presets.ts, and what a person may enter
 * is checked in calculator.ts.
 */
import type { Weight } from "./weight";

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

/** `count` plates of one size on each side. */
export interface PlateCount {
  readonly plate: Weight;
  readonly count: number;
}

/** How one load is made: plates on each side of the bar (heaviest first), or one dumbbell in each hand. */
export type LoadSetup =
  | { readonly kind: "plates"; readonly bar: Weight; readonly perSide: readonly PlateCount[] }
  | { readonly kind: "dumbbells"; readonly perHand: Weight };
