/**
 * Civil (calendar) dates written YYYY-MM-DD, years 0000-9999 of the proleptic Gregorian calendar,
 * and their day numbers (days since 1970-01-01), on which date arithmetic is exact integer
 * arithmetic (date-arithmetic.ts). A civil date names a day, not a moment: it has no clock and no
 * time zone. Which date an instant falls on in a named zone is time-zone.ts; in the runtime's own zone (for a browser,
 * where the person is) it is runtimeDateTime here, which reads Date's local getters instead of
 * Intl: the first Intl.DateTimeFormat of a page costs 20-35 ms of main thread (85-140 ms at 4x CPU
 * throttling), a long task right at an island's hydration, and the islands that need only this do
 * not ship the Intl code.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** A civil date's parts: month 1-12, day 1-31. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

// setUTCFullYear takes years 0-99 literally (Date.UTC would read them as 1900-1999); a day that
// does not exist rolls over into the next month.
function dayNumberOf({ year, month, day }: CivilDate): number {
  return new Date(0).setUTCFullYear(year, month - 1, day) / DAY_MS;
}

/** The day number of a real calendar date written YYYY-MM-DD, or undefined for anything else. */
export function parseIsoDate(text: unknown): number | undefined {
  const match = typeof text === "string" ? ISO_DATE.exec(text) : null;
  if (match === null) return undefined;
  const day = dayNumberOf({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
  // A date that does not exist (2026-02-30) rolled over, so it does not come back as written.
  return formatIsoDate(day) === text ? day : undefined;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: unknown): text is string {
  return parseIsoDate(text) !== undefined;
}

/** The YYYY-MM-DD text of a day number (years 0000-9999). */
export function formatIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The YYYY-MM-DD text of civil date parts; a day past the month's end rolls over. */
export function isoDateOf(date: CivilDate): string {
  return formatIsoDate(dayNumberOf(date));
}

/** The name time-zone.ts and its callers use for the runtime's own zone. */
export const LOCAL_TIME_ZONE = "local";

/** The wall-clock reading of an instant in a zone. */
export interface LocalDateTime {
  /** Local calendar date, YYYY-MM-DD. */
  readonly date: string;
  /** Local hour, 0-23. */
  readonly hour: number;
  /** Local minute, 0-59. */
  readonly minute: number;
}

/** The wall-clock date, hour and minute of `instant` in the runtime's own zone. */
export function runtimeDateTime(instant: Date): LocalDateTime {
  return {
    date: isoDateOf({ year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate() }),
    hour: instant.getHours(),
    minute: instant.getMinutes(),
  };
}
