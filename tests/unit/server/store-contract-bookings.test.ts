/**
 * The contract suite's bookings part: what every store must do with booked consultations, run once
 * against SQLite and once against PostgreSQL (store-harness.ts), including several instances on
 * one database at once. Each engine's own refusal of overlaps from plain SQL (SQLite's triggers,
 * PostgreSQL's exclusion constraint) is checked in booking-store.test.ts and pg-store.test.ts.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import type { BookingRequest } from "../../../src/server/booking-store.ts";
import type { NewInquiry, SaveResult } from "../../../src/server/store.ts";
import { T0, inquiry, minutes, stored } from "./helpers.ts";
import { postgresHarness, sqliteHarness } from "./store-harness.ts";

const START = new Date("2026-11-30T16:00:00.000Z");
const after = (base: Date, ms: number) => new Date(base.getTime() + ms);

/** A 20-minute consultation at `start`, kept 10 minutes clear of others (the defaults the site uses). */
function slot(start: Date, length = 20, buffer = 10): BookingRequest {
  return { start, end: after(start, minutes(length)), bufferMinutes: buffer, visitorTimeZone: "Europe/Berlin" };
}

/** Inquiry number `i`, from its own address with its own message and form token. */
function entry(i: number, booking: BookingRequest | null, patch: Partial<NewInquiry> = {}): NewInquiry {
  return {
    inquiry: { ...inquiry, email: `runner${i}@example.com`, message: `${inquiry.message} (${i})` },
    spamReason: null,
    formTokenId: `token-${i}`,
    booking,
    ...patch,
  };
}

describe.each([
  ["SQLite", sqliteHarness],
  ["PostgreSQL", postgresHarness],
] as const)("bookings in the %s store", (_name, makeHarness) => {
  const harness = makeHarness();
  let store: AsyncInquiryStore;

  beforeEach(async () => {
    await harness.create();
    store = harness.open();
  });

  afterEach(async () => {
    await harness.drop();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  async function book(i: number, booking: BookingRequest | null, patch: Partial<NewInquiry> = {}) {
    return stored(await store.save(entry(i, booking, patch), T0));
  }

  const count = async (sql: string): Promise<number> => Number((await harness.peek(sql))[0]?.["n"]);
  const kinds = async (inquiryId: number) => (await store.messagesFor(inquiryId)).map((m) => m.kind);

  describe("an inquiry with a booking", () => {
    it("stores both and queues the invitation to each side, instead of the plain auto-reply", async () => {
      const saved = await book(1, slot(START));
      expect(saved.booking).toEqual({
        start: START.toISOString(),
        end: "2026-11-30T16:20:00.000Z",
        visitorTimeZone: "Europe/Berlin",
      });
      expect(saved.queued).toEqual(["coach-notification", "booking-visitor", "booking-coach"]);
      expect(await kinds(saved.id)).toEqual(["booking-visitor", "booking-coach", "coach-notification"]);
      expect(await store.findBooking(saved.reference)).toEqual({
        id: expect.any(Number) as number,
        inquiryId: saved.id,
        reference: saved.reference,
        startAt: START.toISOString(),
        endAt: "2026-11-30T16:20:00.000Z",
        status: "booked",
        sequence: 0,
        visitorTimeZone: "Europe/Berlin",
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
        cancelledBy: null,
        name: inquiry.name,
        email: "runner1@example.com",
      });
      const visitorMail = (await store.messagesFor(saved.id)).find((m) => m.kind === "booking-visitor");
      expect(visitorMail?.data).toEqual({
        change: "booked",
        reference: saved.reference,
        start: START.toISOString(),
        end: "2026-11-30T16:20:00.000Z",
        sequence: 0,
        visitorTimeZone: "Europe/Berlin",
      });
    });

    it("stores nothing at all when the time is taken, or within the buffer of a booking on either side", async () => {
      await book(1, slot(START));
      expect(await store.save(entry(2, slot(START)), T0)).toEqual({ status: "slot-taken" });
      // 16:25 starts five minutes after 16:20: inside the ten-minute buffer.
      expect(await store.save(entry(3, slot(after(START, minutes(25)))), T0)).toEqual({ status: "slot-taken" });
      // 15:35-15:55 ends five minutes before 16:00.
      expect(await store.save(entry(4, slot(after(START, -minutes(25)))), T0)).toEqual({ status: "slot-taken" });
      expect(await store.list({ includeSpam: true })).toHaveLength(1);
      expect(await count("SELECT COUNT(*) AS n FROM outbox")).toBe(3);
      expect(await count("SELECT COUNT(*) AS n FROM bookings")).toBe(1);
      // Ten minutes clear on each side is enough.
      expect(await store.save(entry(5, slot(after(START, minutes(30)))), T0)).toMatchObject({ status: "created" });
      expect(await store.save(entry(6, slot(after(START, -minutes(30)))), T0)).toMatchObject({ status: "created" });
    });

    it("keeps the duplicate rule: the same inquiry again is the first one, with the first one's booking", async () => {
      const first = await book(1, slot(START));
      const again = await store.save(
        entry(1, slot(after(START, minutes(60))), { formTokenId: "token-again" }),
        after(T0, 1000),
      );
      expect(again).toEqual({
        status: "duplicate",
        id: first.id,
        reference: first.reference,
        queued: [],
        booking: first.booking,
      });
      expect(await store.bookingsBetween(T0, after(START, minutes(600)))).toHaveLength(1);
    });

    it("books nothing for spam", async () => {
      const saved = await book(1, slot(START), { spamReason: "honeypot" });
      expect(saved.booking).toBeNull();
      expect(await store.bookedIntervals(T0, after(START, minutes(60)))).toEqual([]);
      expect(await store.messagesFor(saved.id)).toEqual([]);
    });

    it("refuses a used form token before looking at the time", async () => {
      await book(1, slot(START));
      expect(await store.save(entry(2, slot(after(START, minutes(60))), { formTokenId: "token-1" }), T0)).toEqual({
        status: "token-used",
      });
      expect(await count("SELECT COUNT(*) AS n FROM bookings")).toBe(1);
    });
  });

  describe("reading bookings", () => {
    it("gives the active intervals that overlap a range, and the bookings that start in it, in time order", async () => {
      const late = await book(1, slot(after(START, minutes(120))));
      const early = await book(2, slot(START));
      const cancelled = await book(3, slot(after(START, minutes(60))));
      await store.cancelBooking(cancelled.reference, "coach", T0);
      expect(await store.bookedIntervals(after(START, minutes(10)), after(START, minutes(121)))).toEqual([
        { start: START, end: after(START, minutes(20)) },
        { start: after(START, minutes(120)), end: after(START, minutes(140)) },
      ]);
      // Touching the range's edges is not overlapping it.
      expect(await store.bookedIntervals(after(START, minutes(20)), after(START, minutes(120)))).toEqual([]);
      const between = await store.bookingsBetween(START, after(START, minutes(121)));
      expect(between.map((b) => b.reference)).toEqual([early.reference, late.reference]);
      const all = await store.bookingsBetween(START, after(START, minutes(121)), { includeCancelled: true });
      expect(all.map((b) => [b.reference, b.status])).toEqual([
        [early.reference, "booked"],
        [cancelled.reference, "cancelled"],
        [late.reference, "booked"],
      ]);
      expect(await store.bookingsBetween(START, after(START, minutes(120)))).toHaveLength(1);
      expect(await store.findBooking("RS-0000-0000")).toBeUndefined();
    });
  });

  describe("cancelling and moving", () => {
    it("cancels once, frees the time, and queues a cancellation to each side with the next sequence", async () => {
      const saved = await book(1, slot(START));
      const cancelled = await store.cancelBooking(saved.reference, "visitor", after(T0, 1000));
      expect(cancelled).toMatchObject({
        status: "cancelled",
        booking: { status: "cancelled", sequence: 1, cancelledBy: "visitor", updatedAt: after(T0, 1000).toISOString() },
      });
      expect(await store.bookedIntervals(T0, after(START, minutes(60)))).toEqual([]);
      const data = (await store.messagesFor(saved.id)).flatMap((m) => (m.kind.startsWith("booking-") ? [m.data] : []));
      expect(data).toEqual([
        expect.objectContaining({ change: "booked", sequence: 0 }),
        expect.objectContaining({ change: "booked", sequence: 0 }),
        expect.objectContaining({ change: "cancelled", sequence: 1, cancelledBy: "visitor" }),
        expect.objectContaining({ change: "cancelled", sequence: 1, cancelledBy: "visitor" }),
      ]);
      // A second press (the same link again) changes nothing and sends nothing.
      expect(await store.cancelBooking(saved.reference, "visitor", after(T0, 2000))).toMatchObject({
        status: "already-cancelled",
      });
      expect(await store.messagesFor(saved.id)).toHaveLength(5);
      expect(await store.save(entry(2, slot(START)), T0)).toMatchObject({ status: "created" });
    });

    it("does not cancel or move a consultation that has started, nor one that does not exist", async () => {
      const saved = await book(1, slot(START));
      expect(await store.cancelBooking(saved.reference, "coach", START)).toMatchObject({ status: "past" });
      expect(await store.moveBooking(saved.reference, slot(after(START, minutes(60))), START)).toMatchObject({
        status: "past",
      });
      expect(await store.cancelBooking("RS-0000-0000", "coach", T0)).toEqual({ status: "not-found" });
      expect(await store.moveBooking("RS-0000-0000", slot(START), T0)).toEqual({ status: "not-found" });
      expect(await store.messagesFor(saved.id)).toHaveLength(3);
    });

    it("moves the same booking (same reference, sequence + 1), freeing the old time atomically", async () => {
      const saved = await book(1, slot(START));
      const other = await book(2, slot(after(START, minutes(120))));
      expect(await store.moveBooking(saved.reference, slot(after(START, minutes(130))), T0)).toEqual({
        status: "slot-taken",
      });
      // Within the buffer of the other booking is taken too.
      expect(await store.moveBooking(saved.reference, slot(after(START, minutes(95))), T0)).toEqual({
        status: "slot-taken",
      });
      expect(await store.findBooking(saved.reference)).toMatchObject({ startAt: START.toISOString(), sequence: 0 });
      const moved = await store.moveBooking(saved.reference, slot(after(START, minutes(60))), T0);
      expect(moved).toMatchObject({
        status: "moved",
        booking: { startAt: "2026-11-30T17:00:00.000Z", endAt: "2026-11-30T17:20:00.000Z", sequence: 1 },
      });
      expect((await store.messagesFor(saved.id)).at(-1)?.data).toMatchObject({
        change: "moved",
        previousStart: START.toISOString(),
        sequence: 1,
      });
      // The old time is free for someone else; a move overlapping its own old time is fine.
      expect(await store.save(entry(3, slot(START)), T0)).toMatchObject({ status: "created" });
      expect(await store.moveBooking(saved.reference, slot(after(START, minutes(70))), T0)).toMatchObject({
        status: "moved",
      });
      expect(await store.moveBooking(other.reference, slot(after(START, minutes(80))), T0)).toEqual({
        status: "slot-taken",
      });
    });
  });

  describe("the daily summary", () => {
    const from = new Date("2026-11-30T07:00:00.000Z");
    const to = new Date("2026-12-01T07:00:00.000Z");

    it("is queued once per day, even when asked again (a restart), and not for a day without consultations", async () => {
      const second = await book(1, slot(after(START, minutes(60))));
      const first = await book(2, slot(START));
      const cancelled = await book(3, slot(after(START, minutes(120))));
      await store.cancelBooking(cancelled.reference, "coach", T0);
      const queued = await store.queueDailySummary("2026-11-30", from, to, T0);
      expect(queued).toMatchObject({ status: "queued", count: 2 });
      expect(await store.queueDailySummary("2026-11-30", from, to, after(T0, 60_000))).toEqual({
        status: "already-sent",
      });
      await store.close();
      store = harness.open();
      expect(await store.queueDailySummary("2026-11-30", from, to, after(T0, 120_000))).toEqual({
        status: "already-sent",
      });
      // An earlier day than the last one summarised counts as summarised.
      expect(await store.queueDailySummary("2026-11-29", after(from, -86_400_000), from, T0)).toEqual({
        status: "already-sent",
      });
      expect(await store.queueDailySummary("2026-12-01", to, after(to, 86_400_000), after(T0, 86_400_000))).toEqual({
        status: "none",
      });
      const summaries = await harness.peek("SELECT id, data FROM outbox WHERE kind = 'booking-summary'");
      expect(summaries).toHaveLength(1);
      const [summary] = await harness.peek("SELECT data FROM outbox WHERE kind = 'booking-summary'");
      const data: unknown = typeof summary?.["data"] === "string" ? JSON.parse(summary["data"]) : summary?.["data"];
      expect(data).toEqual({
        day: "2026-11-30",
        consultations: [first, second].map((b) => ({
          reference: b.reference,
          start: b.booking?.start,
          end: b.booking?.end,
          name: inquiry.name,
          email: b.reference === first.reference ? "runner2@example.com" : "runner1@example.com",
          visitorTimeZone: "Europe/Berlin",
        })),
      });
    });
  });

  describe("forgetting and purging", () => {
    it("forget deletes the address's booking and its emails, freeing the time, and leaves others alone", async () => {
      const sam = await book(1, slot(START));
      await store.cancelBooking(sam.reference, "visitor", T0);
      const samAgain = await book(1, slot(after(START, minutes(60))), {
        inquiry: { ...inquiry, email: "RUNNER1@example.com", message: "Another question, sorry." },
        formTokenId: "token-1b",
      });
      const kim = await book(2, slot(after(START, minutes(120))));
      expect(await store.forget("runner1@example.com")).toEqual({ inquiries: 2, messages: 8, comments: 0 });
      expect(await store.findBooking(sam.reference)).toBeUndefined();
      expect(await store.findBooking(samAgain.reference)).toBeUndefined();
      expect(await count("SELECT COUNT(*) AS n FROM bookings")).toBe(1);
      expect(await store.findBooking(kim.reference)).toMatchObject({ status: "booked" });
      expect(await store.save(entry(3, slot(after(START, minutes(60)))), T0)).toMatchObject({ status: "created" });
    });

    it("the retention purge deletes an old inquiry's booking with it, and counts it like any inquiry", async () => {
      const old = await book(1, slot(START));
      for (const due of await store.claimDue(T0, 1000, 100)) await store.markSent(due.message.id, T0);
      const cutoff = after(T0, minutes(1));
      expect(await store.countBefore(cutoff)).toEqual({ removed: 1, keptUndelivered: 0 });
      expect(await store.purgeBefore(cutoff)).toEqual({ removed: 1, keptUndelivered: 0 });
      expect(await store.findBooking(old.reference)).toBeUndefined();
      expect(await count("SELECT COUNT(*) AS n FROM bookings")).toBe(0);
      expect(await count("SELECT COUNT(*) AS n FROM outbox")).toBe(0);
    });

    it("the retention purge keeps a booked inquiry whose notification never reached the coach", async () => {
      const old = await book(1, slot(START));
      const cutoff = after(T0, minutes(1));
      expect(await store.purgeBefore(cutoff)).toEqual({ removed: 0, keptUndelivered: 1 });
      expect(await store.findBooking(old.reference)).toMatchObject({ status: "booked" });
    });
  });

  describe("several instances on one database", () => {
    /** Stores open on the same database at once, as instances behind a load balancer are. */
    const instances = (n: number): AsyncInquiryStore[] => [
      store,
      ...Array.from({ length: n - 1 }, () => harness.open()),
    ];
    /** `instances(n)`, each already connected, so their next calls truly run at the same moment. */
    async function connected(n: number): Promise<AsyncInquiryStore[]> {
      const all = instances(n);
      await Promise.all(all.map((s) => s.diagnostics()));
      return all;
    }

    it("book one time exactly once when 20 visitors choose it at once on four instances", async () => {
      const four = await connected(4);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (four[i % 4] as AsyncInquiryStore).save(entry(i, slot(START)), T0)),
      );
      const statuses = results.map((r: SaveResult) => r.status);
      expect(statuses.filter((s) => s === "created")).toHaveLength(1);
      expect(statuses.filter((s) => s === "slot-taken")).toHaveLength(19);
      expect(await count("SELECT COUNT(*) AS n FROM inquiries")).toBe(1);
      expect(await count("SELECT COUNT(*) AS n FROM bookings")).toBe(1);
      expect(await count("SELECT COUNT(*) AS n FROM outbox")).toBe(3);
    });

    it("keep the buffer between two times booked at once on two instances", async () => {
      const [a, b] = await connected(2);
      const results = await Promise.all([
        a?.save(entry(1, slot(START)), T0),
        b?.save(entry(2, slot(after(START, minutes(25)))), T0),
      ]);
      expect(results.map((r) => r?.status).sort()).toEqual(["created", "slot-taken"]);
      expect(await count("SELECT COUNT(*) AS n FROM bookings")).toBe(1);
    });

    it("move one booking and book its new time at once: one of them gets it", async () => {
      const saved = await book(1, slot(START));
      const [a, b] = await connected(2);
      const target = slot(after(START, minutes(60)));
      const [moved, booked] = await Promise.all([
        a?.moveBooking(saved.reference, target, T0),
        b?.save(entry(2, target), T0),
      ]);
      expect([moved?.status, booked?.status].filter((s) => s === "moved" || s === "created")).toHaveLength(1);
      expect(await count(`SELECT COUNT(*) AS n FROM bookings WHERE status = 'booked'`)).toBe(
        booked?.status === "created" ? 2 : 1,
      );
    });

    it("cancel once when the visitor and the coach cancel at the same moment on different instances", async () => {
      const saved = await book(1, slot(START));
      const results = await Promise.all(
        (await connected(6)).map((s, i) => s.cancelBooking(saved.reference, i === 0 ? "coach" : "visitor", T0)),
      );
      expect(results.filter((r) => r.status === "cancelled")).toHaveLength(1);
      expect(results.filter((r) => r.status === "already-cancelled")).toHaveLength(5);
      expect((await kinds(saved.id)).filter((k) => k === "booking-visitor")).toHaveLength(2);
      expect(await store.findBooking(saved.reference)).toMatchObject({ status: "cancelled", sequence: 1 });
    });

    it("queue the day's summary once when every instance reaches the hour at the same moment", async () => {
      await book(1, slot(START));
      const from = new Date("2026-11-30T07:00:00.000Z");
      const to = new Date("2026-12-01T07:00:00.000Z");
      const outcomes = await Promise.all(
        (await connected(4)).map((s) => s.queueDailySummary("2026-11-30", from, to, T0)),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["already-sent", "already-sent", "already-sent", "queued"]);
      expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'booking-summary'")).toBe(1);
    });
  });
});
