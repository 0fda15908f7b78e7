import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_INPUTS,
  decodeInputs,
  deserialiseInputs,
  encodeInputs,
  presetInputs,
  serialiseInputs,
  withInput,
  type CalculatorInputs,
} from "../../../src/lib/strength/calculator-inputs";
import { calculate, parseNumber, plateInventory, weekOfPlan } from "../../../src/lib/strength/calculator";
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

  it("marks the week today falls in only when the runner set a start date", () => {
    const set = { weight: "100", reps: "5", rir: "2", weeks: "8" };
    expect(calculate(inputs(set), TODAY).result?.thisWeek).toBeNull();
    expect(calculate(inputs({ ...set, start: TODAY }), TODAY).result?.thisWeek).toBe(1);
    expect(calculate(inputs({ ...set, start: "2026-11-11" }), TODAY).result?.thisWeek).toBe(3);
    expect(calculate(inputs({ ...set, start: "2026-11-19" }), TODAY).result?.thisWeek).toBe(1);
    expect(calculate(inputs({ ...set, start: "2026-12-01" }), TODAY).result?.thisWeek).toBeNull();
    expect(calculate(inputs({ ...set, start: "2026-08-01" }), TODAY).result?.thisWeek).toBeNull();
  });

  it.each([
    [100, 100, 4, 1],
    [100, 106, 4, 1],
    [100, 107, 4, 2],
    [100, 127, 4, 4],
    [100, 128, 4, null],
    [100, 99, 4, null],
    [100, undefined, 4, null],
  ])("day %i to day %s of a %i-week plan is week %s", (start, day, weeks, week) => {
    expect(weekOfPlan(start, day, weeks)).toBe(week);
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

  // Each case: what the runner typed, and for each field at fault (and no other) what its message
  // must tell them: the limit, the form or an example that gets them unstuck.
  it.each<[Partial<CalculatorInputs>, Partial<Record<keyof CalculatorInputs, RegExp>>]>([
    // What the runner reported about the set.
    [{ weight: "" }, { weight: /weight you lifted/ }],
    [{ weight: "60 kg" }, { weight: /as a number, like 60/ }],
    [{ weight: "0" }, { weight: /more than 0 kg/ }],
    [{ weight: "0.004" }, { weight: /more than 0 kg/ }],
    [{ weight: "1000.01" }, { weight: /over 1000 kg/ }],
    [{ unit: "lb", weight: "2205" }, { weight: /over 2205 lb/ }],
    [{ weight: "900" }, { weight: /One-rep max over 1000 kg/ }],
    [{ reps: "" }, { reps: /how many reps/ }],
    [{ reps: "2.5" }, { reps: /whole number from 1 to 10/ }],
    [{ reps: "0" }, { reps: /from 1 to 10: past 10 reps/ }],
    [{ reps: "-3" }, { reps: /from 1 to 10: past 10 reps/ }],
    [{ rir: "-1" }, { rir: /from 0 to 4, in steps of 0.5/ }],
    [{ rir: "4.5" }, { rir: /between 0 and 4, in steps of 0.5/ }],
    [{ rir: "0.3" }, { rir: /between 0 and 4, in steps of 0.5/ }],
    // Only the first problem with the set is told, and none while the weight is unreadable.
    [{ reps: "0", rir: "9" }, { reps: /from 1 to 10/ }],
    [{ weight: "", reps: "0" }, { weight: /weight you lifted/ }],
    [
      { weight: "", reps: "", rir: "" },
      { weight: /weight you lifted/, reps: /how many reps/, rir: /0 to 4/ },
    ],
    // Equipment.
    [{ bar: "0" }, { bar: /in kg, like 20/ }],
    [{ lift: "trap-bar-deadlift", unit: "lb", bar: "x" }, { bar: /in lb, like 55/ }],
    [{ bar: "0.001" }, { bar: /more than 0 kg/ }],
    [{ bar: "150" }, { bar: /over 100 kg/ }],
    [{ unit: "lb", bar: "221" }, { bar: /over 220 lb/ }],
    [{ bar: "150", plates: "-1" }, { plates: /whole numbers from 0 to 50/ }],
    [{ plates: "2.51" }, { plates: /whole numbers from 0 to 50/ }],
    [{ lift: "step-up", step: "0" }, { step: /like 2 \(kg\)/ }],
    [{ lift: "step-up", step: "0.05" }, { step: /like 2 \(kg\)/ }],
    [{ lift: "step-up", step: "1.005" }, { step: /like 2 \(kg\)/ }],
    [{ lift: "step-up", step: "10.5" }, { step: /like 2 \(kg\)/ }],
    [{ lift: "step-up", unit: "lb", step: "23" }, { step: /like 5 \(lb\)/ }],
    // The plan: unreadable numbers are all told; then ranges and dates, first problem only.
    [
      { weeks: "8.5", sets: "x", sessions: "" },
      { weeks: /4 to 16/, sets: /3, 4 or 5/, sessions: /1 to 3/ },
    ],
    [{ weeks: "3" }, { weeks: /4 to 16 weeks/ }],
    [{ weeks: "17", sets: "2" }, { weeks: /4 to 16 weeks/ }],
    [{ sets: "2" }, { sets: /3 to 5 sets/ }],
    [{ sessions: "4" }, { sessions: /1 to 3 sessions a week/ }],
    [{ start: "2025-02-30" }, { start: /YYYY-MM-DD/ }],
    [{ start: "3 March 2025" }, { start: /YYYY-MM-DD/ }],
    [{ start: "2025-03-03", race: "2025-13-01" }, { race: /YYYY-MM-DD/ }],
    [{ start: "2025-03-03", race: "2025-03-03" }, { race: /after the plan's start date/ }],
    [{ race: "2026-11-24" }, { race: /after the plan's start date/ }],
  ])("%o is told on exactly the fields at fault: %o", (patch, told) => {
    const outcome = calculate(inputs({ weight: "100", ...patch }), TODAY);
    expect(Object.keys(outcome.errors).sort()).toEqual(Object.keys(told).sort());
    for (const [field, message] of Object.entries(told)) {
      expect(outcome.errors[field as keyof CalculatorInputs]).toMatch(message);
    }
    expect(outcome.result).toBeUndefined();
  });

  it.each<Partial<CalculatorInputs>>([
    { weight: "1000", reps: "1", rir: "0" },
    { unit: "lb", weight: "2204", reps: "1", rir: "0" },
    { weight: "20" },
    { weight: "62,5" },
    { reps: "10", rir: "4" },
    { bar: "100", weight: "150" },
    { unit: "lb", bar: "220", weight: "330" },
    { plates: "50.0.0.0.0.0.0" },
    { lift: "split-squat", step: "10" },
    { lift: "split-squat", step: "0.1" },
    { lift: "step-up", unit: "lb", step: "22" },
    { weeks: "4", sets: "5", sessions: "3" },
    { weeks: "16", sets: "3", sessions: "1" },
    { phase: "neverLifted", weight: "", reps: "x", rir: "" },
  ])("accepts the edges: %o", (patch) => {
    const outcome = calculate(inputs(patch), TODAY);
    expect(outcome.errors).toEqual({});
    expect(outcome.result?.plan.rows.length).toBeGreaterThan(0);
  });

  it("refuses a set whose working load would be lighter than the empty bar, on the weight field", () => {
    // 10 kg x 5 leaving 2: the chart's max is 12.33 kg, so W may be at most 10.25 kg; the bar is 20 kg.
    const { errors, result } = calculate(inputs({ weight: "10" }), TODAY);
    expect(result).toBeUndefined();
    expect(errors).toEqual({
      weight: "This set's working load is under 20 kg, the lightest you can load: try the beginner phase.",
    });
  });

  it("caps the working load at the RTS chart's figure for the set, and says which figure the plan uses", () => {
    // 100 kg x 1 leaving 1, Mayhew et al.: 111.44 kg; W would be 90.38 kg -> 90 kg, which the chart puts
    // at 86% of the set's true max. The chart: 100 / 95.5% = 104.71 kg; W = 84.92 kg -> 85 kg.
    const mayhew = calculate(inputs({ weight: "100", reps: "1", rir: "1", formula: "mayhew" }), TODAY).result;
    expect(mayhew?.oneRepMax && formatWeight(mayhew.oneRepMax)).toBe("111.44 kg");
    expect(mayhew?.plan.chartMax && formatWeight(mayhew.plan.chartMax)).toBe("104.71 kg");
    expect(mayhew?.plan.workingLoad && formatWeight(mayhew.plan.workingLoad)).toBe("85 kg");
    // Epley's 123.33 kg for 100 kg x 5 leaving 2 is within 2.5% of the chart's 123.30 kg: its own W stands.
    const epley = calculate(inputs({ weight: "100", reps: "5", rir: "2" }), TODAY).result;
    expect(epley?.plan.chartMax).toBeNull();
    expect(epley?.plan.workingLoad && formatWeight(epley.plan.workingLoad)).toBe("100 kg");
  });

  it("states each row's reps in reserve from the chart: 3 reps at 81.1% is about 4", () => {
    const rows = calculate(inputs({ weight: "100", reps: "5", rir: "2" }), TODAY).result?.plan.rows ?? [];
    expect(rows.slice(0, 4).map((r) => r.repsInReserve)).toEqual([4, 3, 2, 7.5]);
  });

  it("plans dumbbell lifts per hand in the dumbbell step", () => {
    const { result } = calculate(inputs({ lift: "split-squat", weight: "16", reps: "8", rir: "2" }), TODAY);
    const load = result?.plan.rows[0]?.load;
    expect(load && load.hundredths % 200).toBe(0);
    expect(result?.plan.rows[0]?.setup && platesPerSideText(result.plan.rows[0].setup)).toMatch(/in each hand$/);
  });

  it("starts a runner who has never lifted with 4 bodyweight weeks, or the 4-8 they choose, ignoring the set fields", () => {
    const { errors, result } = calculate(inputs({ phase: "neverLifted", weight: "" }), TODAY);
    expect(errors).toEqual({});
    expect(result?.oneRepMax).toBeNull();
    expect(result?.plan.rows.map((r) => r.kind).filter((kind) => kind === "bodyweight")).toHaveLength(4);
    const six = calculate(inputs({ phase: "neverLifted", bodyweight: "6", weeks: "12" }), TODAY).result;
    expect(six?.plan.rows.filter((r) => r.kind === "bodyweight")).toHaveLength(6);
    expect(six?.plan.rows.at(-1)?.note).toMatch(/enter a recent set/);
  });

  it("never shows NaN or a negative load, whatever is typed, and explains every refusal", () => {
    const typed = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -50, max: 400 }).map(String),
      fc.double({ min: -10, max: 2000, noNaN: true }).map(String),
    );
    const pairs = fc.array(fc.oneof(fc.integer({ min: -2, max: 60 }).map(String), fc.string({ maxLength: 3 })), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.record({
          lift: fc.constantFrom(...(["back-squat", "trap-bar-deadlift", "split-squat"] as const)),
          unit: fc.constantFrom(...(["kg", "lb"] as const)),
          phase: fc.constantFrom(...(["base", "inSeason", "neverLifted"] as const)),
          weight: typed,
          reps: typed,
          rir: typed,
          bar: typed,
          step: typed,
          plates: pairs.map((p) => p.join(".")),
          sets: typed,
          sessions: typed,
          weeks: typed,
        }),
        (patch) => {
          const { errors, result } = calculate(inputs(patch), TODAY);
          if (result === undefined) {
            expect(Object.keys(errors).length).toBeGreaterThan(0);
            for (const message of Object.values(errors)) expect(message).toMatch(/^[A-Z].{10,}\.$/);
            return;
          }
          expect(errors).toEqual({});
          for (const row of result.plan.rows) {
            if (row.load) expect(formatWeight(row.load)).not.toMatch(/NaN|Infinity|^-/);
            expect(row.note).not.toMatch(/NaN|undefined|Infinity/);
          }
          for (const set of result.warmUp) expect(set.load.hundredths).toBeGreaterThan(0);
          if (result.oneRepMax) expect(result.oneRepMax.hundredths).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
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
      new URLSearchParams({ lift: "bench-press", unit: "stone", formula: "guess", weight: "9".repeat(100), reps: "4" }),
      DEFAULT_INPUTS,
    );
    expect(decoded).toEqual({ ...DEFAULT_INPUTS, reps: "4" });
    expect(decodeInputs(new URLSearchParams({ bodyweight: "9" }), DEFAULT_INPUTS).bodyweight).toBe("4");
    expect(decodeInputs(new URLSearchParams({ bodyweight: "8" }), DEFAULT_INPUTS).bodyweight).toBe("8");
  });

  it("applies what the runner picks or types, resetting the equipment that depends on it", () => {
    const edited = inputs({ bar: "25", step: "3", plates: "1.1" });
    expect(withInput(edited, "weight", "62.5 kg")).toEqual({ ...edited, weight: "62.5 kg" });
    expect(withInput(edited, "lift", "hip-thrust")).toEqual({ ...edited, lift: "hip-thrust", bar: "", step: "" });
    expect(withInput(edited, "unit", "lb")).toEqual({ ...edited, unit: "lb", bar: "", step: "", plates: "" });
    expect(withInput(edited, "gym", "home")).toEqual({ ...edited, gym: "home", plates: "" });
    expect(withInput(edited, "phase", "inSeason")).toEqual({ ...edited, phase: "inSeason" });
    expect(withInput(edited, "unit", "stone")).toBe(edited);
    expect(withInput(edited, "formula", "guess")).toBe(edited);
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
    // A value stored before a field existed keeps that field's default.
    expect(deserialiseInputs('{"v":1,"inputs":{"weight":"70"}}', DEFAULT_INPUTS)).toEqual(inputs({ weight: "70" }));
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
    expect(parseNumber(text)).toBe(value);
  });
});
