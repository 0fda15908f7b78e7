/**
 * Test oracle: every way to load a small bar inventory, found by trying every count of every plate.
 * Slow on purpose and obviously correct; the plate math must agree with it.
 */
import type { BarEquipment } from "../../../src/lib/strength";

export interface BruteLoad {
  /** Total on the bar, in hundredths. */
  readonly load: number;
  /** Fewest plates per side that make it. */
  readonly fewest: number;
  /** Among the fewest, the per-side plate sizes heaviest first, lexicographically heaviest. */
  readonly plates: readonly number[];
}

/** All loads of the equipment, lightest first. */
export function bruteLoads(equipment: BarEquipment): BruteLoad[] {
  const stock = equipment.plates.map((entry) => ({ size: entry.plate.hundredths, count: entry.pairs }));
  const best = new Map<number, BruteLoad>();
  const walk = (index: number, chosen: number[]): void => {
    const entry = stock[index];
    if (entry === undefined) {
      const perSide = chosen.reduce((sum, size) => sum + size, 0);
      const plates = [...chosen].sort((a, b) => b - a);
      const load = equipment.bar.hundredths + 2 * perSide;
      const seen = best.get(load);
      if (
        seen === undefined ||
        plates.length < seen.fewest ||
        (plates.length === seen.fewest && heavier(plates, seen.plates))
      ) {
        best.set(load, { load, fewest: plates.length, plates });
      }
      return;
    }
    for (let count = 0; count <= entry.count; count += 1) {
      walk(index + 1, [...chosen, ...Array.from({ length: count }, () => entry.size)]);
    }
  };
  walk(0, []);
  return [...best.values()].sort((a, b) => a.load - b.load);
}

/** The brute-force nearest load to `target` (ties to the lighter). */
export function bruteNearest(loads: readonly BruteLoad[], target: number): BruteLoad {
  let best = loads[0];
  if (best === undefined) throw new Error("no loads");
  for (const candidate of loads) {
    if (Math.abs(candidate.load - target) < Math.abs(best.load - target)) best = candidate;
  }
  return best;
}

function heavier(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
}
