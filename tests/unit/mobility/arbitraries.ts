/**
 * fast-check generators and small fixtures shared by the mobility tests: valid states and
 * documents of every version, and in-memory storages that behave or misbehave on demand.
 */
import fc from "fast-check";
import type { DayCompletion, MobilityState, SelfTestResult } from "../../../src/lib/mobility";
import type { StorageLike } from "../../../src/lib/storage/guarded-storage";

const tenths = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: max * 10 }).map((n) => n / 10);

export const isoInstant: fc.Arbitrary<string> = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

export const isoDate: fc.Arbitrary<string> = isoInstant.map((s) => s.slice(0, 10));

export const completion: fc.Arbitrary<DayCompletion> = fc.oneof(
  fc.record({ at: isoInstant, on: isoDate }),
  fc.constant({ at: null, on: null }),
);

export const selfTest: fc.Arbitrary<SelfTestResult> = fc.record({
  at: isoInstant,
  on: isoDate,
  kneeToWall: fc.oneof(
    tenths(30).map((value) => ({ value, unit: "cm" as const })),
    tenths(11.8).map((value) => ({ value, unit: "in" as const })),
  ),
  balance: fc.record({ left: tenths(600), right: tenths(600) }),
  squatHold: tenths(600),
});

export const daySet: fc.Arbitrary<number[]> = fc.uniqueArray(fc.integer({ min: 1, max: 25 }), { maxLength: 25 });

export const state: fc.Arbitrary<MobilityState> = fc.record({
  days: fc.dictionary(fc.integer({ min: 1, max: 25 }).map(String), completion, { maxKeys: 25 }),
  selfTests: fc.record({ baseline: selfTest, retest: selfTest }, { requiredKeys: [] }),
});

export const documentV2 = state.map((s) => ({ version: 2 as const, ...s }));

/** A Map-backed storage that records every write. */
export class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  readonly writes: string[] = [];

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.items.set(k, v);
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.writes.push(`set ${key}`);
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.writes.push(`remove ${key}`);
    this.items.delete(key);
  }
}

/** Every call throws, as storage does when the browser blocks it. */
export class ThrowingStorage implements StorageLike {
  calls = 0;

  getItem(): string | null {
    this.calls += 1;
    throw new DOMException("The operation is insecure.", "SecurityError");
  }

  setItem(): void {
    this.calls += 1;
    throw new DOMException("The operation is insecure.", "SecurityError");
  }

  removeItem(): void {
    this.calls += 1;
    throw new DOMException("The operation is insecure.", "SecurityError");
  }
}

/** Reads and removes work; setItem throws QuotaExceededError while `full` is true. */
export class FullStorage extends MemoryStorage {
  full = true;

  override setItem(key: string, value: string): void {
    if (this.full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    super.setItem(key, value);
  }
}
