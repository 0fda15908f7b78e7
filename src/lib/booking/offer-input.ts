/**
 * A BookingOffer read from something untrusted (a JSON answer the page fetched, a stored draft): it
 * is accepted only when its coach zone is a zone this runtime knows and its length a whole number
 * of minutes; start times that are not ISO 8601 UTC instants are dropped, the rest sorted and kept
 * once each. It knows nothing about where the value came from.
 */
import type { BookingOffer } from "./offer.ts";
import { canonicalTimeZone } from "./picker.ts";

/** More start times than any offer holds (three weeks of 10-minute slots, round the clock). */
export const MAX_OFFERED_SLOTS = 3100;

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * True for an ISO 8601 UTC instant with seconds that names a real moment ("2027-03-29T15:00:00.000Z",
 * "2027-03-29T15:00:00Z"); not for "2027-02-30T10:00:00Z", which Date.parse would roll over.
 */
export function isUtcInstant(value: unknown): value is string {
  if (typeof value !== "string" || !UTC_INSTANT.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** The offer `value` holds, or undefined when it is not one. Never throws. */
export function toBookingOffer(value: unknown): BookingOffer | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { coachTimeZone, minutes, slots } = value as Record<string, unknown>;
  if (canonicalTimeZone(coachTimeZone) === undefined || typeof coachTimeZone !== "string") return undefined;
  if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) return undefined;
  if (!Array.isArray(slots)) return undefined;
  const byTime = new Map<number, string>();
  for (const slot of slots.slice(0, MAX_OFFERED_SLOTS)) {
    if (isUtcInstant(slot) && !byTime.has(Date.parse(slot))) byTime.set(Date.parse(slot), slot);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  return { coachTimeZone, minutes, slots: times.map((time) => byTime.get(time) ?? "") };
}
