/**
 * The consultation booking as the server runs it: the free times offered now (the coach's
 * availability minus the bookings in the database), whether a chosen time is still offered, the
 * signed token that lets the thanks page show a booked time without a database lookup, and the
 * visitor's signed "manage this booking" link with what its page shows and does (cancel, move).
 * Built once per process next to the inquiry service (context.ts). It knows nothing about Astro;
 * the pages turn what it returns into HTML.
 */
import type { BookingOffer } from "../lib/booking/offer.ts";
import { bookingWindow, freeSlots, nearestSlots, slotEnd } from "../lib/booking/slots.ts";
import type { Availability, Interval } from "../lib/booking/slots.ts";
import { describeInstant, knownZone, parseInstant } from "../lib/booking/when.ts";
import { parseReference } from "../lib/inquiry/reference.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import type { BookingRequest, StoredBooking } from "./booking-store.ts";
import type { Clock } from "./clock.ts";
import type { BookedTime } from "./store.ts";
import type { LinkSigner } from "./signed-link.ts";

/** The signed-link purposes of bookings. */
export const MANAGE_PURPOSE = "manage-booking";
export const THANKS_PURPOSE = "booking-thanks";
/** Where the visitor manages a booking; `?t=` carries the signed link. */
export const MANAGE_PATH = "/coaching/booking/";
/** A manage link works until this long after the consultation's start (then the page says it happened). */
export const MANAGE_LINK_DAYS_AFTER = 60;
const THANKS_TOKEN_DAYS = 7;
const DAY_MS = 86_400_000;

/** How long /coaching/ waits for the free times before it renders without fresh ones. */
export const PAGE_OFFER_TIMEOUT_MS = 500;
/** How old an offer may be to stand in for a fresh one the database is too slow to give. */
const STALE_OFFER_MS = 60_000;

/** How many nearby free times a "just taken" answer names. */
export const NEAREST_COUNT = 3;

export type SlotCheck = "offered" | "taken" | "not-offered";

/** A booked time the thanks page may show, read from its signed token. */
export interface ThanksBooking {
  readonly reference: string;
  readonly start: Date;
  readonly visitorTimeZone: string | null;
}

export interface BookingService {
  readonly availability: Availability;
  /** Length of one consultation, minutes (the offer's consultationMinutes). */
  readonly minutes: number;
  /** The free times now: what the form offers. */
  offer(now?: Date): Promise<BookingOffer>;
  /**
   * The free times for a page, within `timeoutMs`: a database that is slow (locked by another
   * process) must not hold up /coaching/, so then the last offer read in the past minute is used,
   * or none (the form works without a picker; a chosen time is checked again on submit). Never rejects.
   */
  offerForPage(timeoutMs?: number): Promise<BookingOffer | undefined>;
  /** Free start times now, as instants; `ignore` (a booking being moved) does not count as busy. */
  freeStarts(now: Date, ignore?: Interval): Promise<Date[]>;
  /** Whether `start` is offered now: free, taken by a booking, or not a time the coach offers at all. */
  check(start: Date, now: Date, ignore?: Interval): Promise<SlotCheck>;
  /** The store's request for a consultation at `start`, for a visitor in `visitorZone`. */
  request(start: Date, visitorZone: string | null): BookingRequest;
  /** The sentence for a taken time, naming the nearest free ones (in the visitor's zone when known). */
  takenMessage(wanted: Date, free: readonly Date[], visitorZone: string | null): string;
  /** The token the thanks page reads the booked time from. */
  thanksToken(reference: string, booked: BookedTime, now: Date): string;
  /** The booked time a thanks-page token names for `reference`, or null for a bad, old or mismatched one. */
  readThanks(token: string | null, reference: string | null, now: Date): ThanksBooking | null;
  /** The full address of the visitor's manage page for a booking. */
  manageUrl(booking: Pick<StoredBooking, "reference" | "startAt">): string;
}

export interface BookingServiceOptions {
  readonly availability: Availability;
  readonly minutes: number;
  readonly store: Pick<AsyncInquiryStore, "bookedIntervals">;
  readonly links: LinkSigner;
  readonly clock: Clock;
  /** The site's public address, for links in emails (no trailing slash). */
  readonly siteUrl: string;
}

/** The message for a chosen time that is not among the offered ones. */
export const NOT_OFFERED_MESSAGE =
  "That time is not one of the times offered (it may have passed). Please choose one of the times shown.";
/** The message for a value that is not a time at all. */
export const BAD_SLOT_MESSAGE = "Please choose one of the times shown, or no consultation time.";

export function createBookingService(options: BookingServiceOptions): BookingService {
  const { availability, minutes, store, links, clock } = options;
  const coachZone = availability.timeZone;

  let lastOffer: { readonly at: number; readonly offer: BookingOffer } | undefined;

  async function offer(now = clock.now()): Promise<BookingOffer> {
    const slots = await freeStarts(now);
    const current = { coachTimeZone: coachZone, minutes, slots: slots.map((slot) => slot.toISOString()) };
    lastOffer = { at: now.getTime(), offer: current };
    return current;
  }

  async function freeStarts(now: Date, ignore?: Interval): Promise<Date[]> {
    const window = bookingWindow(availability, now);
    // Bookings up to a buffer and a consultation either side of the window can still block a slot in it.
    const margin = (availability.bufferMinutes + minutes) * 60_000;
    const busy = await store.bookedIntervals(
      new Date(window.start.getTime() - margin),
      new Date(window.end.getTime() + margin),
    );
    const others =
      ignore === undefined
        ? busy
        : busy.filter((b) => b.start.getTime() !== ignore.start.getTime() || b.end.getTime() !== ignore.end.getTime());
    return freeSlots(availability, minutes, others, now);
  }

  return {
    availability,
    minutes,
    freeStarts,

    offer,

    async offerForPage(timeoutMs = PAGE_OFFER_TIMEOUT_MS) {
      const now = clock.now();
      let cancel = (): void => undefined;
      const late = new Promise<undefined>((resolve) => {
        const timer = setTimeout(() => {
          resolve(undefined);
        }, timeoutMs);
        cancel = () => {
          clearTimeout(timer);
        };
      });
      const fresh = await Promise.race([offer(now).catch(() => undefined), late]);
      cancel();
      if (fresh !== undefined) return fresh;
      if (lastOffer === undefined || now.getTime() - lastOffer.at > STALE_OFFER_MS) return undefined;
      return lastOffer.offer;
    },

    async check(start, now, ignore) {
      const free = await freeStarts(now, ignore);
      if (free.some((slot) => slot.getTime() === start.getTime())) return "offered";
      // Would it be offered with no bookings at all? Then a booking took it.
      const open = freeSlots(availability, minutes, [], now);
      return open.some((slot) => slot.getTime() === start.getTime()) ? "taken" : "not-offered";
    },

    request(start, visitorZone) {
      return {
        start,
        end: slotEnd(start, minutes),
        bufferMinutes: availability.bufferMinutes,
        visitorTimeZone: knownZone(visitorZone),
      };
    },

    takenMessage(wanted, free, visitorZone) {
      const zone = knownZone(visitorZone) ?? coachZone;
      const nearest = nearestSlots(free, wanted, NEAREST_COUNT);
      if (nearest.length === 0) {
        return "That time was just taken, and no other time is free at the moment. Please send your inquiry without a time: Nicole will suggest one.";
      }
      const times = nearest.map((slot) => describeInstant(slot, zone)).join("; ");
      return `That time was just taken. The nearest free times: ${times}. Please choose another time.`;
    },

    thanksToken(reference, booked, now) {
      const subject = [reference, booked.start, booked.visitorTimeZone ?? ""].join(" ");
      return links.sign(THANKS_PURPOSE, subject, new Date(now.getTime() + THANKS_TOKEN_DAYS * DAY_MS));
    },

    readThanks(token, reference, now) {
      if (token === null || reference === null) return null;
      const check = links.verify(THANKS_PURPOSE, token, now);
      if (check.status !== "ok") return null;
      const [signedReference, startText, zone] = check.subject.split(" ");
      const start = parseInstant(startText);
      if (signedReference !== reference || start === undefined) return null;
      return { reference, start, visitorTimeZone: knownZone(zone) };
    },

    manageUrl(booking) {
      return manageUrlFor(links, options.siteUrl, booking.reference, new Date(booking.startAt));
    },
  };
}

/** The signed address of the manage page of the booking `reference` that starts at `start`. */
export function manageUrlFor(links: LinkSigner, siteUrl: string, reference: string, start: Date): string {
  const token = links.sign(MANAGE_PURPOSE, reference, new Date(start.getTime() + MANAGE_LINK_DAYS_AFTER * DAY_MS));
  return `${siteUrl}${MANAGE_PATH}?t=${encodeURIComponent(token)}`;
}

/** The reference a manage token names, or why there is none. */
export type ManageToken =
  | { readonly status: "ok"; readonly reference: string }
  | { readonly status: "expired"; readonly reference: string }
  | { readonly status: "invalid" };

/** Checks a manage link's token (from the URL or the page's form). */
export function readManageToken(links: LinkSigner, token: string | null | undefined, now: Date): ManageToken {
  const check = links.verify(MANAGE_PURPOSE, token, now);
  if (check.status === "invalid") return { status: "invalid" };
  const reference = parseReference(check.subject);
  if (reference === null) return { status: "invalid" };
  return check.status === "ok" ? { status: "ok", reference } : { status: "expired", reference };
}
