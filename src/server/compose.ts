/**
 * From a claimed outbox row to the email it stands for. Each message kind has one composer; the
 * inquiry's two are here, and every feature that queues mail (bookings, comments) adds its kinds to
 * COMPOSERS. A composer gets the row (with the facts frozen in `message.data` when it was queued),
 * the inquiry it belongs to if any, and the context: who mail is from, the link signer for signed
 * links in the text, and the clock. It returns the message or throws (the outbox then retries and
 * finally gives up, logged); it never sends anything itself.
 */
import { composeBookingCoach, composeBookingSummary, composeBookingVisitor } from "./booking-mail.ts";
import type { Clock } from "./clock.ts";
import { composeCommentNotification, composeCommentReply } from "./comment-mail.ts";
import { composeMessage } from "./mail.ts";
import type { MailIdentity, MailMessage } from "./mail.ts";
import type { LinkSigner } from "./signed-link.ts";
import type { DueMessage } from "./store.ts";

export interface ComposeContext {
  readonly identity: MailIdentity;
  /** Null only where no secret is known (some unit tests): composers that need links throw then. */
  readonly links: LinkSigner | null;
  readonly clock: Clock;
}

export type Composer = (due: DueMessage, context: ComposeContext) => MailMessage;

function inquiryComposer(kind: "coach-notification" | "auto-reply"): Composer {
  return ({ message, inquiry }, { identity }) => {
    if (inquiry === undefined) throw new Error(`message ${message.id} (${kind}) has no inquiry`);
    return composeMessage(kind, inquiry, identity, message.id);
  };
}

/** Every kind the outbox can send, by the kind stored in its row. */
export const COMPOSERS: Readonly<Record<string, Composer>> = {
  "coach-notification": inquiryComposer("coach-notification"),
  "auto-reply": inquiryComposer("auto-reply"),
  "booking-visitor": composeBookingVisitor,
  "booking-coach": composeBookingCoach,
  "booking-summary": composeBookingSummary,
  "comment-notification": composeCommentNotification,
  "comment-reply": composeCommentReply,
};

/** Composes a due message with the composer of its kind; throws for a kind nobody composes. */
export function composeDue(due: DueMessage, context: ComposeContext): MailMessage {
  const composer = COMPOSERS[due.message.kind];
  if (composer === undefined) throw new Error(`no composer for message kind "${due.message.kind}"`);
  return composer(due, context);
}
