/**
 * From what a browser sends to the comment schema's input, and from its verdict to what a reader
 * reads: the plain-HTML form sends strings (the reply checkbox "on" or absent), the enhanced form
 * sends JSON; both go through `toCommentInput` and the same schema. The honeypot and form-token
 * field names are the inquiry form's, so the server reads both forms the same way. It knows nothing
 * about HTTP or storage.
 */
import { fieldErrors, formField } from "../inquiry/input.ts";
import type { FieldErrors } from "../inquiry/input.ts";
import { COMMENT_FIELDS, commentSchema } from "./schema.ts";
import type { CommentField, CommentInput } from "./schema.ts";

export { FORM_ERROR_KEY, FORM_TOKEN_FIELD, HONEYPOT_FIELD } from "../inquiry/input.ts";
export type { FieldErrors } from "../inquiry/input.ts";

/** The entered values as text, to show the form again with everything the reader typed. */
export type CommentValues = Partial<Record<CommentField, string>>;

export type CommentValidation =
  { readonly ok: true; readonly value: CommentInput } | { readonly ok: false; readonly errors: FieldErrors };

const TICKED = new Set(["on", "true", "1", "yes"]);

/** One field as sent: form fields are strings; JSON values pass as they are. */
function read(source: unknown, field: string): unknown {
  if (source instanceof URLSearchParams || (typeof FormData !== "undefined" && source instanceof FormData)) {
    return formField(source, field);
  }
  if (typeof source === "object" && source !== null && !Array.isArray(source) && Object.hasOwn(source, field)) {
    return (source as Record<string, unknown>)[field];
  }
  return undefined;
}

/** The reply checkbox as a boolean: ticked by "on", "true", "1", "yes" or `true`. */
function ticked(value: unknown): boolean {
  return value === true || (typeof value === "string" && TICKED.has(value.trim().toLowerCase()));
}

/** The schema's input: a blank email is no email; anything else goes on for the schema to judge. */
export function toCommentInput(source: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = { notify: ticked(read(source, "notify")) };
  for (const field of ["name", "email", "comment"] as const) {
    const value = read(source, field);
    if (value === undefined || value === null) continue;
    if (field === "email" && typeof value === "string" && value.trim() === "") continue;
    input[field] = value;
  }
  return input;
}

/** The entered values as strings (the checkbox "on" or left out). */
export function toCommentValues(source: unknown): CommentValues {
  const values: CommentValues = {};
  for (const field of COMMENT_FIELDS) {
    const value = read(source, field);
    if (field === "notify") {
      if (ticked(value)) values.notify = "on";
    } else if (typeof value === "string") values[field] = value;
  }
  return values;
}

/** `toCommentInput`, then the schema. Never throws. */
export function parseComment(source: unknown): CommentValidation {
  const result = commentSchema.safeParse(toCommentInput(source));
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error) };
}
