/**
 * A consultation's time as people read it, in a named time zone: "Monday, March 15, 2027 at 9:00 AM
 * MDT". Every label carries the zone's name or offset, so the two 1:30 AMs of a night when clocks go
 * back read differently. Used by the thanks and manage pages, the emails and the coach's command
 * line (the server side; the form's picker has its own labels). It also reads a chosen start time
 * from untrusted input. It has no clock and knows nothing about where the times come from.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

const STYLES = {
  full: {
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  },
  time: { hour: "numeric", minute: "2-digit", timeZoneName: "short" },
  day: { weekday: "long", month: "long", day: "numeric" },
  short: { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type WhenStyle = keyof typeof STYLES;

function formatter(timeZone: string, style: WhenStyle): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      calendar: "gregory",
      numberingSystem: "latn",
      ...STYLES[style],
      timeZone,
    });
    formatters.set(key, format);
  }
  return format;
}

/** `instant` in `timeZone` (an IANA name the runtime knows) in the given style. */
export function describeInstant(instant: Date, timeZone: string, style: WhenStyle = "full"): string {
  return formatter(timeZone, style).format(instant);
}

/**
 * The zone `text` names, or null when it names none (blank, too long, unknown to Intl). Visitors
 * type their zone or the browser fills it in; both are untrusted. The name is kept as written
 * (only its letter case is taken from the runtime's spelling), because the runtime may call a zone
 * by an older name ("Asia/Calcutta" for "Asia/Kolkata") that a visitor would not recognise.
 */
export function knownZone(text: unknown): string | null {
  if (typeof text !== "string") return null;
  const name = text.trim();
  if (name === "" || name.length > 64 || name.toLowerCase() === "local") return null;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

/** The zone's city as people say it: "America/Los_Angeles" is "Los Angeles". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
}

/** One consultation's start, for the visitor and the coach. */
export interface TwoZoneTime {
  /** In the visitor's zone, or null when theirs is unknown or the same as the coach's. */
  readonly visitor: string | null;
  readonly coach: string;
}

/** A start time in the visitor's zone (when known and different) and the coach's. */
export function inBothZones(start: Date, visitorZone: string | null, coachZone: string): TwoZoneTime {
  const visitor = visitorZone === null || knownZone(visitorZone) === knownZone(coachZone) ? null : visitorZone;
  return {
    visitor: visitor === null ? null : describeInstant(start, visitor),
    coach: describeInstant(start, coachZone),
  };
}

const UTC_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?Z$/;

/**
 * The instant a submitted start time names: ISO 8601 in UTC ("2027-03-15T15:00:00.000Z"), a real
 * moment; undefined for anything else (other offsets, rolled-over dates, text).
 */
export function parseInstant(text: unknown): Date | undefined {
  if (typeof text !== "string" || text.length > 40) return undefined;
  const trimmed = text.trim();
  if (!UTC_INSTANT.test(trimmed)) return undefined;
  const at = new Date(trimmed);
  if (Number.isNaN(at.getTime())) return undefined;
  // Date.parse rolls 2027-02-30 over into March: such a value is not the moment it claims to be.
  return at.toISOString().slice(0, 16) === trimmed.slice(0, 16) ? at : undefined;
}
