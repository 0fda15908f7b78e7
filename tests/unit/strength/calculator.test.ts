import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_INPUTS,
  decodeInputs,
  deserialiseInputs,
  encodeInputs,
  presetInputs,
  serialiseInputs,
  type CalculatorInputs,
} from "../../../src/lib/strength/calculator-inputs";
import { calculate, parseDecimal, plateInventory } from "../../../src/lib/strength/calculator";
import { platesPerSideText } from "../../../src/lib/strength/setup-text";
import { formatWeight } from "../../../src/lib/strength/weight";

const TODAY = "2026-11-25";
const inputs = (patch: Partial<CalculatorInputs> = {}): CalculatorInputs => ({ ...DEFAULT_INPUTS, ...patch });

describe("calculate", () => {
  it("turns 100 kg x 5 with 2 in reserve into a plan with plates", () => {
    const { errors, result } = calculate(inputs({ weight: "100", reps: "5", rir: "2" }), TODAY);
    expect(errors).toEqual({});
    // Epley at 7 effective reps: 100 x (1 + 7/30) = 123.33 kg; W = 81.1% of it = 100.02 -> 100 kg.
    expect(formatWeight(result?.oneRepMax ?? { unit: "kg", hundredths: 0 })).toBe("123.33 kg");
    const rows = result?.plan.rows ?? [];
    expect(rows.slice(0, 4).map((r) => [r.sets, r.reps, r.load && formatWeight(r.load)])).toEqual([
      [3, 3, "100 kg"],
      [3, 4, "100 kg"],
      [3, 5, "100 kg"],
      [2, 3, "90 kg"],
    ]);
    expect(rows[4]?.load && formatWeight(rows[4].load)).toBe("102.5 kg");
    expect(rows[0]?.setup && platesPerSideText(rows[0].setup)).toBe("25 + 15 kg");
    expect(result?.warmUp[0]?.load && formatWeight(result.warmUp[0].load)).toBe("20 kg");
  });

  it("works in pounds with a 45 lb bar", () => {
    const { result } = calculate(inputs({ unit: "lb", weight: "225", reps: "5", rir: "2" }), TODAY);
    expect(result?.plan.rows[0]?.load && formatWeight(result.plan.rows[0].load)).toBe("225 lb");
    expect(result?.plan.rows[0]?.setup && platesPerSideText(result.plan.rows[0].setup)).toBe("45 + 45 lb");
  });

  it.each([
    { patch: { reps: "0" }, field: "reps" },
    { patch: { reps: "11" }, field: "reps" },
    { patch: { reps: "" }, field: "reps" },
    { patch: { weight: "" }, field: "weight" },
    { patch: { weight: "heavy" }, field: "weight" },
    { patch: { weight: "-20" }, field: "weight" },
    { patch: { rir: "5" }, field: "rir" },
    { patch: { rir: "1.3" }, field: "rir" },
    { patch: { weeks: "20" }, field: "weeks" },
    { patch: { sets: "6" }, field: "sets" },
    { patch: { sessions: "0" }, field: "sessions" },
    { patch: { bar: "0" }, field: "bar" },
    { patch: { plates: "x.2" }, field: "plates" },
    { patch: { start: "2026-11-25", race: "2026-11-01" }, field: "race" },
    { patch: { lift: "split-squat" as const, step: "0" }, field: "step" },
  ])("reports $field for $patch and shows no numbers", ({ patch, field }) => {
    const outcome = calculate(inputs(patch), TODAY);
    expect(outcome.errors[field as keyof CalculatorInputs]).toMatch(/\w{3,}/);
    expect(outcome.result).toBeUndefined();
  });

  it("plans dumbbell lifts per hand in the dumbbell step", () => {
    const { result } = calculate(inputs({ lift: "split-squat", weight: "16", reps: "8", rir: "2" }), TODAY);
    const load = result?.plan.rows[0]?.load;
    expect(load && load.hundredths % 200).toBe(0);
    expect(result?.plan.rows[0]?.setup && platesPerSideText(result.plan.rows[0].setup)).toMatch(/in each hand$/);
  });

  it("starts a runner who has never lifted with bodyweight weeks, ignoring the set fields", () => {
    const { errors, result } = calculate(inputs({ phase: "neverLifted", weight: "" }), TODAY);
    expect(errors).toEqual({});
    expect(result?.oneRepMax).toBeNull();
    expect(result?.plan.rows.slice(0, 2).every((r) => r.kind === "bodyweight")).toBe(true);
  });

  it("never shows NaN or a negative load, whatever is typed", () => {
    const typed = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -50, max: 400 }).map(String));
    fc.assert(
      fc.property(typed, typed, typed, typed, (weight, reps, rir, bar) => {
        const { result } = calculate(inputs({ weight, reps, rir, bar }), TODAY);
        for (const row of result?.plan.rows ?? []) {
          if (row.load) expect(formatWeight(row.load)).not.toMatch(/NaN|Infinity|^-/);
        }
        if (result?.oneRepMax) expect(result.oneRepMax.hundredths).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe("inputs codec", () => {
  it("restores exactly what it encoded through the address bar", () => {
    const state = inputs({
      lift: "hip-thrust",
      unit: "lb",
      weight: "185",
      reps: "6",
      race: "2027-04-12",
      plates: "4.2.2",
    });
    expect(decodeInputs(new URLSearchParams(encodeInputs(state)), DEFAULT_INPUTS)).toEqual(state);
  });

  it("leaves defaults out of the link", () => {
    expect(encodeInputs(DEFAULT_INPUTS)).toBe("");
  });

  it("ignores unknown choices and overlong values field by field", () => {
    const decoded = decodeInputs(
      new URLSearchParams({ lift: "bench-press", unit: "stone", weight: "9".repeat(100), reps: "4" }),
      DEFAULT_INPUTS,
    );
    expect(decoded).toEqual({ ...DEFAULT_INPUTS, reps: "4" });
  });

  it("never throws on any stored string and restores only a version it knows", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (raw) => {
          const restored = deserialiseInputs(raw, DEFAULT_INPUTS);
          if (restored) expect(Object.keys(restored).sort()).toEqual(Object.keys(DEFAULT_INPUTS).sort());
        },
      ),
    );
    const state = inputs({ weight: "82.5" });
    expect(deserialiseInputs(serialiseInputs(state), DEFAULT_INPUTS)).toEqual(state);
    expect(deserialiseInputs('{"v":2,"inputs":{}}', DEFAULT_INPUTS)).toBeUndefined();
    expect(deserialiseInputs(null, DEFAULT_INPUTS)).toBeUndefined();
  });

  it("accepts an author's valid presets and rejects a typo with the prop named", () => {
    expect(presetInputs({ lift: "trap-bar-deadlift", unit: "lb" })).toMatchObject({
      lift: "trap-bar-deadlift",
      unit: "lb",
    });
    expect(() => presetInputs({ lift: "trapbar" })).toThrow(/lift="trapbar" is not one of/);
    expect(() => presetInputs({ unit: "kgs" })).toThrow(/unit/);
  });
});

describe("plate inventory and decimals", () => {
  it("applies the runner's pair counts to the gym's plate set in order", () => {
    const plates = plateInventory({ gym: "commercial", unit: "kg", plates: "1.0" });
    expect(plates.slice(0, 3).map((p) => [formatWeight(p.plate), p.pairs])).toEqual([
      ["25 kg", 1],
      ["20 kg", 0],
      ["15 kg", 2],
    ]);
  });

  it.each([
    ["62.5", 62.5],
    ["62,5", 62.5],
    [" 100 ", 100],
    ["1e3", undefined],
    ["", undefined],
    ["-5", undefined],
    ["Infinity", undefined],
  ])("reads %j as %s", (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });
});
