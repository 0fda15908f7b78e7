import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseMobilityState } from "../../../src/lib/mobility";
import type { MobilityState, SelfTestResult } from "../../../src/lib/mobility";
import { state } from "./arbitraries";

const AT = "2026-11-20T18:00:00.000Z";
const test: SelfTestResult = {
  at: AT,
  on: "2026-11-20",
  kneeToWall: { value: 9.5, unit: "cm" },
  balance: { left: 10, right: 9.5 },
  squatHold: 30,
};

/** The error of a state that must be refused. */
function problem(value: unknown): string {
  const result = parseMobilityState(value);
  if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return result.error;
}

function withDay(completion: unknown): unknown {
  return { days: { "1": completion }, selfTests: {} };
}

function withBaseline(fields: Record<string, unknown>): unknown {
  return { days: {}, selfTests: { baseline: { ...test, ...fields } } };
}

describe("parseMobilityState", () => {
  it("accepts every valid state as an equal, fresh value", () => {
    fc.assert(
      fc.property(state, (s) => {
        const result = parseMobilityState(s);
        expect(result).toEqual({ ok: true, value: s });
        if (result.ok) {
          expect(result.value).not.toBe(s);
          expect(result.value.days).not.toBe(s.days);
        }
      }),
    );
  });

  it("drops fields it does not know, at every level", () => {
    const value = {
      days: { "2": { at: AT, on: "2026-11-20", mood: "good" }, "3": { at: null, on: null, note: 1 } },
      selfTests: { baseline: { ...test, extra: true, balance: { ...test.balance, eyes: "open" } }, midway: test },
      reminders: [],
    };
    const expected: MobilityState = {
      days: { "2": { at: AT, on: "2026-11-20" }, "3": { at: null, on: null } },
      selfTests: { baseline: test },
    };
    expect(parseMobilityState(value)).toEqual({ ok: true, value: expected });
  });

  it("treats an undefined self-test as absent", () => {
    expect(parseMobilityState({ days: {}, selfTests: { baseline: undefined } })).toEqual({
      ok: true,
      value: { days: {}, selfTests: {} },
    });
  });

  it.each([
    ["2026-11-20T18:00:00Z"],
    ["2026-11-20T18:00:00.1234567+05:30"],
    ["2024-02-29T23:59:59-09:00"],
    ["0000-01-01T00:00:00Z"],
  ])("accepts the instant %s", (at) => {
    expect(parseMobilityState(withDay({ at, on: "2026-11-20" })).ok).toBe(true);
  });

  it.each([
    ["2026-11-20T18:00Z", "no seconds"],
    ["2026-11-20T18:00:00", "no zone"],
    ["2026-11-20 18:00:00Z", "no T"],
    ["2026-11-20T24:00:00Z", "hour 24"],
    ["2026-11-20T18:00:00+24:00", "offset 24"],
    ["2026-02-29T18:00:00Z", "not a leap year"],
    ["2026-11-20T18:00:00.00000000000000000000Z", "over 40 characters"],
    ["2026-11-20t18:00:00z", "lower case"],
  ])("refuses the instant %s (%s)", (at) => {
    expect(problem(withDay({ at, on: "2026-11-20" }))).toBe("days.1.at: not an ISO 8601 instant");
  });

  it.each([
    [42, "expected an object"],
    [{ selfTests: {} }, "days: expected an object"],
    [{ days: [], selfTests: {} }, "days: expected an object"],
    [{ days: {} }, "selfTests: expected an object"],
    [{ days: { "26": { at: null, on: null } }, selfTests: {} }, "days.26: not a program day (1-25)"],
    [{ days: { "01": { at: null, on: null } }, selfTests: {} }, "days.01: not a program day (1-25)"],
    [withDay({ at: null }), "days.1.at: not an ISO 8601 instant"],
    [withDay({ at: AT, on: null }), "days.1.on: not a YYYY-MM-DD date"],
    [withDay({ at: AT, on: "2026-02-30" }), "days.1.on: not a YYYY-MM-DD date"],
    [withBaseline({ kneeToWall: { value: 11.9, unit: "in" } }), "selfTests.baseline.kneeToWall: the distance"],
    [withBaseline({ kneeToWall: { value: 30.1, unit: "cm" } }), "selfTests.baseline.kneeToWall: the distance"],
    [withBaseline({ kneeToWall: { value: 9.55, unit: "cm" } }), "selfTests.baseline.kneeToWall.value: a distance"],
    [withBaseline({ kneeToWall: { value: -1, unit: "cm" } }), "selfTests.baseline.kneeToWall.value: expected"],
    [withBaseline({ kneeToWall: { value: 9, unit: "mm" } }), "selfTests.baseline.kneeToWall.unit: expected"],
    [withBaseline({ balance: { left: 600.1, right: 1 } }), "selfTests.baseline.balance.left: expected"],
    [withBaseline({ balance: { left: 1 } }), "selfTests.baseline.balance.right: expected a number"],
    [withBaseline({ squatHold: 10.25 }), "selfTests.baseline.squatHold: a time has at most one decimal"],
    [withBaseline({ squatHold: Number.NaN }), "selfTests.baseline.squatHold: expected a number"],
    [withBaseline({ squatHold: Infinity }), "selfTests.baseline.squatHold: expected a number"],
    [withBaseline({ squatHold: "30" }), "selfTests.baseline.squatHold: expected a number"],
  ])("refuses %j: %s", (value, message) => {
    expect(problem(value).startsWith(message)).toBe(true);
  });

  it("accepts the longest distances in both units", () => {
    expect(parseMobilityState(withBaseline({ kneeToWall: { value: 11.8, unit: "in" } })).ok).toBe(true);
    expect(parseMobilityState(withBaseline({ kneeToWall: { value: 30, unit: "cm" } })).ok).toBe(true);
  });

  it("reads days only from a plain object", () => {
    const bare: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    bare["4"] = { at: null, on: null };
    expect(parseMobilityState({ days: bare, selfTests: {} })).toEqual({
      ok: true,
      value: { days: { "4": { at: null, on: null } }, selfTests: {} },
    });
    expect(problem({ days: new Date(0), selfTests: {} })).toBe("days: expected an object");
    expect(problem({ days: new Map([["1", { at: null, on: null }]]), selfTests: {} })).toBe("days: expected an object");
  });

  it("refuses a symbol day key and ignores hidden ones", () => {
    expect(problem({ days: { [Symbol("day")]: { at: null, on: null } }, selfTests: {} })).toBe(
      "days.Symbol(day): not a program day (1-25)",
    );
    const days = {};
    Object.defineProperty(days, "x", { value: 1, enumerable: false });
    expect(parseMobilityState({ days, selfTests: {} })).toEqual({ ok: true, value: { days: {}, selfTests: {} } });
  });

  it("lets errors other than a mismatch through", () => {
    const days = {
      get "1"(): unknown {
        throw new TypeError("no access");
      },
    };
    expect(() => parseMobilityState({ days, selfTests: {} })).toThrow(TypeError);
  });
});

describe("the browser module", () => {
  // The tracker island bundles this folder into a page with a small script budget: no dependencies
  // beyond the shared calendar and storage modules of src/lib.
  it("imports nothing but its own files and src/lib's calendar and storage", () => {
    const folder = join(import.meta.dirname, "../../../src/lib/mobility");
    for (const file of readdirSync(folder)) {
      const source = readFileSync(join(folder, file), "utf8");
      for (const [, specifier] of source.matchAll(/\bfrom\s+"([^"]+)"/g)) {
        expect(`${file}: ${String(specifier)}`).toMatch(/^[\w-]+\.ts: \.(\/|\.\/(calendar|storage)\/)[\w-]+$/);
      }
    }
  });
});
