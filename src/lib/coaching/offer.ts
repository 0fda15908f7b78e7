/**
 * The coaching offer in words: the sentences /coaching/ and the inquiry auto-reply show, built from
 * the owner's settings in site.config.ts (which validates them). One place writes them, so the page
 * and the email cannot disagree. It formats a price only when one is set, and knows nothing about
 * pages, mail or where the settings come from.
 */
import type { SiteConfig } from "../../site.config.ts";

export type CoachingOffer = SiteConfig["offer"];

const BY = { video: "by video call", phone: "by phone", either: "by phone or video call, as you prefer" } as const;

/** How the consultation happens, as a phrase: "by video call". */
export function consultationWay(by: CoachingOffer["consultationBy"]): string {
  return BY[by];
}

/** The offer's facts, each a sentence; `price` is absent when the owner set none. */
export interface OfferText {
  readonly consultation: string;
  readonly checkIns: string;
  readonly reply: string;
  readonly price?: string;
}

/** "2 working days", "1 working day". */
export function workingDays(days: number): string {
  return `${days} working ${days === 1 ? "day" : "days"}`;
}

/** The sentences for `offer`, with the coach's first name where the coach is the subject. */
export function describeOffer(offer: CoachingOffer, coachName: string): OfferText {
  const firstName = coachName.split(" ")[0] ?? coachName;
  const text: OfferText = {
    consultation: `The free consultation takes ${offer.consultationMinutes} minutes, ${consultationWay(offer.consultationBy)}.`,
    checkIns: `Once you are coached, ${firstName} checks in ${offer.checkIns}.`,
    reply: `Every inquiry gets a personal reply within ${workingDays(offer.replyWithinWorkingDays)}.`,
  };
  if (!offer.price) return text;
  const amount = new Intl.NumberFormat("en", { style: "currency", currency: offer.price.currency }).format(
    offer.price.amount,
  );
  return { ...text, price: `Coaching costs ${amount} a ${offer.price.per}.` };
}
