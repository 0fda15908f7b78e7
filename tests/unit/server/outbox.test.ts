import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../../src/server/clock.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import type { MailMessage } from "../../../src/server/mail.ts";
import { DEFAULT_TIMING, backoffDelay, startOutbox } from "../../../src/server/outbox.ts";
import type { Outbox } from "../../../src/server/outbox.ts";
import type { MailTransport } from "../../../src/server/smtp.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { T0, identity, inquiry, tempDir } from "./helpers.ts";

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
    const saved = store.save({ inquiry, spamReason: null }, T0);
    outbox = startOutbox(store, transport, clock, logger, { identity, timing: { pollIntervalMs: 60_000 } });

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
    expect(logger.lines.filter((l) => l.level === "warn")).toHaveLength(6);
  });

  it("sends mail left pending by a previous process after a restart", async () => {
    const saved = store.save({ inquiry, spamReason: null }, T0);
    store.close();
    store = openStore(tmp.dbPath);
    const transport = flakyTransport(0);
    outbox = startOutbox(store, transport, manualClock(T0), memoryLogger(), { identity });
    await outbox.runOnce();
    expect(transport.sent).toHaveLength(2);
    expect(store.messagesFor(saved.id).every((m) => m.status === "sent")).toBe(true);
  });

  it("picks up a message claimed by a process that died mid-send once its lease ends", async () => {
    const saved = store.save({ inquiry, spamReason: null }, T0);
    expect(store.claimDue(T0, DEFAULT_TIMING.leaseMs, 10)).toHaveLength(2);
    store.close();
    store = openStore(tmp.dbPath);
    const clock = manualClock(T0);
    const transport = flakyTransport(0);
    outbox = startOutbox(store, transport, clock, memoryLogger(), { identity });
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
    const saved = store.save({ inquiry, spamReason: null }, T0);
    outbox = startOutbox(store, flakyTransport(99), clock, logger, {
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
    outbox = startOutbox(store, transport, manualClock(T0), memoryLogger(), { identity });
    await outbox.runOnce();
    expect(transport.sent).toEqual([]);
  });

  it("runs by itself: a first round at start, then on wake, and stops cleanly", async () => {
    const transport = flakyTransport(0);
    store.save({ inquiry, spamReason: null }, new Date());
    outbox = startOutbox(store, transport, { now: () => new Date() }, memoryLogger(), {
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
