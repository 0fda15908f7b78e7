/**
 * What replaces the form once the server stored the inquiry: the reference, what happens next, the
 * booked time when the answer confirmed one, and the confirmation email only when one was queued.
 * It takes focus (and is a status) so screen readers announce it.
 */
import type { Ref } from "preact";
import { CONFIRMATION_ON_ITS_WAY, RECEIVED_HEADING, RECEIVED_NEXT } from "../../../lib/inquiry/labels.ts";

interface Props {
  reference: string;
  confirmationEmail: boolean;
  /** The booked time in words, e.g. "Monday, March 29 at 9:00 AM your time". */
  booked: string | undefined;
  panel: Ref<HTMLDivElement>;
}

export function Received({ reference, confirmationEmail, booked, panel }: Props) {
  return (
    <div ref={panel} role="status" tabIndex={-1} class="rounded-2xl border-2 border-accent bg-surface p-6">
      <h2 class="font-display text-2xl font-extrabold">{RECEIVED_HEADING}</h2>
      <p class="mt-2">
        Your reference is {reference}. {booked ? `Your free consultation is booked for ${booked}. ` : ""}
        {RECEIVED_NEXT}
        {confirmationEmail ? ` ${CONFIRMATION_ON_ITS_WAY}` : ""}
      </p>
    </div>
  );
}
