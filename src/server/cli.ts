/**
 * The coach's inquiry commands behind `npm run inquiries -- <command>`: list, show, export (CSV or
 * JSON), resend, purge (the retention period, keeping what the coach never received), forget (a
 * request to be forgotten), bookings (the upcoming consultations), cancel (one of them, telling the
 * visitor), check (for operators: validate the environment before starting) and migrate-to-postgres
 * (move a site's SQLite data into PostgreSQL). Every command works through the asynchronous store
 * interface, so the same commands serve SQLite and PostgreSQL.
 * Output is made safe for wherever it goes: terminal text has control characters escaped, CSV
 * follows RFC 4180 with formula-like cells neutralised, JSON is escaped by construction. It knows
 * nothing about environment variables or process exit; scripts/inquiries.ts wires those in. Uses
 * only TypeScript that Node can strip (no enums, namespaces or parameter properties), because Node
 * runs the script without a build step.
 */
import { parseArgs } from "node:util";
import { toCsv } from "../lib/inquiry/csv.ts";
import type { CsvValue } from "../lib/inquiry/csv.ts";
import { GOAL_LABELS, LIFTING_LABELS, VOLUME_UNIT_LABELS } from "../lib/inquiry/labels.ts";
import { describeInstant } from "../lib/booking/when.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import type { StoredBooking } from "./booking-store.ts";
import type { TableReport } from "./pg/copy.ts";
import { retentionCutoff } from "./retention.ts";
import { emailKey } from "./store.ts";
import type { OutboxMessage, StoredInquiry } from "./store.ts";
import type { StoredComment } from "./comment-store.ts";
import { printableBlock, printableLine } from "./terminal.ts";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliDeps {
  /**
   * Opens the store the configuration names (SQLite, or PostgreSQL with DATABASE_URL); may throw
   * (for example a ConfigError), which is reported, exit code 2.
   */
  openStore(): AsyncInquiryStore;
  /** The configuration summary the server logs at start-up; may throw like openStore. */
  describeConfig(): string;
  /** How many months inquiries are kept (INQUIRY_RETENTION_MONTHS); may throw like openStore. */
  retentionMonths(): number;
  /**
   * Copies the SQLite file (INQUIRY_DB_PATH) into the empty PostgreSQL database (DATABASE_URL) and
   * verifies it (pg/copy.ts); rejects with the reason when it cannot.
   */
  migrateToPostgres(): Promise<readonly TableReport[]>;
  /** The coach's time zone (site.config.ts): bookings are listed in it. */
  readonly coachTimeZone: string;
  now(): Date;
}

export const USAGE = `Usage: npm run inquiries -- <command>

  list [--spam] [--limit N]      newest first; spam is hidden (and counted) unless --spam
  show <id or reference>         every field, the consent record and the email status
  export --format csv|json [--no-spam] [--bom]
                                 every inquiry, spam included, to standard output; the spam
                                 column says yes or no and spam_reason why (--no-spam leaves
                                 spam out; --bom helps Excel read UTF-8)
  resend <id or reference>       queue the coach notification again
  purge [--dry-run] [--force]    delete inquiries older than INQUIRY_RETENTION_MONTHS (default
                                 12, the privacy note's promise), except those whose notification
                                 never reached the coach; --force deletes those too
  forget <email> [--dry-run]     delete every inquiry and comment from that address and every
                                 email queued or sent for them (a request to be forgotten)
  bookings [--all]               upcoming consultations in your time zone, with each visitor's;
                                 --all adds cancelled ones
  cancel <reference>             cancel a consultation: the visitor gets a cancellation (and
                                 their calendar removes the event), so do you
  check                          validate the environment and open (or create) the database
  migrate-to-postgres            copy the SQLite database (INQUIRY_DB_PATH) into the empty
                                 PostgreSQL database at DATABASE_URL and verify row counts and
                                 checksums; stop the servers first

With DATABASE_URL set, every command works on that PostgreSQL database.
`;

class UsageError extends Error {
  override name = "UsageError";
}

const CSV_COLUMNS = [
  "id",
  "reference",
  "created_at",
  "name",
  "email",
  "goal",
  "goal_race",
  "goal_race_date",
  "years_running",
  "weekly_volume",
  "volume_unit",
  "lifting",
  "time_zone",
  "newsletter",
  "consent_at",
  "privacy_version",
  "spam",
  "spam_reason",
  "message",
] as const;

/** One CSV row per inquiry, in CSV_COLUMNS order. */
export function inquiryCsvRow(inquiry: StoredInquiry): CsvValue[] {
  return [
    inquiry.id,
    inquiry.reference,
    inquiry.createdAt,
    inquiry.name,
    inquiry.email,
    inquiry.goal,
    inquiry.goalRace,
    inquiry.goalRaceDate,
    inquiry.yearsRunning,
    inquiry.weeklyVolume,
    inquiry.volumeUnit,
    inquiry.lifting,
    inquiry.timeZone,
    inquiry.newsletter,
    inquiry.consentAt,
    inquiry.privacyVersion,
    inquiry.spamReason === null ? "no" : "yes",
    inquiry.spamReason,
    inquiry.message,
  ];
}

/** The whole export as CSV text. */
export function inquiriesCsv(inquiries: readonly StoredInquiry[]): string {
  return toCsv(CSV_COLUMNS, inquiries.map(inquiryCsvRow));
}

/** The whole export as JSON text: every stored field, plus `spam` as a plain yes/no boolean. */
export function inquiriesJson(inquiries: readonly StoredInquiry[]): string {
  return `${JSON.stringify(
    inquiries.map((inquiry) => ({ ...inquiry, spam: inquiry.spamReason !== null })),
    null,
    2,
  )}\n`;
}

function mailStatus(messages: readonly OutboxMessage[]): string {
  const coach = messages.filter((m) => m.kind === "coach-notification").at(-1);
  return coach === undefined ? "none" : coach.status;
}

function cell(text: string, width: number): string {
  const safe = printableLine(text);
  return (safe.length > width ? `${safe.slice(0, width - 1)}…` : safe).padEnd(width);
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

async function list(
  store: AsyncInquiryStore,
  includeSpam: boolean,
  limit: number | undefined,
  io: CliIo,
): Promise<void> {
  const inquiries = await store.list(limit === undefined ? { includeSpam } : { includeSpam, limit });
  const hidden = includeSpam ? 0 : await store.spamCount();
  const hiddenNote = `${plural(hidden, "spam inquiry is", "spam inquiries are")} hidden; add --spam to see them.`;
  if (inquiries.length === 0) {
    io.out(hidden === 0 ? "No inquiries yet.\n" : `No inquiries to show (${hiddenNote})\n`);
    return;
  }
  const header = ["ID".padEnd(6), "REFERENCE".padEnd(13), "RECEIVED".padEnd(17), "NAME".padEnd(24)];
  header.push("EMAIL".padEnd(30), "GOAL".padEnd(24), "MAIL".padEnd(7));
  if (includeSpam) header.push("SPAM");
  io.out(`${header.join(" ").trimEnd()}\n`);
  for (const inquiry of inquiries) {
    const columns = [
      String(inquiry.id).padEnd(6),
      inquiry.reference.padEnd(13),
      inquiry.createdAt.slice(0, 16).replace("T", " ").padEnd(17),
      cell(inquiry.name, 24),
      cell(inquiry.email, 30),
      cell(GOAL_LABELS[inquiry.goal], 24),
      mailStatus(await store.messagesFor(inquiry.id)).padEnd(7),
    ];
    if (includeSpam) columns.push(inquiry.spamReason ?? "-");
    io.out(`${columns.join(" ").trimEnd()}\n`);
  }
  if (hidden > 0) io.out(`\n${hiddenNote}\n`);
}

/** One booking's time in the coach's zone, and the visitor's when it differs. */
function bookingWhen(booking: StoredBooking, coachZone: string): string {
  const start = new Date(booking.startAt);
  const coach = describeInstant(start, coachZone);
  const zone = booking.visitorTimeZone;
  return zone === null || zone === coachZone ? coach : `${coach} (${describeInstant(start, zone, "time")} in ${zone})`;
}

async function bookingsList(store: AsyncInquiryStore, deps: CliDeps, all: boolean, io: CliIo): Promise<void> {
  const now = deps.now();
  const far = new Date(now.getTime() + 400 * 86_400_000);
  const bookings = await store.bookingsBetween(now, far, { includeCancelled: all });
  if (bookings.length === 0) {
    io.out("No upcoming consultations.\n");
    return;
  }
  io.out(`Upcoming consultations (times in ${deps.coachTimeZone}):\n\n`);
  for (const booking of bookings) {
    const status = booking.status === "cancelled" ? `  CANCELLED by ${booking.cancelledBy ?? "?"}` : "";
    io.out(`${booking.reference}  ${printableLine(bookingWhen(booking, deps.coachTimeZone))}${status}\n`);
    io.out(`              ${printableLine(booking.name)} <${printableLine(booking.email)}>\n`);
  }
}

async function cancel(store: AsyncInquiryStore, deps: CliDeps, key: string | undefined, io: CliIo): Promise<void> {
  const inquiry = await findOrFail(store, key);
  const result = await store.cancelBooking(inquiry.reference, "coach", deps.now());
  switch (result.status) {
    case "not-found":
      throw new UsageError(`${inquiry.reference} has no booked consultation`);
    case "already-cancelled":
      io.out(`The consultation of ${inquiry.reference} was already cancelled; nothing was sent.\n`);
      return;
    case "past":
      throw new UsageError(`the consultation of ${inquiry.reference} has already started; it cannot be cancelled`);
    case "slot-taken":
    case "moved":
      throw new Error(`unexpected result ${result.status}`);
    case "cancelled":
      io.out(
        `Cancelled the consultation of ${inquiry.reference}: ${printableLine(bookingWhen(result.booking, deps.coachTimeZone))}.\n`,
      );
      io.out(`${printableLine(result.booking.name)} and you get a cancellation with the calendar update; `);
      io.out("the running server sends them within a few seconds, or on its next start.\n");
  }
}

async function show(store: AsyncInquiryStore, inquiry: StoredInquiry, deps: CliDeps, io: CliIo): Promise<void> {
  const rows: [string, string][] = [
    ["Inquiry", `${inquiry.id} (${inquiry.reference})`],
    ["Received", inquiry.createdAt],
    ["Name", inquiry.name],
    ["Email", inquiry.email],
    ["Main goal", GOAL_LABELS[inquiry.goal]],
    ["Goal race", inquiry.goalRace ?? "-"],
    ["Race date", inquiry.goalRaceDate ?? "-"],
    ["Years running", String(inquiry.yearsRunning)],
    ["Weekly volume", `${inquiry.weeklyVolume} ${VOLUME_UNIT_LABELS[inquiry.volumeUnit]}`],
    ["Lifting", LIFTING_LABELS[inquiry.lifting]],
    ["Time zone", inquiry.timeZone ?? "-"],
    ["Newsletter", inquiry.newsletter ? "yes" : "no"],
    ["Consent", `${inquiry.consentAt} (privacy note ${inquiry.privacyVersion})`],
    ["Spam", inquiry.spamReason ?? "no"],
  ];
  const booking = await store.findBooking(inquiry.reference);
  if (booking !== undefined) {
    const state =
      booking.status === "cancelled"
        ? ` (cancelled by ${booking.cancelledBy ?? "?"})`
        : booking.startAt <= deps.now().toISOString()
          ? " (taken place)"
          : "";
    rows.push(["Consultation", `${bookingWhen(booking, deps.coachTimeZone)}${state}`]);
  }
  for (const [label, value] of rows) io.out(`${`${label}:`.padEnd(15)}${printableLine(value)}\n`);
  io.out(`\nMessage:\n${printableBlock(inquiry.message)}\n\nEmails:\n`);
  const messages = await store.messagesFor(inquiry.id);
  if (messages.length === 0) io.out("  none queued\n");
  for (const m of messages) {
    const when = m.sentAt === null ? `next attempt ${m.nextAttemptAt}` : `sent ${m.sentAt}`;
    const error = m.lastError === null ? "" : `, last error: ${printableLine(m.lastError)}`;
    io.out(`  #${m.id} ${m.kind}: ${m.status} (${m.attempts} attempt(s), ${when}${error})\n`);
  }
}

function positiveInt(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text) || Number(text) === 0) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(text);
}

async function findOrFail(store: AsyncInquiryStore, key: string | undefined): Promise<StoredInquiry> {
  if (key === undefined) throw new UsageError("give an inquiry id or reference");
  const inquiry = await store.find(key);
  if (inquiry === undefined) throw new UsageError(`no inquiry with id or reference "${printableLine(key)}"`);
  return inquiry;
}

/** The options each command takes; any other is refused rather than silently ignored. */
const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  list: ["spam", "limit"],
  show: [],
  export: ["format", "spam", "bom"],
  resend: [],
  purge: ["dry-run", "force"],
  forget: ["dry-run"],
  bookings: ["all"],
  cancel: [],
  check: [],
  "migrate-to-postgres": [],
};

/** Whether the coach was never sent this inquiry: a notification was queued and none went out. */
function undelivered(messages: readonly OutboxMessage[]): boolean {
  const coach = messages.filter((m) => m.kind === "coach-notification");
  return coach.length > 0 && coach.every((m) => m.status !== "sent");
}

function received(inquiry: StoredInquiry): string {
  return `  ${inquiry.reference} received ${inquiry.createdAt.slice(0, 16).replace("T", " ")}\n`;
}

async function purge(
  store: AsyncInquiryStore,
  deps: CliDeps,
  dryRun: boolean,
  force: boolean,
  io: CliIo,
): Promise<void> {
  const months = deps.retentionMonths();
  const cutoff = retentionCutoff(deps.now(), months);
  const before = `received before ${cutoff.toISOString()} (older than ${plural(months, "month", "months")})`;
  const { removed, keptUndelivered: kept } = await store.countBefore(cutoff);
  if (dryRun) {
    if (force && kept > 0) {
      io.out(`${removed + kept} inquiry(ies) ${before} would be deleted, `);
      io.out(`including ${kept} whose notification the coach never received.\n`);
    } else if (force || kept === 0) {
      io.out(`${removed} inquiry(ies) ${before} would be deleted.\n`);
    } else {
      io.out(`${removed} inquiry(ies) ${before} would be deleted; ${kept} would be kept because the coach `);
      io.out("never received their notification (add --force to delete them too).\n");
    }
    return;
  }
  const keptInquiries: StoredInquiry[] = [];
  if (!force && kept > 0) {
    for (const i of await store.list({ includeSpam: true })) {
      if (i.createdAt < cutoff.toISOString() && undelivered(await store.messagesFor(i.id))) keptInquiries.push(i);
    }
  }
  const report = await store.purgeBefore(cutoff, { force });
  if (force) {
    io.out(`Deleted ${report.removed} inquiry(ies) ${before}`);
    io.out(kept === 0 ? ".\n" : `, including ${kept} whose notification the coach never received.\n`);
    return;
  }
  io.out(`Deleted ${report.removed} inquiry(ies) ${before}.\n`);
  if (report.keptUndelivered === 0) return;
  io.out(`Kept ${report.keptUndelivered} older inquiry(ies) whose notification the coach never received `);
  io.out("(still pending, or given up after failing):\n");
  for (const inquiry of keptInquiries) io.out(received(inquiry));
  io.out("Send each again with `resend <reference>`, or delete them anyway with `purge --force`.\n");
}

async function forget(
  store: AsyncInquiryStore,
  [email, ...extra]: readonly string[],
  dryRun: boolean,
  io: CliIo,
): Promise<void> {
  if (email === undefined || emailKey(email) === "") throw new UsageError("give the email address to forget");
  if (extra.length > 0) throw new UsageError("forget takes one email address at a time");
  const shown = printableLine(email.trim());
  const key = emailKey(email);
  const matching = (await store.list({ includeSpam: true })).filter((i) => emailKey(i.email) === key);
  const comments = (await store.listComments({ pendingOnly: false })).filter(
    (c) => c.email !== null && emailKey(c.email) === key,
  );
  if (matching.length === 0 && comments.length === 0) {
    io.out(`No inquiries or comments from ${shown}: nothing ${dryRun ? "would be" : "was"} deleted.\n`);
    return;
  }
  const what = (inquiries: number, removedComments: number, messages: number) =>
    removedComments === 0
      ? `${inquiries} inquiry(ies) and ${messages} email(s)`
      : `${inquiries} inquiry(ies), ${removedComments} comment(s) and ${messages} email(s)`;
  if (dryRun) {
    let messages = 0;
    for (const i of matching) messages += (await store.messagesFor(i.id)).length;
    io.out(`Would delete ${what(matching.length, comments.length, messages)} queued or sent for ${shown}:\n`);
    for (const inquiry of matching) io.out(received(inquiry));
    for (const comment of comments) io.out(commentLine(comment));
    return;
  }
  const report = await store.forget(email);
  io.out(`Deleted ${what(report.inquiries, report.comments, report.messages)} queued or sent for ${shown}:\n`);
  for (const inquiry of matching) io.out(received(inquiry));
  for (const comment of comments) io.out(commentLine(comment));
  io.out("Copies of the notifications already emailed to the coach are in her mailbox: delete those there too.\n");
}

function commentLine(comment: StoredComment): string {
  const when = comment.createdAt.slice(0, 16).replace("T", " ");
  return `  comment ${comment.id} on ${printableLine(comment.article)} (${comment.status}) received ${when}\n`;
}

async function run(
  command: string,
  rest: string[],
  store: () => Promise<AsyncInquiryStore>,
  deps: CliDeps,
  io: CliIo,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    options: {
      spam: { type: "boolean" },
      limit: { type: "string" },
      format: { type: "string" },
      bom: { type: "boolean" },
      "dry-run": { type: "boolean" },
      force: { type: "boolean" },
      all: { type: "boolean" },
    },
  });
  const allowed = COMMAND_OPTIONS[command];
  if (allowed === undefined) throw new UsageError(`unknown command "${printableLine(command)}"`);
  const stray = Object.keys(values).find((name) => !allowed.includes(name));
  if (stray !== undefined) throw new UsageError(`${command} does not take --${stray}`);
  switch (command) {
    case "list":
      await list(await store(), values.spam ?? false, positiveInt(values.limit, "limit"), io);
      return;
    case "show": {
      const s = await store();
      await show(s, await findOrFail(s, positionals[0]), deps, io);
      return;
    }
    case "export": {
      const inquiries = async () => (await store()).list({ includeSpam: values.spam ?? true });
      if (values.format === "csv") io.out(`${values.bom === true ? "\ufeff" : ""}${inquiriesCsv(await inquiries())}`);
      else if (values.format === "json") io.out(inquiriesJson(await inquiries()));
      else throw new UsageError("export needs --format csv or --format json");
      return;
    }
    case "resend": {
      const s = await store();
      const inquiry = await findOrFail(s, positionals[0]);
      const messageId = await s.requeueCoachNotification(inquiry.id, deps.now());
      io.out(`Coach notification for ${inquiry.reference} queued (outbox #${messageId}).\n`);
      if (inquiry.spamReason !== null) io.out(`Note: this inquiry is marked as spam (${inquiry.spamReason}).\n`);
      io.out("The running server sends it within a few seconds, or on its next start.\n");
      return;
    }
    case "check": {
      io.out(`${deps.describeConfig()}\n`);
      const s = await store();
      const diagnostics = await s.diagnostics();
      let pending = 0;
      for (const i of await s.list({ includeSpam: false })) {
        if (mailStatus(await s.messagesFor(i.id)) === "pending") pending += 1;
      }
      const engine =
        diagnostics.store === "sqlite"
          ? `${diagnostics.journalMode} journal`
          : `PostgreSQL ${diagnostics.serverVersion}, database ${diagnostics.database}`;
      io.out(`Database ready: schema version ${diagnostics.schemaVersion}, ${engine}, `);
      io.out(
        `${(await s.list({ includeSpam: true })).length} inquiry(ies), ${pending} coach notification(s) pending.\n`,
      );
      return;
    }
    case "purge":
      await purge(await store(), deps, values["dry-run"] ?? false, values.force ?? false, io);
      return;
    case "forget":
      await forget(await store(), positionals, values["dry-run"] ?? false, io);
      return;
    case "bookings":
      await bookingsList(await store(), deps, values.all ?? false, io);
      return;
    case "cancel":
      await cancel(await store(), deps, positionals[0], io);
      return;
    case "migrate-to-postgres": {
      const reports = await deps.migrateToPostgres();
      io.out("Copied into PostgreSQL and verified (rows and SHA-256 of every row, on both sides):\n");
      for (const report of reports) {
        io.out(`  ${report.table.padEnd(10)} ${String(report.rows).padStart(7)} rows  ${report.checksum}\n`);
      }
      io.out("Start the servers with DATABASE_URL set; keep the SQLite file until you have checked the site.\n");
      return;
    }
    default:
      throw new UsageError(`unknown command "${printableLine(command)}"`);
  }
}

/** Runs one command; resolves with the exit code (0 ok, 1 usage or not found, 2 cannot open the database). */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command === undefined ? 1 : 0;
  }
  const opener = storeOpener(() => deps.openStore());
  const guardedDeps: CliDeps = {
    ...deps,
    describeConfig: () => opener.setup(() => deps.describeConfig()),
    retentionMonths: () => opener.setup(() => deps.retentionMonths()),
  };
  try {
    await run(command, rest, opener.store, guardedDeps, io);
    return 0;
  } catch (error) {
    if (opener.failed()) {
      io.err(`Cannot open the inquiry database: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const usage = error instanceof UsageError || (error instanceof TypeError && "code" in error);
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}` : ""}`);
    return 1;
  } finally {
    await opener.close();
  }
}

/** A command's store, opened on first use, and whether opening it (or the set-up) failed. */
export interface StoreOpener {
  /** The open store; the first call opens it and reaches the database. */
  readonly store: () => Promise<AsyncInquiryStore>;
  /** Runs a set-up step (reading the configuration, say) whose failure counts as failing to open. */
  readonly setup: <T>(step: () => T) => T;
  /** True once opening or a set-up step has failed: the command's error is then "cannot open". */
  readonly failed: () => boolean;
  /** Closes the store if it was opened. */
  readonly close: () => Promise<void>;
}

export function storeOpener(open: () => AsyncInquiryStore): StoreOpener {
  let opened: AsyncInquiryStore | undefined;
  let openError: unknown;
  let opening: Promise<AsyncInquiryStore> | undefined;
  const setup = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      openError = error;
      throw error;
    }
  };
  return {
    setup,
    store: () =>
      (opening ??= (async () => {
        opened = setup(open);
        // A store may connect only on its first call: reach the database now, so that a refusal is
        // reported as the database being unavailable rather than as the command failing.
        try {
          await opened.diagnostics();
        } catch (error) {
          openError = error;
          throw error;
        }
        return opened;
      })()),
    failed: () => openError !== undefined,
    close: async () => {
      await opened?.close().catch(() => undefined);
    },
  };
}
