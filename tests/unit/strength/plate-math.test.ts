import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EQUIPMENT_PRESETS,
  kg,
  lb,
  loadRange,
  loadSetup,
  loadableWeights,
  nearestLoadable,
  nextLoadable,
  trapBar,
  validateEquipment,
  withPlatePairs,
} from "../../../src/lib/strength";
import type { BarEquipment, Equipment, LoadSetup, Loading, Result, Weight } from "../../../src/lib/strength";
import { bruteLoads, bruteNearest } from "./brute-force";

const commercialKg = EQUIPMENT_PRESETS["commercial-kg"].equipment;
const commercialLb = EQUIPMENT_PRESETS["commercial-lb"].equipment;
const homeKg = EQUIPMENT_PRESETS["home-kg"].equipment;
const dumbbellsKg = EQUIPMENT_PRESETS["dumbbells-kg"].equipment;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.field}: ${result.error.message}`);
  return result.value;
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

describe("nearestLoadable on the presets", () => {
  it.each([
    [
      kg(100),
      10000,
      [
        [25, 1],
        [15, 1],
      ],
    ],
    [
      kg(102.5),
      10250,
      [
        [25, 1],
        [15, 1],
        [1.25, 1],
      ],
    ],
    [kg(60), 6000, [[20, 1]]],
    [
      kg(101.3),
      10250,
      [
        [25, 1],
        [15, 1],
        [1.25, 1],
      ],
    ],
    [kg(20), 2000, []],
  ] as const)("commercial kg: %o → %i with %o per side", (target, load, plates) => {
    const loading = value(nearestLoadable(commercialKg, target));
    expect(loading.load).toEqual({ unit: "kg", hundredths: load });
    expect(perSide(loading.setup)).toEqual(plates);
  });

  it("a tie goes to the lighter load", () => {
    const loading = value(nearestLoadable(commercialKg, kg(101.25)));
    expect(loading.load).toEqual(kg(100));
    expect(loading.status).toBe("rounded");
    expect(loading.remainder).toEqual(kg(1.25));
    const dumbbell = value(nearestLoadable(dumbbellsKg, kg(23)));
    expect(dumbbell.load).toEqual(kg(22));
  });

  it("225 lb is two 45s a side; 100 kg on a lb bar is converted first", () => {
    expect(perSide(value(nearestLoadable(commercialLb, lb(225))).setup)).toEqual([[45, 2]]);
    const converted = value(nearestLoadable(commercialLb, kg(100)));
    expect(converted.target).toEqual({ unit: "lb", hundredths: 22046 });
    expect(converted.load).toEqual(lb(220));
    expect(perSide(converted.setup)).toEqual([
      [45, 1],
      [35, 1],
      [5, 1],
      [2.5, 1],
    ]);
  });

  it("reports an honest remainder above the heaviest load", () => {
    const loading = value(nearestLoadable(homeKg, kg(200)));
    expect(loading.status).toBe("aboveMaximum");
    expect(loading.load).toEqual(kg(167.5));
    expect(loading.remainder).toEqual(kg(32.5));
    expect(perSide(loading.setup)).toEqual([
      [20, 2],
      [10, 2],
      [5, 2],
      [2.5, 1],
      [1.25, 1],
    ]);
  });

  it("reports a negative remainder below the empty bar", () => {
    const loading = value(nearestLoadable(commercialKg, kg(12.5)));
    expect(loading.status).toBe("belowMinimum");
    expect(loading.load).toEqual(kg(20));
    expect(loading.remainder).toEqual({ unit: "kg", hundredths: -750 });
    expect(value(nearestLoadable(commercialKg, kg(0))).load).toEqual(kg(20));
  });

  it("marks an exact hit", () => {
    expect(value(nearestLoadable(commercialKg, kg(140))).status).toBe("exact");
    expect(value(nearestLoadable(commercialKg, kg(140))).remainder.hundredths).toBe(0);
  });

  it("dumbbells: per hand, clamped to the rack", () => {
    expect(value(nearestLoadable(dumbbellsKg, kg(21))).setup).toEqual({ kind: "dumbbells", perHand: kg(20) });
    expect(value(nearestLoadable(dumbbellsKg, kg(60))).status).toBe("aboveMaximum");
    expect(value(nearestLoadable(dumbbellsKg, kg(1))).load).toEqual(kg(2));
  });
});

describe("inventories where biggest-first fails", () => {
  const fifteensAndTens = trapBar(kg(25), [
    { plate: kg(15), pairs: 1 },
    { plate: kg(10), pairs: 2 },
  ]);

  it("makes 20 a side from two 10s when greedy would take the 15 and get stuck", () => {
    const loading = value(nearestLoadable(fifteensAndTens, kg(65)));
    expect(loading.status).toBe("exact");
    expect(perSide(loading.setup)).toEqual([[10, 2]]);
  });

  it("respects counts: 35 a side needs all three plates, 40 a side cannot be made", () => {
    expect(perSide(value(nearestLoadable(fifteensAndTens, kg(95))).setup)).toEqual([
      [15, 1],
      [10, 2],
    ]);
    const over = value(nearestLoadable(fifteensAndTens, kg(105)));
    expect(over.status).toBe("aboveMaximum");
    expect(over.load).toEqual(kg(95));
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
    expect(perSide(value(nearestLoadable(equipment, kg(110))).setup)).toEqual([
      [25, 1],
      [15, 1],
      [5, 1],
    ]);
    expect(perSide(value(nearestLoadable(equipment, kg(80))).setup)).toEqual([
      [25, 1],
      [5, 1],
    ]);
    const tensAndSmalls: BarEquipment = {
      kind: "barbell",
      bar: kg(20),
      plates: [
        { plate: kg(25), pairs: 1 },
        { plate: kg(10), pairs: 3 },
        { plate: kg(1.25), pairs: 4 },
      ],
    };
    // 30 a side: three 10s beat 25 + four 1.25s.
    expect(perSide(value(nearestLoadable(tensAndSmalls, kg(80))).setup)).toEqual([[10, 3]]);
  });
});

describe("steps, exact setups and the list of loads", () => {
  it.each([
    [commercialKg, kg(100), kg(102.5)],
    [commercialKg, kg(20), kg(22.5)],
    [commercialLb, lb(225), lb(230)],
    [dumbbellsKg, kg(20), kg(22)],
    [dumbbellsKg, kg(21), kg(22)],
  ] as const)("the step above %#", (equipment, load, next) => {
    expect(nextLoadable(equipment, load)).toEqual({ ok: true, value: next });
  });

  it("steps by a single hundredth when the equipment does", () => {
    const fine: Equipment = {
      kind: "dumbbells",
      lightest: kg(1),
      heaviest: kg(2),
      increment: { unit: "kg", hundredths: 1 },
    };
    expect(nextLoadable(fine, kg(1))).toEqual({ ok: true, value: kg(1.01) });
  });

  it("has no step above the heaviest load", () => {
    expect(nextLoadable(homeKg, kg(167.5))).toEqual({ ok: true, value: null });
    expect(nextLoadable(dumbbellsKg, kg(50))).toEqual({ ok: true, value: null });
  });

  it("gives the setup of an exact load and refuses one that cannot be made", () => {
    expect(perSide(value(loadSetup(commercialKg, kg(62.5))))).toEqual([
      [20, 1],
      [1.25, 1],
    ]);
    expect(value(loadSetup(commercialKg, kg(20)))).toEqual({ kind: "plates", bar: kg(20), perSide: [] });
    const odd = loadSetup(commercialKg, kg(21));
    expect(odd.ok ? undefined : odd.error.field).toBe("load");
  });

  it("lists loads from the bar upwards", () => {
    expect(value(loadableWeights(commercialKg, kg(30)))).toEqual([kg(20), kg(22.5), kg(25), kg(27.5), kg(30)]);
    expect(value(loadRange(homeKg))).toEqual({ min: kg(20), max: kg(167.5) });
    expect(value(loadRange(commercialLb))).toEqual({ min: lb(45), max: lb(1075) });
  });

  it("edits the inventory without touching the original", () => {
    const more = withPlatePairs(homeKg as BarEquipment, kg(1.25), 2);
    expect(value(loadRange(more)).max).toEqual(kg(170));
    expect(value(loadRange(homeKg)).max).toEqual(kg(167.5));
    const none = withPlatePairs(more, kg(20), 0);
    expect(value(loadRange(none)).max).toEqual(kg(90));
  });
});

describe("equipment validation", () => {
  it.each([
    [{ kind: "barbell", bar: kg(0), plates: [] }, "bar"],
    [{ kind: "barbell", bar: kg(150), plates: [] }, "bar"],
    [{ kind: "barbell", bar: kg(20), plates: [{ plate: lb(45), pairs: 1 }] }, "plates"],
    [{ kind: "barbell", bar: kg(20), plates: [{ plate: kg(20), pairs: -1 }] }, "plates"],
    [{ kind: "barbell", bar: kg(20), plates: [{ plate: kg(20), pairs: 1.5 }] }, "plates"],
    [{ kind: "barbell", bar: kg(20), plates: [{ plate: kg(0), pairs: 1 }] }, "plates"],
    [{ kind: "barbell", bar: kg(20), plates: [{ plate: kg(60), pairs: 1 }] }, "plates"],
    [{ kind: "dumbbells", lightest: kg(2), heaviest: kg(1), increment: kg(2) }, "heaviest"],
    [{ kind: "dumbbells", lightest: kg(2), heaviest: kg(41), increment: kg(2) }, "heaviest"],
    [{ kind: "dumbbells", lightest: kg(2), heaviest: kg(40), increment: kg(0) }, "increment"],
    [{ kind: "dumbbells", lightest: kg(2), heaviest: lb(40), increment: kg(2) }, "heaviest"],
  ] as const)("%o → error on %s", (equipment, field) => {
    const result = validateEquipment(equipment);
    expect(result.ok ? undefined : result.error.field).toBe(field);
    const loading = nearestLoadable(equipment, kg(60));
    expect(loading.ok).toBe(false);
  });

  it("accepts every preset", () => {
    for (const preset of Object.values(EQUIPMENT_PRESETS)) expect(validateEquipment(preset.equipment).ok).toBe(true);
  });

  it("rejects a bad target", () => {
    for (const hundredths of [Number.NaN, -1, 100001, 0.5]) {
      const result = nearestLoadable(commercialKg, { unit: "kg", hundredths });
      expect(result.ok ? undefined : result.error.field).toBe("target");
    }
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

function check(loading: Result<Loading>): Loading {
  return value(loading);
}

describe("plate math agrees with brute force on small random inventories", () => {
  it("nearest load, fewest plates, heaviest first, counts respected, sums back", () => {
    fc.assert(
      fc.property(smallInventory, fc.integer({ min: 0, max: 30000 }), (equipment, targetHundredths) => {
        const target: Weight = { unit: equipment.bar.unit, hundredths: targetHundredths };
        const loads = bruteLoads(equipment);
        const expected = bruteNearest(loads, targetHundredths);
        const loading = check(nearestLoadable(equipment, target));
        expect(loading.load.hundredths).toBe(expected.load);
        expect(loading.load.hundredths).toBeGreaterThan(0);
        expect(loading.remainder.hundredths).toBe(targetHundredths - expected.load);
        expect(setupTotal(loading.setup)).toBe(loading.load.hundredths);
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
        const max = loads[loads.length - 1]?.load ?? 0;
        const status =
          targetHundredths < equipment.bar.hundredths
            ? "belowMinimum"
            : targetHundredths > max
              ? "aboveMaximum"
              : targetHundredths === expected.load
                ? "exact"
                : "rounded";
        expect(loading.status).toBe(status);
      }),
      { numRuns: 400 },
    );
  });

  it("every load it lists is loadable and the list is complete", () => {
    fc.assert(
      fc.property(smallInventory, (equipment) => {
        const loads = bruteLoads(equipment).map((entry) => entry.load);
        const top = loads[loads.length - 1] ?? 0;
        const listed = value(loadableWeights(equipment, { unit: equipment.bar.unit, hundredths: top + 1000 }));
        expect(listed.map((w) => w.hundredths)).toEqual(loads);
      }),
      { numRuns: 200 },
    );
  });

  it("one step up is the smallest loadable weight above", () => {
    fc.assert(
      fc.property(smallInventory, fc.integer({ min: 0, max: 30000 }), (equipment, from) => {
        const loads = bruteLoads(equipment).map((entry) => entry.load);
        const expected = loads.find((load) => load > from);
        const next = value(nextLoadable(equipment, { unit: equipment.bar.unit, hundredths: from }));
        expect(next?.hundredths).toBe(expected);
        for (const load of loads.slice(1)) {
          const justBelow = value(nextLoadable(equipment, { unit: equipment.bar.unit, hundredths: load - 1 }));
          expect(justBelow?.hundredths).toBe(load);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("loads are always loadable and never negative", () => {
  it("for any preset and any sensible target", () => {
    const presets = Object.values(EQUIPMENT_PRESETS).map((preset) => preset.equipment);
    fc.assert(
      fc.property(
        fc.constantFrom(...presets),
        fc.integer({ min: 0, max: 100000 }),
        fc.constantFrom<"kg" | "lb">("kg", "lb"),
        (equipment, hundredths, unit) => {
          const loading = value(nearestLoadable(equipment, { unit, hundredths }));
          expect(loading.load.hundredths).toBeGreaterThan(0);
          expect(setupTotal(loading.setup)).toBe(loading.load.hundredths);
          expect(value(loadSetup(equipment, loading.load))).toEqual(loading.setup);
        },
      ),
    );
  });

  it("arbitrary doubles give a field error or a real load, never NaN", () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double(), (bar, plate, target) => {
        const equipment: BarEquipment = {
          kind: "barbell",
          bar: { unit: "kg", hundredths: bar },
          plates: [{ plate: { unit: "kg", hundredths: plate }, pairs: 2 }],
        };
        const result = nearestLoadable(equipment, { unit: "kg", hundredths: target });
        if (result.ok) {
          expect(Number.isSafeInteger(result.value.load.hundredths)).toBe(true);
          expect(Number.isSafeInteger(result.value.remainder.hundredths)).toBe(true);
        } else {
          expect(["bar", "plates", "target"]).toContain(result.error.field);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
