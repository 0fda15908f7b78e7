import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  blockProgress,
  emptyState,
  markDayDone,
  nextDay,
  progressMessage,
  summarizeProgress,
} from "../../../src/lib/mobility";
import type { DayCompletion, MobilityState } from "../../../src/lib/mobility";
import { daySet, state as anyState } from "./arbitraries";

const ZONE = "America/Los_Angeles";

function withDays(days: readonly number[], on = "2026-11-01"): MobilityState {
  const completion: DayCompletion = { at: `${on}T18:00:00.000Z`, on };
  return { days: Object.fromEntries(days.map((d) => [String(d), completion])), selfTests: {} };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe("nextDay", () => {
  it.each([
    [[], 1],
    [[1, 2, 3], 4],
    [[2, 3], 1],
    [[1, 3, 4, 5], 2],
    [range(1, 24), 25],
    [range(1, 25).filter((d) => d !== 13), 13],
    [range(2, 25), 1],
    [range(1, 25), null],
  ])("with %j done the next day is %s", (days, expected) => {
    expect(nextDay(withDays(days))).toBe(expected);
  });

  it("is the lowest day not done, for any set of days", () => {
    fc.assert(
      fc.property(daySet, (days) => {
        const next = nextDay(withDays(days));
        if (days.length === 25) expect(next).toBeNull();
        else {
          expect(next).not.toBeNull();
          expect(days).not.toContain(next);
          for (let d = 1; d < (next ?? 0); d++) expect(days).toContain(d);
        }
      }),
    );
  });
});

describe("blockProgress", () => {
  it.each([
    [[], [0, 0, 0, 0, 0]],
    [
      [1, 2, 6, 25],
      [2, 1, 0, 0, 1],
    ],
    [range(1, 5), [5, 0, 0, 0, 0]],
    [range(1, 25), [5, 5, 5, 5, 5]],
    [
      [5, 6, 10, 11, 15, 16, 20, 21],
      [1, 2, 2, 2, 1],
    ],
  ])("with %j done the blocks have %j", (days, expected) => {
    const blocks = blockProgress(withDays(days));
    expect(blocks.map((b) => b.done)).toEqual(expected);
    expect(blocks.map((b) => b.block)).toEqual([1, 2, 3, 4, 5]);
    expect(blocks.every((b) => b.total === 5 && b.days.length === 5)).toBe(true);
  });

  it("marks each day in its block", () => {
    const [first, second] = blockProgress(withDays([2, 6]));
    expect(first?.days.map((d) => d.done)).toEqual([false, true, false, false, false]);
    expect(second?.days[0]).toEqual({ day: 6, done: true });
  });

  it("always adds up to the number of days done", () => {
    fc.assert(
      fc.property(daySet, (days) => {
        expect(blockProgress(withDays(days)).reduce((sum, b) => sum + b.done, 0)).toBe(days.length);
      }),
    );
  });
});

describe("summarizeProgress", () => {
  // Wednesday 18 Nov 2026, 10:00 in Los Angeles; the week is Mon 16 - Sun 22 Nov.
  const wednesday = new Date("2026-11-18T18:00:00Z");

  function doneOn(entries: readonly [day: number, on: string][]): MobilityState {
    return {
      days: Object.fromEntries(entries.map(([day, on]) => [String(day), { at: `${on}T20:00:00.000Z`, on }])),
      selfTests: {},
    };
  }

  it("counts sessions whose training date is in this Monday-Sunday week", () => {
    const s = doneOn([
      [1, "2026-11-15"],
      [2, "2026-11-16"],
      [3, "2026-11-18"],
      [4, "2026-11-18"],
      [5, "2026-11-22"],
      [6, "2026-11-23"],
    ]);
    const summary = summarizeProgress(s, wednesday, ZONE);
    expect(summary.week).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(summary.sessionsThisWeek).toBe(4);
    expect(summary.today).toBe("2026-11-18");
    expect(summary.doneToday).toBe(2);
    expect(summary.lastTrainingDate).toBe("2026-11-23");
  });

  it("keeps Monday 02:00 in the week before (4 a.m. cut-off)", () => {
    const mondayTwoAm = new Date("2026-11-23T10:00:00Z"); // 02:00 PST Monday 23 Nov
    const summary = summarizeProgress(doneOn([[1, "2026-11-22"]]), mondayTwoAm, ZONE);
    expect(summary.today).toBe("2026-11-22");
    expect(summary.week).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(summary.sessionsThisWeek).toBe(1);
  });

  it("uses the runner's zone to decide the week", () => {
    // Monday 16 Nov 01:00 UTC is Monday 10:00 in Tokyo but Sunday 17:00 in Los Angeles.
    const instant = new Date("2026-11-16T01:00:00Z");
    const s = doneOn([[1, "2026-11-16"]]);
    expect(summarizeProgress(s, instant, "Asia/Tokyo").sessionsThisWeek).toBe(1);
    expect(summarizeProgress(s, instant, ZONE).sessionsThisWeek).toBe(0);
  });

  it("counts undated days (from version 1) as done but not as sessions", () => {
    const s: MobilityState = { days: { "1": { at: null, on: null }, "2": { at: null, on: null } }, selfTests: {} };
    const summary = summarizeProgress(s, wednesday, ZONE);
    expect(summary.done).toBe(2);
    expect(summary.sessionsThisWeek).toBe(0);
    expect(summary.lastTrainingDate).toBeNull();
    expect(summary.nextDay).toBe(3);
  });

  it("summarises totals and completion", () => {
    const some = summarizeProgress(withDays([1, 2, 9]), wednesday, ZONE);
    expect(some).toMatchObject({ done: 3, total: 25, remaining: 22, complete: false, nextDay: 3 });
    const all = summarizeProgress(withDays(range(1, 25)), wednesday, ZONE);
    expect(all).toMatchObject({ done: 25, remaining: 0, complete: true, nextDay: null });
  });

  it("summarises a day just marked", () => {
    const s = markDayDone(emptyState(), 1, wednesday, ZONE);
    expect(summarizeProgress(s, wednesday, ZONE)).toMatchObject({ done: 1, doneToday: 1, sessionsThisWeek: 1 });
  });
});

describe("progressMessage", () => {
  const facts = { done: 7, nextDay: 8, doneToday: 0, sessionsThisWeek: 2, hasRetest: false };

  it.each([
    ["nothing done yet", { ...facts, done: 0, nextDay: 1, sessionsThisWeek: 0 }, /Day 1 is ready/],
    ["a session today", { ...facts, doneToday: 1 }, /Today's session is done: 7 of 25 days complete\. Day 8 is next/],
    [
      "back after a gap",
      { ...facts, sessionsThisWeek: 0 },
      /Welcome back\. Your 7 days done are all still here\. Day 8/,
    ],
    ["one day, back after a gap", { ...facts, done: 1, nextDay: 2, sessionsThisWeek: 0 }, /Your 1 day done/],
    ["this week", facts, /^7 of 25 days done, 2 sessions this week\. Day 8 is next\.$/],
    ["one session this week", { ...facts, sessionsThisWeek: 1 }, /1 session this week/],
    ["all done", { ...facts, done: 25, nextDay: null }, /All 25 days done\. Take the day-25 retest/],
    ["all done and retested", { ...facts, done: 25, nextDay: null, hasRetest: true }, /retest is in/],
  ])("%s", (_name, input, expected) => {
    expect(progressMessage(input)).toMatch(expected);
  });

  const SHAMING = /streak|miss|behind|fail|lost|broke|late|overdue|again|only|should|reset|start over|lazy|skip/i;

  it("never shames, whatever the state and the gap since the last session", () => {
    fc.assert(
      fc.property(
        anyState,
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        (s, now) => {
          const { message, nextDay: next } = summarizeProgress(s, now, ZONE);
          expect(message).not.toMatch(SHAMING);
          if (next !== null && Object.keys(s.days).length > 0) expect(message).toContain(`Day ${next}`);
        },
      ),
    );
  });
});
