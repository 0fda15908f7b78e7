/**
 * The coaching inquiry form, with the free consultation's slot picker. The server renders it with
 * whatever a sent-back form had, a message next to each wrong field and the list of free times, so
 * it works completely without JavaScript. Hydrated, it checks each field with the shared schema
 * when the visitor leaves it and the whole form on Send, sends a valid inquiry as JSON once, keeps
 * a session draft, moves focus to the first problem or the message, and shows the reference when
 * the inquiry is stored (inquiry-form/useSubmission); the picker becomes day-by-day once the
 * visitor comes near it or enters the form (inquiry-form/usePicker). With no connection it sends
 * nothing, says so, and keeps the draft: never a success it cannot know.
 */
import { useEffect, useRef } from "preact/hooks";
import type { BookingOffer } from "../../lib/booking/offer.ts";
import { SLOT_FIELD } from "../../lib/booking/offer.ts";
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD } from "../../lib/inquiry/fields.ts";
import type { FieldErrors, FormValues } from "../../lib/inquiry/input.ts";
import { DAY_FIELD, restoreDraft, saveDraft } from "./inquiry-form/draft";
import { Consent } from "./inquiry-form/Consent";
import { InquiryFields } from "./inquiry-form/InquiryFields";
import { Received } from "./inquiry-form/Received";
import { SlotPicker } from "./inquiry-form/SlotPicker";
import { usePicker } from "./inquiry-form/usePicker";
import { useSubmission } from "./inquiry-form/useSubmission";

export interface InquiryFormProps {
  /** What a sent-back form had, `slot` (the chosen start time) included. */
  values: FormValues & { readonly slot?: string | undefined };
  errors: FieldErrors;
  formToken: string | undefined;
  /** A problem with the whole submission (rate limit, server unavailable). */
  formMessage?: string | undefined;
  /** The free consultation times; absent or empty when none are open. */
  booking?: BookingOffer | undefined;
}

/** Fields the schema does not check on leaving them: the server's own, and the picker's. */
const UNCHECKED = new Set([HONEYPOT_FIELD, FORM_TOKEN_FIELD, SLOT_FIELD, DAY_FIELD]);

export default function InquiryForm(props: InquiryFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const started = useRef(false);
  const picker = usePicker(props.booking, props.values.slot ?? "", props.values.timeZone ?? "");
  const submission = useSubmission(props, picker, { form, alert, panel });

  /** The visitor starts on the form: the day-by-day picker and the schema's code, once. */
  const start = (kept?: string) => {
    if (!started.current && form.current) picker.enhance(form.current, kept);
    started.current = true;
    submission.prepare();
  };

  useEffect(() => {
    const kept = form.current ? restoreDraft(form.current) : undefined;
    if (kept && picker.offered(kept)) start(kept);
    // Near the picker, its days are formatted before the visitor gets there.
    if (!fieldset.current || typeof IntersectionObserver !== "function" || !picker.offer?.slots.length) return;
    const observer = new IntersectionObserver(
      (seen) => {
        if (seen.some((entry) => entry.isIntersecting)) start();
      },
      { rootMargin: "200px" },
    );
    observer.observe(fieldset.current);
    return () => {
      observer.disconnect();
    };
  }, []);

  if (submission.received) return <Received {...submission.received} panel={panel} />;

  const errorOf = (name: string) => submission.errors[name];
  return (
    <form
      ref={form}
      method="post"
      action="/coaching/"
      noValidate
      data-inquiry-form
      aria-labelledby="inquiry-heading"
      class="grid gap-5 rounded-2xl border border-line bg-surface p-5 sm:p-8"
      onFocusIn={() => {
        start();
      }}
      onInput={(event) => {
        const target = event.target as HTMLInputElement;
        if (target.name === "timeZone") picker.setZoneText(target.value);
        const slot = target.name === SLOT_FIELD ? target.value : picker.slot;
        saveDraft(event.currentTarget, slot, picker.offered);
      }}
      onFocusOut={(event) => {
        const name = (event.target as { name?: unknown } | null)?.name;
        if (typeof name === "string" && name !== "" && !UNCHECKED.has(name)) {
          submission.recheck(event.currentTarget, name);
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        submission.submit(event.currentTarget);
      }}
    >
      <h2 id="inquiry-heading" class="font-display text-2xl font-extrabold tracking-tight">
        Ask about coaching
      </h2>
      <div
        ref={alert}
        data-form-alert
        role="alert"
        tabIndex={-1}
        class="rounded-lg border-2 border-accent p-3 font-semibold empty:hidden"
      >
        {submission.alert}
      </div>
      <p class="text-sm text-muted">
        Fields marked "required" must be filled in; everything else helps Nicole prepare.
      </p>
      <InquiryFields values={props.values} errorOf={errorOf} />
      <SlotPicker
        {...picker}
        fieldset={fieldset}
        error={errorOf(SLOT_FIELD)}
        onSlot={(slot) => {
          picker.chooseSlot(slot);
          submission.clearError(SLOT_FIELD);
        }}
        onDay={picker.showDay}
      />
      <Consent values={props.values} errorOf={errorOf} />
      <div class="absolute -left-[9999px] h-px w-px overflow-hidden" aria-hidden="true">
        <label for={HONEYPOT_FIELD}>Leave this field empty</label>
        <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      {submission.token && <input type="hidden" name={FORM_TOKEN_FIELD} value={submission.token} />}
      <button
        type="submit"
        disabled={submission.sending}
        class="justify-self-start rounded-lg bg-accent px-6 py-3 font-semibold text-accent-ink hover:opacity-90 disabled:opacity-60"
      >
        Send my inquiry
      </button>
    </form>
  );
}
