/**
 * Instants (a Date, one moment everywhere) against civil dates and wall-clock times in a named IANA
 * time zone: which date and time an instant reads on a zone's clocks, and which instant a date and
 * time in a zone means. The zone's rules come from the runtime's Intl data, so daylight-saving days
 * and half-hour zones come out right; offsets are taken in whole minutes, as every zone has used
 * since 1972. It has no clock of its own: instants are passed in. Every function also takes
 * LOCAL_TIME_ZONE (civil-date.ts), the runtime's own zone, which it reads without Intl.
 */
import type { LocalDateTime } from "./civil-date.ts";
import { LOCAL_TIME_ZONE, isoDateOf, runtimeDateTime } from "./civil-date.ts";
import { requireIsoDate } from "./date-arithmetic.ts";

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is LOCAL_TIME_ZONE or an IANA zone name (or "UTC") this runtime knows. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (timeZone === LOCAL_TIME_ZONE) return true;
  if (typeof timeZone !== "string" || timeZone === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `candidate` when it is a known zone, otherwise "UTC" (for a browser that reports no zone). */
export function resolveTimeZone(candidate: unknown): string {
  return isValidTimeZone(candidate) ? candidate : "UTC";
}

/**
 * The wall-clock date, hour and minute of `instant` in `timeZone` (an IANA name or LOCAL_TIME_ZONE).
 * Throws a RangeError for an invalid Date or an unknown zone.
 */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  if (Number.isNaN(instant.getTime())) throw new RangeError("localDateTime: the instant is an invalid Date");
  if (timeZone === LOCAL_TIME_ZONE) return runtimeDateTime(instant);
  const parts = formatterFor(timeZone).formatToParts(instant);
  const read = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return {
    date: isoDateOf({ year: read("year"), month: read("month"), day: read("day") }),
    // Some engines print midnight as hour 24 even with h23; it is hour 0 of the same date.
    hour: read("hour") % 24,
    minute: read("minute"),
  };
}

// A wall-clock reading as minutes since 1970-01-01T00:00 of that same clock.
function wallMinutes(date: string, hour: number, minute: number): number {
  return requireIsoDate(date) * DAY_MINUTES + hour * 60 + minute;
}

/** Minutes the zone's clocks are ahead of UTC at the minute holding `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const minutes = Math.floor(ms / MINUTE_MS);
  const local = localDateTime(new Date(minutes * MINUTE_MS), timeZone);
  return wallMinutes(local.date, local.hour, local.minute) - minutes;
}

/**
 * The instant at which clocks in `timeZone` read `date` (YYYY-MM-DD) at `hour`:`minute`. Where
 * that reading happens twice (clocks go back) it is the earlier instant; where it never happens
 * (clocks go forward) it is read with the offset from before the change, so 02:30 on a day that
 * skips from 02:00 to 03:00 is 03:30 (RFC 5545 and Temporal's "compatible" rule). Throws a
 * RangeError for a non-date, an hour outside 0-23, a minute outside 0-59 or an unknown zone.
 */
export function instantOf(date: string, hour: number, minute: number, timeZone: string): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`instantOf: ${hour}:${minute} is not a time of day`);
  }
  if (!isValidTimeZone(timeZone)) throw new RangeError(`instantOf: unknown time zone ${String(timeZone)}`);
  const wall = wallMinutes(date, hour, minute);
  // A zone changes its offset at most once in two days, so the offsets a day either side are the
  // only ones the reading can have been made with.
  const before = offsetAt((wall - DAY_MINUTES) * MINUTE_MS, timeZone);
  const after = offsetAt((wall + DAY_MINUTES) * MINUTE_MS, timeZone);
  const readings = [before, after]
    .map((offset) => wall - offset)
    .filter((utc) => offsetAt(utc * MINUTE_MS, timeZone) === wall - utc);
  return new Date((readings.length > 0 ? Math.min(...readings) : wall - before) * MINUTE_MS);
}
