/**
 * Plate math: the loads one piece of equipment can make, in whole hundredths of its unit, and how to
 * make each: bar plus plate pairs (fewest plates, heaviest first, within the inventory; see
 * subset-sums.ts) or one dumbbell per hand. The nearest load to a target goes to the lighter on a tie.
 * Callers pass equipment calculator.ts accepted and targets in the equipment's unit; this module
 * neither validates nor converts. Tables are built once per equipment object (treated as immutable).
 */
import type { BarEquipment, DumbbellEquipment, Equipment, LoadSetup } from "./equipment";
import { fewestItems } from "./subset-sums";
import type { WeightUnit } from "./weight";

/** The loads an equipment can make, as hundredths of `unit`. */
export interface Loadables {
  readonly unit: WeightUnit;
  /** Every load, lightest (the empty bar or the lightest dumbbell) first. */
  readonly loads: readonly number[];
  /** How to make exactly `load`, or undefined when it cannot be made. */
  readonly setup: (load: number) => LoadSetup | undefined;
}

const cache = new WeakMap<Equipment, Loadables>();

/** The loadable set of accepted equipment. */
export function loadablesOf(equipment: Equipment): Loadables {
  let loadables = cache.get(equipment);
  if (loadables === undefined) {
    loadables = equipment.kind === "dumbbells" ? dumbbellLoadables(equipment) : barLoadables(equipment);
    cache.set(equipment, loadables);
  }
  return loadables;
}

/** The load nearest to `target` (hundredths, may be fractional); a tie goes to the lighter load. */
export function nearestLoad({ loads }: Loadables, target: number): number {
  return loads.reduce((best, load) => (Math.abs(load - target) < Math.abs(best - target) ? load : best));
}

/** The largest load at or below `target` and the smallest at or above it (undefined past either end). */
export function loadsAround({ loads }: Loadables, target: number): [number | undefined, number | undefined] {
  const above = loads.findIndex((load) => load >= target);
  const index = above < 0 ? loads.length : above;
  return [loads[loads[index] === target ? index : index - 1], loads[index]];
}

/** The smallest load above `load`, or undefined at the heaviest. */
export function nextLoad({ loads }: Loadables, load: number): number | undefined {
  return loads.find((candidate) => candidate > load);
}

function barLoadables({ bar, plates }: BarEquipment): Loadables {
  const heaviestFirst = [...plates].sort((a, b) => b.plate.hundredths - a.plate.hundredths);
  const perSide = fewestItems(heaviestFirst.map((entry) => ({ size: entry.plate.hundredths, count: entry.pairs })));
  return {
    unit: bar.unit,
    loads: [...perSide.keys()].sort((a, b) => a - b).map((sum) => bar.hundredths + 2 * sum),
    setup: (load) => {
      const counts = perSide.get((load - bar.hundredths) / 2);
      return (
        counts && {
          kind: "plates",
          bar,
          perSide: heaviestFirst
            .map((entry, i) => ({ plate: entry.plate, count: counts[i] ?? 0 }))
            .filter((entry) => entry.count > 0),
        }
      );
    },
  };
}

function dumbbellLoadables({ lightest, heaviest, increment }: DumbbellEquipment): Loadables {
  const { unit } = lightest;
  const loads = Array.from(
    { length: (heaviest.hundredths - lightest.hundredths) / increment.hundredths + 1 },
    (_, index) => lightest.hundredths + index * increment.hundredths,
  );
  return {
    unit,
    loads,
    setup: (load) => (loads.includes(load) ? { kind: "dumbbells", perHand: { unit, hundredths: load } } : undefined),
  };
}
