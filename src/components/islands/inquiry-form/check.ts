/**
 * The shared schema's verdict on the form as it stands: one message per field with a problem. It
 * carries zod, so the island fetches it (as its own chunk) once a visitor starts on the form, not
 * with the page.
 */
import type { FieldErrors } from "../../../lib/inquiry/input.ts";
import { parseInquiry } from "../../../lib/inquiry/input.ts";

export function check(form: HTMLFormElement): FieldErrors {
  const result = parseInquiry(new FormData(form));
  return result.ok ? {} : result.errors;
}
