import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import type { BookingRequest } from "../../../src/server/booking-store.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore, NewInquiry } from "../../../src/server/store.ts";
import { openWorkerStore } from "../../../src/server/worker-store.ts";
import { T0, inquiry, minutes, stored, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let store: InquiryStore;

beforeEach(() => {
  tmp = tempDir();
  store = openStore(tmp.dbPath);
});

afterEach(() => {
  store.close();
  tmp.cleanup();
});

const START = new Date("2026-11-30T16:00:00.000Z");
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

function slot(start: Date, length = 20, buffer = 10): BookingRequest {
  return { start, end: at(start, minutes(length)), bufferMinutes: buffer, visitorTimeZone: "Europe/Berlin" };
}

function entry(i: number, booking: BookingRequest | null, patch: Partial<NewInquiry> = {}): NewInquiry {
  return {
    inquiry: { ...inquiry, email: `runner${i}@example.com`, message: `${inquiry.message} (${i})` },
    spamReason: null,
    formTokenId: `token-${i}`,
    booking,
    ...patch,
  };
}

function rows(sql: string): unknown[] {
  const db = new DatabaseSync(tmp.dbPath, { readOnly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe("an inquiry with a booking", () => {
  it("stores both and queues the invitation to each side, instead of the plain auto-reply", () => {
    const saved = stored(store.save(entry(1, slot(START)), T0));
    expect(saved.booking).toEqual({
      start: START.toISOString(),
      end: "2026-11-30T16:20:00.000Z",
      visitorTimeZone: "Europe/Berlin",
    });
    expect(saved.queued).toEqual(["coach-notification", "booking-visitor", "booking-coach"]);
    const kinds = store.messagesFor(saved.id).map((m) => m.kind);
    expect(kinds.sort()).toEqual(["booking-coach", "booking-visitor", "coach-notification"]);
    const booking = store.findBooking(saved.reference);
    expect(booking).toMatchObject({ status: "booked", sequence: 0, name: inquiry.name, email: "runner1@example.com" });
    expect(store.messagesFor(saved.id).find((m) => m.kind === "booking-visitor")?.data).toMatchObject({
      change: "booked",
      reference: saved.reference,
      start: START.toISOString(),
      sequence: 0,
    });
  });

  it("stores nothing at all when the time is taken, or within the buffer of a booking", () => {
    stored(store.save(entry(1, slot(START)), T0));
    expect(store.save(entry(2, slot(START)), T0)).toEqual({ status: "slot-taken" });
    // 16:25 starts five minutes after 16:20: inside the ten-minute buffer.
    expect(store.save(entry(3, slot(at(START, minutes(25)))), T0)).toEqual({ status: "slot-taken" });
    expect(store.list({ includeSpam: true })).toHaveLength(1);
    expect(rows("SELECT id FROM outbox")).toHaveLength(3);
    // Thirty minutes on, it is clear.
    expect(store.save(entry(4, slot(at(START, minutes(30)))), T0)).toMatchObject({ status: "created" });
  });

  it("keeps the duplicate rule: the same inquiry again is the first one, with the first one's booking", () => {
    const first = stored(store.save(entry(1, slot(START)), T0));
    const again = store.save(entry(1, slot(at(START, minutes(60))), { formTokenId: "token-again" }), at(T0, 1000));
    expect(again).toEqual({
      status: "duplicate",
      id: first.id,
      reference: first.reference,
      queued: [],
      booking: first.booking,
    });
    expect(store.bookingsBetween(T0, at(START, minutes(600)))).toHaveLength(1);
  });

  it("books nothing for spam", () => {
    const saved = stored(store.save(entry(1, slot(START), { spamReason: "honeypot" }), T0));
    expect(saved.booking).toBeNull();
    expect(store.bookedIntervals(T0, at(START, minutes(60)))).toEqual([]);
  });

  it("in a batch, a taken time rolls back that entry alone", () => {
    const outcomes = store.saveBatch([
      { entry: entry(1, slot(START)), now: T0 },
      { entry: entry(2, slot(START)), now: T0 },
      { entry: entry(3, null), now: T0 },
    ]);
    expect(outcomes.map((o) => (o.ok ? o.result.status : o.error))).toEqual(["created", "slot-taken", "created"]);
    expect(store.list({ includeSpam: true })).toHaveLength(2);
  });
});

describe("the database's own guarantee", () => {
  it("refuses a second active booking of an overlapping time whatever the code checked", () => {
    const saved = stored(store.save(entry(1, slot(START)), T0));
    const other = stored(store.save(entry(2, null), T0));
    const db = new DatabaseSync(tmp.dbPath);
    const insert = (start: string, end: string, status = "booked") =>
      db
        .prepare(
          `INSERT INTO bookings (inquiry_id, reference, start_at, end_at, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(other.id, other.reference, start, end, status, T0.toISOString(), T0.toISOString());
    try {
      expect(() => insert(START.toISOString(), "2026-11-30T16:20:00.000Z")).toThrow(/overlaps|UNIQUE/);
      expect(() => insert("2026-11-30T16:10:00.000Z", "2026-11-30T16:30:00.000Z")).toThrow(/overlaps/);
      expect(() => insert("2026-11-30T15:50:00.000Z", "2026-11-30T16:01:00.000Z")).toThrow(/overlaps/);
      // A cancelled row may share the time; an active one right after may touch it.
      expect(() => insert(START.toISOString(), "2026-11-30T16:20:00.000Z", "cancelled")).not.toThrow();
      db.prepare("DELETE FROM bookings WHERE inquiry_id = ?").run(other.id);
      expect(() => insert("2026-11-30T16:20:00.000Z", "2026-11-30T16:40:00.000Z")).not.toThrow();
      // Moving the first onto the second is refused too.
      expect(() =>
        db
          .prepare("UPDATE bookings SET start_at = ?, end_at = ? WHERE reference = ?")
          .run("2026-11-30T16:30:00.000Z", "2026-11-30T16:50:00.000Z", saved.reference),
      ).toThrow(/overlaps/);
      expect(() => insert("2026-11-30T17:00:00.000Z", "2026-11-30T16:00:00.000Z")).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

describe("cancelling and moving", () => {
  it("cancels once, frees the time, and queues a cancellation to each side with the next sequence", () => {
    const saved = stored(store.save(entry(1, slot(START)), T0));
    const cancelled = store.cancelBooking(saved.reference, "visitor", at(T0, 1000));
    expect(cancelled).toMatchObject({ status: "cancelled", booking: { status: "cancelled", sequence: 1 } });
    expect(store.bookedIntervals(T0, at(START, minutes(60)))).toEqual([]);
    const data = store.messagesFor(saved.id).flatMap((m) => (m.kind.startsWith("booking-") ? [m.data] : []));
    expect(data).toEqual([
      expect.objectContaining({ change: "booked", sequence: 0 }),
      expect.objectContaining({ change: "booked", sequence: 0 }),
      expect.objectContaining({ change: "cancelled", sequence: 1, cancelledBy: "visitor" }),
      expect.objectContaining({ change: "cancelled", sequence: 1, cancelledBy: "visitor" }),
    ]);
    // A second press (the same link again) changes nothing and sends nothing.
    expect(store.cancelBooking(saved.reference, "visitor", at(T0, 2000))).toMatchObject({
      status: "already-cancelled",
    });
    expect(store.messagesFor(saved.id)).toHaveLength(5);
    expect(store.save(entry(2, slot(START)), T0)).toMatchObject({ status: "created" });
  });

  it("does not cancel or move a consultation that has started, nor one that does not exist", () => {
    const saved = stored(store.save(entry(1, slot(START)), T0));
    expect(store.cancelBooking(saved.reference, "coach", START)).toMatchObject({ status: "past" });
    expect(store.moveBooking(saved.reference, slot(at(START, minutes(60))), START)).toMatchObject({ status: "past" });
    expect(store.cancelBooking("RS-0000-0000", "coach", T0)).toEqual({ status: "not-found" });
  });

  it("moves the same booking (same reference, sequence + 1), freeing the old time atomically", () => {
    const saved = stored(store.save(entry(1, slot(START)), T0));
    const other = stored(store.save(entry(2, slot(at(START, minutes(120)))), T0));
    expect(store.moveBooking(saved.reference, slot(at(START, minutes(130))), T0)).toEqual({ status: "slot-taken" });
    const moved = store.moveBooking(saved.reference, slot(at(START, minutes(60))), T0);
    expect(moved).toMatchObject({ status: "moved", booking: { startAt: "2026-11-30T17:00:00.000Z", sequence: 1 } });
    expect(store.messagesFor(saved.id).at(-1)?.data).toMatchObject({
      change: "moved",
      previousStart: START.toISOString(),
      sequence: 1,
    });
    // The old time is free for someone else; a move next to its own old time is fine.
    expect(store.save(entry(3, slot(START)), T0)).toMatchObject({ status: "created" });
    expect(store.moveBooking(other.reference, slot(at(START, minutes(70))), T0)).toEqual({ status: "slot-taken" });
  });
});

describe("the daily summary", () => {
  it("is queued once per day, even when asked again (a restart), and not for a day without consultations", () => {
    stored(store.save(entry(1, slot(START)), T0));
    stored(store.save(entry(2, slot(at(START, minutes(60)))), T0));
    const from = new Date("2026-11-30T07:00:00.000Z");
    const to = new Date("2026-12-01T07:00:00.000Z");
    const first = store.queueDailySummary("2026-11-30", from, to, T0);
    expect(first).toMatchObject({ status: "queued", count: 2 });
    expect(store.queueDailySummary("2026-11-30", from, to, at(T0, 60_000))).toEqual({ status: "already-sent" });
    store.close();
    store = openStore(tmp.dbPath);
    expect(store.queueDailySummary("2026-11-30", from, to, at(T0, 120_000))).toEqual({ status: "already-sent" });
    expect(store.queueDailySummary("2026-12-01", to, at(to, 86_400_000), at(T0, 86_400_000))).toEqual({
      status: "none",
    });
    expect(rows("SELECT kind FROM outbox WHERE kind = 'booking-summary'")).toHaveLength(1);
  });
});

describe("50 concurrent saves of one time through the worker store", () => {
  let worker: AsyncInquiryStore | undefined;
  afterEach(async () => {
    await worker?.close();
  });

  it("book exactly once; the other 49 are told it was taken and store nothing", async () => {
    store.close();
    worker = openWorkerStore(tmp.dbPath);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (worker as AsyncInquiryStore).save(entry(i, slot(START)), T0)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === "created")).toHaveLength(1);
    expect(statuses.filter((s) => s === "slot-taken")).toHaveLength(49);
    expect(await worker.list({ includeSpam: true })).toHaveLength(1);
    expect(rows("SELECT id FROM bookings")).toHaveLength(1);
    expect(rows("SELECT id FROM outbox")).toHaveLength(3);
    await worker.close();
    worker = undefined;
    store = openStore(tmp.dbPath);
  });
});
