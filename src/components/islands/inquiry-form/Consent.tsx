/**
 * The privacy note and the two boxes at the end of the form: consent to be contacted (required)
 * and the newsletter (optional), ticked as a sent-back form had them.
 */
import type { FormValues } from "../../../lib/inquiry/input.ts";
import { PRIVACY_NOTE } from "../../../lib/inquiry/privacy.ts";
import type { ErrorOf } from "./Fields";
import { FieldError, describedBy } from "./Fields";

const box = "mt-1 h-5 w-5 shrink-0 accent-[var(--rs-accent)]";
const ticked = (value: string | undefined) => value === "true" || value === "on";

export function Consent({ values, errorOf }: { values: FormValues; errorOf: ErrorOf }) {
  return (
    <div class="grid gap-3 rounded-xl bg-accent-soft p-4">
      <p id="privacy-note" class="text-sm">
        {PRIVACY_NOTE}
      </p>
      <label class="flex items-start gap-2 font-semibold">
        <input
          type="checkbox"
          name="consent"
          required
          defaultChecked={ticked(values.consent)}
          class={box}
          {...describedBy("consent", errorOf("consent"), false, "privacy-note")}
        />
        <span>
          I agree that Nicole may contact me about this inquiry. <span class="text-sm font-normal">(required)</span>
        </span>
      </label>
      <FieldError name="consent" error={errorOf("consent")} />
      <label class="flex items-start gap-2">
        <input type="checkbox" name="newsletter" defaultChecked={ticked(values.newsletter)} class={box} />
        <span>
          Also send me the occasional Run Smart newsletter. <span class="text-sm">(optional)</span>
        </span>
      </label>
    </div>
  );
}
