import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ONE_REP_MAX_FORMULAS,
  effectiveReps,
  estimateOneRepMax,
  estimateOneRepMaxSpread,
  kg,
  lb,
  oneRepMaxFactor,
} from "../../../src/lib/strength";
import type { OneRepMaxFormula, Weight } from "../../../src/lib/strength";

const formulas = ONE_REP_MAX_FORMULAS.map((entry) => entry.id);

function estimate(weightValue: Weight, reps: number, repsInReserve: number, formula: OneRepMaxFormula): number {
  return estimateOneRepMax({ weight: weightValue, reps, repsInReserve }, formula).hundredths;
}

describe("estimateOneRepMax formulas (hand-computed from the equations)", () => {
  // 100 kg × 5 reps: Epley 100(1 + 5/30); Brzycki 100·36/32; Lander 10000/(101.3 − 13.35615);
  // Lombardi 100·5^0.1; Mayhew 10000/(52.2 + 41.9e^−0.275); O'Conner 100(1 + 5/40);
  // Wathan 10000/(48.8 + 53.8e^−0.375).
  it.each([
    ["epley", 5, 11667],
    ["brzycki", 5, 11250],
    ["lander", 5, 11371],
    ["lombardi", 5, 11746],
    ["mayhew", 5, 11901],
    ["oconner", 5, 11250],
    ["wathan", 5, 11658],
    ["epley", 10, 13333],
    ["brzycki", 10, 13333],
    ["lander", 10, 13407],
    ["lombardi", 10, 12589],
    ["mayhew", 10, 13093],
    ["oconner", 10, 12500],
    ["wathan", 10, 13475],
    ["epley", 3, 11000],
    ["brzycki", 3, 10588],
    ["mayhew", 3, 11399],
  ] as const)("%s: 100 kg × %i → %i hundredths", (formula, reps, hundredths) => {
    expect(estimate(kg(100), reps, 0, formula)).toBe(hundredths);
  });

  it("defaults to Epley and keeps the unit", () => {
    expect(estimateOneRepMax({ weight: lb(225), reps: 5, repsInReserve: 0 })).toEqual({
      unit: "lb",
      hundredths: 26250,
    });
  });

  it.each(formulas)("%s returns the weight itself at one rep", (formula) => {
    expect(estimate(kg(137.5), 1, 0, formula)).toBe(13750);
    expect(oneRepMaxFactor(formula, 1)).toBe(1);
  });

  it("Epley and Brzycki meet at 10 reps", () => {
    expect(oneRepMaxFactor("epley", 10)).toBeCloseTo(oneRepMaxFactor("brzycki", 10), 12);
    expect(estimate(kg(80), 10, 0, "epley")).toBe(estimate(kg(80), 10, 0, "brzycki"));
  });

  it("counts reps in reserve as reps to failure, capped at 10", () => {
    expect(effectiveReps(3, 2)).toBe(5);
    expect(effectiveReps(8, 4)).toBe(10);
    for (const formula of formulas) {
      expect(estimate(kg(100), 3, 2, formula)).toBe(estimate(kg(100), 5, 0, formula));
      expect(estimate(kg(100), 8, 4, formula)).toBe(estimate(kg(100), 10, 0, formula));
      expect(estimate(kg(100), 10, 2, formula)).toBe(estimate(kg(100), 10, 0, formula));
    }
  });

  it("accepts half reps in reserve (5 reps leaving 1.5 = 6.5 effective reps)", () => {
    expect(estimate(kg(100), 5, 1.5, "epley")).toBe(Math.round(10000 * (1 + 6.5 / 30)));
  });
});

describe("the formula table", () => {
  it("lists the seven formulas with their names, Epley first", () => {
    expect(ONE_REP_MAX_FORMULAS.map((entry) => entry.name)).toEqual([
      "Epley",
      "Brzycki",
      "Lander",
      "Lombardi",
      "Mayhew et al.",
      "O'Conner et al.",
      "Wathan",
    ]);
  });

  it("estimates at the edges: 1 and 10 reps, 0 and 4 in reserve", () => {
    expect(estimate(kg(100), 10, 4, "epley")).toBe(13333);
    expect(estimate(kg(100), 1, 0, "wathan")).toBe(10000);
  });
});

describe("estimateOneRepMaxSpread", () => {
  it("gives all seven estimates with min and max", () => {
    const result = estimateOneRepMaxSpread({ weight: kg(100), reps: 5, repsInReserve: 0 });
    expect(result.estimates.map((entry) => entry.formula)).toEqual(formulas);
    expect(result.estimates.map((entry) => entry.value.hundredths)).toEqual([
      11667, 11250, 11371, 11746, 11901, 11250, 11658,
    ]);
    expect(result.min).toEqual({ unit: "kg", hundredths: 11250 });
    expect(result.max).toEqual({ unit: "kg", hundredths: 11901 });
  });

  it("collapses to the weight at one effective rep", () => {
    const result = estimateOneRepMaxSpread({ weight: lb(315), reps: 1, repsInReserve: 0 });
    expect(result.min).toEqual(lb(315));
    expect(result.max).toEqual(lb(315));
  });
});

describe("estimate properties", () => {
  const validWeight = fc.integer({ min: 1, max: 100000 }).map((hundredths): Weight => ({ unit: "kg", hundredths }));

  it("every formula's factor rises strictly with reps from 1 to 10", () => {
    for (const formula of formulas) {
      for (let reps = 1; reps < 10; reps += 0.5) {
        expect(oneRepMaxFactor(formula, reps + 0.5)).toBeGreaterThan(oneRepMaxFactor(formula, reps));
      }
    }
  });

  it("estimates never fall as reps rise and never go below the weight", () => {
    fc.assert(
      fc.property(
        validWeight,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 8 }).map((n) => n / 2),
        fc.constantFrom(...formulas),
        (w, reps, rir, formula) => {
          const lower = estimate(w, reps, rir, formula);
          const higher = estimate(w, reps + 1, rir, formula);
          expect(higher).toBeGreaterThanOrEqual(lower);
          expect(lower).toBeGreaterThanOrEqual(w.hundredths);
          if (w.hundredths >= 1000 && reps + rir < 10) expect(higher).toBeGreaterThan(lower);
        },
      ),
    );
  });

  it("every estimate of a checked set is a whole, positive number of hundredths", () => {
    fc.assert(
      fc.property(
        validWeight,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 8 }).map((n) => n / 2),
        (weight, reps, repsInReserve) => {
          const spread = estimateOneRepMaxSpread({ weight, reps, repsInReserve });
          for (const { value } of [...spread.estimates, { value: spread.min }, { value: spread.max }]) {
            expect(Number.isSafeInteger(value.hundredths)).toBe(true);
            expect(value.hundredths).toBeGreaterThanOrEqual(weight.hundredths);
          }
          expect(spread.min.hundredths).toBeLessThanOrEqual(spread.max.hundredths);
        },
      ),
      { numRuns: 500 },
    );
  });
});
