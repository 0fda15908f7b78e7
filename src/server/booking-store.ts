/**
 * The bookings part of the inquiry database: the SQL for booked consultations, composed into
 * openStore (store.ts) so that a booking is written in the same transaction as its inquiry. Every
 * change that concerns the visitor or the coach queues its email in the same transaction as the
 * change (the outbox), with the facts frozen in the message: the change, the times, and the
 * invitation's SEQUENCE. Overlaps are refused twice: a check with the buffer before writing (so a
 * taken time is an answer, not an error), and the table's own index and triggers (migrations.ts),
 * which make a second booking of an overlapping time impossible whatever the code checked. It knows
 * nothing about availability, HTTP or message wording; time always comes in as an argument.
 */
import type { DatabaseSync } from "node:sqlite";
import { z } from "astro/zod";
import type { Interval } from "../lib/booking/slots.ts";

/** The kinds of email bookings queue (composed in booking-mail.ts). */
export const BOOKING_MESSAGE_KINDS = ["booking-visitor", "booking-coach", "booking-summary"] as const;
export type BookingMessageKind = (typeof BOOKING_MESSAGE_KINDS)[number];

/** A consultation to book together with an inquiry, as the server found it offered. */
export interface BookingRequest {
  readonly start: Date;
  readonly end: Date;
  /** Minutes kept clear of other bookings on both sides. */
  readonly bufferMinutes: number;
  /** The visitor's IANA zone when known: their emails show their time in it. */
  readonly visitorTimeZone: string | null;
}

export const BOOKING_STATUSES = ["booked", "cancelled"] as const;
export const CANCELLED_BY = ["visitor", "coach"] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

const bookingRowSchema = z.object({
  id: z.number().int(),
  inquiryId: z.number().int(),
  reference: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  status: z.enum(BOOKING_STATUSES),
  sequence: z.number().int(),
  visitorTimeZone: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledBy: z.enum(CANCELLED_BY).nullable(),
  name: z.string(),
  email: z.string(),
});
/** A booking as stored, with the name and address of the visitor who made it. */
export type StoredBooking = z.output<typeof bookingRowSchema>;

/** What a booking email states, frozen when it was queued (`data` of its outbox row). */
export interface BookingMailData {
  readonly change: "booked" | "moved" | "cancelled";
  readonly reference: string;
  readonly start: string;
  readonly end: string;
  /** The invitation's SEQUENCE: 0 when booked, one more for every move and the cancellation. */
  readonly sequence: number;
  readonly visitorTimeZone: string | null;
  /** For a move: the start it moved from. */
  readonly previousStart?: string;
  readonly cancelledBy?: CancelledBy;
}

/** One consultation in the coach's daily summary. */
export interface SummaryEntry {
  readonly reference: string;
  readonly start: string;
  readonly end: string;
  readonly name: string;
  readonly email: string;
  readonly visitorTimeZone: string | null;
}

/** What the daily summary email states (`data` of its outbox row). */
export interface SummaryMailData {
  /** The coach's date it covers, YYYY-MM-DD. */
  readonly day: string;
  readonly consultations: readonly SummaryEntry[];
}

/** The outcome of a cancellation or a move. */
export type BookingChange =
  | { readonly status: "cancelled" | "moved"; readonly booking: StoredBooking }
  | { readonly status: "already-cancelled" | "past"; readonly booking: StoredBooking }
  | { readonly status: "not-found" }
  | { readonly status: "slot-taken" };

export type SummaryOutcome =
  | { readonly status: "queued"; readonly count: number; readonly messageId: number }
  | { readonly status: "none" | "already-sent" };

/** The booking methods of the store (see InquiryStore). */
export interface BookingStoreMethods {
  /** Active bookings that overlap [from, to), as intervals: what the free slots are computed against. */
  bookedIntervals(from: Date, to: Date): Interval[];
  /** A booking by its reference (the inquiry's), active or cancelled. */
  findBooking(reference: string): StoredBooking | undefined;
  /** Bookings that start in [from, to), in time order; cancelled ones only when asked. */
  bookingsBetween(from: Date, to: Date, options?: { readonly includeCancelled?: boolean }): StoredBooking[];
  /**
   * Cancels a future booking and queues METHOD:CANCEL emails to both sides, in one transaction.
   * A cancelled booking or one that has started is left as it is (and nothing is queued).
   */
  cancelBooking(reference: string, by: CancelledBy, now: Date): BookingChange;
  /**
   * Moves a future booking to `to` (the same booking: same UID, SEQUENCE + 1) and queues updated
   * invitations to both sides, in one transaction; "slot-taken" when `to` is not clear of other
   * bookings by the buffer, and then nothing changes.
   */
  moveBooking(reference: string, to: BookingRequest, now: Date): BookingChange;
  /**
   * Queues the coach's summary of the consultations in [from, to) for her date `day`, once per day:
   * the day is recorded in the same transaction, so a restart or a second process never sends it
   * again ("already-sent"). A day without consultations is recorded and sends nothing ("none").
   */
  queueDailySummary(day: string, from: Date, to: Date, now: Date): SummaryOutcome;
}

/** What the store hands the bookings part: its transaction and its way to queue mail. */
export interface BookingStoreDeps {
  readonly db: DatabaseSync;
  readonly transaction: <T>(work: () => T) => T;
  readonly queue: (
    kind: string,
    message: { inquiryId?: number | null; data?: unknown; recipient?: string | null },
    now: string,
  ) => number;
}

const SUMMARY_SETTING = "booking-summary-day";

const COLUMNS = `b.id, b.inquiry_id AS inquiryId, b.reference, b.start_at AS startAt, b.end_at AS endAt, b.status,
  b.sequence, b.visitor_time_zone AS visitorTimeZone, b.created_at AS createdAt, b.updated_at AS updatedAt,
  b.cancelled_by AS cancelledBy, i.name, i.email`;

/** True for the error the database raises when a booking would overlap another. */
export function isOverlapError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /booking overlaps another booking|UNIQUE constraint failed: bookings\.start_at/.test(message);
}

const MINUTE_MS = 60_000;

/** The bookings part of an open store. */
export function openBookings({ db, transaction, queue }: BookingStoreDeps): {
  readonly methods: BookingStoreMethods;
  /** The active booking of an inquiry, if any. */
  activeBookingOf(inquiryId: number): StoredBooking | undefined;
  /** True when [start, end) keeps the buffer clear of every active booking but `exceptId`. */
  isClear(request: BookingRequest, exceptId?: number): boolean;
  /**
   * Inserts the booking of a just-inserted inquiry and queues its two emails, inside the caller's
   * transaction; "slot-taken" (with nothing written by this call) when the database refuses it.
   */
  book(
    inquiryId: number,
    reference: string,
    request: BookingRequest,
    visitorEmail: string,
    now: string,
  ): "booked" | "slot-taken";
} {
  const statements = {
    conflict: db.prepare(
      `SELECT 1 AS found FROM bookings WHERE status = 'booked' AND id <> ? AND start_at < ? AND end_at > ? LIMIT 1`,
    ),
    insert: db.prepare(
      `INSERT INTO bookings (inquiry_id, reference, start_at, end_at, status, sequence, visitor_time_zone,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, 'booked', 0, ?, ?, ?)`,
    ),
    byReference: db.prepare(
      `SELECT ${COLUMNS} FROM bookings b JOIN inquiries i ON i.id = b.inquiry_id WHERE b.reference = ?`,
    ),
    activeOf: db.prepare(
      `SELECT ${COLUMNS} FROM bookings b JOIN inquiries i ON i.id = b.inquiry_id
       WHERE b.inquiry_id = ? AND b.status = 'booked'`,
    ),
    overlapping: db.prepare(
      `SELECT start_at AS startAt, end_at AS endAt FROM bookings
       WHERE status = 'booked' AND start_at < ? AND end_at > ? ORDER BY start_at`,
    ),
    between: db.prepare(
      `SELECT ${COLUMNS} FROM bookings b JOIN inquiries i ON i.id = b.inquiry_id
       WHERE b.start_at >= ? AND b.start_at < ? AND (b.status = 'booked' OR ? = 1) ORDER BY b.start_at, b.id`,
    ),
    cancel: db.prepare(
      `UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = ?, cancelled_by = ?
       WHERE id = ? AND status = 'booked'`,
    ),
    move: db.prepare(
      `UPDATE bookings SET start_at = ?, end_at = ?, sequence = sequence + 1, updated_at = ?
       WHERE id = ? AND status = 'booked'`,
    ),
    readSetting: db.prepare("SELECT value FROM settings WHERE key = ?"),
    writeSetting: db.prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
  };

  const parse = (row: Record<string, unknown> | undefined): StoredBooking | undefined =>
    row === undefined ? undefined : bookingRowSchema.parse(row);

  function isClear(request: BookingRequest, exceptId = -1): boolean {
    const buffer = request.bufferMinutes * MINUTE_MS;
    const until = new Date(request.end.getTime() + buffer).toISOString();
    const since = new Date(request.start.getTime() - buffer).toISOString();
    return statements.conflict.get(exceptId, until, since) === undefined;
  }

  function mailData(booking: StoredBooking, change: BookingMailData["change"], extra: Partial<BookingMailData> = {}) {
    const data: BookingMailData = {
      change,
      reference: booking.reference,
      start: booking.startAt,
      end: booking.endAt,
      sequence: booking.sequence,
      visitorTimeZone: booking.visitorTimeZone,
      ...extra,
    };
    return data;
  }

  /** Queues the visitor's and the coach's email about `booking`. */
  function queueBoth(booking: StoredBooking, data: BookingMailData, now: string): void {
    queue("booking-visitor", { inquiryId: booking.inquiryId, data, recipient: booking.email }, now);
    queue("booking-coach", { inquiryId: booking.inquiryId, data, recipient: booking.email }, now);
  }

  /** Runs `work` under a savepoint: an overlap the database refuses rolls it back and gives "slot-taken". */
  function guarded<T>(work: () => T): T | "slot-taken" {
    db.exec("SAVEPOINT booking");
    try {
      const result = work();
      db.exec("RELEASE booking");
      return result;
    } catch (error) {
      db.exec("ROLLBACK TO booking");
      db.exec("RELEASE booking");
      if (isOverlapError(error)) return "slot-taken";
      throw error;
    }
  }

  function findBooking(reference: string): StoredBooking | undefined {
    return parse(statements.byReference.get(reference));
  }

  /** The checks a cancellation and a move share: found, still booked, not started. */
  function changeable(reference: string, now: Date): BookingChange | StoredBooking {
    const booking = findBooking(reference);
    if (booking === undefined) return { status: "not-found" };
    if (booking.status === "cancelled") return { status: "already-cancelled", booking };
    if (booking.startAt <= now.toISOString()) return { status: "past", booking };
    return booking;
  }

  const methods: BookingStoreMethods = {
    bookedIntervals(from, to) {
      return statements.overlapping.all(to.toISOString(), from.toISOString()).map((row) => {
        const { startAt, endAt } = z.object({ startAt: z.string(), endAt: z.string() }).parse(row);
        return { start: new Date(startAt), end: new Date(endAt) };
      });
    },

    findBooking,

    bookingsBetween(from, to, options = {}) {
      return statements.between
        .all(from.toISOString(), to.toISOString(), options.includeCancelled === true ? 1 : 0)
        .map((row) => bookingRowSchema.parse(row));
    },

    cancelBooking(reference, by, now) {
      const at = now.toISOString();
      return transaction(() => {
        const found = changeable(reference, now);
        if (!("startAt" in found)) return found;
        statements.cancel.run(at, by, found.id);
        const booking = findBooking(reference) ?? found;
        queueBoth(booking, mailData(booking, "cancelled", { cancelledBy: by }), at);
        return { status: "cancelled", booking };
      });
    },

    moveBooking(reference, to, now) {
      const at = now.toISOString();
      return transaction(() => {
        const found = changeable(reference, now);
        if (!("startAt" in found)) return found;
        if (!isClear(to, found.id)) return { status: "slot-taken" };
        const moved = guarded(() => statements.move.run(to.start.toISOString(), to.end.toISOString(), at, found.id));
        if (moved === "slot-taken") return { status: "slot-taken" };
        const booking = findBooking(reference) ?? found;
        queueBoth(booking, mailData(booking, "moved", { previousStart: found.startAt }), at);
        return { status: "moved", booking };
      });
    },

    queueDailySummary(day, from, to, now) {
      return transaction((): SummaryOutcome => {
        const last = statements.readSetting.get(SUMMARY_SETTING)?.["value"];
        if (typeof last === "string" && last >= day) return { status: "already-sent" };
        statements.writeSetting.run(SUMMARY_SETTING, day);
        const consultations = methods.bookingsBetween(from, to).map((b): SummaryEntry => ({
          reference: b.reference,
          start: b.startAt,
          end: b.endAt,
          name: b.name,
          email: b.email,
          visitorTimeZone: b.visitorTimeZone,
        }));
        if (consultations.length === 0) return { status: "none" };
        const data: SummaryMailData = { day, consultations };
        const messageId = queue("booking-summary", { data }, now.toISOString());
        return { status: "queued", count: consultations.length, messageId };
      });
    },
  };

  return {
    methods,
    activeBookingOf: (inquiryId) => parse(statements.activeOf.get(inquiryId)),
    isClear,
    book(inquiryId, reference, request, visitorEmail, now) {
      const booked = guarded(() =>
        statements.insert.run(
          inquiryId,
          reference,
          request.start.toISOString(),
          request.end.toISOString(),
          request.visitorTimeZone,
          now,
          now,
        ),
      );
      if (booked === "slot-taken") return "slot-taken";
      const booking = findBooking(reference);
      if (booking === undefined) throw new Error(`booking ${reference} missing after insert`);
      queueBoth({ ...booking, email: visitorEmail }, mailData(booking, "booked"), now);
      return "booked";
    },
  };
}
