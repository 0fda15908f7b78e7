import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatIsoDate, isIsoDate, isoDateOf, parseIsoDate } from "../../../src/lib/calendar/civil-date";
import { addDays, daysBetween, isoWeekday, weekOf } from "../../../src/lib/calendar/date-arithmetic";

describe("ISO dates", () => {
  it.each([
    "2026-02-29",
    "2100-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "26-01-01",
    "2026-1-1",
    "",
    "2026-01-01T00:00",
    "abcd-ef-gh",
    "١٩٧٠-٠١-٠١",
  ])("rejects %s", (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
    expect(isIsoDate(text)).toBe(false);
  });

  it.each([undefined, null, 20_000, {}])("rejects the non-string %s", (value) => {
    expect(parseIsoDate(value)).toBeUndefined();
  });

  it.each([
    ["1970-01-01", 0],
    ["2000-02-29", 11016],
    ["2025-03-03", 20150],
    ["1969-12-31", -1],
  ])("%s is day %i", (text, day) => {
    expect(parseIsoDate(text)).toBe(day);
    expect(formatIsoDate(day)).toBe(text);
  });

  it("reads and writes years before 100 literally", () => {
    const day = parseIsoDate("0050-03-01");
    expect(day).toBeDefined();
    expect(formatIsoDate(day ?? 0)).toBe("0050-03-01");
    expect(isoDateOf({ year: 50, month: 3, day: 1 })).toBe("0050-03-01");
  });

  it("agrees with the platform's UTC calendar over years 1422-2517", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(formatIsoDate(day)).toBe(text);
        expect(parseIsoDate(text)).toBe(day);
      }),
    );
  });

  it("accepts leap days of leap years only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
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
