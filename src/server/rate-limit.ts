/**
 * A sliding-window rate limit per key, kept in memory: at most `max` accepted hits in any `windowMs`.
 * A refused hit is not counted, so someone who keeps trying is let in again once the window has
 * moved past their earlier inquiries. State is per process and lost on restart, which is acceptable
 * for a small site and keeps IP addresses out of the database. With several instances sharing
 * PostgreSQL, each counts the clients it sees: the proxy keeps a client on one instance (nginx
 * `ip_hash`, see the README), and the rules that matter for stored data (one inquiry per form
 * token, repeats folded) are constraints in the database, which hold across instances anyway.
 *
 * Cost and memory are bounded: each key keeps at most `max` timestamps; keys live in a Map ordered
 * by their latest hit, so the entries that expired are always at its front and each hit removes at
 * most a few of them (constant work however many addresses were seen). Above `maxKeys` the least
 * recently seen key is dropped: a flood of distinct addresses can then forget an older client's
 * count, which only ever lets a visitor in, never locks one out. It knows nothing about what a key
 * means (the caller chooses it) and takes the time as an argument.
 */

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts a hit for `key` at `now` when allowed; otherwise says how long to wait. */
  hit(key: string, now: Date): RateDecision;
  /** How many keys are tracked (for tests and diagnostics). */
  size(): number;
}

export interface RateLimitOptions {
  readonly max: number;
  readonly windowMs: number;
  /** The most keys kept at once (default 50 000, a few MB at most). */
  readonly maxKeys?: number;
}

/** Expired keys removed from the front of the map per hit: enough to keep up, never a full scan. */
const SWEEP_PER_HIT = 4;

export function createRateLimiter({ max, windowMs, maxKeys = 50_000 }: RateLimitOptions): RateLimiter {
  /** Key to its accepted hits (oldest first), in order of each key's latest hit. */
  const hits = new Map<string, number[]>();

  function sweep(nowMs: number): void {
    let swept = 0;
    for (const [key, times] of hits) {
      const latest = times[times.length - 1] ?? 0;
      if (swept >= SWEEP_PER_HIT || latest > nowMs - windowMs) break;
      hits.delete(key);
      swept += 1;
    }
    while (hits.size > maxKeys) {
      const oldest = hits.keys().next();
      if (oldest.done === true) break;
      hits.delete(oldest.value);
    }
  }

  return {
    hit(key, now) {
      const nowMs = now.getTime();
      sweep(nowMs);
      const kept = (hits.get(key) ?? []).filter((at) => at > nowMs - windowMs);
      const oldest = kept[0];
      if (kept.length >= max && oldest !== undefined) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - nowMs) / 1000)) };
      }
      kept.push(nowMs);
      // Re-inserting moves the key to the back, keeping the map ordered by latest hit.
      hits.delete(key);
      hits.set(key, kept);
      if (hits.size > maxKeys) sweep(nowMs);
      return { allowed: true };
    },
    size: () => hits.size,
  };
}
