import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inlineStore } from "../../../src/server/async-store.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import type { MailMessage } from "../../../src/server/mail.ts";
import { DEFAULT_TIMING, backoffDelay, startOutbox } from "../../../src/server/outbox.ts";
import type { Outbox } from "../../../src/server/outbox.ts";
import type { MailTransport } from "../../../src/server/smtp.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { T0, faultyStore, identity, inquiry, stored, tempDir } from "./helpers.ts";

/** A transport whose first `failures` attempts for each message id fail. */
function flakyTransport(failures: number): MailTransport & { sent: MailMessage[]; attempts: Map<string, number> } {
  const sent: MailMessage[] = [];
  const attempts = new Map<string, number>();
  return {
    sent,
    attempts,
    send(message) {
      const count = (attempts.get(message.messageId) ?? 0) + 1;
      attempts.set(message.messageId, count);
      if (count <= failures) return Promise.reject(new Error("451 4.3.0 try again later"));
      sent.push(message);
      return Promise.resolve();
    },
    close() {},
  };
}

let tmp: ReturnType<typeof tempDir>;
let store: InquiryStore;
let outbox: Outbox | undefined;

beforeEach(() => {
  tmp = tempDir();
  store = openStore(tmp.dbPath);
});

afterEach(async () => {
  await outbox?.stop();
  outbox = undefined;
  vi.useRealTimers();
  store.close();
  tmp.cleanup();
});

describe("backoff", () => {
  it("doubles from the base delay and stops at the cap", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffDelay(n, DEFAULT_TIMING));
    expect(delays.slice(0, 5)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(delays.at(-1)).toBe(DEFAULT_TIMING.maxDelayMs);
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    expect(backoffDelay(1000, DEFAULT_TIMING)).toBe(DEFAULT_TIMING.maxDelayMs);
  });
});

describe("the outbox loop", () => {
  it("retries with growing delays and marks the message sent exactly once", async () => {
    const clock = manualClock(T0);
    const logger = memoryLogger();
    const transport = flakyTransport(3);
    const saved = stored(store.save({ inquiry, spamReason: null }, T0));
    outbox = startOutbox(inlineStore(store), transport, clock, logger, {
      identity,
      timing: { pollIntervalMs: 60_000 },
    });

    const waits: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const report = await outbox.runOnce();
      expect(report.sent).toBe(0);
      const next = store.nextDueAt();
      expect(next).toBeDefined();
      waits.push((next?.getTime() ?? 0) - clock.now().getTime());
      clock.set(next ?? T0);
    }
    expect(waits).toEqual([30_000, 60_000, 120_000]);
    expect(await outbox.runOnce()).toEqual({ sent: 2, failed: 0 });
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0 });

    expect(transport.sent.map((m) => m.to.address).sort()).toEqual([identity.coachAddress, inquiry.email].sort());
    const messages = store.messagesFor(saved.id);
    expect(messages.map((m) => [m.status, m.attempts])).toEqual([
      ["sent", 4],
      ["sent", 4],
    ]);
    // One Message-ID per message, kept across every attempt, so a copy sent twice is recognisable.
    expect([...transport.attempts.values()]).toEqual([4, 4]);
    expect(transport.sent.map((m) => m.messageId).sort()).toEqual([...transport.attempts.keys()].sort());
    expect(logger.lines.filter((l) => l.level === "warn")).toHaveLength(6);
  });

  it("sends mail left pending by a previous process after a restart", async () => {
    const saved = stored(store.save({ inquiry, spamReason: null }, T0));
    store.close();
    store = openStore(tmp.dbPath);
    const transport = flakyTransport(0);
    outbox = startOutbox(inlineStore(store), transport, manualClock(T0), memoryLogger(), { identity });
    await outbox.runOnce();
    expect(transport.sent).toHaveLength(2);
    expect(store.messagesFor(saved.id).every((m) => m.status === "sent")).toBe(true);
  });

  it("picks up a message claimed by a process that died mid-send once its lease ends", async () => {
    const saved = stored(store.save({ inquiry, spamReason: null }, T0));
    expect(store.claimDue(T0, DEFAULT_TIMING.leaseMs, 10)).toHaveLength(2);
    store.close();
    store = openStore(tmp.dbPath);
    const clock = manualClock(T0);
    const transport = flakyTransport(0);
    outbox = startOutbox(inlineStore(store), transport, clock, memoryLogger(), { identity });
    await outbox.runOnce();
    expect(transport.sent).toHaveLength(0);
    clock.advance(DEFAULT_TIMING.leaseMs);
    await outbox.runOnce();
    expect(transport.sent).toHaveLength(2);
    expect(store.messagesFor(saved.id).map((m) => m.attempts)).toEqual([2, 2]);
  });

  it("gives up after the last attempt and logs an error", async () => {
    const clock = manualClock(T0);
    const logger = memoryLogger();
    const saved = stored(store.save({ inquiry, spamReason: null }, T0));
    outbox = startOutbox(inlineStore(store), flakyTransport(99), clock, logger, {
      identity,
      timing: { maxAttempts: 2, baseDelayMs: 1000 },
    });
    await outbox.runOnce();
    clock.advance(1000);
    await outbox.runOnce();
    expect(store.messagesFor(saved.id).map((m) => [m.status, m.lastError])).toEqual([
      ["failed", "Error: 451 4.3.0 try again later"],
      ["failed", "Error: 451 4.3.0 try again later"],
    ]);
    expect(store.nextDueAt()).toBeUndefined();
    expect(logger.lines.filter((l) => l.level === "error").map((l) => l.message)).toEqual([
      "email given up after repeated failures",
      "email given up after repeated failures",
    ]);
  });

  it("sends nothing for spam", async () => {
    store.save({ inquiry, spamReason: "honeypot" }, T0);
    const transport = flakyTransport(0);
    outbox = startOutbox(inlineStore(store), transport, manualClock(T0), memoryLogger(), { identity });
    await outbox.runOnce();
    expect(transport.sent).toEqual([]);
  });

  it("runs by itself: a first round at start, then on wake, and stops cleanly", async () => {
    const transport = flakyTransport(0);
    store.save({ inquiry, spamReason: null }, new Date());
    outbox = startOutbox(inlineStore(store), transport, { now: () => new Date() }, memoryLogger(), {
      identity,
      timing: { pollIntervalMs: 60_000 },
    });
    await expect.poll(() => transport.sent.length, { timeout: 2000 }).toBe(2);
    store.save({ inquiry: { ...inquiry, message: "m".repeat(40) }, spamReason: null }, new Date());
    outbox.wake();
    await expect.poll(() => transport.sent.length, { timeout: 2000 }).toBe(3);
    await outbox.stop();
    store.save({ inquiry: { ...inquiry, message: "n".repeat(40) }, spamReason: null }, new Date());
    outbox.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(transport.sent).toHaveLength(3);
  });
});

describe("when the database cannot be written", () => {
  it("never hands an accepted email to SMTP again while only its sent mark is missing; the mark is retried first", async () => {
    const clock = manualClock(T0);
    const logger = memoryLogger();
    const transport = flakyTransport(0);
    const saved = stored(store.save({ inquiry, spamReason: null }, T0));
    const faulty = faultyStore(inlineStore(store));
    faulty.failing.add("markSent");
    outbox = startOutbox(faulty.store, transport, clock, logger, {
      identity,
      timing: { pollIntervalMs: 60_000, failedRoundDelayMs: 60_000 },
    });

    // The first round sends both emails of its batch (leases would otherwise hold the rest for
    // minutes) but can mark neither: the round counts as failed.
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(transport.sent).toHaveLength(2);
    expect(store.messagesFor(saved.id).map((m) => m.status)).toEqual(["pending", "pending"]);

    // Rounds go on failing while the disk is full, even after every lease has run out: no resend.
    clock.advance(10 * 60 * 1000);
    for (let i = 0; i < 3; i += 1) await outbox.runOnce();
    expect(transport.sent).toHaveLength(2);
    expect(faulty.calls.filter((c) => c.method === "claimDue")).toHaveLength(1);
    const errors = logger.lines.filter((l) => l.message === "outbox round failed");
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors.at(-1)?.fields).toMatchObject({ unmarked: 2 });

    // The disk has room again: the missing marks are written before anything is claimed.
    faulty.failing.clear();
    const before = faulty.calls.length;
    expect(await outbox.runOnce()).toEqual({ sent: 2, failed: 0 });
    const recovery = faulty.calls.slice(before).filter((c) => c.method !== "nextDueAt");
    expect(recovery.map((c) => c.method)).toEqual(["markSent", "markSent", "claimDue"]);
    expect(transport.sent).toHaveLength(2);
    expect(new Set(transport.sent.map((m) => m.messageId)).size).toBe(2);
    expect([...transport.attempts.values()]).toEqual([1, 1]);
    expect(store.messagesFor(saved.id).map((m) => m.status)).toEqual(["sent", "sent"]);
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(transport.sent).toHaveLength(2);
  });

  it("backs off after failed rounds, doubling up to the poll interval, and a wake does not cut the pause short", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: T0 });
    const logger = memoryLogger();
    const transport = flakyTransport(0);
    store.save({ inquiry, spamReason: null }, T0);
    const faulty = faultyStore(inlineStore(store));
    faulty.failing.add("claimDue");
    const claimedAt: number[] = [];
    const claimDue = faulty.store.claimDue;
    const watched = {
      ...faulty.store,
      claimDue: (...args: Parameters<typeof claimDue>) => {
        claimedAt.push(Date.now());
        return claimDue(...args);
      },
    };
    outbox = startOutbox(watched, transport, { now: () => new Date() }, logger, {
      identity,
      timing: { pollIntervalMs: 160, failedRoundDelayMs: 10 },
    });

    await vi.advanceTimersByTimeAsync(1000);
    const gaps = claimedAt.slice(1).map((t, i) => t - (claimedAt[i] ?? 0));
    expect(gaps.slice(0, 6)).toEqual([10, 20, 40, 80, 160, 160]);
    expect(gaps.every((gap) => gap <= 160)).toBe(true);
    // About ten rounds in a second, one log line each: not a hot loop.
    expect(claimedAt.length).toBeLessThanOrEqual(10);
    const failures = logger.lines.filter((l) => l.message === "outbox round failed");
    expect(failures).toHaveLength(claimedAt.length);
    expect(failures.map((l) => l.fields?.["failedRounds"])).toEqual(claimedAt.map((_, i) => i + 1));

    // A new inquiry wakes the loop, but during a failure streak the pause stands.
    const rounds = claimedAt.length;
    outbox.wake();
    await vi.advanceTimersByTimeAsync(5);
    expect(claimedAt).toHaveLength(rounds);

    // Once the database is back, the next round sends everything and the pauses end.
    faulty.failing.clear();
    await vi.advanceTimersByTimeAsync(160);
    expect(transport.sent).toHaveLength(2);
    expect(claimedAt.length).toBeGreaterThan(rounds);
  });
});
