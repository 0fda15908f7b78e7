import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../src/server/rate-limit.ts";
import type { RateLimiter } from "../../../src/server/rate-limit.ts";
import { T0, minutes } from "./helpers.ts";

const at = (ms: number) => new Date(T0.getTime() + ms);

/**
 * Counts the Map work one call does: every get, set, has and delete, and every step of an iterator
 * over a Map (a scan of all keys would show up here). Synchronous, so nothing else runs meanwhile.
 */
function mapWork<T>(work: () => T): { result: T; operations: number } {
  const iteratorProto = Object.getPrototypeOf(new Map().entries()) as { next: (...args: unknown[]) => unknown };
  const mapProto = Map.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = ["get", "set", "has", "delete"] as const;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  const originalNext = iteratorProto.next;
  let operations = 0;
  for (const name of names) {
    const original = mapProto[name];
    if (original === undefined) throw new Error(`Map.prototype.${name} missing`);
    originals.set(name, original);
    mapProto[name] = function (this: unknown, ...args: unknown[]) {
      operations += 1;
      return original.apply(this, args);
    };
  }
  iteratorProto.next = function (this: unknown, ...args: unknown[]) {
    operations += 1;
    return originalNext.apply(this, args);
  };
  try {
    return { result: work(), operations };
  } finally {
    for (const [name, original] of originals) mapProto[name] = original;
    iteratorProto.next = originalNext;
  }
}

function fill(limiter: RateLimiter, count: number, when: Date, prefix = "k"): void {
  for (let i = 0; i < count; i += 1) limiter.hit(`${prefix}${i}`, when);
}

describe("the rate limiter", () => {
  it("allows 5 hits in 10 minutes, then says how long to wait", () => {
    const limiter = createRateLimiter({ max: 5, windowMs: minutes(10) });
    for (let i = 0; i < 5; i += 1) expect(limiter.hit("a", at(i * 1000))).toEqual({ allowed: true });
    expect(limiter.hit("a", at(5000))).toEqual({ allowed: false, retryAfterSeconds: 595 });
    expect(limiter.hit("a", at(minutes(10) - 1))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.hit("a", at(minutes(10)))).toEqual({ allowed: true });
    expect(limiter.hit("b", at(5000))).toEqual({ allowed: true });
  });

  it("does not count refused hits, so waiting is enough", () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 1000 });
    expect(limiter.hit("a", at(0)).allowed).toBe(true);
    for (let i = 1; i < 10; i += 1) expect(limiter.hit("a", at(i * 100)).allowed).toBe(false);
    expect(limiter.hit("a", at(1000)).allowed).toBe(true);
  });

  it("forgets expired keys when it tracks many", () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 1000 });
    fill(limiter, 50, at(0));
    expect(limiter.hit("k0", at(2000)).allowed).toBe(true);
  });
});

describe("the rate limiter's memory", () => {
  it("stays within maxKeys under 100 000 distinct addresses", () => {
    const limiter = createRateLimiter({ max: 5, windowMs: minutes(10), maxKeys: 1000 });
    let largest = 0;
    let allowed = 0;
    for (let i = 0; i < 100_000; i += 1) {
      if (limiter.hit(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, at(i)).allowed) allowed += 1;
      largest = Math.max(largest, limiter.size());
    }
    expect(allowed).toBe(100_000);
    expect(largest).toBe(1000);
    expect(limiter.size()).toBe(1000);
  });

  it("has a default bound, of a few tens of thousands of keys", () => {
    const limiter = createRateLimiter({ max: 5, windowMs: minutes(10) });
    fill(limiter, 60_000, at(0));
    expect(limiter.size()).toBeLessThanOrEqual(50_000);
    expect(limiter.size()).toBeGreaterThanOrEqual(10_000);
  });

  it("drops the least recently seen key first, which only ever lets a visitor in", () => {
    const limiter = createRateLimiter({ max: 1, windowMs: minutes(10), maxKeys: 3 });
    limiter.hit("old", at(0));
    limiter.hit("other", at(1));
    limiter.hit("busy", at(2));
    expect(limiter.hit("busy", at(3)).allowed).toBe(false);
    limiter.hit("new", at(4));
    expect(limiter.size()).toBe(3);
    // "old" was forgotten: let in again (dropping "other"). "busy" is still counted.
    expect(limiter.hit("old", at(5)).allowed).toBe(true);
    expect(limiter.hit("busy", at(6)).allowed).toBe(false);
  });

  it("removes expired keys a few per hit, never all at once", () => {
    const limiter = createRateLimiter({ max: 5, windowMs: 1000 });
    fill(limiter, 1000, at(0));
    expect(limiter.size()).toBe(1000);
    const sizes: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      limiter.hit("visitor", at(5000 + i));
      sizes.push(limiter.size());
    }
    // Each hit removes at most a handful of the 1000 expired keys, and they all go in the end.
    for (let i = 1; i < sizes.length; i += 1) {
      const previous = sizes[i - 1] ?? 0;
      expect(previous - (sizes[i] ?? 0)).toBeLessThanOrEqual(8);
    }
    expect(sizes[0]).toBeGreaterThan(990);
    expect(limiter.size()).toBe(1);
  });

  it.each([
    { name: "all keys still in their window", expired: false },
    { name: "all keys expired", expired: true },
  ])("does the same small amount of Map work per hit with 100, 10 000 or 100 000 keys seen ($name)", ({ expired }) => {
    const perHit = [100, 10_000, 100_000].map((keys) => {
      const limiter = createRateLimiter({ max: 5, windowMs: minutes(10), maxKeys: 200_000 });
      fill(limiter, keys, at(0));
      const when = at(expired ? minutes(11) : minutes(1));
      const work = [0, 1, 2, 3, 4].map((i) => mapWork(() => limiter.hit(`new-${i}`, when)).operations);
      work.push(mapWork(() => limiter.hit("k0", when)).operations);
      return Math.max(...work);
    });
    expect(perHit[0]).toBeLessThanOrEqual(20);
    expect(perHit[1]).toBe(perHit[0]);
    expect(perHit[2]).toBe(perHit[0]);
  });
});
