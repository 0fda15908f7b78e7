/**
 * What the form sends and keeps. The body is the form's own fields as text, the chosen start time
 * added from the picker (which may show another day than the chosen one), and the day the picker
 * shows left out. The draft lives in sessionStorage under a versioned-by-name key as a JSON object
 * of field name to text, so an accidental reload loses nothing: never the spam trap or the one-time
 * token, and the start time only while it is still offered. Storage that is full, blocked or holds
 * something else only costs the draft: reading ignores anything that is not such an object.
 */
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD } from "../../../lib/inquiry/fields.ts";
import { SLOT_FIELD } from "../../../lib/booking/offer.ts";
import { guardStorage } from "../../../lib/storage/guarded-storage.ts";

const DRAFT_KEY = "runsmart.inquiry.draft";
/** The picker's day radios: which day is shown, not an answer. */
export const DAY_FIELD = "slotDay";
/** Fields never put in the draft. */
const NOT_DRAFTED = new Set([HONEYPOT_FIELD, FORM_TOKEN_FIELD, DAY_FIELD]);

const session = guardStorage(() => sessionStorage);

/** The form's fields as text (files and the shown day left out), with `slot` as the chosen time. */
export function formBody(
  form: HTMLFormElement,
  slot: string,
  leaveOut: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (name !== DAY_FIELD && name !== SLOT_FIELD && !leaveOut.has(name) && typeof value === "string")
      body[name] = value;
  }
  if (slot !== "") body[SLOT_FIELD] = slot;
  return body;
}

/** Keeps the form's answers; `slot` only when `offered` says it is still open. */
export function saveDraft(form: HTMLFormElement, slot: string, offered: (slot: string) => boolean): void {
  const draft = formBody(form, offered(slot) ? slot : "", NOT_DRAFTED);
  session.write(DRAFT_KEY, JSON.stringify(draft));
}

export function forgetDraft(): void {
  session.remove(DRAFT_KEY);
}

/**
 * Puts the kept answers into the fields the visitor has not filled (a server-rendered value wins)
 * and returns the kept start time, if any, for the picker to check against its offer.
 */
export function restoreDraft(form: HTMLFormElement): string | undefined {
  let draft: unknown;
  try {
    draft = JSON.parse(session.read(DRAFT_KEY) ?? "null");
  } catch {
    return undefined;
  }
  if (typeof draft !== "object" || draft === null) return undefined;
  let slot: string | undefined;
  for (const [name, value] of Object.entries(draft)) {
    if (typeof value !== "string" || NOT_DRAFTED.has(name)) continue;
    if (name === SLOT_FIELD) {
      slot = value;
      continue;
    }
    for (const field of form.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)) {
      if (field.type === "checkbox") field.checked ||= value === "on";
      else if (field.type === "radio") field.checked ||= field.value === value;
      else if (field.value === "") field.value = value;
    }
  }
  return slot;
}
