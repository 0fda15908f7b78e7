/**
 * What the coaching page offers for booking: the free consultation's start times, as instants. The
 * server computes it (slots minus bookings); the form only shows it. It knows nothing about how the
 * times were found.
 */
export interface BookingOffer {
  /** The coach's IANA time zone, e.g. "America/Denver": her local time is shown next to each time. */
  readonly coachTimeZone: string;
  /** Length of one consultation in minutes. */
  readonly minutes: number;
  /** Free start times, ascending, as ISO 8601 UTC instants ("2027-03-29T15:00:00.000Z"). */
  readonly slots: readonly string[];
}

/** The form field that carries the chosen start time (one of `slots`), or "" for no booking. */
export const SLOT_FIELD = "slot";
