import { afterEach, describe, expect, it, vi } from "vitest";
import { pageCacheKey } from "../../../src/lib/content/page-cache-key";

const entry = (id: string, digest: string | number | undefined) => ({ id, digest });

afterEach(() => {
  vi.useRealTimers();
});

describe("pageCacheKey", () => {
  it("is the same for the same entries and values, so an unchanged page is reused", () => {
    const a = pageCacheKey([entry("squat", "d1"), undefined, entry("hinge", 7)], "strength", 2);
    expect(a).toBe(pageCacheKey([entry("squat", "d1"), undefined, entry("hinge", 7)], "strength", 2));
    expect(a).toMatch(/^[\w-]{43}$/);
  });

  it("changes when any entry's file changes, an entry is added or removed, or the order changes", () => {
    const base = pageCacheKey([entry("squat", "d1"), entry("hinge", "d2")]);
    expect(pageCacheKey([entry("squat", "d1"), entry("hinge", "d3")])).not.toBe(base);
    expect(pageCacheKey([entry("squat", "d1")])).not.toBe(base);
    expect(pageCacheKey([entry("squat", "d1"), entry("hinge", "d2"), entry("lunge", "d4")])).not.toBe(base);
    expect(pageCacheKey([entry("hinge", "d2"), entry("squat", "d1")])).not.toBe(base);
    // A missing neighbour is not the same as no neighbour slot at all.
    expect(pageCacheKey([entry("squat", "d1"), undefined])).not.toBe(pageCacheKey([entry("squat", "d1")]));
  });

  it("changes with any rendered value", () => {
    expect(pageCacheKey([], "strength", 2)).not.toBe(pageCacheKey([], "strength", 3));
    expect(pageCacheKey([], { page: 1, count: 4 })).not.toBe(pageCacheKey([], { page: 1, count: 5 }));
  });

  it("changes with the year the footer prints", () => {
    vi.useFakeTimers({ now: new Date("2026-12-31T23:00:00Z") });
    const before = pageCacheKey([entry("squat", "d1")]);
    vi.setSystemTime(new Date("2027-01-02T12:00:00Z"));
    expect(pageCacheKey([entry("squat", "d1")])).not.toBe(before);
  });

  it("gives a key that never repeats, so the page is always rendered, when an entry has no digest", () => {
    const entries = [entry("squat", "d1"), entry("hinge", undefined)];
    expect(pageCacheKey(entries)).not.toBe(pageCacheKey(entries));
  });
});
