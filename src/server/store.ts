/**
 * The inquiry database (node:sqlite): inquiries with their consent record, booked consultations
 * (booking-store.ts, composed in here so an inquiry and its booking share one transaction), the
 * mail outbox and a few settings. Durability first: WAL journal with synchronous=FULL, so a row `save` has returned is on
 * disk before the visitor gets a 2xx; a busy timeout so the coach's CLI and the server can share the
 * file. Each `save` is one transaction that also decides idempotency (same address and message within
 * the duplicate window is the same inquiry) and which emails to queue (none for spam; at most one
 * auto-reply per address per auto-reply window). It knows nothing about HTTP, SMTP or message
 * wording; time always comes in as an argument.
 */
import { createHash, randomBytes as nodeRandomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { z } from "astro/zod";
import { GOALS, LIFTING_LEVELS, VOLUME_UNITS } from "../lib/inquiry/schema.ts";
import type { Inquiry } from "../lib/inquiry/schema.ts";
import { PRIVACY_NOTE_VERSION } from "../lib/inquiry/privacy.ts";
import { REFERENCE_BYTES, formatReference, parseReference } from "../lib/inquiry/reference.ts";
import { createCommentStore } from "./comment-store.ts";
import type { CommentStore } from "./comment-store.ts";
import { migrate } from "./migrations.ts";
import { openBookings } from "./booking-store.ts";
import type { BookingMessageKind, BookingRequest, BookingStoreMethods } from "./booking-store.ts";

/**
 * Why an inquiry was filed as spam. Only a filled honeypot files one now; the token reasons remain
 * readable for rows stored before a fill-time problem was answered with "send once more".
 */
export const SPAM_REASONS = ["honeypot", "too-fast", "missing-token", "invalid-token"] as const;
export type SpamReason = (typeof SPAM_REASONS)[number];

/** The two emails an inquiry queues itself; other features queue kinds of their own (compose.ts). */
export const MESSAGE_KINDS = ["coach-notification", "auto-reply"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What a queued email is about, beyond its kind; see `queueMessage`. */
export interface QueuedMessage {
  /** The inquiry it belongs to: deleting the inquiry (purge, forget) deletes the message. */
  readonly inquiryId?: number | null;
  /** Facts the message states, frozen now (JSON-serialisable), for its composer at send time. */
  readonly data?: unknown;
  /** The address of the person it is addressed to or about, so `forget` removes it. */
  readonly recipient?: string | null;
}

export const MESSAGE_STATUSES = ["pending", "sent", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
export const AUTO_REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface InquiryStoreOptions {
  /** How long a write waits for another process's lock before failing (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  readonly duplicateWindowMs?: number;
  readonly autoReplyWindowMs?: number;
  /** Randomness for references and the generated form secret (default node:crypto). */
  readonly randomBytes?: (size: number) => Uint8Array;
}

export interface NewInquiry {
  readonly inquiry: Inquiry;
  /** Null for a real inquiry; a reason stores it as spam and queues no email. */
  readonly spamReason: SpamReason | null;
  /** The nonce of the form token that carried it: a second inquiry with the same one is refused. */
  readonly formTokenId?: string | null;
  /** A consultation to book with it (ignored for spam): both are stored, or neither. */
  readonly booking?: BookingRequest | null;
}

/** The consultation an inquiry booked, as a save reports it. */
export interface BookedTime {
  readonly start: string;
  readonly end: string;
  readonly visitorTimeZone: string | null;
}

/** Every kind of email a save can queue. */
export type SaveQueuedKind = MessageKind | BookingMessageKind;

export type SaveResult =
  | {
      /** "duplicate": the same address sent the same message within the window; nothing was written. */
      readonly status: "created" | "duplicate";
      readonly id: number;
      readonly reference: string;
      readonly queued: readonly SaveQueuedKind[];
      /** The consultation it booked (for a duplicate: the one the first submission booked), if any. */
      readonly booking: BookedTime | null;
    }
  | {
      /** The form token already carried another inquiry; nothing was written. */
      readonly status: "token-used";
    }
  | {
      /** The consultation time was no longer free (clear of other bookings by the buffer); nothing was written. */
      readonly status: "slot-taken";
    };

/** One entry of a `saveBatch`: the same as `save`, each with its own time. */
export interface BatchEntry {
  readonly entry: NewInquiry;
  readonly now: Date;
}

/** The outcome of one batch entry: its result, or the error that rolled back that entry alone. */
export type BatchOutcome =
  { readonly ok: true; readonly result: SaveResult } | { readonly ok: false; readonly error: string };

/** What a purge removed, and the old inquiries it kept because the coach never got them. */
export interface PurgeReport {
  readonly removed: number;
  readonly keptUndelivered: number;
}

/** What `forget` removed for one address. */
export interface ForgetReport {
  readonly inquiries: number;
  readonly messages: number;
  /** Comments under articles (with the coach's replies to them). */
  readonly comments: number;
}

const inquiryRowSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  createdAt: z.string(),
  name: z.string(),
  email: z.string(),
  goal: z.enum(GOALS),
  goalRace: z.string().nullable(),
  goalRaceDate: z.string().nullable(),
  yearsRunning: z.number(),
  weeklyVolume: z.number(),
  volumeUnit: z.enum(VOLUME_UNITS),
  lifting: z.enum(LIFTING_LEVELS),
  message: z.string(),
  timeZone: z.string().nullable(),
  consentAt: z.string(),
  privacyVersion: z.string(),
  newsletter: z.number().transform((value) => value === 1),
  spamReason: z.enum(SPAM_REASONS).nullable(),
});
/** An inquiry as stored, with its consent record and spam verdict. */
export type StoredInquiry = z.output<typeof inquiryRowSchema>;

const messageRowSchema = z.object({
  id: z.number().int(),
  inquiryId: z.number().int().nullable(),
  kind: z.string(),
  data: z
    .string()
    .nullable()
    .transform((text): unknown => (text === null ? null : JSON.parse(text))),
  status: z.enum(MESSAGE_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lockedUntil: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
/** One email in the outbox. */
export type OutboxMessage = z.output<typeof messageRowSchema>;

/** A message claimed for sending, with the inquiry it belongs to (undefined for one that has none). */
export interface DueMessage {
  readonly message: OutboxMessage;
  readonly inquiry: StoredInquiry | undefined;
}

/** Inquiries, the outbox and settings; bookings and comments are composed in (booking-store.ts, comment-store.ts). */
export interface InquiryStore extends BookingStoreMethods, CommentStore {
  /** Stores an inquiry (or finds its duplicate) and queues its emails, in one committed transaction. */
  save(entry: NewInquiry, now: Date): SaveResult;
  /**
   * Saves several inquiries in one transaction (one commit, one fsync): each entry is applied under
   * its own savepoint, so one that fails is rolled back alone and the others still commit. When the
   * commit itself fails, the whole call throws and nothing is stored. `wanted` is asked once the
   * write lock is held (which may have taken a while): an entry it refuses is not written.
   */
  saveBatch(entries: readonly BatchEntry[], wanted?: (entry: BatchEntry) => boolean): BatchOutcome[];
  /** By numeric id or by reference (forgiving of case and dashes). */
  find(idOrReference: string): StoredInquiry | undefined;
  /** Newest first; spam only when asked. No limit lists all. */
  list(options: { readonly includeSpam: boolean; readonly limit?: number }): StoredInquiry[];
  messagesFor(inquiryId: number): OutboxMessage[];
  /**
   * Queues one email of any kind, due now, in its own transaction; returns its outbox id. Features
   * that queue mail together with their own rows use the same insert inside their transaction.
   */
  queueMessage(kind: string, message: QueuedMessage, now: Date): number;
  /**
   * Pending messages due at `now`, locked for `leaseMs` and with their attempt counted, so a crash
   * mid-send releases them after the lease instead of losing or double-claiming them.
   */
  claimDue(now: Date, leaseMs: number, limit: number): DueMessage[];
  /** When the next pending message becomes due (or its lease ends); undefined when none is pending. */
  nextDueAt(): Date | undefined;
  /** Marks a pending message sent; false when it was not pending (so it is marked at most once). */
  markSent(messageId: number, now: Date): boolean;
  /** Records a failed attempt: due again at `retryAt`, or given up (status failed) when it is null. */
  markFailed(messageId: number, error: string, retryAt: Date | null): boolean;
  /** Queues the coach notification again (a new row, or the pending one made due now); its id. */
  requeueCoachNotification(inquiryId: number, now: Date): number;
  /**
   * Deletes inquiries (and their outbox rows) created before `cutoff`, except, unless `force`, those
   * whose notification to the coach was never delivered: she has not seen them yet.
   */
  purgeBefore(cutoff: Date, options?: { readonly force?: boolean }): PurgeReport;
  /** How many inquiries `purgeBefore(cutoff)` would remove and keep, without deleting anything. */
  countBefore(cutoff: Date): PurgeReport;
  /** Deletes every inquiry, comment and outbox row of one address (compared as `emailKey`). */
  forget(email: string): ForgetReport;
  /** How many inquiries are filed as spam. */
  spamCount(): number;
  /** The HMAC secret for form tokens, generated on first use and kept in the database. */
  formSecret(): string;
  /** The connection's settings and schema version, for start-up checks and tests. */
  diagnostics(): { journalMode: string; synchronous: number; busyTimeoutMs: number; schemaVersion: number };
  close(): void;
}

const INQUIRY_COLUMNS = `
  id, reference, created_at AS createdAt, name, email, goal, goal_race AS goalRace,
  goal_race_date AS goalRaceDate, years_running AS yearsRunning, weekly_volume AS weeklyVolume,
  volume_unit AS volumeUnit, lifting, message, time_zone AS timeZone, consent_at AS consentAt,
  privacy_version AS privacyVersion, newsletter, spam_reason AS spamReason`;

/**
 * 1 when an inquiry's notification to the coach was queued and never delivered (pending or given
 * up), else 0; spam queues none and so is never "undelivered".
 */
const UNDELIVERED = `(EXISTS (SELECT 1 FROM outbox o WHERE o.inquiry_id = inquiries.id
  AND o.kind = 'coach-notification' AND o.status <> 'sent')
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inquiry_id = inquiries.id
  AND o.kind = 'coach-notification' AND o.status = 'sent'))`;

const MESSAGE_COLUMNS = `
  id, inquiry_id AS inquiryId, kind, data, status, attempts, next_attempt_at AS nextAttemptAt,
  locked_until AS lockedUntil, last_error AS lastError, created_at AS createdAt, sent_at AS sentAt`;

/** The key two submissions must share to count as one inquiry. */
export function dedupeKey(email: string, message: string): string {
  return createHash("sha256")
    .update(`${emailKey(email)}\n${message.trim()}`)
    .digest("hex");
}

/** An address in the form used to compare addresses (per-address limits, duplicates). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Opens (creating if needed) the database at `path`, applies pending migrations and returns the store. */
export function openStore(path: string, options: InquiryStoreOptions = {}): InquiryStore {
  const duplicateWindowMs = options.duplicateWindowMs ?? DUPLICATE_WINDOW_MS;
  const autoReplyWindowMs = options.autoReplyWindowMs ?? AUTO_REPLY_WINDOW_MS;
  const random = options.randomBytes ?? ((size: number) => new Uint8Array(nodeRandomBytes(size)));
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });

  const db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 5000, enableForeignKeyConstraints: true });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  // Deleted inquiries (purge, forget) are overwritten in the file, not left readable in free pages.
  db.exec("PRAGMA secure_delete = ON");
  migrate(db);

  const statements = {
    findDuplicate: db.prepare(
      `SELECT id, reference FROM inquiries
       WHERE dedupe_key = ? AND created_at >= ? AND (spam_reason IS NULL OR ? = 1)
       ORDER BY id LIMIT 1`,
    ),
    referenceTaken: db.prepare("SELECT 1 AS taken FROM inquiries WHERE reference = ?"),
    insertInquiry: db.prepare(
      `INSERT INTO inquiries (reference, created_at, name, email, email_key, goal, goal_race, goal_race_date,
         years_running, weekly_volume, volume_unit, lifting, message, time_zone, consent_at, privacy_version,
         newsletter, spam_reason, dedupe_key, form_token)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    tokenUsed: db.prepare("SELECT 1 AS used FROM inquiries WHERE form_token = ?"),
    recentAutoReply: db.prepare(
      `SELECT 1 AS found FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id
       WHERE o.kind = 'auto-reply' AND i.email_key = ? AND o.created_at >= ? LIMIT 1`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO outbox (inquiry_id, kind, data, recipient_key, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
    ),
    byId: db.prepare(`SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE id = ?`),
    byReference: db.prepare(`SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE reference = ?`),
    list: db.prepare(
      `SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE (spam_reason IS NULL OR ? = 1)
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    messagesFor: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE inquiry_id = ? ORDER BY id`),
    due: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM outbox
       WHERE status = 'pending' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until <= ?)
       ORDER BY next_attempt_at, id LIMIT ?`,
    ),
    lock: db.prepare("UPDATE outbox SET locked_until = ?, attempts = attempts + 1 WHERE id = ?"),
    nextDue: db.prepare(
      `SELECT MIN(CASE WHEN locked_until > next_attempt_at THEN locked_until ELSE next_attempt_at END) AS due
       FROM outbox WHERE status = 'pending'`,
    ),
    markSent: db.prepare(
      `UPDATE outbox SET status = 'sent', sent_at = ?, locked_until = NULL, last_error = NULL
       WHERE id = ? AND status = 'pending'`,
    ),
    retry: db.prepare(
      `UPDATE outbox SET locked_until = NULL, last_error = ?, next_attempt_at = ?
       WHERE id = ? AND status = 'pending'`,
    ),
    giveUp: db.prepare(
      `UPDATE outbox SET status = 'failed', locked_until = NULL, last_error = ? WHERE id = ? AND status = 'pending'`,
    ),
    pendingCoach: db.prepare(
      `SELECT id FROM outbox WHERE inquiry_id = ? AND kind = 'coach-notification' AND status = 'pending'
       ORDER BY id LIMIT 1`,
    ),
    makeDue: db.prepare("UPDATE outbox SET next_attempt_at = ?, locked_until = NULL WHERE id = ?"),
    purge: db.prepare(`DELETE FROM inquiries WHERE created_at < ? AND (? = 1 OR ${UNDELIVERED} = 0)`),
    countOld: db.prepare(
      `SELECT COUNT(*) AS total, COALESCE(SUM(${UNDELIVERED}), 0) AS undelivered FROM inquiries WHERE created_at < ?`,
    ),
    forgetMessages: db.prepare(
      `SELECT COUNT(*) AS n FROM outbox
       WHERE recipient_key = ? OR inquiry_id IN (SELECT id FROM inquiries WHERE email_key = ?)`,
    ),
    forget: db.prepare("DELETE FROM inquiries WHERE email_key = ?"),
    forgetComments: db.prepare("DELETE FROM comments WHERE email_key = ?"),
    forgetOtherMessages: db.prepare("DELETE FROM outbox WHERE recipient_key = ?"),
    // Mail that belongs to no inquiry is kept while it may still be sent, and for as long as inquiries are.
    purgeOtherMessages: db.prepare(
      "DELETE FROM outbox WHERE inquiry_id IS NULL AND status <> 'pending' AND created_at < ?",
    ),
    spamCount: db.prepare("SELECT COUNT(*) AS n FROM inquiries WHERE spam_reason IS NOT NULL"),
    readSetting: db.prepare("SELECT value FROM settings WHERE key = ?"),
    writeSetting: db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)"),
  };

  function transaction<T>(work: () => T): T {
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      db.exec("COMMIT");
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }

  /** Copies the WAL into the database and empties it, so deleted rows leave no copy there either. */
  function checkpoint(): void {
    try {
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch {
      // Best effort: a reader holding the WAL only delays this to a later checkpoint.
    }
  }

  function newReference(): string {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const reference = formatReference(random(REFERENCE_BYTES));
      if (statements.referenceTaken.get(reference) === undefined) return reference;
    }
    throw new Error("could not find an unused reference");
  }

  /** Inserts one pending message due at `now`, inside whatever transaction the caller holds. */
  function queue(kind: string, message: QueuedMessage, now: string): number {
    if (kind.length === 0 || kind.length > 40) throw new RangeError(`bad message kind "${kind}"`);
    const data = message.data === undefined || message.data === null ? null : JSON.stringify(message.data);
    const recipient =
      message.recipient === undefined || message.recipient === null ? null : emailKey(message.recipient);
    const result = statements.insertMessage.run(message.inquiryId ?? null, kind, data, recipient, now, now);
    return Number(result.lastInsertRowid);
  }

  function findById(id: number): StoredInquiry | undefined {
    const row = statements.byId.get(id);
    return row === undefined ? undefined : inquiryRowSchema.parse(row);
  }

  const count = (row: Record<string, unknown> | undefined, column = "n"): number => Number(row?.[column] ?? 0);

  const bookings = openBookings({ db, transaction, queue });

  function bookedTime(inquiryId: number): BookedTime | null {
    const booking = bookings.activeBookingOf(inquiryId);
    return booking === undefined
      ? null
      : { start: booking.startAt, end: booking.endAt, visitorTimeZone: booking.visitorTimeZone };
  }

  /**
   * One inquiry's writes, inside a transaction the caller holds. With a booking they run under a
   * savepoint of their own, so a time that turns out taken leaves nothing of this entry behind.
   */
  function saveInTransaction(entry: NewInquiry, now: Date): SaveResult {
    const booking = entry.spamReason === null ? (entry.booking ?? null) : null;
    if (booking === null) return saveInquiry(entry, null, now);
    db.exec("SAVEPOINT inquiry_with_booking");
    try {
      const result = saveInquiry(entry, booking, now);
      if (result.status === "slot-taken") db.exec("ROLLBACK TO inquiry_with_booking");
      db.exec("RELEASE inquiry_with_booking");
      return result;
    } catch (error) {
      db.exec("ROLLBACK TO inquiry_with_booking");
      db.exec("RELEASE inquiry_with_booking");
      throw error;
    }
  }

  function saveInquiry(
    { inquiry, spamReason, formTokenId = null }: NewInquiry,
    booking: BookingRequest | null,
    now: Date,
  ): SaveResult {
    const at = now.toISOString();
    const key = dedupeKey(inquiry.email, inquiry.message);
    const addressKey = emailKey(inquiry.email);
    const since = new Date(now.getTime() - duplicateWindowMs).toISOString();
    const duplicate = statements.findDuplicate.get(key, since, spamReason === null ? 0 : 1);
    if (duplicate !== undefined) {
      const { id, reference } = z.object({ id: z.number(), reference: z.string() }).parse(duplicate);
      return { status: "duplicate", id, reference, queued: [], booking: bookedTime(id) };
    }
    if (formTokenId !== null && statements.tokenUsed.get(formTokenId) !== undefined) return { status: "token-used" };
    if (booking !== null && !bookings.isClear(booking)) return { status: "slot-taken" };
    const reference = newReference();
    const id = Number(
      statements.insertInquiry.run(
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
        at,
        PRIVACY_NOTE_VERSION,
        inquiry.newsletter ? 1 : 0,
        spamReason,
        key,
        formTokenId,
      ).lastInsertRowid,
    );
    const queued: SaveQueuedKind[] = [];
    if (booking !== null) {
      if (bookings.book(id, reference, booking, inquiry.email, at) === "slot-taken") return { status: "slot-taken" };
      // The booking's confirmation, with its invitation, tells the visitor what happens next.
      queue("coach-notification", { inquiryId: id, recipient: inquiry.email }, at);
      queued.push("coach-notification", "booking-visitor", "booking-coach");
    } else if (spamReason === null) {
      queue("coach-notification", { inquiryId: id, recipient: inquiry.email }, at);
      queued.push("coach-notification");
      const replySince = new Date(now.getTime() - autoReplyWindowMs).toISOString();
      if (statements.recentAutoReply.get(addressKey, replySince) === undefined) {
        queue("auto-reply", { inquiryId: id, recipient: inquiry.email }, at);
        queued.push("auto-reply");
      }
    }
    return { status: "created", id, reference, queued, booking: booking === null ? null : bookedTime(id) };
  }

  const comments = createCommentStore({ db, transaction, queue, emailKey, duplicateWindowMs });

  return {
    ...bookings.methods,
    ...comments,

    save(entry, now) {
      return transaction(() => saveInTransaction(entry, now));
    },

    saveBatch(entries, wanted = () => true) {
      return transaction(() =>
        entries.map((batchEntry): BatchOutcome => {
          if (!wanted(batchEntry)) return { ok: false, error: "the save waited too long for the database" };
          const { entry, now } = batchEntry;
          db.exec("SAVEPOINT entry");
          try {
            const result = saveInTransaction(entry, now);
            db.exec("RELEASE entry");
            return { ok: true, result };
          } catch (error) {
            db.exec("ROLLBACK TO entry");
            db.exec("RELEASE entry");
            return { ok: false, error: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
    },

    find(idOrReference) {
      const text = idOrReference.trim();
      if (/^\d{1,15}$/.test(text)) return findById(Number(text));
      const reference = parseReference(text);
      if (reference === null) return undefined;
      const row = statements.byReference.get(reference);
      return row === undefined ? undefined : inquiryRowSchema.parse(row);
    },

    list({ includeSpam, limit }) {
      return statements.list.all(includeSpam ? 1 : 0, limit ?? -1).map((row) => inquiryRowSchema.parse(row));
    },

    messagesFor(inquiryId) {
      return statements.messagesFor.all(inquiryId).map((row) => messageRowSchema.parse(row));
    },

    queueMessage(kind, message, now) {
      return transaction(() => queue(kind, message, now.toISOString()));
    },

    claimDue(now, leaseMs, limit) {
      const at = now.toISOString();
      const lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
      return transaction(() =>
        statements.due.all(at, at, limit).flatMap((row): DueMessage[] => {
          const message = messageRowSchema.parse(row);
          statements.lock.run(lockedUntil, message.id);
          const inquiry = message.inquiryId === null ? undefined : findById(message.inquiryId);
          if (message.inquiryId !== null && inquiry === undefined) return [];
          return [{ message: { ...message, attempts: message.attempts + 1, lockedUntil }, inquiry }];
        }),
      );
    },

    nextDueAt() {
      const due = statements.nextDue.get()?.["due"];
      return typeof due === "string" ? new Date(due) : undefined;
    },

    markSent(messageId, now) {
      return statements.markSent.run(now.toISOString(), messageId).changes === 1;
    },

    markFailed(messageId, error, retryAt) {
      const result =
        retryAt === null
          ? statements.giveUp.run(error, messageId)
          : statements.retry.run(error, retryAt.toISOString(), messageId);
      return result.changes === 1;
    },

    requeueCoachNotification(inquiryId, now) {
      const at = now.toISOString();
      return transaction(() => {
        const inquiry = findById(inquiryId);
        if (inquiry === undefined) throw new RangeError(`no inquiry with id ${inquiryId}`);
        const pending = statements.pendingCoach.get(inquiryId)?.["id"];
        if (typeof pending === "number") {
          statements.makeDue.run(at, pending);
          return pending;
        }
        return queue("coach-notification", { inquiryId, recipient: inquiry.email }, at);
      });
    },

    purgeBefore(cutoff, options = {}) {
      const at = cutoff.toISOString();
      const report = transaction(() => {
        const before = statements.countOld.get(at);
        const removed = Number(statements.purge.run(at, options.force === true ? 1 : 0).changes);
        statements.purgeOtherMessages.run(at);
        return { removed, keptUndelivered: count(before, "total") - removed };
      });
      if (report.removed > 0) checkpoint();
      return report;
    },

    countBefore(cutoff) {
      const row = statements.countOld.get(cutoff.toISOString());
      const undelivered = count(row, "undelivered");
      return { removed: count(row, "total") - undelivered, keptUndelivered: undelivered };
    },

    forget(email) {
      const key = emailKey(email);
      const report = transaction(() => {
        const messages = count(statements.forgetMessages.get(key, key));
        const inquiries = Number(statements.forget.run(key).changes);
        const comments = Number(statements.forgetComments.run(key).changes);
        statements.forgetOtherMessages.run(key);
        return { inquiries, messages, comments };
      });
      if (report.inquiries > 0 || report.messages > 0 || report.comments > 0) checkpoint();
      return report;
    },

    spamCount() {
      return count(statements.spamCount.get());
    },

    formSecret() {
      statements.writeSetting.run("form-secret", Buffer.from(random(32)).toString("hex"));
      const value = statements.readSetting.get("form-secret")?.["value"];
      if (typeof value !== "string") throw new Error("form secret missing after insert");
      return value;
    },

    diagnostics() {
      const pragma = (name: string, column = name): unknown => db.prepare(`PRAGMA ${name}`).get()?.[column];
      return z
        .object({
          journalMode: z.string(),
          synchronous: z.number(),
          busyTimeoutMs: z.number(),
          schemaVersion: z.number(),
        })
        .parse({
          journalMode: pragma("journal_mode"),
          synchronous: pragma("synchronous"),
          busyTimeoutMs: pragma("busy_timeout", "timeout"),
          schemaVersion: pragma("user_version"),
        });
    },

    close() {
      if (db.isOpen) db.close();
    },
  };
}
