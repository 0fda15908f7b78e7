/**
 * Civil (calendar) dates written YYYY-MM-DD, years 0000-9999 of the proleptic Gregorian calendar,
 * and their day numbers (days since 1970-01-01), on which date arithmetic is exact integer
 * arithmetic. A civil date names a day, not a moment: it has no clock and no time zone. Which date
 * an instant falls on somewhere is time-zone.ts.
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

/** The day number of a YYYY-MM-DD date. Throws a RangeError for anything else. */
export function requireIsoDate(date: string): number {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  return day;
}

/** The date `days` after (or before, when negative) `date`. Throws a RangeError if `date` is not a date. */
export function addDays(date: string, days: number): string {
  return formatIsoDate(requireIsoDate(date) + days);
}

/** Days from `from` to `to` (negative when `to` is earlier). Throws a RangeError for a non-date. */
export function daysBetween(from: string, to: string): number {
  return requireIsoDate(to) - requireIsoDate(from);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. Throws a RangeError if `date` is not a date. */
export function isoWeekday(date: string): number {
  // Day 0, 1970-01-01, was a Thursday (ISO weekday 4).
  return ((((requireIsoDate(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday-to-Sunday week holding `date`, as its first and last dates (inclusive). */
export function weekOf(date: string): { readonly start: string; readonly end: string } {
  const start = addDays(date, 1 - isoWeekday(date));
  return { start, end: addDays(start, 6) };
}
