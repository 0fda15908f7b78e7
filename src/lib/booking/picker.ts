/**
 * The consultation picker's view of a BookingOffer: its start times grouped into the days of one
 * time zone, with the labels a visitor reads ("9:00 AM", and the coach's own clock beside it). Only
 * the runtime's Intl is used (the browser's own on the page), so day boundaries, daylight-saving
 * changes and half-hour zones come out as each zone's clocks show them. It knows nothing about how
 * the times were found, about forms or the DOM, and has no clock: the instants are the offer's.
 */
import type { BookingOffer } from "./offer.ts";

/** One start time as the visitor reads it. */
export interface PickerTime {
  /** The offer's instant, exactly as offered: the value the form sends. */
  readonly instant: string;
  /** Wall-clock time in the visitor's zone, e.g. "9:00 AM". */
  readonly time: string;
  /**
   * The coach's wall-clock time, e.g. "10:00 AM", led by the weekday ("Tue 10:00 AM") when her date
   * differs from the visitor's; undefined when both use the same zone.
   */
  readonly coachTime: string | undefined;
}

/** The start times of one calendar day in the visitor's zone. */
export interface PickerDay {
  /** The date in the visitor's zone, YYYY-MM-DD. */
  readonly date: string;
  /** E.g. "Monday, March 29". */
  readonly label: string;
  /** E.g. "Mon, Mar 29". */
  readonly short: string;
  readonly times: readonly PickerTime[];
}

const LOCALE = "en-US";
const BASE = { calendar: "gregory", numberingSystem: "latn" } as const;
const STYLES = {
  parts: { year: "numeric", month: "2-digit", day: "2-digit" },
  day: { weekday: "long", month: "long", day: "numeric" },
  short: { weekday: "short", month: "short", day: "numeric" },
  time: { hour: "numeric", minute: "2-digit" },
  weekday: { weekday: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
type Style = keyof typeof STYLES;

// Creating a formatter is the expensive part of Intl (tens of milliseconds for the first one of a
// page): one per zone and style, kept for the page's life.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: Style): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(LOCALE, { ...BASE, ...STYLES[style], timeZone });
    formatters.set(key, format);
  }
  return format;
}

/**
 * The runtime's name for the zone `text` names (IANA names in any letter case, "UTC"), or undefined
 * when it names none: blank, too long, or unknown to Intl.
 */
export function canonicalTimeZone(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const name = text.trim();
  if (name === "" || name.length > 64) return undefined;
  try {
    return formatter(name, "parts").resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The zone's city as people say it: "America/Argentina/Buenos_Aires" is "Buenos Aires". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
}

/** The calendar date `at` falls on in `timeZone`, YYYY-MM-DD. */
export function dateIn(at: Date, timeZone: string): string {
  const parts = formatter(timeZone, "parts").formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * The offer's start times grouped into the days of `timeZone` (a valid zone, see canonicalTimeZone),
 * in time order. Strings that are not instants are left out.
 */
export function pickerDays(offer: BookingOffer, timeZone: string): PickerDay[] {
  const coachZone = canonicalTimeZone(offer.coachTimeZone);
  const sameZone = coachZone === canonicalTimeZone(timeZone);
  const instants = offer.slots
    .map((instant) => ({ instant, at: new Date(instant) }))
    .filter(({ at }) => !Number.isNaN(at.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const days: { date: string; label: string; short: string; times: PickerTime[] }[] = [];
  for (const { instant, at } of instants) {
    const date = dateIn(at, timeZone);
    let day = days.at(-1);
    if (day?.date !== date) {
      day = {
        date,
        label: formatter(timeZone, "day").format(at),
        short: formatter(timeZone, "short").format(at),
        times: [],
      };
      days.push(day);
    }
    day.times.push({
      instant,
      time: formatter(timeZone, "time").format(at),
      coachTime: sameZone || coachZone === undefined ? undefined : coachTimeAt(at, coachZone, date),
    });
  }
  return days;
}

function coachTimeAt(at: Date, coachZone: string, visitorDate: string): string {
  const time = formatter(coachZone, "time").format(at);
  return dateIn(at, coachZone) === visitorDate ? time : `${formatter(coachZone, "weekday").format(at)} ${time}`;
}

/** How many start times the page lists when it cannot show them a day at a time. */
export interface ListLimits {
  /** Days with free times, from the first. */
  readonly days: number;
  /** Start times in all, counted in whole days; the first day is always listed whole. */
  readonly times: number;
}

/**
 * The first days of `days` within `limits`, for the server-rendered list of a page without
 * JavaScript; the day holding `chosen` (the time the visitor had picked) is always among them.
 */
export function listedDays(days: readonly PickerDay[], limits: ListLimits, chosen?: string): PickerDay[] {
  const listed: PickerDay[] = [];
  let count = 0;
  let full = false;
  for (const day of days) {
    full ||= listed.length >= limits.days || (listed.length > 0 && count + day.times.length > limits.times);
    if (!full || day.times.some((t) => t.instant === chosen)) {
      listed.push(day);
      count += day.times.length;
    }
  }
  return listed;
}
