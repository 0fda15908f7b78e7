/**
 * The two emails an inquiry produces, as plain data: the notification to the coach (plain text,
 * every field, Reply-To the visitor so answering is one click) and the auto-reply to the visitor
 * (what happens next). Visitor input reaches headers only as the subject text of the coach's
 * notification and as its Reply-To; the auto-reply repeats nothing the visitor typed except their
 * address as recipient, so the form cannot be used to send someone else a message of an attacker's
 * choosing. It knows nothing about SMTP or the outbox; sending is smtp.ts's job.
 */
import { GOAL_LABELS, LIFTING_LABELS, VOLUME_UNIT_LABELS } from "../lib/inquiry/labels.ts";
import { type CoachingOffer, consultationWay, describeOffer, workingDays } from "../lib/coaching/offer.ts";
import { siteConfig } from "../site.config.ts";
import type { MessageKind, StoredInquiry } from "./store.ts";

export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

/** A calendar invitation carried by a message (RFC 5546 iTIP over email, RFC 6047). */
export interface MailCalendar {
  /** The iTIP method; it must match the METHOD line inside `content`. */
  readonly method: "REQUEST" | "CANCEL" | "PUBLISH";
  /** The iCalendar text (CRLF lines, folded). */
  readonly content: string;
}

/**
 * A message ready for a transport: exactly these headers, a plain-text body, and optionally a
 * calendar invitation and a one-click unsubscribe address; nothing else.
 */
export interface MailMessage {
  readonly from: MailAddress;
  readonly to: MailAddress;
  readonly replyTo: MailAddress;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
  readonly calendar?: MailCalendar;
  /** An https address that unsubscribes the recipient with one POST (RFC 8058), sent as List-Unsubscribe. */
  readonly unsubscribeUrl?: string;
}

/** Who the mail is from and about: configuration, never visitor input. */
export interface MailIdentity {
  readonly coachAddress: string;
  readonly coachName: string;
  readonly fromAddress: string;
  readonly fromName: string;
  readonly siteName: string;
  readonly siteUrl: string;
}

/** Replaces anything that could end a header line; a second guard behind the schema's own check. */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim();
}

function messageId(kind: MessageKind, inquiry: StoredInquiry, outboxId: number, identity: MailIdentity): string {
  return messageIdFor(`${inquiry.reference.toLowerCase()}.${kind}`, outboxId, identity);
}

/**
 * The Message-ID of outbox message `outboxId`: the same on every attempt, so a copy sent again after
 * a crash between sending and marking is recognisable. `label` is ASCII letters, digits, dots, dashes.
 */
export function messageIdFor(label: string, outboxId: number, identity: MailIdentity): string {
  const domain = identity.fromAddress.split("@")[1] ?? "localhost";
  return `<${label.replace(/[^A-Za-z0-9.-]/g, "-")}.${outboxId}@${domain}>`;
}

/** The site's sending address, as every message's From. */
export function from(identity: MailIdentity): MailAddress {
  return { name: identity.fromName, address: identity.fromAddress };
}

/** The notification to the coach: every field, plain text, Reply-To the visitor. */
export function composeCoachNotification(
  inquiry: StoredInquiry,
  identity: MailIdentity,
  outboxId: number,
): MailMessage {
  const lines = [
    `New coaching inquiry ${inquiry.reference}`,
    "",
    `Name: ${inquiry.name}`,
    `Email: ${inquiry.email}`,
    `Main goal: ${GOAL_LABELS[inquiry.goal]}`,
    `Goal race: ${inquiry.goalRace ?? "(none given)"}`,
    `Race date: ${inquiry.goalRaceDate ?? "(none given)"}`,
    `Years running: ${inquiry.yearsRunning}`,
    `Weekly volume: ${inquiry.weeklyVolume} ${VOLUME_UNIT_LABELS[inquiry.volumeUnit]}`,
    `Lifting experience: ${LIFTING_LABELS[inquiry.lifting]}`,
    `Time zone: ${inquiry.timeZone ?? "(none given)"}`,
    `Newsletter: ${inquiry.newsletter ? "yes, please" : "no"}`,
    `Consent to be contacted: ${inquiry.consentAt} (privacy note version ${inquiry.privacyVersion})`,
    `Received: ${inquiry.createdAt}`,
    ...(inquiry.spamReason === null ? [] : [`Marked as spam: ${inquiry.spamReason} (sent again by hand)`]),
    "",
    "Message:",
    "",
    inquiry.message.replace(/\r\n?/g, "\n"),
    "",
    "--",
    `Reply to this email to answer ${inquiry.email} directly.`,
    `Inquiry ${inquiry.id}: npm run inquiries -- show ${inquiry.reference}`,
    "",
  ];
  return {
    from: from(identity),
    to: { name: identity.coachName, address: identity.coachAddress },
    replyTo: { name: oneLine(inquiry.name), address: oneLine(inquiry.email) },
    subject: oneLine(`Coaching inquiry ${inquiry.reference} from ${inquiry.name}`),
    text: lines.join("\n"),
    messageId: messageId("coach-notification", inquiry, outboxId, identity),
  };
}

/**
 * The visitor's auto-reply: what happens next, the offer's terms (site.config.ts unless `offer` is
 * given) and their reference; none of their own text.
 */
export function composeAutoReply(
  inquiry: StoredInquiry,
  identity: MailIdentity,
  outboxId: number,
  offer: CoachingOffer = siteConfig.offer,
): MailMessage {
  const terms = describeOffer(offer, identity.coachName);
  const text = [
    "Hello,",
    "",
    `Thank you for your coaching inquiry to ${identity.siteName}. It arrived safely.`,
    "",
    "What happens next:",
    "",
    `1. ${identity.coachName} reads every inquiry personally and replies within ${workingDays(offer.replyWithinWorkingDays)}.`,
    "2. The reply comes to this address and suggests a time for a free coaching consultation:",
    `   ${offer.consultationMinutes} minutes, ${consultationWay(offer.consultationBy)}.`,
    "3. On that call you talk through your running, your goals and how coaching would work.",
    "   If it is a good fit, you get a plan and the next steps afterwards.",
    "",
    terms.checkIns,
    ...(terms.price ? [terms.price] : []),
    "",
    "If your question is about pain or an injury, please see a physiotherapist or doctor first:",
    "a coach can plan around their advice but cannot diagnose.",
    "",
    `Your reference: ${inquiry.reference}`,
    "",
    "To add something, reply to this email and keep the reference in the subject.",
    `If you did not send an inquiry to ${identity.siteUrl}, you can ignore this email:`,
    "nothing else will be sent.",
    "",
    identity.siteName,
    identity.siteUrl,
    "",
  ].join("\n");
  return {
    from: from(identity),
    to: { name: "", address: oneLine(inquiry.email) },
    replyTo: { name: identity.coachName, address: identity.coachAddress },
    subject: `Your coaching inquiry to ${identity.siteName} (${inquiry.reference})`,
    text,
    messageId: messageId("auto-reply", inquiry, outboxId, identity),
  };
}

/** The message of `kind` for an inquiry. */
export function composeMessage(
  kind: MessageKind,
  inquiry: StoredInquiry,
  identity: MailIdentity,
  outboxId: number,
): MailMessage {
  switch (kind) {
    case "coach-notification":
      return composeCoachNotification(inquiry, identity, outboxId);
    case "auto-reply":
      return composeAutoReply(inquiry, identity, outboxId);
  }
}
