import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  KG_PER_LB,
  amountToHundredths,
  convertWeight,
  formatAmount,
  formatWeight,
  kg,
  lb,
  maxHundredths,
} from "../../../src/lib/strength";
import type { Weight } from "../../../src/lib/strength";

describe("weights carry their unit in exact hundredths", () => {
  it("stores 102.5 kg as 10250 hundredths of a kg", () => {
    expect(kg(102.5)).toEqual({ unit: "kg", hundredths: 10250 });
    expect(lb(2.5)).toEqual({ unit: "lb", hundredths: 250 });
  });

  it("rounds an amount to the nearest hundredth as a person wrote it", () => {
    expect(kg(0.1 + 0.2).hundredths).toBe(30);
    expect(kg(1.005).hundredths).toBe(101);
    expect(lb(2.675).hundredths).toBe(268);
    expect(amountToHundredths(102.499)).toBe(10250);
    expect(amountToHundredths(0.004)).toBe(0);
    expect(amountToHundredths(0.005)).toBe(1);
  });

  it("knows the heaviest weight any input may hold, in each unit", () => {
    expect(maxHundredths("kg")).toBe(100000);
    expect(maxHundredths("lb")).toBe(220462);
    expect(maxHundredths("kg", 100)).toBe(10000);
    expect(maxHundredths("lb", 100)).toBe(convertWeight(kg(100), "lb").hundredths);
  });
});

describe("conversion uses 1 lb = 0.45359237 kg exactly", () => {
  it("has the exact factor", () => {
    expect(KG_PER_LB).toBe(0.45359237);
  });

  it.each([
    [lb(45), "kg", 2041],
    [lb(100), "kg", 4536],
    [lb(1), "kg", 45],
    [kg(20), "lb", 4409],
    [kg(100), "lb", 22046],
    [kg(1000), "lb", 220462],
    [kg(453.59), "lb", 99999],
    [kg(10), "lb", 2205],
    [kg(1), "lb", 220],
    [lb(1000), "kg", 45359],
  ] as const)("%o in %s is %i hundredths", (value, unit, hundredths) => {
    expect(convertWeight(value, unit)).toEqual({ unit, hundredths });
  });

  it("returns the same weight when the unit already matches", () => {
    const value = kg(60);
    expect(convertWeight(value, "kg")).toBe(value);
  });

  it("kg → lb → kg returns exactly the start (0.01 lb is finer than 0.01 kg)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (hundredths) => {
        const start: Weight = { unit: "kg", hundredths };
        expect(convertWeight(convertWeight(start, "lb"), "kg")).toEqual(start);
      }),
    );
  });

  it("lb → kg → lb lands within one hundredth of a pound", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 220462 }), (hundredths) => {
        const back = convertWeight(convertWeight({ unit: "lb", hundredths }, "kg"), "lb");
        expect(back.unit).toBe("lb");
        expect(Math.abs(back.hundredths - hundredths)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("formatWeight rounds only for display", () => {
  it.each([
    [kg(102.5), undefined, "102.5 kg"],
    [kg(100), undefined, "100 kg"],
    [kg(1.25), undefined, "1.25 kg"],
    [lb(225), undefined, "225 lb"],
    [{ unit: "kg", hundredths: 11667 }, 1, "116.7 kg"],
    [{ unit: "kg", hundredths: 11667 }, 0, "117 kg"],
    [{ unit: "kg", hundredths: 11667 }, undefined, "116.67 kg"],
    [{ unit: "kg", hundredths: 5 }, undefined, "0.05 kg"],
    [{ unit: "kg", hundredths: -250 }, undefined, "-2.5 kg"],
    [{ unit: "kg", hundredths: -25 }, 1, "-0.3 kg"],
    [{ unit: "kg", hundredths: -1 }, 0, "0 kg"],
    [{ unit: "lb", hundredths: 25 }, 1, "0.3 lb"],
  ] as const)("%o with %s decimals is %s", (value, decimals, text) => {
    expect(formatWeight(value, decimals)).toBe(text);
  });

  it("formats an amount without its unit", () => {
    expect(formatAmount(125)).toBe("1.25");
    expect(formatAmount(250000)).toBe("2500");
  });

  it("never prints NaN or Infinity for any integer hundredths", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom<"kg" | "lb">("kg", "lb"), (hundredths, unit) => {
        const text = formatWeight({ unit, hundredths });
        expect(text).toMatch(/^-?\d+(\.\d{1,2})? (kg|lb)$/);
        expect(Number.parseFloat(text) * 100).toBeCloseTo(hundredths, 6);
      }),
    );
  });
});
