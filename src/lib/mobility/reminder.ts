/**
 * "Add a daily reminder": an iCalendar (RFC 5545) file with one daily event, 15 minutes long with
 * an alarm at its start, repeating once for each day not yet done. The start is a floating local
 * time (DTSTART without Z or TZID): it rings at the picked time wherever the runner's device is,
 * and a floating time needs no VTIMEZONE block, which a TZID would require and which cannot be
 * built faithfully from Intl. The first reminder is the next time the picked time comes round,
 * skipping today when today's session is already done. It has no clock (`now`) and no randomness
 * (the UID is passed in), so the output is deterministic; it knows nothing about downloads.
 */
import { addDays } from "../calendar/date-arithmetic";
import { completedCount } from "./days";
import { icsDocument, escapeText, utcStamp } from "../calendar/ics-text";
import { PROGRAM_DAYS } from "./program";
import { fail, ok } from "./result";
import type { Result } from "./result";
import type { MobilityState } from "./schema";
import { isValidTimeZone, localDateTime } from "../calendar/time-zone";
import { trainingDateOfLocal } from "./training-date";

/** File name and MIME type for the download. */
export const REMINDER_FILE_NAME = "run-smart-mobility-reminder.ics";
export const ICS_MIME_TYPE = "text/calendar;charset=utf-8";
export const REMINDER_PRODID = "-//Run Smart//Mobility Reminder//EN";
/** Length of each reminder event, in minutes. */
export const REMINDER_MINUTES = 15;

const DEFAULT_SUMMARY = "Mobility session (Run Smart)";
const DEFAULT_DESCRIPTION =
  "Your daily session of the 25-day mobility program. Mark the day done in the tracker when you finish.";

export interface ReminderRequest {
  readonly state: MobilityState;
  readonly now: Date;
  /** The runner's IANA zone: it decides today's date and whether the time has passed today. */
  readonly timeZone: string;
  /** Local time of day, 24-hour "HH:MM" (an <input type="time"> value; seconds are ignored). */
  readonly time: string;
  /** Globally unique and stable for this download, e.g. `${crypto.randomUUID()}@runsmart`. */
  readonly uid: string;
  readonly summary?: string;
  readonly description?: string;
  /** An http(s) link back to the tracker, added as URL and to the description. */
  readonly url?: string;
}

export interface Reminder {
  /** The .ics text (CRLF line endings). */
  readonly ics: string;
  /** The local date of the first reminder, YYYY-MM-DD. */
  readonly firstDate: string;
  /** How many daily reminders (the days not yet done). */
  readonly count: number;
}

export interface ReminderError {
  readonly reason: "no-days-left" | "invalid-time" | "invalid-uid" | "invalid-url" | "invalid-time-zone";
  readonly message: string;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d+)?)?$/;
const URL_PATTERN = /^https?:\/\/\S+$/;

/** Hour and minute of an "HH:MM" (or "H:MM", "HH:MM:SS") time, or undefined. */
export function parseReminderTime(text: string): { readonly hour: number; readonly minute: number } | undefined {
  const match = TIME.exec(text.trim());
  if (match === null) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function trainedOn(state: MobilityState, date: string): boolean {
  return Object.values(state.days).some((c) => c.on === date);
}

/** The local date (YYYY-MM-DD) of the first reminder at hour:minute after `now`. */
export function firstReminderDate(
  state: MobilityState,
  now: Date,
  timeZone: string,
  time: { readonly hour: number; readonly minute: number },
): string {
  const local = localDateTime(now, timeZone);
  const stillToCome = local.hour * 60 + local.minute < time.hour * 60 + time.minute;
  const date = stillToCome ? local.date : addDays(local.date, 1);
  const today = trainingDateOfLocal(local);
  const sameTrainingDay = trainingDateOfLocal({ date, hour: time.hour }) === today;
  return sameTrainingDay && trainedOn(state, today) ? addDays(date, 1) : date;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function hasControl(text: string): boolean {
  return Array.from(text).some((ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return cp < 0x20 || cp === 0x7f;
  });
}

/** The reminder calendar for a request, or why there is none. Never throws. */
export function reminderCalendar(request: ReminderRequest): Result<Reminder, ReminderError> {
  const count = PROGRAM_DAYS - completedCount(request.state);
  if (count <= 0)
    return fail({ reason: "no-days-left", message: "Every day is done: there is nothing left to remind you of." });
  const time = parseReminderTime(request.time);
  if (time === undefined) return fail({ reason: "invalid-time", message: "Pick a time of day, like 07:30." });
  const uid = request.uid.trim();
  if (uid === "" || uid.length > 255 || hasControl(uid)) {
    return fail({ reason: "invalid-uid", message: "The reminder needs an identifier of 1 to 255 plain characters." });
  }
  if (
    request.url !== undefined &&
    (!URL_PATTERN.test(request.url) || hasControl(request.url) || request.url.length > 2000)
  ) {
    return fail({ reason: "invalid-url", message: "The reminder link must be an http or https address." });
  }
  if (!isValidTimeZone(request.timeZone) || Number.isNaN(request.now.getTime())) {
    return fail({ reason: "invalid-time-zone", message: "Your device's time zone or clock could not be read." });
  }

  const firstDate = firstReminderDate(request.state, request.now, request.timeZone, time);
  const summary = request.summary ?? DEFAULT_SUMMARY;
  const description = [request.description ?? DEFAULT_DESCRIPTION, request.url].filter((s) => s !== undefined);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${REMINDER_PRODID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${escapeText(uid)}`,
    `DTSTAMP:${utcStamp(request.now)}`,
    `DTSTART:${firstDate.replace(/-/g, "")}T${pad(time.hour)}${pad(time.minute)}00`,
    `DURATION:PT${REMINDER_MINUTES}M`,
    `RRULE:FREQ=DAILY;COUNT=${count}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description.join("\n"))}`,
    ...(request.url === undefined ? [] : [`URL:${request.url}`]),
    "TRANSP:TRANSPARENT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeText(summary)}`,
    "TRIGGER:PT0M",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return ok({ ics: icsDocument(lines), firstDate, count });
}
