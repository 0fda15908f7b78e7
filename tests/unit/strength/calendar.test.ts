import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIsoDate, parseIsoDate } from "../../../src/lib/strength/calendar";

const DAY_MS = 86_400_000;

describe("ISO dates as day numbers", () => {
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
    expect(parseIsoDate("2024-02-29")).toBe(19782);
  });

  it.each([
    "2025-02-29",
    "2100-02-29",
    "2025-04-31",
    "2025-00-10",
    "2025-13-01",
    "2025-1-1",
    "",
    "2025-03-03T00:00",
    "abcd-ef-gh",
  ])("rejects %s", (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });

  it("agrees with the platform's UTC calendar", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const text = new Date(day * DAY_MS).toISOString().slice(0, 10);
        expect(formatIsoDate(day)).toBe(text);
        expect(parseIsoDate(text)).toBe(day);
      }),
    );
  });
});
