import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertWeight, kg, lb, loadablesOf, warmUpRamp } from "../../../src/lib/strength";
import type { Equipment, WarmUpSet, Weight } from "../../../src/lib/strength";
import { ALL_EQUIPMENT, commercialKg, commercialLb, dumbbellsKg } from "./equipment";

function ramp(equipment: Equipment, working: Weight): [number, number][] {
  return warmUpRamp(equipment, working).map((set) => [set.load.hundredths / 100, set.reps]);
}

function smallestPlate(set: WarmUpSet): number {
  if (set.setup.kind !== "plates") return Number.POSITIVE_INFINITY;
  return Math.min(Number.POSITIVE_INFINITY, ...set.setup.perSide.map((entry) => entry.plate.hundredths));
}

describe("warm-up ramp examples", () => {
  it.each([
    [
      commercialKg,
      kg(100),
      [
        [20, 5],
        [20, 5],
        [40, 5],
        [60, 3],
        [80, 2],
      ],
    ],
    [
      commercialKg,
      kg(102.5),
      [
        [20, 5],
        [20, 5],
        [40, 5],
        [60, 3],
        [80, 2],
      ],
    ],
    [
      commercialKg,
      kg(62.5),
      [
        [20, 5],
        [20, 5],
        [30, 5],
        [40, 3],
        [50, 2],
      ],
    ],
    [
      commercialKg,
      kg(30),
      [
        [20, 5],
        [20, 5],
        [25, 2],
      ],
    ],
    [
      commercialKg,
      kg(20),
      [
        [20, 5],
        [20, 5],
      ],
    ],
    // 80 % of 135 lb is 108: 105 would need a 5 lb plate, so the big-plate 115 (a 35 a side) wins.
    [
      commercialLb,
      lb(135),
      [
        [45, 5],
        [45, 5],
        [65, 5],
        [85, 3],
        [115, 2],
      ],
    ],
    // 80 % of 225 lb is 180: 175 and 185 tie, the lighter wins.
    [
      commercialLb,
      lb(225),
      [
        [45, 5],
        [45, 5],
        [85, 5],
        [135, 3],
        [175, 2],
      ],
    ],
    [
      dumbbellsKg,
      kg(20),
      [
        [2, 5],
        [2, 5],
        [8, 5],
        [12, 3],
        [16, 2],
      ],
    ],
    [
      dumbbellsKg,
      kg(4),
      [
        [2, 5],
        [2, 5],
      ],
    ],
  ] as const)("%# ramp to %o", (equipment, working, expected) => {
    expect(ramp(equipment, working)).toEqual(expected);
  });

  it("uses no plates under 5 kg when big plates can make the step", () => {
    for (const set of warmUpRamp(commercialKg, kg(102.5))) expect(smallestPlate(set)).toBeGreaterThanOrEqual(500);
    for (const set of warmUpRamp(commercialLb, lb(235))) expect(smallestPlate(set)).toBeGreaterThanOrEqual(1000);
  });

  it("works from a load converted to the equipment's unit", () => {
    expect(ramp(commercialLb, convertWeight(kg(100), "lb"))[2]).toEqual([85, 5]);
  });
});

describe("warm-up invariants", () => {
  it("starts with the empty bar (or lightest dumbbell) twice, then rises strictly, staying under the working load", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_EQUIPMENT), fc.integer({ min: 0, max: 400 }), (equipment, pick) => {
        const { loads, unit } = loadablesOf(equipment);
        const working: Weight = { unit, hundredths: loads[pick % loads.length] ?? 0 };
        const sets = warmUpRamp(equipment, working);
        const start = loads[0];
        expect(sets[0]?.load.hundredths).toBe(start);
        expect(sets[1]?.load.hundredths).toBe(start);
        expect(sets.slice(0, 2).map((set) => set.reps)).toEqual([5, 5]);
        for (let i = 2; i < sets.length; i += 1) {
          expect(sets[i]?.load.hundredths).toBeGreaterThan(sets[i - 1]?.load.hundredths ?? Number.POSITIVE_INFINITY);
          expect(sets[i]?.load.hundredths).toBeLessThan(working.hundredths);
        }
        for (const set of sets) {
          expect(set.load.hundredths).toBeLessThanOrEqual(working.hundredths);
          const total =
            set.setup.kind === "plates"
              ? set.setup.bar.hundredths +
                2 * set.setup.perSide.reduce((sum, e) => sum + e.plate.hundredths * e.count, 0)
              : set.setup.perHand.hundredths;
          expect(total).toBe(set.load.hundredths);
        }
        expect(sets.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });

  it("heavy commercial-gym ramps never need plates under 5 kg", () => {
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 120 }), (steps) => {
        const sets = warmUpRamp(commercialKg, { unit: "kg", hundredths: steps * 250 });
        expect(sets).toHaveLength(5);
        for (const set of sets) expect(smallestPlate(set)).toBeGreaterThanOrEqual(500);
      }),
    );
  });
});
