/**
 * The bookings part of the PostgreSQL store (store.ts composes it in), with the meaning of the
 * SQLite one (../booking-store.ts): a booking is written in its inquiry's transaction, and every
 * change queues its emails in the same transaction as the change. What differs is who refuses a
 * taken time: here it is the table's exclusion constraint (migrations.ts), never a check before
 * the write, because instances write at once and a check would be out of date by the time the row
 * is written. A write that meets the constraint is rolled back to a savepoint and answered
 * "slot-taken". Each booking keeps to itself its own time plus half the buffer on either side, so
 * two bookings closer than the buffer are refused, as the SQLite store refuses them. Cancellations
 * and moves lock the booking's row first, so two instances changing one booking take turns. The
 * daily summary is recorded in `daily_runs` (job `booking-summary`, the coach's day) in the
 * transaction that queues it: that row is the run's claim and its finish at once, so one instance
 * queues each day's summary. It knows nothing about availability, HTTP or wording.
 */
import pg from "pg";
import type { PoolClient } from "pg";
import { z } from "astro/zod";
import type { Interval } from "../../lib/booking/slots.ts";
import type { AsyncInquiryStore } from "../async-store.ts";
import { SUMMARY_SETTING, bookingMailData, bookingRowSchema, summaryEntries } from "../booking-store.ts";
import type {
  BookingChange,
  BookingMailData,
  BookingRequest,
  BookingStoreMethods,
  StoredBooking,
  SummaryMailData,
  SummaryOutcome,
} from "../booking-store.ts";
import type { BookedTime, QueuedMessage } from "../store.ts";

/** The job name of the daily summary in `daily_runs`. */
export const SUMMARY_JOB = "booking-summary";
/** Finished summary runs are kept this many days, then deleted by the next run. */
const SUMMARY_RUNS_KEPT_DAYS = 90;
/** The constraint that refuses overlapping bookings (migrations.ts). */
const NO_OVERLAP = "bookings_no_overlap";
const MINUTE_MS = 60_000;

/** What the store hands the bookings part: its way to run a call and to queue mail in a transaction. */
export interface PostgresBookingDeps {
  readonly call: <T>(
    method: string,
    work: (client: PoolClient) => Promise<T>,
    options?: { readonly transaction?: boolean },
  ) => Promise<T>;
  readonly queueIn: (client: PoolClient, kind: string, message: QueuedMessage, at: string) => Promise<number>;
  /** How this process is named in `daily_runs`. */
  readonly instance: string;
}

const COLUMNS = `b.id, b.inquiry_id AS "inquiryId", b.reference, b.start_at AS "startAt", b.end_at AS "endAt",
  b.status, b.sequence, b.visitor_time_zone AS "visitorTimeZone", b.created_at AS "createdAt",
  b.updated_at AS "updatedAt", b.cancelled_by AS "cancelledBy", i.name, i.email`;

const intervalRow = z.object({ startAt: z.string(), endAt: z.string() });

/** True for the error PostgreSQL raises when a booking's time meets another active booking's. */
export function isOverlapRefusal(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === "23P01" && error.constraint === NO_OVERLAP;
}

/** The stretch a booking keeps to itself: its time and half the buffer on each side. */
function clearStretch(request: BookingRequest): { from: string; until: string } {
  const half = (request.bufferMinutes * MINUTE_MS) / 2;
  return {
    from: new Date(request.start.getTime() - half).toISOString(),
    until: new Date(request.end.getTime() + half).toISOString(),
  };
}

/**
 * Runs `work` under a savepoint of the transaction `client` holds: when the exclusion constraint
 * refuses it, everything it wrote is rolled back and the answer is "slot-taken".
 */
async function refusedIfTaken<T>(client: PoolClient, work: () => Promise<T>): Promise<T | "slot-taken"> {
  await client.query("SAVEPOINT booking");
  try {
    const result = await work();
    await client.query("RELEASE SAVEPOINT booking");
    return result;
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT booking");
    await client.query("RELEASE SAVEPOINT booking");
    if (isOverlapRefusal(error)) return "slot-taken";
    throw error;
  }
}

async function findIn(client: PoolClient, reference: string, lock = false): Promise<StoredBooking | undefined> {
  const result = await client.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM bookings b JOIN inquiries i ON i.id = b.inquiry_id WHERE b.reference = $1
     ${lock ? "FOR UPDATE OF b" : ""}`,
    [reference],
  );
  const [row] = result.rows;
  return row === undefined ? undefined : bookingRowSchema.parse(row);
}

/** The bookings part of an open PostgreSQL store. */
export function openPostgresBookings({ call, queueIn, instance }: PostgresBookingDeps): {
  readonly methods: Pick<AsyncInquiryStore, keyof BookingStoreMethods>;
  /** The consultation an inquiry has booked (and not cancelled), as a save reports it. */
  bookedTimeOf(client: PoolClient, inquiryId: number): Promise<BookedTime | null>;
  /**
   * Inserts the booking of an inquiry inserted in the same transaction and queues its two emails;
   * "slot-taken" when the constraint refuses the time (the caller rolls back the inquiry too).
   */
  book(
    client: PoolClient,
    inquiryId: number,
    reference: string,
    request: BookingRequest,
    now: string,
  ): Promise<"booked" | "slot-taken">;
} {
  /** Queues the visitor's and the coach's email about `booking`. */
  async function queueBoth(client: PoolClient, booking: StoredBooking, data: BookingMailData, at: string) {
    await queueIn(client, "booking-visitor", { inquiryId: booking.inquiryId, data, recipient: booking.email }, at);
    await queueIn(client, "booking-coach", { inquiryId: booking.inquiryId, data, recipient: booking.email }, at);
  }

  /**
   * The booking `reference` locked for a change, or why it cannot change: not found, already
   * cancelled, or started. The lock makes a second instance changing it wait and then see the change.
   */
  async function changeable(client: PoolClient, reference: string, now: Date): Promise<BookingChange | StoredBooking> {
    const booking = await findIn(client, reference, true);
    if (booking === undefined) return { status: "not-found" };
    if (booking.status === "cancelled") return { status: "already-cancelled", booking };
    if (booking.startAt <= now.toISOString()) return { status: "past", booking };
    return booking;
  }

  async function bookingsIn(
    client: PoolClient,
    from: Date,
    to: Date,
    includeCancelled: boolean,
  ): Promise<StoredBooking[]> {
    const result = await client.query(
      `SELECT ${COLUMNS} FROM bookings b JOIN inquiries i ON i.id = b.inquiry_id
       WHERE b.start_at >= $1 AND b.start_at < $2 AND (b.status = 'booked' OR $3)
       ORDER BY b.start_at, b.id`,
      [from.toISOString(), to.toISOString(), includeCancelled],
    );
    return result.rows.map((row) => bookingRowSchema.parse(row));
  }

  return {
    methods: {
      bookedIntervals: (from, to) =>
        call("bookedIntervals", async (client): Promise<Interval[]> => {
          const result = await client.query(
            `SELECT start_at AS "startAt", end_at AS "endAt" FROM bookings
             WHERE status = 'booked' AND start_at < $1 AND end_at > $2 ORDER BY start_at`,
            [to.toISOString(), from.toISOString()],
          );
          return result.rows.map((row) => {
            const { startAt, endAt } = intervalRow.parse(row);
            return { start: new Date(startAt), end: new Date(endAt) };
          });
        }),

      findBooking: (reference) => call("findBooking", (client) => findIn(client, reference)),

      bookingsBetween: (from, to, options = {}) =>
        call("bookingsBetween", (client) => bookingsIn(client, from, to, options.includeCancelled === true)),

      cancelBooking: (reference, by, now) =>
        call(
          "cancelBooking",
          async (client): Promise<BookingChange> => {
            const at = now.toISOString();
            const found = await changeable(client, reference, now);
            if (!("startAt" in found)) return found;
            await client.query(
              `UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = $1, cancelled_by = $2
               WHERE id = $3`,
              [at, by, found.id],
            );
            const booking = (await findIn(client, reference)) ?? found;
            await queueBoth(client, booking, bookingMailData(booking, "cancelled", { cancelledBy: by }), at);
            return { status: "cancelled", booking };
          },
          { transaction: true },
        ),

      moveBooking: (reference, to, now) =>
        call(
          "moveBooking",
          async (client): Promise<BookingChange> => {
            const at = now.toISOString();
            const found = await changeable(client, reference, now);
            if (!("startAt" in found)) return found;
            const stretch = clearStretch(to);
            const moved = await refusedIfTaken(client, () =>
              client.query(
                `UPDATE bookings SET start_at = $1, end_at = $2, clear_from = $3, clear_until = $4,
                   sequence = sequence + 1, updated_at = $5
                 WHERE id = $6`,
                [to.start.toISOString(), to.end.toISOString(), stretch.from, stretch.until, at, found.id],
              ),
            );
            if (moved === "slot-taken") return { status: "slot-taken" };
            const booking = (await findIn(client, reference)) ?? found;
            await queueBoth(client, booking, bookingMailData(booking, "moved", { previousStart: found.startAt }), at);
            return { status: "moved", booking };
          },
          { transaction: true },
        ),

      queueDailySummary: (day, from, to, now) =>
        call(
          "queueDailySummary",
          async (client): Promise<SummaryOutcome> => {
            const at = now.toISOString();
            // A later day already summarised (here, or by SQLite before a migrate-to-postgres)
            // means this one was too.
            const later = await client.query(
              `SELECT 1 FROM daily_runs WHERE job = $1 AND day > $2::date AND finished_at IS NOT NULL
               UNION ALL SELECT 1 FROM settings WHERE key = $3 AND value >= $4`,
              [SUMMARY_JOB, day, SUMMARY_SETTING, day],
            );
            if ((later.rowCount ?? 0) > 0) return { status: "already-sent" };
            // The run's claim and its finish in one row, committed with the summary it queues: a
            // second instance waits on this row until the commit, then finds the day done.
            const claimed = await client.query(
              `INSERT INTO daily_runs (job, day, claimed_by, claimed_at, lease_until, finished_at)
               VALUES ($1, $2, $3, $4, $4, $4)
               ON CONFLICT (job, day) DO UPDATE
                 SET claimed_by = EXCLUDED.claimed_by, claimed_at = EXCLUDED.claimed_at,
                   lease_until = EXCLUDED.lease_until, finished_at = EXCLUDED.finished_at
                 WHERE daily_runs.finished_at IS NULL AND daily_runs.lease_until <= EXCLUDED.claimed_at
               RETURNING job`,
              [SUMMARY_JOB, day, instance, at],
            );
            if (claimed.rowCount !== 1) return { status: "already-sent" };
            await client.query("DELETE FROM daily_runs WHERE job = $1 AND day < $2::date - $3::int", [
              SUMMARY_JOB,
              day,
              SUMMARY_RUNS_KEPT_DAYS,
            ]);
            const consultations = summaryEntries(await bookingsIn(client, from, to, false));
            if (consultations.length === 0) return { status: "none" };
            const data: SummaryMailData = { day, consultations };
            const messageId = await queueIn(client, "booking-summary", { data }, at);
            return { status: "queued", count: consultations.length, messageId };
          },
          { transaction: true },
        ),
    },

    async bookedTimeOf(client, inquiryId) {
      const result = await client.query<Record<string, unknown>>(
        `SELECT start_at AS "startAt", end_at AS "endAt", visitor_time_zone AS "visitorTimeZone" FROM bookings
         WHERE inquiry_id = $1 AND status = 'booked'`,
        [inquiryId],
      );
      const [row] = result.rows;
      if (row === undefined) return null;
      const { startAt, endAt, visitorTimeZone } = intervalRow
        .extend({ visitorTimeZone: z.string().nullable() })
        .parse(row);
      return { start: startAt, end: endAt, visitorTimeZone };
    },

    async book(client, inquiryId, reference, request, now) {
      const stretch = clearStretch(request);
      const inserted = await refusedIfTaken(client, () =>
        client.query(
          `INSERT INTO bookings (inquiry_id, reference, start_at, end_at, status, sequence, visitor_time_zone,
             created_at, updated_at, clear_from, clear_until)
           VALUES ($1, $2, $3, $4, 'booked', 0, $5, $6, $6, $7, $8)`,
          [
            inquiryId,
            reference,
            request.start.toISOString(),
            request.end.toISOString(),
            request.visitorTimeZone,
            now,
            stretch.from,
            stretch.until,
          ],
        ),
      );
      if (inserted === "slot-taken") return "slot-taken";
      const booking = await findIn(client, reference);
      if (booking === undefined) throw new Error(`booking ${reference} missing after insert`);
      await queueBoth(client, booking, bookingMailData(booking, "booked"), now);
      return "booked";
    },
  };
}
