/**
 * The inquiry store on PostgreSQL, for a site that runs on several instances sharing one database:
 * the same interface and meaning as the SQLite store (../store.ts), with every guarantee held by
 * the database across processes rather than by one process holding a write lock.
 *
 * - A save is one transaction, committed before it resolves. A repeated inquiry (same address and
 *   message within the duplicate window) stays one row through an exclusion constraint, so two
 *   copies reaching two instances at the same moment store one; the form token's nonce is unique.
 *   Saves from one address are serialised by a transaction-scoped advisory lock, so the auto-reply
 *   limit holds across instances too.
 * - The outbox is claimed with `FOR UPDATE SKIP LOCKED` and a lease that names the instance: two
 *   instances never claim one message, and a dead instance's messages are claimed again once its
 *   lease has passed. A message is marked sent at most once.
 * - A booked consultation is written with its inquiry (booking-store.ts); the table's exclusion
 *   constraint, not a check before the insert, refuses a time another instance has just taken.
 * - Readers' comments (comment-store.ts) keep their rules the same way: a repeat within the window
 *   stays one comment through an exclusion constraint, a form token carries one comment.
 * - Daily jobs are claimed in `daily_runs` (`dailyJobs`), so one instance runs each day's job; the
 *   coach's daily summary records its run there in the transaction that queues it.
 *
 * Migrations run on first use, under an advisory lock (migrations.ts). Every call is bounded: a
 * call not answered within its time limit rejects with StoreTimeoutError, and a write whose caller
 * has given up (a save, a claim) is rolled back rather than committed. It knows nothing about HTTP, SMTP or wording.
 */
import { randomBytes as nodeRandomBytes } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import type { PoolClient } from "pg";
import { z } from "astro/zod";
import { PRIVACY_NOTE_VERSION } from "../../lib/inquiry/privacy.ts";
import { REFERENCE_BYTES, formatReference, parseReference } from "../../lib/inquiry/reference.ts";
import { StoreTimeoutError, answerBy } from "../async-store.ts";
import type { AsyncInquiryStore, PostgresDiagnostics } from "../async-store.ts";
import type { DailyJobs } from "../daily-jobs.ts";
import { describeError } from "../logger.ts";
import type { Logger } from "../logger.ts";
import {
  AUTO_REPLY_WINDOW_MS,
  DUPLICATE_WINDOW_MS,
  dedupeKey,
  emailKey,
  inquiryRowSchema,
  messageRowSchema,
} from "../store.ts";
import type { BookingRequest } from "../booking-store.ts";
import type {
  DueMessage,
  NewInquiry,
  OutboxMessage,
  PurgeReport,
  QueuedMessage,
  SaveQueuedKind,
  SaveResult,
  StoredInquiry,
} from "../store.ts";
import { openPostgresBookings } from "./booking-store.ts";
import { openPostgresComments } from "./comment-store.ts";
import { createPool } from "./connect.ts";
import { migratePostgres, postgresSchemaVersion } from "./migrations.ts";

export interface PostgresStoreOptions {
  readonly duplicateWindowMs?: number;
  readonly autoReplyWindowMs?: number;
  /** Randomness for references and the generated form secret (default node:crypto). */
  readonly randomBytes?: (size: number) => Uint8Array;
  /** How this process is named in outbox leases and daily-job claims (default host:pid). */
  readonly instance?: string;
  /** The longest any call may take before it rejects with StoreTimeoutError (default 5000 ms). */
  readonly callTimeoutMs?: number;
  /** Connections this process keeps at most (default 10). */
  readonly poolSize?: number;
  /** Where a connection that broke while idle is reported. */
  readonly logger?: Logger;
}

/** The store, plus the claims on daily jobs that live in the same database. */
export type PostgresStore = AsyncInquiryStore & { readonly dailyJobs: DailyJobs };

/** Time kept free before a call's deadline for its COMMIT. */
const COMMIT_MARGIN_MS = 250;
/** First key of the advisory lock that serialises the saves of one address (any fixed number). */
const ADDRESS_LOCK = 1_918_273_645;
/** Finished daily runs are kept this many days, then deleted by the next run. */
const DAILY_RUNS_KEPT_DAYS = 90;

const INQUIRY_COLUMNS = `
  id, reference, created_at AS "createdAt", name, email, goal, goal_race AS "goalRace",
  goal_race_date AS "goalRaceDate", years_running AS "yearsRunning", weekly_volume AS "weeklyVolume",
  volume_unit AS "volumeUnit", lifting, message, time_zone AS "timeZone", consent_at AS "consentAt",
  privacy_version AS "privacyVersion", newsletter::int AS newsletter, spam_reason AS "spamReason"`;

const messageColumns = (table = "outbox") => `
  ${table}.id, ${table}.inquiry_id AS "inquiryId", ${table}.kind, ${table}.data::text AS data, ${table}.status,
  ${table}.attempts, ${table}.next_attempt_at AS "nextAttemptAt", ${table}.locked_until AS "lockedUntil",
  ${table}.last_error AS "lastError", ${table}.created_at AS "createdAt", ${table}.sent_at AS "sentAt"`;

/**
 * True when an inquiry's notification to the coach was queued and never delivered (pending or
 * given up); spam queues none and so is never "undelivered".
 */
const UNDELIVERED = `(EXISTS (SELECT 1 FROM outbox o WHERE o.inquiry_id = inquiries.id
  AND o.kind = 'coach-notification' AND o.status <> 'sent')
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inquiry_id = inquiries.id
  AND o.kind = 'coach-notification' AND o.status = 'sent'))`;

const idRow = z.object({ id: z.number().int() });
const duplicateRow = z.object({ id: z.number().int(), reference: z.string() });
const countRow = z.object({ n: z.number().int() });

/**
 * The error to release a connection with after `error`: none when the database answered with an
 * error of its own (a constraint, a timeout), so the connection is reused; the error otherwise, so
 * the pool discards a connection that may be broken.
 */
function connectionProblem(error: unknown): Error | undefined {
  if (error instanceof pg.DatabaseError) return undefined;
  return error instanceof Error ? error : new Error(String(error));
}

/** The rows of a result, each checked by `schema`. */
function rowsOf<T extends z.ZodType>(schema: T, result: { rows: unknown[] }): z.output<T>[] {
  return result.rows.map((row) => schema.parse(row));
}

/** Opens the store for the database at `url`; the first call connects and applies migrations. */
export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): PostgresStore {
  const duplicateWindowMs = options.duplicateWindowMs ?? DUPLICATE_WINDOW_MS;
  const autoReplyWindowMs = options.autoReplyWindowMs ?? AUTO_REPLY_WINDOW_MS;
  const random = options.randomBytes ?? ((size: number) => new Uint8Array(nodeRandomBytes(size)));
  const instance = options.instance ?? `${hostname()}:${process.pid}`;
  const callTimeoutMs = options.callTimeoutMs ?? 5000;
  const pool = createPool(url, { max: options.poolSize ?? 10, timeoutMs: callTimeoutMs }, (error) => {
    options.logger?.warn("a PostgreSQL connection broke while idle; it is replaced on the next query", {
      error: describeError(error),
    });
  });
  const inFlight = new Set<Promise<unknown>>();
  let migrated: Promise<number> | undefined;
  let closed = false;

  /** Applies migrations once; a failure is reported to that call and the next call tries again. */
  function ready(): Promise<number> {
    migrated ??= (async () => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await migratePostgres(client);
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.release(broken);
      }
    })().catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    return migrated;
  }

  /**
   * Runs `work` on one connection, in a transaction when asked, answering within `timeoutMs`. A
   * transaction whose caller has been answered with a timeout, or that is too close to its deadline
   * to commit in time, is rolled back: nobody is told "try again" about a row that was written.
   */
  function call<T>(
    method: string,
    work: (client: PoolClient) => Promise<T>,
    { transaction = false, timeoutMs = callTimeoutMs }: { transaction?: boolean; timeoutMs?: number } = {},
  ): Promise<T> {
    if (closed) return Promise.reject(new Error("the store is closed"));
    const deadline = Date.now() + timeoutMs;
    let answered = false;
    /** Whether the caller was already answered with a timeout (set by the timer below, at any await). */
    const gaveUp = (): boolean => answered;
    const attempt = (async () => {
      await ready();
      if (gaveUp()) throw new StoreTimeoutError(`the database did not answer ${method} in time`);
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Waiting for a connection may have outlasted the caller: then do nothing at all.
        if (gaveUp()) throw new StoreTimeoutError(`the database did not answer ${method} in time`);
        if (!transaction) {
          try {
            return await work(client);
          } catch (error) {
            broken = connectionProblem(error);
            throw error;
          }
        }
        await client.query("BEGIN");
        try {
          const result = await work(client);
          if (gaveUp() || Date.now() > deadline - COMMIT_MARGIN_MS) {
            throw new StoreTimeoutError(`${method} ran out of time before it could commit; nothing was written`);
          }
          await client.query("COMMIT");
          return result;
        } catch (error) {
          // A connection that can still roll back is sound and goes back to the pool.
          await client.query("ROLLBACK").catch((rollbackError: unknown) => {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          });
          throw error;
        }
      } finally {
        client.release(broken);
      }
    })();
    inFlight.add(attempt);
    void attempt.then(
      () => inFlight.delete(attempt),
      () => inFlight.delete(attempt),
    );
    return answerBy(attempt, deadline, `the database did not answer ${method} within ${timeoutMs} ms`, () => {
      answered = true;
    });
  }

  /** Inserts one pending message due at `at`, inside whatever transaction `client` holds. */
  async function queueIn(client: PoolClient, kind: string, message: QueuedMessage, at: string): Promise<number> {
    const data = message.data === undefined || message.data === null ? null : JSON.stringify(message.data);
    const recipient =
      message.recipient === undefined || message.recipient === null ? null : emailKey(message.recipient);
    const result = await client.query(
      `INSERT INTO outbox (inquiry_id, kind, data, recipient_key, status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5) RETURNING id`,
      [message.inquiryId ?? null, kind, data, recipient, at],
    );
    const [row] = rowsOf(idRow, result);
    if (row === undefined) throw new Error("the outbox insert returned no id");
    return row.id;
  }

  function checkKind(kind: string): void {
    if (kind.length === 0 || kind.length > 40) throw new RangeError(`bad message kind "${kind}"`);
  }

  async function findById(client: PoolClient, id: number): Promise<StoredInquiry | undefined> {
    const result = await client.query(`SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE id = $1`, [id]);
    const [row] = rowsOf(inquiryRowSchema, result);
    return row;
  }

  /**
   * The earliest inquiry that one with `key` saved at `now` repeats, if any: created within the
   * window before `now`, or whose own window reaches `now` (what the exclusion constraints test).
   * A spam entry repeats real inquiries too; a real one repeats only real ones.
   */
  async function findDuplicate(
    client: PoolClient,
    key: string,
    now: Date,
    spam: boolean,
  ): Promise<{ id: number; reference: string } | undefined> {
    const since = new Date(now.getTime() - duplicateWindowMs).toISOString();
    const result = await client.query(
      `SELECT id, reference FROM inquiries
       WHERE dedupe_key = $1 AND (created_at >= $2 OR duplicate_until >= $3) AND (spam_reason IS NULL OR $4)
       ORDER BY id LIMIT 1`,
      [key, since, now.toISOString(), spam],
    );
    const [row] = rowsOf(duplicateRow, result);
    return row;
  }

  const bookings = openPostgresBookings({ call, queueIn, instance });
  const comments = openPostgresComments({ call, queueIn, duplicateWindowMs });

  /** The answer for a repeat of the inquiry `first`: nothing written, the first one's booking. */
  async function duplicateOf(client: PoolClient, first: { id: number; reference: string }): Promise<SaveResult> {
    return { status: "duplicate", ...first, queued: [], booking: await bookings.bookedTimeOf(client, first.id) };
  }

  /**
   * One inquiry's writes, inside the transaction `client` holds. With a booking they run under a
   * savepoint of their own, so a time the constraint refuses leaves nothing of this inquiry behind.
   */
  async function saveIn(client: PoolClient, entry: NewInquiry, now: Date): Promise<SaveResult> {
    const booking = entry.spamReason === null ? (entry.booking ?? null) : null;
    if (booking === null) return saveInquiry(client, entry, null, now);
    await client.query("SAVEPOINT inquiry_with_booking");
    try {
      const result = await saveInquiry(client, entry, booking, now);
      if (result.status === "slot-taken") await client.query("ROLLBACK TO SAVEPOINT inquiry_with_booking");
      await client.query("RELEASE SAVEPOINT inquiry_with_booking");
      return result;
    } catch (error) {
      await client.query("ROLLBACK TO SAVEPOINT inquiry_with_booking");
      await client.query("RELEASE SAVEPOINT inquiry_with_booking");
      throw error;
    }
  }

  async function saveInquiry(
    client: PoolClient,
    { inquiry, spamReason, formTokenId = null }: NewInquiry,
    booking: BookingRequest | null,
    now: Date,
  ): Promise<SaveResult> {
    const at = now.toISOString();
    const key = dedupeKey(inquiry.email, inquiry.message);
    const addressKey = emailKey(inquiry.email);
    const until = new Date(now.getTime() + duplicateWindowMs).toISOString();
    const spam = spamReason !== null;
    // Saves from one address wait for each other until commit: the auto-reply check below then
    // sees every earlier inquiry from that address, whichever instance stored it.
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [ADDRESS_LOCK, addressKey]);
    // A spam entry repeats a real inquiry too; the exclusion constraints only compare like with like.
    if (spam) {
      const duplicate = await findDuplicate(client, key, now, true);
      if (duplicate !== undefined) return duplicateOf(client, duplicate);
    }
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const reference = formatReference(random(REFERENCE_BYTES));
      const inserted = await client.query(
        `INSERT INTO inquiries (reference, created_at, name, email, email_key, goal, goal_race, goal_race_date,
           years_running, weekly_volume, volume_unit, lifting, message, time_zone, consent_at, privacy_version,
           newsletter, spam_reason, dedupe_key, duplicate_until, form_token)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $2, $15, $16, $17, $18, $19, $20)
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          reference,
          at,
          inquiry.name,
          inquiry.email,
          addressKey,
          inquiry.goal,
          inquiry.goalRace ?? null,
          inquiry.goalRaceDate ?? null,
          inquiry.yearsRunning,
          inquiry.weeklyVolume,
          inquiry.volumeUnit,
          inquiry.lifting,
          inquiry.message,
          inquiry.timeZone ?? null,
          PRIVACY_NOTE_VERSION,
          inquiry.newsletter,
          spamReason,
          key,
          until,
          formTokenId,
        ],
      );
      const [row] = rowsOf(idRow, inserted);
      if (row !== undefined && booking !== null) {
        if ((await bookings.book(client, row.id, reference, booking, at)) === "slot-taken") {
          return { status: "slot-taken" };
        }
        // The booking's confirmation, with its invitation, tells the visitor what happens next.
        await queueIn(client, "coach-notification", { inquiryId: row.id, recipient: inquiry.email }, at);
        return {
          status: "created",
          id: row.id,
          reference,
          queued: ["coach-notification", "booking-visitor", "booking-coach"],
          booking: await bookings.bookedTimeOf(client, row.id),
        };
      }
      if (row !== undefined) {
        const queued: SaveQueuedKind[] = [];
        if (!spam) {
          queued.push("coach-notification");
          const replySince = new Date(now.getTime() - autoReplyWindowMs).toISOString();
          const recent = await client.query(
            `SELECT 1 FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id
             WHERE o.kind = 'auto-reply' AND i.email_key = $1 AND o.created_at >= $2 LIMIT 1`,
            [addressKey, replySince],
          );
          if (recent.rowCount === 0) queued.push("auto-reply");
          // Both messages in one statement, in order, so the coach's has the lower id.
          await client.query(
            `INSERT INTO outbox (inquiry_id, kind, recipient_key, status, attempts, next_attempt_at, created_at)
             SELECT $1, kind, $2, 'pending', 0, $3, $3 FROM unnest($4::text[]) WITH ORDINALITY AS k (kind, n)
             ORDER BY n`,
            [row.id, addressKey, at, queued],
          );
        }
        return { status: "created", id: row.id, reference, queued, booking: null };
      }
      // The insert met a constraint: a repeat of an inquiry (perhaps committed by another instance
      // a moment ago), a form token already used, or, rarely, a reference already taken.
      const duplicate = await findDuplicate(client, key, now, spam);
      if (duplicate !== undefined) return duplicateOf(client, duplicate);
      if (formTokenId !== null) {
        const used = await client.query("SELECT 1 FROM inquiries WHERE form_token = $1", [formTokenId]);
        if ((used.rowCount ?? 0) > 0) return { status: "token-used" };
      }
    }
    throw new Error("could not store the inquiry: every attempt met a conflicting row");
  }

  const dailyJobs: DailyJobs = {
    claim: (job, day, now, leaseMs) =>
      call("claimDailyRun", async (client) => {
        const result = await client.query(
          `INSERT INTO daily_runs (job, day, claimed_by, claimed_at, lease_until) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (job, day) DO UPDATE
             SET claimed_by = EXCLUDED.claimed_by, claimed_at = EXCLUDED.claimed_at, lease_until = EXCLUDED.lease_until
             WHERE daily_runs.finished_at IS NULL AND daily_runs.lease_until <= EXCLUDED.claimed_at
           RETURNING job`,
          [job, day, instance, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()],
        );
        return result.rowCount === 1;
      }),
    finish: (job, day, now) =>
      call(
        "finishDailyRun",
        async (client) => {
          await client.query("UPDATE daily_runs SET finished_at = $4 WHERE job = $1 AND day = $2 AND claimed_by = $3", [
            job,
            day,
            instance,
            now.toISOString(),
          ]);
          await client.query("DELETE FROM daily_runs WHERE job = $1 AND day < $2::date - $3::int", [
            job,
            day,
            DAILY_RUNS_KEPT_DAYS,
          ]);
        },
        { transaction: true },
      ),
    release: (job, day) =>
      call("releaseDailyRun", async (client) => {
        await client.query(
          "DELETE FROM daily_runs WHERE job = $1 AND day = $2 AND claimed_by = $3 AND finished_at IS NULL",
          [job, day, instance],
        );
      }),
  };

  return {
    ...bookings.methods,
    ...comments,

    dailyJobs,

    save: (entry, now, saveOptions) =>
      call("save", (client) => saveIn(client, entry, now), {
        transaction: true,
        timeoutMs: saveOptions?.timeoutMs ?? callTimeoutMs,
      }),

    find: (idOrReference) =>
      call("find", async (client) => {
        const text = idOrReference.trim();
        if (/^\d{1,15}$/.test(text)) return findById(client, Number(text));
        const reference = parseReference(text);
        if (reference === null) return undefined;
        const result = await client.query(`SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE reference = $1`, [reference]);
        const [row] = rowsOf(inquiryRowSchema, result);
        return row;
      }),

    list: ({ includeSpam, limit }) =>
      call("list", async (client) =>
        rowsOf(
          inquiryRowSchema,
          await client.query(
            `SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE (spam_reason IS NULL OR $1)
             ORDER BY created_at DESC, id DESC LIMIT $2`,
            [includeSpam, limit ?? null],
          ),
        ),
      ),

    messagesFor: (inquiryId) =>
      call("messagesFor", async (client) =>
        rowsOf(
          messageRowSchema,
          await client.query(`SELECT ${messageColumns()} FROM outbox WHERE inquiry_id = $1 ORDER BY id`, [inquiryId]),
        ),
      ),

    queueMessage: (kind, message, now) => {
      try {
        checkKind(kind);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return call("queueMessage", (client) => queueIn(client, kind, message, now.toISOString()), {
        transaction: true,
      });
    },

    claimDue: (now, leaseMs, limit) =>
      call(
        "claimDue",
        async (client) => {
          const at = now.toISOString();
          const lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
          // One statement: the rows are locked as they are picked (others skip them) and leased by
          // the time it commits, so no other instance can claim them until the lease has passed.
          const claimed = rowsOf(
            messageRowSchema,
            await client.query(
              `WITH due AS (
               SELECT id FROM outbox
               WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
               ORDER BY next_attempt_at, id LIMIT $3
               FOR UPDATE SKIP LOCKED)
             UPDATE outbox SET locked_until = $2, locked_by = $4, attempts = outbox.attempts + 1
             FROM due WHERE outbox.id = due.id
             RETURNING ${messageColumns()}`,
              [at, lockedUntil, limit, instance],
            ),
          ).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id - b.id);
          const inquiryIds = [...new Set(claimed.flatMap((m) => (m.inquiryId === null ? [] : [m.inquiryId])))];
          const inquiries =
            inquiryIds.length === 0
              ? []
              : rowsOf(
                  inquiryRowSchema,
                  await client.query(`SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE id = ANY($1::bigint[])`, [
                    inquiryIds,
                  ]),
                );
          const byId = new Map(inquiries.map((inquiry) => [inquiry.id, inquiry]));
          return claimed.flatMap((message: OutboxMessage): DueMessage[] => {
            const inquiry = message.inquiryId === null ? undefined : byId.get(message.inquiryId);
            if (message.inquiryId !== null && inquiry === undefined) return [];
            return [{ message, inquiry }];
          });
        },
        { transaction: true },
      ),

    nextDueAt: () =>
      call("nextDueAt", async (client) => {
        const result = await client.query<{ due: string | null }>(
          "SELECT min(greatest(locked_until, next_attempt_at)) AS due FROM outbox WHERE status = 'pending'",
        );
        const due = result.rows[0]?.due;
        return typeof due === "string" ? new Date(due) : undefined;
      }),

    markSent: (messageId, now) =>
      call("markSent", async (client) => {
        const result = await client.query(
          `UPDATE outbox SET status = 'sent', sent_at = $1, locked_until = NULL, last_error = NULL
           WHERE id = $2 AND status = 'pending'`,
          [now.toISOString(), messageId],
        );
        return result.rowCount === 1;
      }),

    markFailed: (messageId, error, retryAt) =>
      call("markFailed", async (client) => {
        const result =
          retryAt === null
            ? await client.query(
                `UPDATE outbox SET status = 'failed', locked_until = NULL, last_error = $1
                 WHERE id = $2 AND status = 'pending'`,
                [error, messageId],
              )
            : await client.query(
                `UPDATE outbox SET locked_until = NULL, last_error = $1, next_attempt_at = $2
                 WHERE id = $3 AND status = 'pending'`,
                [error, retryAt.toISOString(), messageId],
              );
        return result.rowCount === 1;
      }),

    requeueCoachNotification: (inquiryId, now) =>
      call(
        "requeueCoachNotification",
        async (client) => {
          const at = now.toISOString();
          const inquiry = await findById(client, inquiryId);
          if (inquiry === undefined) throw new RangeError(`no inquiry with id ${inquiryId}`);
          const [pending] = rowsOf(
            idRow,
            await client.query(
              `SELECT id FROM outbox WHERE inquiry_id = $1 AND kind = 'coach-notification' AND status = 'pending'
               ORDER BY id LIMIT 1 FOR UPDATE`,
              [inquiryId],
            ),
          );
          if (pending !== undefined) {
            await client.query("UPDATE outbox SET next_attempt_at = $1, locked_until = NULL WHERE id = $2", [
              at,
              pending.id,
            ]);
            return pending.id;
          }
          return queueIn(client, "coach-notification", { inquiryId, recipient: inquiry.email }, at);
        },
        { transaction: true },
      ),

    purgeBefore: (cutoff, purgeOptions = {}) =>
      call(
        "purgeBefore",
        async (client): Promise<PurgeReport> => {
          // One statement, so the count and the deletion see the same rows.
          const result = await client.query<{ total: number; removed: number }>(
            `WITH old AS (SELECT id, ${UNDELIVERED} AS undelivered FROM inquiries WHERE created_at < $1),
           removed AS (DELETE FROM inquiries WHERE id IN (SELECT id FROM old WHERE $2 OR NOT undelivered) RETURNING id),
           -- Mail that belongs to no inquiry is kept while it may still be sent, and as long as inquiries are.
           others AS (DELETE FROM outbox WHERE inquiry_id IS NULL AND status <> 'pending' AND created_at < $1)
           SELECT (SELECT count(*) FROM old) AS total, (SELECT count(*) FROM removed) AS removed`,
            [cutoff.toISOString(), purgeOptions.force === true],
          );
          const { total, removed } = z.object({ total: z.number(), removed: z.number() }).parse(result.rows[0]);
          return { removed, keptUndelivered: total - removed };
        },
        { transaction: true },
      ),

    countBefore: (cutoff) =>
      call("countBefore", async (client): Promise<PurgeReport> => {
        const result = await client.query(
          `SELECT count(*) AS total, count(*) FILTER (WHERE ${UNDELIVERED}) AS undelivered
           FROM inquiries WHERE created_at < $1`,
          [cutoff.toISOString()],
        );
        const { total, undelivered } = z.object({ total: z.number(), undelivered: z.number() }).parse(result.rows[0]);
        return { removed: total - undelivered, keptUndelivered: undelivered };
      }),

    forget: (email) =>
      call(
        "forget",
        async (client) => {
          const key = emailKey(email);
          const [counted] = rowsOf(
            countRow,
            await client.query(
              `SELECT count(*) AS n FROM outbox
               WHERE recipient_key = $1 OR inquiry_id IN (SELECT id FROM inquiries WHERE email_key = $1)`,
              [key],
            ),
          );
          const deleted = await client.query("DELETE FROM inquiries WHERE email_key = $1", [key]);
          // A reader's comments go with the coach's replies to them.
          const comments = await client.query("DELETE FROM comments WHERE email_key = $1", [key]);
          await client.query("DELETE FROM outbox WHERE recipient_key = $1", [key]);
          return { inquiries: deleted.rowCount ?? 0, messages: counted?.n ?? 0, comments: comments.rowCount ?? 0 };
        },
        { transaction: true },
      ),

    spamCount: () =>
      call("spamCount", async (client) => {
        const [row] = rowsOf(
          countRow,
          await client.query("SELECT count(*) AS n FROM inquiries WHERE spam_reason IS NOT NULL"),
        );
        return row?.n ?? 0;
      }),

    formSecret: () =>
      call("formSecret", async (client) => {
        // Two statements: the read must see a secret another instance inserted a moment ago.
        await client.query("INSERT INTO settings (key, value) VALUES ('form-secret', $1) ON CONFLICT DO NOTHING", [
          Buffer.from(random(32)).toString("hex"),
        ]);
        const result = await client.query<{ value: unknown }>("SELECT value FROM settings WHERE key = 'form-secret'");
        const value = result.rows[0]?.value;
        if (typeof value !== "string") throw new Error("form secret missing after insert");
        return value;
      }),

    diagnostics: () =>
      call("diagnostics", async (client): Promise<PostgresDiagnostics> => {
        const result = await client.query<{ version: string; database: string }>(
          "SELECT current_setting('server_version') AS version, current_database() AS database",
        );
        const row = result.rows[0];
        return {
          store: "postgres",
          schemaVersion: await postgresSchemaVersion(client),
          serverVersion: row?.version ?? "unknown",
          database: row?.database ?? "unknown",
          instance,
        };
      }),

    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...inFlight]);
      await pool.end();
    },
  };
}
