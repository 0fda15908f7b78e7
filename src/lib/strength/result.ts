/**
 * The result shape the strength functions return for anything a person typed: either a value, or a
 * single error naming the field at fault with a sentence a runner can act on. It deliberately knows
 * nothing about forms, languages or how an error is shown.
 */

/** One problem with one input field. `field` is the input's name, `message` is for the runner. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Success with a value, or failure with one field error. Check `ok` before reading either side. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FieldError };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failure for `field`. */
export function fail<T>(field: string, message: string): Result<T> {
  return { ok: false, error: { field, message } };
}

/** Re-labels a failure for a caller whose result type differs (the error itself is unchanged). */
export function failWith<T>(error: FieldError): Result<T> {
  return { ok: false, error };
}
