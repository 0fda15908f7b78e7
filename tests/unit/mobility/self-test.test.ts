import { describe, expect, it } from "vitest";
import {
  clearSelfTest,
  emptyState,
  maxKneeToWall,
  parseSelfTestInput,
  recordSelfTest,
} from "../../../src/lib/mobility";
import type { SelfTestInput, SelfTestMeasures } from "../../../src/lib/mobility";

const valid: SelfTestInput = { kneeToWall: "9.5", unit: "cm", balanceLeft: "12", balanceRight: 8.4, squatHold: "45" };

function errorsOf(input: SelfTestInput): { field: string; message: string }[] {
  const result = parseSelfTestInput(input);
  if (result.ok) throw new Error("expected errors");
  return [...result.error];
}

describe("parseSelfTestInput", () => {
  it("reads numbers and number text, with a decimal comma, rounded to a tenth", () => {
    const result = parseSelfTestInput({ ...valid, kneeToWall: " 9,54 ", squatHold: "45.06" });
    expect(result).toEqual({
      ok: true,
      value: { kneeToWall: { value: 9.5, unit: "cm" }, balance: { left: 12, right: 8.4 }, squatHold: 45.1 },
    });
  });

  it("knows the longest distance in each unit", () => {
    expect(maxKneeToWall("cm")).toBe(30);
    expect(maxKneeToWall("in")).toBe(11.8);
  });

  it.each([
    [{ ...valid, kneeToWall: "30" }, true],
    [{ ...valid, kneeToWall: "30.1" }, false],
    [{ ...valid, kneeToWall: "0" }, true],
    [{ ...valid, kneeToWall: "11.8", unit: "in" }, true],
    [{ ...valid, kneeToWall: "11.9", unit: "in" }, false],
    [{ ...valid, squatHold: "600" }, true],
    [{ ...valid, squatHold: "600.1" }, false],
    [{ ...valid, balanceLeft: "-1" }, false],
    [{ ...valid, balanceRight: -0.01 }, true],
  ])("accepts %j: %s", (input, expected) => {
    expect(parseSelfTestInput(input).ok).toBe(expected);
  });

  it("names the field and the range in unit terms", () => {
    expect(errorsOf({ ...valid, kneeToWall: "31" })).toEqual([
      { field: "kneeToWall", message: "The knee-to-wall distance must be from 0 to 30 cm." },
    ]);
    expect(errorsOf({ ...valid, kneeToWall: "12", unit: "in" })).toEqual([
      { field: "kneeToWall", message: "The knee-to-wall distance must be from 0 to 11.8 in." },
    ]);
    expect(errorsOf({ ...valid, squatHold: "601" })).toEqual([
      { field: "squatHold", message: "The deep-squat hold must be from 0 to 600 seconds." },
    ]);
  });

  it("reports every problem at once, in form order", () => {
    expect(
      errorsOf({ kneeToWall: "", unit: "cm", balanceLeft: "abc", balanceRight: Number.NaN, squatHold: "1e3" }),
    ).toEqual([
      { field: "kneeToWall", message: "Enter the knee-to-wall distance." },
      { field: "balanceLeft", message: "Enter the left-leg balance time as a number, like 12.5." },
      { field: "balanceRight", message: "Enter the right-leg balance time as a number, like 12.5." },
      { field: "squatHold", message: "Enter the deep-squat hold as a number, like 12.5." },
    ]);
  });

  it("asks for a unit it knows", () => {
    expect(errorsOf({ ...valid, unit: "mm" })).toEqual([
      { field: "unit", message: "Choose cm or in for the knee-to-wall distance." },
    ]);
  });
});

describe("recordSelfTest and clearSelfTest", () => {
  const measures: SelfTestMeasures = {
    kneeToWall: { value: 9.5, unit: "cm" },
    balance: { left: 12, right: 8 },
    squatHold: 45,
  };

  it("stores a result with its moment and training date, and replaces an earlier one", () => {
    const now = new Date("2026-11-20T10:30:00.000Z"); // 02:30 PST: training date 19 Nov
    const s = recordSelfTest(emptyState(), "baseline", measures, now, "America/Los_Angeles");
    expect(s.selfTests.baseline).toEqual({ ...measures, at: "2026-11-20T10:30:00.000Z", on: "2026-11-19" });
    expect(s.selfTests.retest).toBeUndefined();
    const again = recordSelfTest(s, "baseline", { ...measures, squatHold: 50 }, now, "UTC");
    expect(again.selfTests.baseline?.squatHold).toBe(50);
    expect(again.selfTests.baseline?.on).toBe("2026-11-20");
  });

  it("clears one slot and keeps the other", () => {
    const now = new Date("2026-11-20T18:00:00Z");
    let s = recordSelfTest(emptyState(), "baseline", measures, now, "UTC");
    s = recordSelfTest(s, "retest", measures, now, "UTC");
    expect(Object.keys(clearSelfTest(s, "baseline").selfTests)).toEqual(["retest"]);
    expect(Object.keys(clearSelfTest(s, "retest").selfTests)).toEqual(["baseline"]);
    expect(s.selfTests.baseline).toBeDefined();
  });
});
