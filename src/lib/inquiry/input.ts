/**
 * Turns what arrives from a browser into the inquiry schema's input, and the schema's verdict into
 * what a visitor reads. The plain-HTML form sends strings (checkboxes "on" or absent, numbers as
 * text); the island sends JSON. Both go through `toInquiryInput` and then the same schema, so the
 * two paths accept and refuse exactly the same things. It knows nothing about HTTP, spam rules or
 * storage; the honeypot and form-token names live here only so the form and the server agree on
 * them.
 */
import type * as z from "zod/mini";
import { INQUIRY_FIELDS, LINE_BREAK, inquirySchema } from "./schema.ts";
import type { Inquiry, InquiryField } from "./schema.ts";
import { FORM_ERROR_KEY } from "./fields.ts";

export { FORM_ERROR_KEY, FORM_TOKEN_FIELD, HONEYPOT_FIELD } from "./fields.ts";

/** One message per field name (or FORM_ERROR_KEY), for the visitor. */
export type FieldErrors = Readonly<Record<string, string>>;

/** The entered values as text, to re-render a plain-HTML form with everything the visitor typed. */
export type FormValues = Partial<Record<InquiryField, string>>;

export type InquiryValidation =
  { readonly ok: true; readonly value: Inquiry } | { readonly ok: false; readonly errors: FieldErrors };

const NUMBER_FIELDS: ReadonlySet<string> = new Set<InquiryField>(["yearsRunning", "weeklyVolume"]);
const CHECKBOX_FIELDS: ReadonlySet<string> = new Set<InquiryField>(["consent", "newsletter"]);
const TICKED = new Set(["on", "true", "1", "yes"]);
const UNTICKED = new Set(["", "off", "false", "0", "no"]);
const PLAIN_NUMBER = /^\+?\d{1,6}([.,]\d{1,3})?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFormLike(value: unknown): value is FormData | URLSearchParams {
  return (
    (typeof URLSearchParams !== "undefined" && value instanceof URLSearchParams) ||
    (typeof FormData !== "undefined" && value instanceof FormData)
  );
}

/** The first value sent under `name`: a string, or undefined when absent or a file upload. */
export function formField(source: FormData | URLSearchParams, name: string): string | undefined {
  const value = source.get(name);
  return typeof value === "string" ? value : undefined;
}

/** Reads one field from a FormData, URLSearchParams or parsed JSON object; anything else is empty. */
function fieldReader(source: unknown): (field: string) => unknown {
  if (isFormLike(source)) return (field) => formField(source, field);
  if (isRecord(source)) return (field) => (Object.hasOwn(source, field) ? source[field] : undefined);
  return () => undefined;
}

function normaliseValue(field: string, raw: unknown): unknown {
  if (raw === null || raw === undefined) return CHECKBOX_FIELDS.has(field) ? false : undefined;
  if (typeof raw !== "string") return raw;
  const trimmed = raw.trim();
  if (CHECKBOX_FIELDS.has(field)) {
    const lower = trimmed.toLowerCase();
    if (TICKED.has(lower)) return true;
    if (UNTICKED.has(lower)) return false;
    return raw;
  }
  // A blank answer is no answer, but a line break is kept so the schema can refuse it.
  if (trimmed === "") return LINE_BREAK.test(raw) ? raw : undefined;
  if (NUMBER_FIELDS.has(field)) return PLAIN_NUMBER.test(trimmed) ? Number(trimmed.replace(",", ".")) : raw;
  return raw;
}

/**
 * The schema's input from a form submission (FormData or URLSearchParams) or a parsed JSON body.
 * Only the inquiry's own fields are kept; text of spaces only becomes absent; number fields accept
 * "12" or "12,5"; a checkbox is ticked by "on", "true", "1", "yes" or `true`, and unticked when
 * absent. Anything else is passed on unchanged so the schema can name the problem. Never throws.
 */
export function toInquiryInput(source: unknown): Record<string, unknown> {
  const read = fieldReader(source);
  const input: Record<string, unknown> = {};
  for (const field of INQUIRY_FIELDS) {
    const value = normaliseValue(field, read(field));
    if (value !== undefined) input[field] = value;
  }
  return input;
}

/** The entered values as strings, for re-rendering a form. Checkboxes become "on" or are left out. */
export function toFormValues(source: unknown): FormValues {
  const read = fieldReader(source);
  const values: FormValues = {};
  for (const field of INQUIRY_FIELDS) {
    const raw = read(field);
    if (CHECKBOX_FIELDS.has(field)) {
      if (normaliseValue(field, raw) === true) values[field] = "on";
    } else if (typeof raw === "string") {
      values[field] = raw;
    } else if (typeof raw === "number" && Number.isFinite(raw)) {
      values[field] = String(raw);
    }
  }
  return values;
}

/** One visitor-facing message per field: the first problem found for it. */
export function fieldErrors(error: z.core.$ZodError): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const head = issue.path[0];
    const key = typeof head === "string" ? head : FORM_ERROR_KEY;
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Validates the schema's input (from `toInquiryInput`). Never throws. */
export function validateInquiry(input: unknown): InquiryValidation {
  const result = inquirySchema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error) };
}

/** `toInquiryInput` then `validateInquiry`: what the island and the server both call. */
export function parseInquiry(source: unknown): InquiryValidation {
  return validateInquiry(toInquiryInput(source));
}
