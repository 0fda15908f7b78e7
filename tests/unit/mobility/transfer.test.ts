import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  EXPORT_FORMAT,
  describeReplacement,
  emptyState,
  exportFileName,
  exportProgress,
  importProgress,
  markDayDone,
  recordSelfTest,
} from "../../../src/lib/mobility";
import type { MobilityState } from "../../../src/lib/mobility";
import { state } from "./arbitraries";

const NOW = new Date("2026-11-21T09:00:00.000Z");

function doneOn(dates: readonly string[]): MobilityState {
  return {
    days: Object.fromEntries(dates.map((on, i) => [String(i + 1), { at: `${on}T18:00:00.000Z`, on }])),
    selfTests: {},
  };
}

const measures = { kneeToWall: { value: 9.5, unit: "cm" as const }, balance: { left: 10, right: 9 }, squatHold: 30 };

describe("exportProgress / importProgress", () => {
  it("writes a versioned export document", () => {
    const text = exportProgress(doneOn(["2026-11-20"]), NOW);
    expect(JSON.parse(text)).toEqual({
      format: EXPORT_FORMAT,
      exportVersion: 1,
      exportedAt: "2026-11-21T09:00:00.000Z",
      data: { version: 2, days: { "1": { at: "2026-11-20T18:00:00.000Z", on: "2026-11-20" } }, selfTests: {} },
    });
  });

  it("round-trips any state", () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(importProgress(exportProgress(s, NOW))).toEqual({ ok: true, value: s });
      }),
    );
  });

  it("accepts a bare stored document", () => {
    const value = { days: { "4": { at: "2026-11-20T18:00:00.000Z", on: "2026-11-20" } }, selfTests: {} };
    expect(importProgress(JSON.stringify({ version: 2, ...value }))).toEqual({ ok: true, value });
  });

  it.each([
    ["not JSON", "hello", "not-json"],
    ["an unrelated JSON file", '{"name":"run"}', "not-progress"],
    [
      "a damaged export",
      JSON.stringify({ format: EXPORT_FORMAT, exportVersion: 1, data: { version: 2 } }),
      "not-progress",
    ],
    ["a newer export wrapper", JSON.stringify({ format: EXPORT_FORMAT, exportVersion: 2, data: {} }), "newer"],
    ["a wrapper without data", JSON.stringify({ format: EXPORT_FORMAT, exportVersion: 2 }), "not-progress"],
    ["a wrapper without a version", JSON.stringify({ format: EXPORT_FORMAT, data: {} }), "not-progress"],
    [
      "a newer stored document",
      JSON.stringify({ format: EXPORT_FORMAT, exportVersion: 1, data: { version: 3, days: {}, selfTests: {} } }),
      "newer",
    ],
    ["a huge file", `"${"x".repeat(1_000_001)}"`, "too-large"],
  ])("refuses %s", (_name, text, reason) => {
    const result = importProgress(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe(reason);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  });

  it("never throws on any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expect(typeof importProgress(text).ok).toBe("boolean");
      }),
    );
  });

  it("names the file by training date", () => {
    expect(exportFileName(NOW, "America/Los_Angeles")).toBe("run-smart-mobility-2026-11-20.json");
  });
});

describe("describeReplacement", () => {
  const seven = doneOn(Array.from({ length: 7 }, () => "2026-11-01"));
  const twelve = doneOn(["2026-11-20", ...Array.from({ length: 11 }, () => "2026-11-10")]);

  it("says what is here and what the file has", () => {
    const summary = describeReplacement(seven, twelve);
    expect(summary).toEqual({
      currentDays: 7,
      incomingDays: 12,
      incomingLastOn: "2026-11-20",
      losesSomething: true,
      text: "You have 7 days done; the file has 12 days done, last on 2026-11-20.",
    });
  });

  it("uses the singular and leaves out a date the file does not have", () => {
    const undated: MobilityState = { days: { "1": { at: null, on: null } }, selfTests: {} };
    expect(describeReplacement(doneOn(["2026-11-01"]), undated).text).toBe(
      "You have 1 day done; the file has 1 day done.",
    );
  });

  it("reassures when nothing here would be lost", () => {
    expect(describeReplacement(emptyState(), twelve)).toMatchObject({
      losesSomething: false,
      text: "The file has 12 days done, last on 2026-11-20. Nothing here will be lost.",
    });
    expect(describeReplacement(emptyState(), emptyState()).text).toBe(
      "The file has 0 days done. Nothing here will be lost.",
    );
  });

  it("mentions self-test results on either side", () => {
    const tested = recordSelfTest(seven, "baseline", measures, NOW, "UTC");
    expect(describeReplacement(tested, twelve).text).toBe(
      "You have 7 days done; the file has 12 days done, last on 2026-11-20. " +
        "The file has no self-test results, so yours (day 1) will be removed.",
    );
    const both = recordSelfTest(
      recordSelfTest(twelve, "baseline", measures, NOW, "UTC"),
      "retest",
      measures,
      NOW,
      "UTC",
    );
    expect(describeReplacement(tested, both).text).toContain(
      "Your self-test results (day 1) will be replaced by the file's (day 1 and day 25).",
    );
    expect(describeReplacement(emptyState(), both)).toMatchObject({ losesSomething: false });
    expect(describeReplacement(emptyState(), both).text).toContain(
      "The file also has self-test results (day 1 and day 25).",
    );
    expect(
      describeReplacement(recordSelfTest(emptyState(), "retest", measures, NOW, "UTC"), emptyState()),
    ).toMatchObject({
      losesSomething: true,
    });
  });

  it("reads a marked day's date", () => {
    const s = markDayDone(emptyState(), 5, NOW, "America/Los_Angeles");
    expect(describeReplacement(emptyState(), s).incomingLastOn).toBe("2026-11-20");
  });
});
