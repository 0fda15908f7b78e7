import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  completedDays,
  emptyState,
  isDayDone,
  markDayDone,
  setDayDone,
  shouldRequestPersistence,
  undoDay,
} from "../../../src/lib/mobility";
import type { MobilityState } from "../../../src/lib/mobility";
import { state as anyState } from "./arbitraries";

const ZONE = "America/Los_Angeles";
const at = (iso: string): Date => new Date(iso);

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("markDayDone", () => {
  it("records the real instant and the training date with the 4 a.m. cut-off", () => {
    // 01:00 PST on 21 Nov counts for 20 Nov.
    const s = markDayDone(emptyState(), 3, at("2026-11-21T09:00:00.000Z"), ZONE);
    expect(s.days).toEqual({ "3": { at: "2026-11-21T09:00:00.000Z", on: "2026-11-20" } });
  });

  it("allows any order and keeps the first record of a day already done", () => {
    let s = markDayDone(emptyState(), 7, at("2026-11-20T18:00:00Z"), ZONE);
    s = markDayDone(s, 2, at("2026-11-21T18:00:00Z"), ZONE);
    const again = markDayDone(s, 7, at("2026-11-22T18:00:00Z"), ZONE);
    expect(again).toBe(s);
    expect(completedDays(s)).toEqual([2, 7]);
    expect(s.days["7"]?.on).toBe("2026-11-20");
  });

  it("refuses a day outside the program", () => {
    expect(() => markDayDone(emptyState(), 26, at("2026-11-20T18:00:00Z"), ZONE)).toThrow(RangeError);
    expect(() => markDayDone(emptyState(), 0, at("2026-11-20T18:00:00Z"), ZONE)).toThrow(RangeError);
  });

  it("never changes the state it was given", () => {
    fc.assert(
      fc.property(anyState, fc.integer({ min: 1, max: 25 }), fc.boolean(), (s, day, done) => {
        const frozen = deepFreeze(structuredClone(s));
        const before = JSON.stringify(frozen);
        setDayDone(frozen, day, done, at("2026-11-20T18:00:00Z"), ZONE);
        expect(JSON.stringify(frozen)).toBe(before);
      }),
    );
  });
});

describe("undoDay", () => {
  it("removes only that day and keeps the rest, whatever the gaps", () => {
    let s: MobilityState = emptyState();
    for (const day of [1, 2, 3, 10]) s = markDayDone(s, day, at("2026-11-20T18:00:00Z"), ZONE);
    const undone = undoDay(s, 2);
    expect(completedDays(undone)).toEqual([1, 3, 10]);
    expect(isDayDone(undone, 2)).toBe(false);
    expect(undoDay(undone, 2)).toBe(undone);
  });

  it("is the inverse of marking a day that was not done", () => {
    fc.assert(
      fc.property(anyState, fc.integer({ min: 1, max: 25 }), (s, day) => {
        fc.pre(!isDayDone(s, day));
        expect(undoDay(markDayDone(s, day, at("2026-11-20T18:00:00Z"), ZONE), day)).toEqual(s);
      }),
    );
  });
});

describe("emptyState", () => {
  it("returns a fresh empty state", () => {
    const a = emptyState();
    expect(a).toEqual({ days: {}, selfTests: {} });
    expect(emptyState()).not.toBe(a);
  });
});

describe("shouldRequestPersistence", () => {
  const one = markDayDone(emptyState(), 1, at("2026-11-20T18:00:00Z"), ZONE);
  const two = markDayDone(one, 2, at("2026-11-21T18:00:00Z"), ZONE);
  it.each([
    ["first day done", emptyState(), one, true],
    [
      "a first day done out of order",
      emptyState(),
      markDayDone(emptyState(), 9, at("2026-11-20T18:00:00Z"), ZONE),
      true,
    ],
    ["second day done", one, two, false],
    ["nothing changed", emptyState(), emptyState(), false],
    ["undo", one, emptyState(), false],
    ["undo then redo", undoDay(one, 1), one, true],
  ])("%s -> %s", (_name, before, after, expected) => {
    expect(shouldRequestPersistence(before, after)).toBe(expected);
  });
});
