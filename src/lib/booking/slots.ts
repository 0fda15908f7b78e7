/**
 * The free consultation times: the coach's weekly hours in her own time zone, minus dates off, the
 * minimum notice, the booking horizon and the consultations already booked (each kept clear by the
 * buffer on both sides). A slot is an instant. Each range of working hours is turned into instants
 * once (its start and end on that date in the coach's zone) and slots are stepped through in real
 * elapsed time from there, so a daylight-saving change never shifts, repeats or drops a slot: a
 * range that a change shortens holds fewer slots, one it lengthens holds more. It knows nothing
 * about where the settings or the bookings come from, about visitors' zones, or about the clock:
 * `now` is passed in.
 */
import { addDays, isoWeekday } from "../calendar/date-arithmetic.ts";
import { instantOf, localDateTime } from "../calendar/time-zone.ts";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working hours on one day, in minutes since the coach's local midnight; end 1440 is the next midnight. */
export interface HoursRange {
  readonly startMinute: number;
  readonly endMinute: number;
}

/** The coach's availability as site.config.ts validates it. */
export interface Availability {
  /** IANA zone of the weekly hours and dates off. */
  readonly timeZone: string;
  readonly weeklyHours: Readonly<Record<Weekday, readonly HoursRange[]>>;
  readonly bufferMinutes: number;
  readonly minimumNoticeHours: number;
  readonly horizonDays: number;
  /** Whole days off in the coach's zone, YYYY-MM-DD. */
  readonly datesOff: readonly string[];
}

/** A span of time, start inclusive, end exclusive. */
export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The end of a consultation of `minutes` starting at `start`. */
export function slotEnd(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * MINUTE_MS);
}

/** The earliest and latest start a visitor may book at `now`: notice and horizon. */
export function bookingWindow(availability: Availability, now: Date): Interval {
  return {
    start: new Date(now.getTime() + availability.minimumNoticeHours * HOUR_MS),
    end: new Date(now.getTime() + availability.horizonDays * DAY_MS),
  };
}

/** True when a consultation [start, start + minutes) keeps `bufferMinutes` clear of `booked`. */
export function clearOf(start: Date, minutes: number, bufferMinutes: number, booked: Interval): boolean {
  const buffer = bufferMinutes * MINUTE_MS;
  const begins = start.getTime();
  const ends = begins + minutes * MINUTE_MS;
  return ends + buffer <= booked.start.getTime() || begins >= booked.end.getTime() + buffer;
}

function instantAtMinute(date: string, minuteOfDay: number, timeZone: string): Date {
  if (minuteOfDay >= 1440) return instantOf(addDays(date, 1), 0, 0, timeZone);
  return instantOf(date, Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone);
}

/**
 * Every start time a visitor may book at `now`, ascending: within the weekly hours of a day that is
 * not off, at least `minimumNoticeHours` from now and less than `horizonDays` ahead, with room for
 * `minutes` before the range ends, and clear of every booked consultation by the buffer. Within a
 * range, starts follow one another every `minutes + bufferMinutes`.
 */
export function freeSlots(availability: Availability, minutes: number, booked: readonly Interval[], now: Date): Date[] {
  if (!Number.isInteger(minutes) || minutes <= 0) throw new RangeError(`freeSlots: bad length ${minutes}`);
  const { timeZone, bufferMinutes } = availability;
  const window = bookingWindow(availability, now);
  const step = (minutes + bufferMinutes) * MINUTE_MS;
  const length = minutes * MINUTE_MS;
  const daysOff = new Set(availability.datesOff);
  const today = localDateTime(now, timeZone).date;
  const starts = new Map<number, Date>();
  // One day either side: the window is in instants, the weekly hours in the coach's dates.
  for (let offset = -1; offset <= availability.horizonDays + 1; offset += 1) {
    const date = addDays(today, offset);
    if (daysOff.has(date)) continue;
    const weekday = WEEKDAYS[isoWeekday(date) - 1];
    if (weekday === undefined) continue;
    for (const range of availability.weeklyHours[weekday]) {
      const rangeStart = instantAtMinute(date, range.startMinute, timeZone).getTime();
      const rangeEnd = instantAtMinute(date, range.endMinute, timeZone).getTime();
      for (let start = rangeStart; start + length <= rangeEnd; start += step) {
        if (start < window.start.getTime() || start >= window.end.getTime()) continue;
        const candidate = new Date(start);
        if (booked.every((interval) => clearOf(candidate, minutes, bufferMinutes, interval))) {
          starts.set(start, candidate);
        }
      }
    }
  }
  // Ranges are checked not to overlap when the settings are read; a slot that would overlap an
  // earlier one anyway (ranges given directly) is left out rather than offered twice over.
  let free = Number.NEGATIVE_INFINITY;
  return [...starts.values()]
    .sort((a, b) => a.getTime() - b.getTime())
    .filter((start) => {
      if (start.getTime() < free) return false;
      free = start.getTime() + length;
      return true;
    });
}

/** The `count` free starts nearest to `wanted` (earlier or later), in time order. */
export function nearestSlots(slots: readonly Date[], wanted: Date, count: number): Date[] {
  const target = wanted.getTime();
  return [...slots]
    .sort((a, b) => Math.abs(a.getTime() - target) - Math.abs(b.getTime() - target) || a.getTime() - b.getTime())
    .slice(0, count)
    .sort((a, b) => a.getTime() - b.getTime());
}
