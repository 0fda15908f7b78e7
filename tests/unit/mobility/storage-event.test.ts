import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PROGRESS_STORAGE_KEY, decideStorageEvent, emptyState, markDayDone, save } from "../../../src/lib/mobility";
import { state } from "./arbitraries";

const mine = markDayDone(emptyState(), 1, new Date("2026-11-20T18:00:00Z"), "UTC");
const theirs = markDayDone(mine, 2, new Date("2026-11-20T19:00:00Z"), "UTC");

describe("decideStorageEvent", () => {
  it.each([
    ["another key", { key: "runsmart.strength", newValue: save(theirs) }, { action: "ignore" }],
    ["the backup key", { key: `${PROGRESS_STORAGE_KEY}.backup`, newValue: "x" }, { action: "ignore" }],
    [
      "a change to our key",
      { key: PROGRESS_STORAGE_KEY, newValue: save(theirs) },
      { action: "replace", state: theirs },
    ],
    ["the same state", { key: PROGRESS_STORAGE_KEY, newValue: save(mine) }, { action: "ignore" }],
    [
      "a removal (reset elsewhere)",
      { key: PROGRESS_STORAGE_KEY, newValue: null },
      { action: "replace", state: emptyState() },
    ],
    ["storage cleared elsewhere", { key: null, newValue: null }, { action: "replace", state: emptyState() }],
    ["a corrupt value", { key: PROGRESS_STORAGE_KEY, newValue: "{oops" }, { action: "ignore" }],
    [
      "a version below 2, which never shipped",
      { key: PROGRESS_STORAGE_KEY, newValue: '{"version":1}' },
      { action: "ignore" },
    ],
    [
      "a newer version",
      { key: PROGRESS_STORAGE_KEY, newValue: '{"version":9,"days":{},"selfTests":{}}' },
      { action: "read-only", version: 9, state: emptyState() },
    ],
  ])("%s", (_name, change, expected) => {
    expect(decideStorageEvent(change, mine)).toEqual(expected);
  });

  it("ignores a clear when there is nothing to clear", () => {
    expect(decideStorageEvent({ key: null, newValue: null }, emptyState())).toEqual({ action: "ignore" });
  });

  it("uses the given key", () => {
    expect(decideStorageEvent({ key: "k", newValue: save(theirs) }, mine, "k")).toEqual({
      action: "replace",
      state: theirs,
    });
  });

  it("never throws and only ever adopts valid states", () => {
    fc.assert(
      fc.property(
        state,
        fc.option(fc.string()),
        fc.option(fc.constantFrom(PROGRESS_STORAGE_KEY, "other")),
        (s, value, key) => {
          const decision = decideStorageEvent({ key, newValue: value }, s);
          expect(["ignore", "replace", "read-only"]).toContain(decision.action);
        },
      ),
    );
  });
});
