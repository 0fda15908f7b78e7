/**
 * Which calendar date a moment counts as for a runner: the local date in their IANA time zone,
 * with the day turning over at 4 a.m. rather than midnight, so a session at 1 a.m. still belongs to
 * the evening before. The wall clock decides, not a fixed offset, so daylight-saving days and
 * half-hour zones come out right. It has no clock of its own (the instant is passed in) and does
 * not know which zone the runner is in (the island passes the browser's zone).
 */
import { addDays, isoDateOf } from "./calendar";

/** The local hour (0-23) at which a new training date begins. */
export const TRAINING_DAY_CUTOFF_HOUR = 4;

/** The wall-clock reading of an instant in a zone. */
export interface LocalDateTime {
  /** Local calendar date, YYYY-MM-DD. */
  readonly date: string;
  /** Local hour, 0-23. */
  readonly hour: number;
  /** Local minute, 0-59. */
  readonly minute: number;
}

/**
 * The zone of the runtime itself, read through Date's local getters instead of Intl. The island
 * uses it: the runner's zone is the browser's, and the first Intl.DateTimeFormat of a page costs
 * 20-35 ms of main thread (85-140 ms at 4x CPU throttling), a long task right at hydration.
 */
export const LOCAL_TIME_ZONE = "local";

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
  if (timeZone === LOCAL_TIME_ZONE) {
    return {
      date: isoDateOf({ year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate() }),
      hour: instant.getHours(),
      minute: instant.getMinutes(),
    };
  }
  const parts = formatterFor(timeZone).formatToParts(instant);
  const read = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  // Some engines print midnight as hour 24 even with h23; it is hour 0 of the same date.
  const hour = read("hour") % 24;
  return {
    date: isoDateOf({ year: read("year"), month: read("month"), day: read("day") }),
    hour,
    minute: read("minute"),
  };
}

/** The training date (YYYY-MM-DD) of a local wall-clock reading: before 4 a.m. is the day before. */
export function trainingDateOfLocal(local: Pick<LocalDateTime, "date" | "hour">): string {
  return local.hour < TRAINING_DAY_CUTOFF_HOUR ? addDays(local.date, -1) : local.date;
}

/**
 * The training date (YYYY-MM-DD) of `instant` for a runner in `timeZone`: the local date, or the
 * local date before it when the local time is earlier than 04:00. Throws a RangeError for an
 * invalid Date or an unknown zone (see resolveTimeZone).
 */
export function trainingDate(instant: Date, timeZone: string): string {
  return trainingDateOfLocal(localDateTime(instant, timeZone));
}
