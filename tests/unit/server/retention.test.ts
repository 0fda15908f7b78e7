import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inlineStore } from "../../../src/server/async-store.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import { PURGE_INTERVAL_MS, retentionCutoff, startRetention } from "../../../src/server/retention.ts";
import type { Retention } from "../../../src/server/retention.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore, PurgeReport } from "../../../src/server/store.ts";
import { T0, deliverAll, seedInquiry, tempDir } from "./helpers.ts";

describe("the retention cutoff", () => {
  it.each([
    { now: "2026-11-25T10:00:00.000Z", months: 12, cutoff: "2025-11-25T10:00:00.000Z" },
    { now: "2026-11-25T10:00:00.000Z", months: 1, cutoff: "2026-10-25T10:00:00.000Z" },
    { now: "2026-01-15T08:30:00.000Z", months: 1, cutoff: "2025-12-15T08:30:00.000Z" },
    { now: "2026-01-15T08:30:00.000Z", months: 25, cutoff: "2023-12-15T08:30:00.000Z" },
    { now: "2026-03-31T12:00:00.000Z", months: 1, cutoff: "2026-02-28T12:00:00.000Z" },
    { now: "2028-03-31T12:00:00.000Z", months: 1, cutoff: "2028-02-29T12:00:00.000Z" },
    { now: "2028-02-29T12:00:00.000Z", months: 12, cutoff: "2027-02-28T12:00:00.000Z" },
    { now: "2028-02-29T12:00:00.000Z", months: 48, cutoff: "2024-02-29T12:00:00.000Z" },
    { now: "2026-05-31T00:00:00.000Z", months: 1, cutoff: "2026-04-30T00:00:00.000Z" },
    { now: "2026-05-31T00:00:00.000Z", months: 3, cutoff: "2026-02-28T00:00:00.000Z" },
    { now: "2026-07-31T23:59:59.999Z", months: 1, cutoff: "2026-06-30T23:59:59.999Z" },
    { now: "2026-12-31T23:59:59.999Z", months: 1, cutoff: "2026-11-30T23:59:59.999Z" },
    { now: "2026-03-01T00:00:00.000Z", months: 1, cutoff: "2026-02-01T00:00:00.000Z" },
    { now: "2026-11-25T10:00:00.000Z", months: 120, cutoff: "2016-11-25T10:00:00.000Z" },
  ])("$months month(s) before $now is $cutoff", ({ now, months, cutoff }) => {
    expect(retentionCutoff(new Date(now), months).toISOString()).toBe(cutoff);
  });

  it("never moves past the same day of the month, and keeps the time of day", () => {
    for (let day = 0; day < 366 * 4; day += 1) {
      const now = new Date(Date.UTC(2027, 0, 1, 7, 45) + day * 24 * 60 * 60 * 1000);
      for (const months of [1, 6, 12, 13]) {
        const cutoff = retentionCutoff(now, months);
        const monthsBack =
          (now.getUTCFullYear() - cutoff.getUTCFullYear()) * 12 + now.getUTCMonth() - cutoff.getUTCMonth();
        expect(monthsBack).toBe(months);
        expect(cutoff.getUTCDate()).toBeLessThanOrEqual(now.getUTCDate());
        expect([cutoff.getUTCHours(), cutoff.getUTCMinutes()]).toEqual([7, 45]);
      }
    }
  });
});

describe("the daily purge", () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: InquiryStore;
  let retention: Retention | undefined;

  beforeEach(() => {
    tmp = tempDir();
    store = openStore(tmp.dbPath);
  });

  afterEach(() => {
    retention?.stop();
    retention = undefined;
    vi.useRealTimers();
    store.close();
    tmp.cleanup();
  });

  it("purges at start, keeping what the coach never received, and logs what it removed and kept", async () => {
    const old = new Date("2025-06-01T00:00:00Z");
    seedInquiry(store, old);
    seedInquiry(store, old, { email: "spam@example.com" }, "honeypot");
    deliverAll(store, old);
    const kept = seedInquiry(store, old, { email: "kim@example.com" });
    const recent = seedInquiry(store, T0, { email: "lee@example.com" });
    const logger = memoryLogger();
    retention = startRetention(inlineStore(store), manualClock(T0), logger, 12);
    await vi.waitFor(() => {
      expect(logger.lines).toEqual([
        {
          level: "info",
          message: "retention purge",
          fields: { removed: 2, keptUndelivered: 1, before: "2025-11-25T10:00:00.000Z" },
        },
      ]);
    });
    expect(
      store
        .list({ includeSpam: true })
        .map((i) => i.id)
        .sort(),
    ).toEqual([kept.id, recent.id].sort());
  });

  it("stays quiet when there is nothing old, runs again every day, and stops when told", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const clock = manualClock(T0);
    const logger = memoryLogger();
    const cutoffs: string[] = [];
    const purgeBefore = (cutoff: Date): Promise<PurgeReport> => {
      cutoffs.push(cutoff.toISOString());
      return Promise.resolve({ removed: 0, keptUndelivered: 0 });
    };
    retention = startRetention({ purgeBefore }, clock, logger, 12);
    await vi.advanceTimersByTimeAsync(0);
    expect(cutoffs).toEqual(["2025-11-25T10:00:00.000Z"]);
    clock.advance(PURGE_INTERVAL_MS);
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS - 1);
    expect(cutoffs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(cutoffs).toEqual(["2025-11-25T10:00:00.000Z", "2025-11-26T10:00:00.000Z"]);
    expect(logger.lines).toEqual([]);
    retention.stop();
    await vi.advanceTimersByTimeAsync(3 * PURGE_INTERVAL_MS);
    expect(cutoffs).toHaveLength(2);
  });

  it("logs a failed purge and tries again at the next run", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const logger = memoryLogger();
    let fail = true;
    const purgeBefore = (): Promise<PurgeReport> =>
      fail ? Promise.reject(new Error("database is locked")) : Promise.resolve({ removed: 3, keptUndelivered: 0 });
    retention = startRetention({ purgeBefore }, manualClock(T0), logger, 12);
    await vi.advanceTimersByTimeAsync(0);
    expect(logger.lines).toEqual([
      {
        level: "error",
        message: "retention purge failed; trying again at the next run",
        fields: { error: "Error: database is locked" },
      },
    ]);
    fail = false;
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(logger.lines.at(-1)).toMatchObject({ level: "info", message: "retention purge", fields: { removed: 3 } });
    await retention.runOnce();
    expect(logger.lines.filter((l) => l.message === "retention purge")).toHaveLength(2);
  });
});
