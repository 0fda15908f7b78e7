import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDays,
  daysBetween,
  formatIsoDate,
  isIsoDate,
  isoWeekday,
  parseIsoDate,
  weekOf,
} from "../../../src/lib/mobility";

describe("ISO dates", () => {
  it.each(["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026-1-1", "", "2026-01-01T00:00"])(
    "rejects %s",
    (text) => {
      expect(parseIsoDate(text)).toBeUndefined();
      expect(isIsoDate(text)).toBe(false);
    },
  );

  it("accepts leap days of leap years only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
  });

  it("matches the JavaScript calendar for any day since 1900", () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 60_000 }), (n) => {
        const expected = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(formatIsoDate(n)).toBe(expected);
        expect(parseIsoDate(expected)).toBe(n);
      }),
    );
  });

  it.each([
    ["2026-11-30", 1, "2026-12-01"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-11-20", -365, "2025-11-20"],
  ])("%s + %i days is %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it.each([
    ["2026-11-16", 1],
    ["2026-11-18", 3],
    ["2026-11-22", 7],
    ["1970-01-01", 4],
    ["1969-12-29", 1],
  ])("%s is ISO weekday %i", (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it("gives the Monday-Sunday week of a date", () => {
    expect(weekOf("2026-11-18")).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(weekOf("2026-11-16")).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(weekOf("2026-11-22")).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(weekOf("2026-12-31")).toEqual({ start: "2026-12-28", end: "2027-01-03" });
  });

  it("throws for arithmetic on a non-date", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });
});
