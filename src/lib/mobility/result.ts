/**
 * The result shape mobility functions return when their input can be wrong (a typed measurement, a
 * picked reminder time, an imported file): either a value or an error the caller can show. It
 * deliberately knows nothing about forms, languages or how an error is displayed.
 */

/** Success with a value, or failure with an error. Check `ok` before reading either side. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** One problem with one input field: `field` is the input's name, `message` a sentence for the runner. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Wraps a value as a success. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps an error as a failure. */
export function fail<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
