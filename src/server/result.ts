/**
 * What the inquiry handler answers, as data the route (or a page) can act on, and its translation
 * into a web Response. Four kinds: accepted (201 with the reference for JSON, 303 to the thanks page
 * for a form), invalid (422 with one message per field, plus the entered values to re-render a form),
 * resend (409: the form token could not vouch for the submission, so the visitor presses Send once
 * more with a new token and every value kept) and refused (any other 4xx, or 503, with one sentence
 * for the visitor). Messages never mention
 * internals. It knows nothing about how a result was reached.
 */
import { STATUS_CODES } from "node:http";
import type { FieldErrors, FormValues } from "../lib/inquiry/input.ts";
import type { BookingOffer, SLOT_FIELD } from "../lib/booking/offer.ts";

/** The entered values to show again: the inquiry's fields and the chosen consultation time. */
export type SubmittedValues = ValuesOf<keyof FormValues | typeof SLOT_FIELD>;

/** The consultation a stored inquiry booked, as the answer reports it. */
export interface AcceptedBooking {
  /** ISO 8601 UTC instants. */
  readonly start: string;
  readonly end: string;
  readonly coachTimeZone: string;
  readonly visitorTimeZone: string | null;
  /** Signed: lets the thanks page show the time without looking anything up. */
  readonly token: string;
}

/** The entered values of a form with fields `K`, as text, to show the form again. */
export type ValuesOf<K extends string> = Partial<Record<K, string>>;

/** JSON answers for a JSON body; redirects and re-rendered pages for a form post. */
export type BodyMode = "json" | "form";

export type RefusalStatus = 400 | 403 | 405 | 413 | 415 | 429 | 503;

type HeaderMap = Readonly<Record<string, string>>;

/** The answers that do not store anything, for a form with fields `K` (any public form). */
export type Rejection<K extends string> =
  | {
      readonly kind: "resend";
      readonly mode: BodyMode;
      readonly status: 409;
      readonly headers: HeaderMap;
      readonly message: string;
      readonly values: ValuesOf<K>;
      /** The token to send with the next press; undefined only if no secret is configured. */
      readonly formToken: string | undefined;
    }
  | {
      readonly kind: "invalid";
      readonly mode: BodyMode;
      readonly status: 422;
      readonly headers: HeaderMap;
      readonly errors: FieldErrors;
      readonly values: ValuesOf<K>;
      readonly formToken:
        | string
        | undefined; /** The free consultation times now, when the chosen one was refused: the picker shows these. */
      readonly booking?: BookingOffer;
    }
  | {
      readonly kind: "refused";
      readonly mode: BodyMode;
      readonly status: RefusalStatus;
      readonly headers: HeaderMap;
      /** One sentence for the visitor. */
      readonly message: string;
      readonly values: ValuesOf<K>;
      readonly formToken: string | undefined;
    };

/** A refusal of a form with fields `K` (any 4xx but 409 and 422, or 503). */
export type Refused<K extends string> = Extract<Rejection<K>, { readonly kind: "refused" }>;

export type InquiryResult =
  | {
      readonly kind: "accepted";
      readonly mode: BodyMode;
      readonly status: 201 | 303;
      readonly headers: HeaderMap;
      readonly reference: string;
      /** Whether a confirmation email to the visitor was queued (not for duplicates or spam). */
      readonly confirmationEmail: boolean;
      /** The consultation it booked, if any. */
      readonly booking: AcceptedBooking | null;
    }
  | Rejection<keyof SubmittedValues>;

/** Seconds a visitor is asked to wait after a 503. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 60;

/** The visitor-facing sentences for every refusal. */
export const REFUSAL_MESSAGES = {
  method: "Inquiries can only be sent with POST.",
  contentType: "Please send the inquiry as a form or as JSON.",
  origin: "This form can only be sent from the coaching page of this site.",
  tooLarge: "Your inquiry is too large to send. Please shorten your message and try again.",
  unreadable: "We could not read your inquiry. Please try sending it again.",
  badJson: "We could not read your inquiry (it was not valid JSON).",
  unavailable: "We could not save your inquiry just now. Please try again in a minute.",
  resend: "Almost there: please press Send once more to confirm. Everything you wrote is still here.",
} as const;

const NO_STORE = { "Cache-Control": "no-store" } as const;

/** The 429 sentence, in whole minutes; `things` names what was sent ("inquiries", "comments"). */
export function tooManyMessage(retryAfterSeconds: number, things = "inquiries"): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait = minutes <= 1 ? "a minute" : `${minutes} minutes`;
  return `You have sent several ${things} in a short time. Please wait ${wait} and try again.`;
}

export function refused<K extends string = keyof FormValues>(
  mode: BodyMode,
  status: RefusalStatus,
  message: string,
  extra: { headers?: Record<string, string>; values?: ValuesOf<K>; formToken?: string | undefined } = {},
): Refused<K> {
  return {
    kind: "refused",
    mode,
    status,
    headers: { ...NO_STORE, ...extra.headers },
    message,
    values: extra.values ?? {},
    formToken: extra.formToken,
  };
}

/** A 503 with Retry-After, keeping whatever a form had so it can be shown again. */
export function unavailable<K extends string = keyof FormValues>(
  mode: BodyMode,
  values: ValuesOf<K> = {},
  formToken?: string,
  message: string = REFUSAL_MESSAGES.unavailable,
): Refused<K> {
  return refused(mode, 503, message, {
    headers: { "Retry-After": String(RETRY_AFTER_UNAVAILABLE_SECONDS) },
    values,
    formToken,
  });
}

export function invalid<K extends string = keyof FormValues>(
  mode: BodyMode,
  errors: FieldErrors,
  values: ValuesOf<K>,
  formToken: string | undefined,
  booking?: BookingOffer,
): Rejection<K> {
  const result = { kind: "invalid", mode, status: 422, headers: { ...NO_STORE }, errors, values, formToken } as const;
  return booking === undefined ? result : { ...result, booking };
}

/** "Press Send once more": 409 with the values and a new token. */
export function resend<K extends string = keyof FormValues>(
  mode: BodyMode,
  values: ValuesOf<K>,
  formToken: string | undefined,
  message: string = REFUSAL_MESSAGES.resend,
): Rejection<K> {
  return {
    kind: "resend",
    mode,
    status: 409,
    headers: { ...NO_STORE },
    message,
    values,
    formToken,
  };
}

/**
 * Success: 201 with the reference for JSON, 303 to `thanksPath?ref=` for a form (with `&email=1`
 * when a confirmation email was queued, so the thanks page promises one only then, and
 * `&booking=` with the signed booked time when a consultation was booked).
 */
export function accepted(
  mode: BodyMode,
  reference: string,
  thanksPath: string,
  confirmationEmail: boolean,
  booking: AcceptedBooking | null = null,
): InquiryResult {
  switch (mode) {
    case "json":
      return { kind: "accepted", mode, status: 201, headers: { ...NO_STORE }, reference, confirmationEmail, booking };
    case "form": {
      const query =
        `?ref=${encodeURIComponent(reference)}${confirmationEmail ? "&email=1" : ""}` +
        (booking === null ? "" : `&booking=${encodeURIComponent(booking.token)}`);
      return {
        kind: "accepted",
        mode,
        status: 303,
        headers: { ...NO_STORE, Location: `${thanksPath}${query}` },
        reference,
        confirmationEmail,
        booking,
      };
    }
  }
}

/** The JSON body a result is answered with. */
export function resultBody(result: InquiryResult | Rejection<string>): Record<string, unknown> {
  switch (result.kind) {
    case "accepted": {
      const body = { reference: result.reference, confirmationEmail: result.confirmationEmail };
      if (result.booking === null) return body;
      const { start, end, coachTimeZone, visitorTimeZone } = result.booking;
      // `slot` is the booked start as the form sent it (the island's contract); `booking` says more.
      return { ...body, slot: start, booking: { start, end, coachTimeZone, visitorTimeZone } };
    }
    case "resend":
      return { message: result.message, resend: true, formToken: result.formToken };
    case "invalid": {
      const body = { message: "Please check the highlighted fields.", errors: result.errors };
      return result.booking === undefined ? body : { ...body, booking: result.booking };
    }
    case "refused": {
      const retryAfter = result.headers["Retry-After"];
      return retryAfter === undefined
        ? { message: result.message }
        : { message: result.message, retryAfterSeconds: Number(retryAfter) };
    }
  }
}

/**
 * A web Response for a result: JSON for the JSON path; for the form path a 303 on success and
 * otherwise plain text (a page that re-renders the form from `errors`/`message` and `values` does
 * better).
 */
export function toResponse(result: InquiryResult | Rejection<string>): Response {
  const headers = new Headers(result.headers);
  const statusText = STATUS_CODES[result.status] ?? "";
  if (result.kind === "accepted" && result.mode === "form") return new Response(null, { status: 303, headers });
  if (result.mode === "json") {
    headers.set("Content-Type", "application/json; charset=utf-8");
    return new Response(JSON.stringify(resultBody(result)), { status: result.status, statusText, headers });
  }
  headers.set("Content-Type", "text/plain; charset=utf-8");
  const text =
    result.kind === "invalid"
      ? Object.values(result.errors).join("\n")
      : result.kind === "accepted"
        ? `Your reference: ${result.reference}`
        : result.message;
  return new Response(text, { status: result.status, statusText, headers });
}
