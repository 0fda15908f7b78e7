import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kg, lb, loadablesOf, loadsAround, nearestLoad, nextLoad } from "../../../src/lib/strength";
import type { BarEquipment, Equipment, LoadSetup } from "../../../src/lib/strength";
import { bruteLoads, bruteNearest } from "./brute-force";
import { ALL_EQUIPMENT, commercialKg, commercialLb, dumbbellsKg, homeKg } from "./equipment";

/** The nearest load to `target` hundredths and how it is made. */
function nearest(equipment: Equipment, target: number): { load: number; setup: LoadSetup } {
  const loadables = loadablesOf(equipment);
  const load = nearestLoad(loadables, target);
  const setup = loadables.setup(load);
  if (setup === undefined) throw new Error(`no setup for the nearest load ${load.toString()}`);
  return { load, setup };
}

function perSide(setup: LoadSetup): [number, number][] {
  if (setup.kind !== "plates") throw new Error("expected plates");
  return setup.perSide.map((entry) => [entry.plate.hundredths / 100, entry.count]);
}

function setupTotal(setup: LoadSetup): number {
  switch (setup.kind) {
    case "plates":
      return setup.bar.hundredths + 2 * setup.perSide.reduce((sum, e) => sum + e.plate.hundredths * e.count, 0);
    case "dumbbells":
      return setup.perHand.hundredths;
  }
}

describe("nearest load on the gyms' plate sets", () => {
  it.each([
    [
      10000,
      10000,
      [
        [25, 1],
        [15, 1],
      ],
    ],
    [
      10250,
      10250,
      [
        [25, 1],
        [15, 1],
        [1.25, 1],
      ],
    ],
    [6000, 6000, [[20, 1]]],
    [
      10130,
      10250,
      [
        [25, 1],
        [15, 1],
        [1.25, 1],
      ],
    ],
    [2000, 2000, []],
  ] as const)("commercial kg: %i → %i with %o per side", (target, load, plates) => {
    const loading = nearest(commercialKg, target);
    expect(loading.load).toBe(load);
    expect(perSide(loading.setup)).toEqual(plates);
  });

  it("a tie goes to the lighter load", () => {
    expect(nearest(commercialKg, 10125).load).toBe(10000);
    expect(nearest(dumbbellsKg, 2300).load).toBe(2200);
  });

  it("225 lb is two 45s a side; 220 lb takes a 45, a 35, a 5 and a 2.5", () => {
    expect(perSide(nearest(commercialLb, 22500).setup)).toEqual([[45, 2]]);
    expect(perSide(nearest(commercialLb, 22046).setup)).toEqual([
      [45, 1],
      [35, 1],
      [5, 1],
      [2.5, 1],
    ]);
  });

  it("stops at the heaviest load and the empty bar", () => {
    const top = nearest(homeKg, 20000);
    expect(top.load).toBe(16750);
    expect(perSide(top.setup)).toEqual([
      [20, 2],
      [10, 2],
      [5, 2],
      [2.5, 1],
      [1.25, 1],
    ]);
    expect(nearest(commercialKg, 1250).load).toBe(2000);
    expect(nearest(commercialKg, 0).load).toBe(2000);
  });

  it("dumbbells: per hand, clamped to the rack", () => {
    expect(nearest(dumbbellsKg, 2100).setup).toEqual({ kind: "dumbbells", perHand: kg(20) });
    expect(nearest(dumbbellsKg, 6000).load).toBe(5000);
    expect(nearest(dumbbellsKg, 100).load).toBe(200);
  });
});

describe("inventories where biggest-first fails", () => {
  const fifteensAndTens: BarEquipment = {
    kind: "trapBar",
    bar: kg(25),
    plates: [
      { plate: kg(15), pairs: 1 },
      { plate: kg(10), pairs: 2 },
    ],
  };

  it("makes 20 a side from two 10s when greedy would take the 15 and get stuck", () => {
    const loading = nearest(fifteensAndTens, 6500);
    expect(loading.load).toBe(6500);
    expect(perSide(loading.setup)).toEqual([[10, 2]]);
  });

  it("respects counts: 35 a side needs all three plates, 40 a side cannot be made", () => {
    expect(perSide(nearest(fifteensAndTens, 9500).setup)).toEqual([
      [15, 1],
      [10, 2],
    ]);
    expect(nearest(fifteensAndTens, 10500).load).toBe(9500);
    expect(loadablesOf(fifteensAndTens).setup(10500)).toBeUndefined();
  });

  it("prefers fewer plates, then heavier ones", () => {
    const equipment: BarEquipment = {
      kind: "barbell",
      bar: kg(20),
      plates: [
        { plate: kg(25), pairs: 1 },
        { plate: kg(15), pairs: 3 },
        { plate: kg(5), pairs: 4 },
      ],
    };
    // 45 a side: 25 + 15 + 5 and 15 + 15 + 15 both take three plates; the heavier set wins.
    expect(perSide(nearest(equipment, 11000).setup)).toEqual([
      [25, 1],
      [15, 1],
      [5, 1],
    ]);
    expect(perSide(nearest(equipment, 8000).setup)).toEqual([
      [25, 1],
      [5, 1],
    ]);
    const tensAndSmalls: BarEquipment = {
      kind: "barbell",
      bar: kg(20),
      plates: [
        { plate: kg(1.25), pairs: 4 },
        { plate: kg(25), pairs: 1 },
        { plate: kg(10), pairs: 3 },
      ],
    };
    // 30 a side: three 10s beat 25 + four 1.25s, whatever order the inventory lists.
    expect(perSide(nearest(tensAndSmalls, 8000).setup)).toEqual([[10, 3]]);
  });
});

describe("steps, exact setups and the list of loads", () => {
  it.each([
    [commercialKg, 10000, 10250],
    [commercialKg, 2000, 2250],
    [commercialLb, 22500, 23000],
    [dumbbellsKg, 2000, 2200],
    [dumbbellsKg, 2100, 2200],
  ] as const)("the step above %#", (equipment, load, next) => {
    expect(nextLoad(loadablesOf(equipment), load)).toBe(next);
  });

  it("steps by a single hundredth when the equipment does", () => {
    const fine: Equipment = {
      kind: "dumbbells",
      lightest: kg(1),
      heaviest: kg(2),
      increment: { unit: "kg", hundredths: 1 },
    };
    expect(nextLoad(loadablesOf(fine), 100)).toBe(101);
  });

  it("has no step above the heaviest load", () => {
    expect(nextLoad(loadablesOf(homeKg), 16750)).toBeUndefined();
    expect(nextLoad(loadablesOf(dumbbellsKg), 5000)).toBeUndefined();
  });

  it("finds the loads around a target", () => {
    const loadables = loadablesOf(commercialKg);
    expect(loadsAround(loadables, 2100)).toEqual([2000, 2250]);
    expect(loadsAround(loadables, 2250)).toEqual([2250, 2250]);
    expect(loadsAround(loadables, 1000)).toEqual([undefined, 2000]);
    expect(loadsAround(loadables, 1_000_000)).toEqual([loadables.loads.at(-1), undefined]);
  });

  it("gives the setup of an exact load and refuses one that cannot be made", () => {
    const loadables = loadablesOf(commercialKg);
    expect(perSide(loadables.setup(6250) ?? { kind: "dumbbells", perHand: kg(0) })).toEqual([
      [20, 1],
      [1.25, 1],
    ]);
    expect(loadables.setup(2000)).toEqual({ kind: "plates", bar: kg(20), perSide: [] });
    expect(loadables.setup(2100)).toBeUndefined();
    expect(loadablesOf(dumbbellsKg).setup(2100)).toBeUndefined();
  });

  it("lists loads from the bar upwards", () => {
    expect(loadablesOf(commercialKg).loads.slice(0, 5)).toEqual([2000, 2250, 2500, 2750, 3000]);
    expect(loadablesOf(homeKg).loads.at(-1)).toBe(16750);
    expect(loadablesOf(commercialLb).loads.at(-1)).toBe(107500);
    expect(loadablesOf(dumbbellsKg).loads).toHaveLength(25);
    expect(loadablesOf(commercialLb).unit).toBe("lb");
  });
});

const smallInventory: fc.Arbitrary<BarEquipment> = fc
  .record({
    unit: fc.constantFrom<"kg" | "lb">("kg", "lb"),
    bar: fc.integer({ min: 1, max: 4000 }),
    plates: fc.array(
      fc.record({
        size: fc.oneof(fc.constantFrom(125, 250, 500, 1000, 1500, 2000, 2500, 4500), fc.integer({ min: 1, max: 3000 })),
        pairs: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 4 },
    ),
    kind: fc.constantFrom<"barbell" | "trapBar">("barbell", "trapBar"),
  })
  .map(({ unit, bar, plates, kind }) => ({
    kind,
    bar: { unit, hundredths: bar },
    plates: plates.map(({ size, pairs }) => ({ plate: { unit, hundredths: size }, pairs })),
  }));

describe("plate math agrees with brute force on small random inventories", () => {
  it("nearest load, fewest plates, heaviest first, counts respected, sums back", () => {
    fc.assert(
      fc.property(smallInventory, fc.integer({ min: 0, max: 30000 }), (equipment, target) => {
        const expected = bruteNearest(bruteLoads(equipment), target);
        const loading = nearest(equipment, target);
        expect(loading.load).toBe(expected.load);
        expect(loading.load).toBeGreaterThan(0);
        expect(setupTotal(loading.setup)).toBe(loading.load);
        if (loading.setup.kind !== "plates") throw new Error("expected plates");
        const sizes = loading.setup.perSide.flatMap((entry) =>
          Array.from({ length: entry.count }, () => entry.plate.hundredths),
        );
        expect(sizes).toEqual(expected.plates);
        for (const entry of loading.setup.perSide) {
          const available = equipment.plates
            .filter((p) => p.plate.hundredths === entry.plate.hundredths)
            .reduce((sum, p) => sum + p.pairs, 0);
          expect(entry.count).toBeLessThanOrEqual(available);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("every load it lists is loadable and the list is complete", () => {
    fc.assert(
      fc.property(smallInventory, (equipment) => {
        const loadables = loadablesOf(equipment);
        expect(loadables.loads).toEqual(bruteLoads(equipment).map((entry) => entry.load));
        for (const load of loadables.loads) expect(setupTotal(loadables.setup(load) ?? fail())).toBe(load);
      }),
      { numRuns: 200 },
    );
  });

  it("one step up is the smallest loadable weight above", () => {
    fc.assert(
      fc.property(smallInventory, fc.integer({ min: 0, max: 30000 }), (equipment, from) => {
        const loads = bruteLoads(equipment).map((entry) => entry.load);
        const loadables = loadablesOf(equipment);
        expect(nextLoad(loadables, from)).toBe(loads.find((load) => load > from));
        for (const load of loads.slice(1)) expect(nextLoad(loadables, load - 1)).toBe(load);
      }),
      { numRuns: 300 },
    );
  });

  it("the loads around a target are the nearest loadable at or below and at or above it", () => {
    fc.assert(
      fc.property(smallInventory, fc.integer({ min: 0, max: 30000 }), (equipment, target) => {
        const loads = bruteLoads(equipment).map((entry) => entry.load);
        expect(loadsAround(loadablesOf(equipment), target)).toEqual([
          loads.filter((load) => load <= target).at(-1),
          loads.find((load) => load >= target),
        ]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("loads are always loadable and never negative", () => {
  it("for every gym, rack and target", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_EQUIPMENT), fc.integer({ min: 0, max: 250000 }), (equipment, target) => {
        const loading = nearest(equipment, target);
        expect(loading.load).toBeGreaterThan(0);
        expect(setupTotal(loading.setup)).toBe(loading.load);
        expect(loadablesOf(equipment).loads).toContain(loading.load);
      }),
    );
  });

  it("keeps the unit of the equipment", () => {
    expect(nearest(commercialLb, 22500).setup).toMatchObject({ bar: lb(45) });
  });
});

function fail(): never {
  throw new Error("a listed load has no setup");
}
