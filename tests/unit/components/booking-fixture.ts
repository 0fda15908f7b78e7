/**
 * A booking offer for the form island's tests: Nicole in Denver (MDT, UTC-6 in late March 2027)
 * offers Monday 9:00 and 9:30, Tuesday 16:00 and Wednesday 9:00. In Berlin (CEST, UTC+2 from
 * 28 March) Tuesday's 16:00 is already Wednesday 00:00, so the same offer has three days in Denver
 * and two in Berlin.
 */
import type { BookingOffer } from "../../../src/lib/booking/offer.ts";

export const MON_0900 = "2027-03-29T15:00:00.000Z";
export const MON_0930 = "2027-03-29T15:30:00.000Z";
export const TUE_1600 = "2027-03-30T22:00:00.000Z";
export const WED_0900 = "2027-03-31T15:00:00.000Z";

export const OFFER: BookingOffer = {
  coachTimeZone: "America/Denver",
  minutes: 20,
  slots: [MON_0900, MON_0930, TUE_1600, WED_0900],
};

/** Every required field of a valid inquiry, as the form's fields hold them. */
export const FILLED = {
  name: "Ada Runner",
  email: "ada@example.com",
  goal: "faster-race",
  yearsRunning: "6",
  weeklyVolume: "40",
  lifting: "some",
  message: "I run 40 km a week and want to add strength work before my spring marathon.",
  consent: "on",
} as const;

/** Text with Intl's narrow no-break spaces (before AM/PM) made plain. */
export const plain = (text: string | null | undefined): string => (text ?? "").replace(/\s+/g, " ").trim();
