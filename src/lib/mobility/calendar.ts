/**
 * Calendar dates written YYYY-MM-DD, with exact integer arithmetic on day numbers (days since
 * 1970-01-01, proleptic Gregorian calendar). It has no clock and no time zone: which date it is
 * for a runner is decided in training-date.ts.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A civil date's parts. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The day number of a real calendar date written YYYY-MM-DD, or undefined for anything else. */
export function parseIsoDate(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumber({ year, month, day });
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: unknown): text is string {
  return parseIsoDate(text) !== undefined;
}

/** The YYYY-MM-DD text of a day number. */
export function formatIsoDate(dayNumberValue: number): string {
  const { year, month, day } = civilDate(dayNumberValue);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** The YYYY-MM-DD text of civil date parts (not checked: use parseIsoDate on outside input). */
export function isoDateOf(date: CivilDate): string {
  return formatIsoDate(dayNumber(date));
}

/** The date `days` after (or before, when negative) `date`. Throws a RangeError if `date` is not a date. */
export function addDays(date: string, days: number): string {
  return formatIsoDate(requireDate(date) + days);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. Throws a RangeError if `date` is not a date. */
export function isoWeekday(date: string): number {
  // 1970-01-01, day number 0, was a Thursday (ISO weekday 4).
  return mod(requireDate(date) + 3, 7) + 1;
}

/** The Monday-to-Sunday week holding `date`, as its first and last dates (inclusive). */
export function weekOf(date: string): { readonly start: string; readonly end: string } {
  const start = addDays(date, 1 - isoWeekday(date));
  return { start, end: addDays(start, 6) };
}

/** Days from `from` to `to` (negative when `to` is earlier). Throws a RangeError for a non-date. */
export function daysBetween(from: string, to: string): number {
  return requireDate(to) - requireDate(from);
}

function requireDate(date: string): number {
  const n = parseIsoDate(date);
  if (n === undefined) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every proleptic Gregorian date.
function dayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilDate(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
