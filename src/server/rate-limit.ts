/**
 * A sliding-window rate limit per key, kept in memory: at most `max` accepted hits in any `windowMs`.
 * A refused hit is not counted, so someone who keeps trying is let in again once the window has
 * moved past their earlier inquiries. State is per process and lost on restart, which is acceptable
 * for a single small server and keeps IP addresses out of the database. It knows nothing about what
 * a key means (the caller chooses it) and takes the time as an argument.
 */

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts a hit for `key` at `now` when allowed; otherwise says how long to wait. */
  hit(key: string, now: Date): RateDecision;
}

export interface RateLimitOptions {
  readonly max: number;
  readonly windowMs: number;
  /** Above this many tracked keys, expired ones are swept out on the next hit (default 10 000). */
  readonly sweepAbove?: number;
}

export function createRateLimiter({ max, windowMs, sweepAbove = 10_000 }: RateLimitOptions): RateLimiter {
  const hits = new Map<string, number[]>();

  function recent(key: string, nowMs: number): number[] {
    const kept = (hits.get(key) ?? []).filter((at) => at > nowMs - windowMs);
    if (kept.length === 0) hits.delete(key);
    else hits.set(key, kept);
    return kept;
  }

  return {
    hit(key, now) {
      const nowMs = now.getTime();
      if (hits.size > sweepAbove) for (const tracked of [...hits.keys()]) recent(tracked, nowMs);
      const kept = recent(key, nowMs);
      const oldest = kept[0];
      if (kept.length >= max && oldest !== undefined) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - nowMs) / 1000)) };
      }
      hits.set(key, [...kept, nowMs]);
      return { allowed: true };
    },
  };
}
