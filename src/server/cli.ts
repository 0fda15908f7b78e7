/**
 * The coach's inquiry commands behind `npm run inquiries -- <command>`: list, show, export (CSV or
 * JSON), resend, purge (the retention period, keeping what the coach never received), forget (a
 * request to be forgotten), bookings (the upcoming consultations), cancel (one of them, telling the
 * visitor), and check (for operators: validate the environment before starting).
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
import type { StoredBooking } from "./booking-store.ts";
import { retentionCutoff } from "./retention.ts";
import { emailKey } from "./store.ts";
import type { InquiryStore, OutboxMessage, StoredInquiry } from "./store.ts";
import type { StoredComment } from "./comment-store.ts";
import { printableBlock, printableLine } from "./terminal.ts";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliDeps {
  /** Opens the database; may throw (for example a ConfigError), which is reported, exit code 2. */
  openStore(): InquiryStore;
  /** The configuration summary the server logs at start-up; may throw like openStore. */
  describeConfig(): string;
  /** How many months inquiries are kept (INQUIRY_RETENTION_MONTHS); may throw like openStore. */
  retentionMonths(): number;
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

function list(store: InquiryStore, includeSpam: boolean, limit: number | undefined, io: CliIo): void {
  const inquiries = store.list(limit === undefined ? { includeSpam } : { includeSpam, limit });
  const hidden = includeSpam ? 0 : store.spamCount();
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
      mailStatus(store.messagesFor(inquiry.id)).padEnd(7),
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

function bookingsList(store: InquiryStore, deps: CliDeps, all: boolean, io: CliIo): void {
  const now = deps.now();
  const far = new Date(now.getTime() + 400 * 86_400_000);
  const bookings = store.bookingsBetween(now, far, { includeCancelled: all });
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

function cancel(store: InquiryStore, deps: CliDeps, key: string | undefined, io: CliIo): void {
  const inquiry = findOrFail(store, key);
  const result = store.cancelBooking(inquiry.reference, "coach", deps.now());
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

function show(store: InquiryStore, inquiry: StoredInquiry, deps: CliDeps, io: CliIo): void {
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
  const booking = store.findBooking(inquiry.reference);
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
  const messages = store.messagesFor(inquiry.id);
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

function findOrFail(store: InquiryStore, key: string | undefined): StoredInquiry {
  if (key === undefined) throw new UsageError("give an inquiry id or reference");
  const inquiry = store.find(key);
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
};

/** Whether the coach was never sent this inquiry: a notification was queued and none went out. */
function undelivered(messages: readonly OutboxMessage[]): boolean {
  const coach = messages.filter((m) => m.kind === "coach-notification");
  return coach.length > 0 && coach.every((m) => m.status !== "sent");
}

function received(inquiry: StoredInquiry): string {
  return `  ${inquiry.reference} received ${inquiry.createdAt.slice(0, 16).replace("T", " ")}\n`;
}

function purge(store: InquiryStore, deps: CliDeps, dryRun: boolean, force: boolean, io: CliIo): void {
  const months = deps.retentionMonths();
  const cutoff = retentionCutoff(deps.now(), months);
  const before = `received before ${cutoff.toISOString()} (older than ${plural(months, "month", "months")})`;
  const { removed, keptUndelivered: kept } = store.countBefore(cutoff);
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
  const keptInquiries =
    force || kept === 0
      ? []
      : store
          .list({ includeSpam: true })
          .filter((i) => i.createdAt < cutoff.toISOString() && undelivered(store.messagesFor(i.id)));
  const report = store.purgeBefore(cutoff, { force });
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

function forget(store: InquiryStore, [email, ...extra]: readonly string[], dryRun: boolean, io: CliIo): void {
  if (email === undefined || emailKey(email) === "") throw new UsageError("give the email address to forget");
  if (extra.length > 0) throw new UsageError("forget takes one email address at a time");
  const shown = printableLine(email.trim());
  const key = emailKey(email);
  const matching = store.list({ includeSpam: true }).filter((i) => emailKey(i.email) === key);
  const comments = store
    .listComments({ pendingOnly: false })
    .filter((c) => c.email !== null && emailKey(c.email) === key);
  if (matching.length === 0 && comments.length === 0) {
    io.out(`No inquiries or comments from ${shown}: nothing ${dryRun ? "would be" : "was"} deleted.\n`);
    return;
  }
  const what = (inquiries: number, removedComments: number, messages: number) =>
    removedComments === 0
      ? `${inquiries} inquiry(ies) and ${messages} email(s)`
      : `${inquiries} inquiry(ies), ${removedComments} comment(s) and ${messages} email(s)`;
  if (dryRun) {
    const messages = matching.reduce((n, i) => n + store.messagesFor(i.id).length, 0);
    io.out(`Would delete ${what(matching.length, comments.length, messages)} queued or sent for ${shown}:\n`);
    for (const inquiry of matching) io.out(received(inquiry));
    for (const comment of comments) io.out(commentLine(comment));
    return;
  }
  const report = store.forget(email);
  io.out(`Deleted ${what(report.inquiries, report.comments, report.messages)} queued or sent for ${shown}:\n`);
  for (const inquiry of matching) io.out(received(inquiry));
  for (const comment of comments) io.out(commentLine(comment));
  io.out("Copies of the notifications already emailed to the coach are in her mailbox: delete those there too.\n");
}

function commentLine(comment: StoredComment): string {
  const when = comment.createdAt.slice(0, 16).replace("T", " ");
  return `  comment ${comment.id} on ${printableLine(comment.article)} (${comment.status}) received ${when}\n`;
}

function run(command: string, rest: string[], store: () => InquiryStore, deps: CliDeps, io: CliIo): void {
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
      list(store(), values.spam ?? false, positiveInt(values.limit, "limit"), io);
      return;
    case "show": {
      const s = store();
      show(s, findOrFail(s, positionals[0]), deps, io);
      return;
    }
    case "export": {
      const inquiries = () => store().list({ includeSpam: values.spam ?? true });
      if (values.format === "csv") io.out(`${values.bom === true ? "\ufeff" : ""}${inquiriesCsv(inquiries())}`);
      else if (values.format === "json") io.out(inquiriesJson(inquiries()));
      else throw new UsageError("export needs --format csv or --format json");
      return;
    }
    case "resend": {
      const s = store();
      const inquiry = findOrFail(s, positionals[0]);
      const messageId = s.requeueCoachNotification(inquiry.id, deps.now());
      io.out(`Coach notification for ${inquiry.reference} queued (outbox #${messageId}).\n`);
      if (inquiry.spamReason !== null) io.out(`Note: this inquiry is marked as spam (${inquiry.spamReason}).\n`);
      io.out("The running server sends it within a few seconds, or on its next start.\n");
      return;
    }
    case "check": {
      io.out(`${deps.describeConfig()}\n`);
      const s = store();
      const { schemaVersion, journalMode } = s.diagnostics();
      const pending = s.list({ includeSpam: false }).filter((i) => mailStatus(s.messagesFor(i.id)) === "pending");
      io.out(`Database ready: schema version ${schemaVersion}, ${journalMode} journal, `);
      io.out(
        `${s.list({ includeSpam: true }).length} inquiry(ies), ${pending.length} coach notification(s) pending.\n`,
      );
      return;
    }
    case "purge":
      purge(store(), deps, values["dry-run"] ?? false, values.force ?? false, io);
      return;
    case "forget":
      forget(store(), positionals, values["dry-run"] ?? false, io);
      return;
    case "bookings":
      bookingsList(store(), deps, values.all ?? false, io);
      return;
    case "cancel":
      cancel(store(), deps, positionals[0], io);
      return;
    default:
      throw new UsageError(`unknown command "${printableLine(command)}"`);
  }
}

/** Runs one command; returns the exit code (0 ok, 1 usage or not found, 2 cannot open the database). */
export function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command === undefined ? 1 : 0;
  }
  let opened: InquiryStore | undefined;
  let openError: unknown;
  const setup = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      openError = error;
      throw error;
    }
  };
  const store = (): InquiryStore => (opened ??= setup(() => deps.openStore()));
  const guardedDeps: CliDeps = {
    ...deps,
    describeConfig: () => setup(() => deps.describeConfig()),
    retentionMonths: () => setup(() => deps.retentionMonths()),
  };
  try {
    run(command, rest, store, guardedDeps, io);
    return 0;
  } catch (error) {
    if (openError !== undefined) {
      io.err(`Cannot open the inquiry database: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const usage = error instanceof UsageError || (error instanceof TypeError && "code" in error);
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}` : ""}`);
    return 1;
  } finally {
    opened?.close();
  }
}
