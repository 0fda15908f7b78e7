/**
 * The emails of consultation bookings, composed at send time from the facts frozen when they were
 * queued (booking-store.ts): to the visitor, the confirmation of a booking, a move or a cancellation
 * with the invitation (METHOD:REQUEST, or CANCEL) and, while the consultation is ahead, the signed
 * link to the page where they can cancel or move it; to the coach, the same invitation with who
 * booked; and the coach's daily summary of the next day. Times appear in the visitor's zone and the
 * coach's. Visitor input reaches headers only as the coach's Reply-To and in subjects through the
 * same one-line guard as the inquiry's mail. It knows nothing about SMTP or the outbox.
 */
import { invitationIcs } from "../lib/booking/invitation.ts";
import { describeInstant, inBothZones } from "../lib/booking/when.ts";
import { consultationWay } from "../lib/coaching/offer.ts";
import { siteConfig } from "../site.config.ts";
import { manageUrlFor } from "./booking-service.ts";
import type { Composer, ComposeContext } from "./compose.ts";
import { from, messageIdFor } from "./mail.ts";
import type { MailIdentity, MailMessage } from "./mail.ts";
import type { StoredInquiry } from "./store.ts";
import { z } from "astro/zod";

const instant = z.iso.datetime().transform((text) => new Date(text));

const bookingDataSchema = z.object({
  change: z.enum(["booked", "moved", "cancelled"]),
  reference: z.string().min(1),
  start: instant,
  end: instant,
  sequence: z.number().int().min(0),
  visitorTimeZone: z.string().nullable(),
  previousStart: instant.optional(),
  cancelledBy: z.enum(["visitor", "coach"]).optional(),
});

const summaryDataSchema = z.object({
  day: z.string(),
  consultations: z.array(
    z.object({
      reference: z.string(),
      start: instant,
      end: instant,
      name: z.string(),
      email: z.string(),
      visitorTimeZone: z.string().nullable(),
    }),
  ),
});

/** The facts of booking-store.ts's BookingMailData, read back from JSON. */
type BookingFacts = z.output<typeof bookingDataSchema>;

function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim();
}

/** The invitation's UID: one per booking, for every version of it. */
export function bookingUid(reference: string, identity: MailIdentity): string {
  return `${reference.toLowerCase()}.consultation@${new URL(identity.siteUrl).hostname}`;
}

function firstName(name: string): string {
  return name.split(" ")[0] ?? name;
}

/** "Monday, March 15, 2027 at 9:00 AM MDT (your time); 5:00 PM GMT+1 ..." lines for a start. */
function whenLines(start: Date, visitorZone: string | null, coachZone: string, coachLabel: string): string[] {
  const both = inBothZones(start, visitorZone, coachZone);
  return both.visitor === null
    ? [`When: ${both.coach}`]
    : [`When: ${both.visitor} (${visitorZone ?? ""})`, `      ${both.coach} (${coachLabel}, ${coachZone})`];
}

function calendar(
  facts: BookingFacts,
  inquiry: StoredInquiry,
  identity: MailIdentity,
  stamp: Date,
  description: string,
  url?: string,
): NonNullable<MailMessage["calendar"]> {
  const method = facts.change === "cancelled" ? "CANCEL" : "REQUEST";
  const content = invitationIcs({
    method,
    uid: bookingUid(facts.reference, identity),
    sequence: facts.sequence,
    start: facts.start,
    end: facts.end,
    stamp,
    summary: `Free coaching consultation: ${identity.coachName} and ${oneLine(inquiry.name)}`,
    description,
    organizer: { name: identity.coachName, email: identity.coachAddress },
    attendee: { name: oneLine(inquiry.name), email: inquiry.email },
    ...(url === undefined ? {} : { url }),
  });
  return { method, content };
}

function factsOf(data: unknown, kind: string, id: number): BookingFacts {
  const parsed = bookingDataSchema.safeParse(data);
  if (!parsed.success) throw new Error(`message ${id} (${kind}) has no booking facts`);
  return parsed.data;
}

function requireInquiry(inquiry: StoredInquiry | undefined, kind: string, id: number): StoredInquiry {
  if (inquiry === undefined) throw new Error(`message ${id} (${kind}) has no inquiry`);
  return inquiry;
}

const SUBJECT_VERB = { booked: "booked for", moved: "moved to", cancelled: "cancelled:" } as const;

/** The visitor's confirmation (booked or moved, with the manage link) or cancellation notice. */
export const composeBookingVisitor: Composer = ({ message, inquiry: found }, context) => {
  const inquiry = requireInquiry(found, message.kind, message.id);
  const facts = factsOf(message.data, message.kind, message.id);
  const { identity } = context;
  const coachZone = siteConfig.availability.timeZone;
  const zone = facts.visitorTimeZone ?? coachZone;
  const coachFirst = firstName(identity.coachName);
  const upcoming = facts.change !== "cancelled" && facts.start > context.clock.now();
  const url = upcoming ? manageUrl(context, facts) : undefined;
  const minutes = Math.round((facts.end.getTime() - facts.start.getTime()) / 60_000);
  const how = `${minutes} minutes, ${consultationWay(siteConfig.offer.consultationBy)}`;
  const intro = {
    booked: `Your free coaching consultation with ${identity.coachName} is booked.`,
    moved: `Your free coaching consultation with ${identity.coachName} has moved to a new time.`,
    cancelled:
      facts.cancelledBy === "coach"
        ? `${identity.coachName} had to cancel your free coaching consultation. She is sorry, and will write to you about another time.`
        : `Your free coaching consultation with ${identity.coachName} is cancelled, as you asked.`,
  }[facts.change];
  const lines = [
    "Hello,",
    "",
    intro,
    "",
    ...whenLines(facts.start, facts.visitorTimeZone, coachZone, `${coachFirst}'s time`),
    ...(facts.previousStart === undefined ? [] : [`(It was ${describeInstant(facts.previousStart, zone)}.)`]),
    ...(facts.change === "cancelled" ? [] : [`How: ${how}. ${coachFirst} sends the details before the call.`]),
    `Reference: ${facts.reference}`,
    "",
    ...(url === undefined
      ? [`To book another time, visit ${identity.siteUrl}/coaching/ or reply to this email.`]
      : [
          "The invitation is attached: add it to your calendar.",
          "",
          "To cancel or move the consultation, open this link (only the page it opens changes anything):",
          url,
        ]),
    "",
    "Questions? Reply to this email.",
    "",
    identity.siteName,
    identity.siteUrl,
    "",
  ];
  const description = `Free coaching consultation (${how}). Reference ${facts.reference}.`;
  return {
    from: from(identity),
    to: { name: "", address: oneLine(inquiry.email) },
    replyTo: { name: identity.coachName, address: identity.coachAddress },
    subject: `Your consultation with ${identity.coachName} ${SUBJECT_VERB[facts.change]} ${describeInstant(facts.start, zone, "short")}`,
    text: lines.join("\n"),
    messageId: messageIdFor(`${facts.reference.toLowerCase()}.${message.kind}`, message.id, identity),
    calendar: calendar(facts, inquiry, identity, new Date(message.createdAt), description, url),
  };
};

function manageUrl(context: ComposeContext, facts: BookingFacts): string {
  if (context.links === null) throw new Error("a booking confirmation needs the link signer");
  return manageUrlFor(context.links, context.identity.siteUrl, facts.reference, facts.start);
}

/** The coach's copy: the invitation, who booked, and their zone. */
export const composeBookingCoach: Composer = ({ message, inquiry: found }, { identity }) => {
  const inquiry = requireInquiry(found, message.kind, message.id);
  const facts = factsOf(message.data, message.kind, message.id);
  const coachZone = siteConfig.availability.timeZone;
  const name = oneLine(inquiry.name);
  const what = {
    booked: `${name} booked a free consultation.`,
    moved: `${name} moved their free consultation.`,
    cancelled:
      facts.cancelledBy === "coach" ? `You cancelled ${name}'s consultation.` : `${name} cancelled their consultation.`,
  }[facts.change];
  const both = inBothZones(facts.start, facts.visitorTimeZone, coachZone);
  const lines = [
    what,
    "",
    `When: ${both.coach}`,
    ...(both.visitor === null ? [] : [`      ${both.visitor} for ${name} (${facts.visitorTimeZone ?? ""})`]),
    ...(facts.previousStart === undefined ? [] : [`Was: ${describeInstant(facts.previousStart, coachZone)}`]),
    `Who: ${name} <${inquiry.email}>`,
    `Reference: ${facts.reference}`,
    "",
    `Their inquiry: npm run inquiries -- show ${facts.reference}`,
    ...(facts.change === "cancelled" ? [] : [`To cancel: npm run inquiries -- cancel ${facts.reference}`]),
    "",
  ];
  return {
    from: from(identity),
    to: { name: identity.coachName, address: identity.coachAddress },
    replyTo: { name, address: oneLine(inquiry.email) },
    subject: oneLine(
      `Consultation ${SUBJECT_VERB[facts.change]} ${describeInstant(facts.start, coachZone, "short")}: ${name}`,
    ),
    text: lines.join("\n"),
    messageId: messageIdFor(`${facts.reference.toLowerCase()}.${message.kind}`, message.id, identity),
    calendar: calendar(facts, inquiry, identity, new Date(message.createdAt), `${what} Reference ${facts.reference}.`),
  };
};

/** The coach's summary of one day's consultations, in her zone, with each visitor's. */
export const composeBookingSummary: Composer = ({ message }, { identity }) => {
  const parsed = summaryDataSchema.safeParse(message.data);
  if (!parsed.success) throw new Error(`message ${message.id} (${message.kind}) has no summary facts`);
  const { day, consultations } = parsed.data;
  const coachZone = siteConfig.availability.timeZone;
  const first = consultations[0];
  const dayLabel = first === undefined ? day : describeInstant(first.start, coachZone, "day");
  const lines = [
    `Your consultations on ${dayLabel} (${coachZone}):`,
    "",
    ...consultations.flatMap((c) => {
      const visitor = inBothZones(c.start, c.visitorTimeZone, coachZone).visitor;
      return [
        `${describeInstant(c.start, coachZone, "time")}-${describeInstant(c.end, coachZone, "time")}  ${oneLine(c.name)} <${oneLine(c.email)}>  ${c.reference}`,
        ...(visitor === null ? [] : [`    their time: ${visitor} (${c.visitorTimeZone ?? ""})`]),
      ];
    }),
    "",
    "All upcoming consultations: npm run inquiries -- bookings",
    "",
  ];
  return {
    from: from(identity),
    to: { name: identity.coachName, address: identity.coachAddress },
    replyTo: from(identity),
    subject: `Tomorrow: ${consultations.length} consultation${consultations.length === 1 ? "" : "s"} (${dayLabel})`,
    text: lines.join("\n"),
    messageId: messageIdFor(`summary.${day}`, message.id, identity),
  };
};
