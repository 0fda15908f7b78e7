/**
 * Arithmetic on YYYY-MM-DD civil dates: days apart, a date some days on, its ISO weekday and its
 * Monday-to-Sunday week, all exact through day numbers (civil-date.ts). It is apart from
 * civil-date.ts because the load calculator needs only parsing and formatting, and islands ship
 * every function of a module any of them uses.
 */
import { formatIsoDate, parseIsoDate } from "./civil-date.ts";

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
