/**
 * Calendar dates as ISO "YYYY-MM-DD" strings and whole day numbers (days since 1970-01-01), in the
 * proleptic Gregorian calendar of UTC. It uses the platform's date arithmetic but never its clock or
 * time zone: "today" is always passed in by the caller.
 */

const DAY_MS = 86_400_000;

/** The day number of a real calendar date written YYYY-MM-DD, or undefined for anything else. */
export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  if (match === null) return undefined;
  // setUTCFullYear takes years 0-99 literally, and a date that does not exist rolls over and fails the check.
  const day = new Date(0).setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  return formatIsoDate(day) === text ? day : undefined;
}

/** The YYYY-MM-DD string of a day number (years 0-9999). */
export function formatIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
