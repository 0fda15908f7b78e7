/**
 * The set of loads one piece of equipment can make, in whole hundredths of its unit, with the way to
 * make each: bar plus plate pairs (fewest plates, heaviest first, within the inventory) or one
 * dumbbell per hand. Callers pass equipment that `validateEquipment` accepted and targets already in
 * the equipment's unit; this module neither validates nor converts. Plate tables are computed once
 * per equipment object (equipment is treated as immutable).
 */
import type { BarEquipment, DumbbellEquipment, Equipment, LoadSetup, PlateCount } from "./equipment";
import { buildSumTable, composition, reachableAtOrAbove, reachableAtOrBelow } from "./subset-sums";
import type { SumTable } from "./subset-sums";
import { maxHundredths } from "./weight";
import type { WeightUnit } from "./weight";

/** Loads an equipment can make, as hundredths of `unit`. */
export interface Loadables {
  readonly unit: WeightUnit;
  /** Lightest load: the empty bar or the lightest dumbbell. */
  readonly min: number;
  /** Heaviest load: every plate on the bar, or the heaviest dumbbell. */
  readonly max: number;
  /** Largest load ≤ `target`, or undefined below `min`. */
  atOrBelow(target: number): number | undefined;
  /** Smallest load ≥ `target`, or undefined above `max`. */
  atOrAbove(target: number): number | undefined;
  /** How to make exactly `load`, or undefined when it cannot be made. */
  setup(load: number): LoadSetup | undefined;
}

const cache = new WeakMap<Equipment, Loadables>();

/** The loadable set of checked equipment. */
export function loadablesOf(equipment: Equipment): Loadables {
  const cached = cache.get(equipment);
  if (cached !== undefined) return cached;
  const loadables = equipment.kind === "dumbbells" ? dumbbellLoadables(equipment) : barLoadables(equipment);
  cache.set(equipment, loadables);
  return loadables;
}

/** The load nearest to `target` (hundredths, may be fractional); a tie goes to the lighter load. */
export function nearestLoad(loadables: Loadables, target: number): number {
  const below = loadables.atOrBelow(target);
  const above = loadables.atOrAbove(target);
  if (below === undefined) return above ?? loadables.min;
  if (above === undefined) return below;
  return above - target < target - below ? above : below;
}

/** The smallest load above `load`, or undefined at the heaviest. */
export function nextLoad(loadables: Loadables, load: number): number | undefined {
  return loadables.atOrAbove(Math.floor(load) + 1);
}

function barLoadables(equipment: BarEquipment): Loadables {
  const bar = equipment.bar.hundredths;
  const { unit } = equipment.bar;
  const stock = equipment.plates.map((entry) => ({ size: entry.plate.hundredths, count: entry.pairs }));
  const largestPlate = Math.max(0, ...stock.map((entry) => entry.size));
  const total = stock.reduce((sum, entry) => sum + entry.size * entry.count, 0);
  // No valid target exceeds maxHundredths, and the next load above any sum is at most one plate
  // heavier per side, so the table never needs to reach further than this.
  const reach = Math.ceil(Math.max(0, maxHundredths(unit) - bar) / 2) + largestPlate;
  const table = buildSumTable(stock, reach);
  const pairStep = 2 * table.step;
  const toLoad = (index: number): number => bar + pairStep * index;
  return {
    unit,
    min: bar,
    max: bar + 2 * total,
    atOrBelow: (target) => (target < bar ? undefined : toLoad(reachableAtOrBelow(table, (target - bar) / pairStep))),
    atOrAbove: (target) => {
      const index = reachableAtOrAbove(table, Math.max(0, (target - bar) / pairStep));
      return index === undefined ? undefined : toLoad(index);
    },
    setup: (load) => barSetup(equipment, table, load),
  };
}

function barSetup(equipment: BarEquipment, table: SumTable, load: number): LoadSetup | undefined {
  const perSideTotal = (load - equipment.bar.hundredths) / 2;
  const counts = composition(table, perSideTotal);
  if (counts === undefined) return undefined;
  const { unit } = equipment.bar;
  const perSide: PlateCount[] = [];
  for (const [index, size] of table.sizes.entries()) {
    const count = counts[index] ?? 0;
    if (count > 0) perSide.push({ plate: { unit, hundredths: size }, count });
  }
  perSide.sort((a, b) => b.plate.hundredths - a.plate.hundredths);
  return { kind: "plates", bar: equipment.bar, perSide };
}

function dumbbellLoadables(equipment: DumbbellEquipment): Loadables {
  const { unit } = equipment.lightest;
  const min = equipment.lightest.hundredths;
  const step = equipment.increment.hundredths;
  const max = equipment.heaviest.hundredths;
  return {
    unit,
    min,
    max,
    atOrBelow: (target) => (target < min ? undefined : Math.min(max, min + step * Math.floor((target - min) / step))),
    atOrAbove: (target) => {
      if (target > max) return undefined;
      return target <= min ? min : min + step * Math.ceil((target - min) / step);
    },
    setup: (load) =>
      Number.isInteger(load) && load >= min && load <= max && (load - min) % step === 0
        ? { kind: "dumbbells", perHand: { unit, hundredths: load } }
        : undefined,
  };
}
