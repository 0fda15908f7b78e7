/**
 * Sends the inquiry as JSON to the route the form posts to and reads the answer, which is untrusted
 * like any input: 201 {reference, confirmationEmail, slot?} (`slot`: the start time booked with it); 409 {message, formToken}; 422 {errors} with
 * the fresh free times (`booking`) when the chosen time was taken; any other status {message}. A
 * field that is missing or of the wrong type is ignored, and an answer that is not JSON still gives
 * the visitor a sentence. A network failure rejects, for the caller to explain.
 */
import type { BookingOffer } from "../../../lib/booking/offer.ts";
import { isUtcInstant, toBookingOffer } from "../../../lib/booking/offer-input.ts";
import type { FieldErrors } from "../../../lib/inquiry/input.ts";

export type Outcome =
  | { readonly reference: string; readonly confirmationEmail: boolean; readonly slot: string | undefined }
  | {
      readonly reference?: undefined;
      readonly message: string;
      readonly errors: FieldErrors;
      readonly formToken: string | undefined;
      readonly booking: BookingOffer | undefined;
    };

export async function send(action: string, body: Record<string, string>): Promise<Outcome> {
  const response = await fetch(action, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const data: unknown = await response.json().catch(() => ({}));
  const record = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  const text = (key: string) => {
    const value = record[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const reference = text("reference");
  if (response.status === 201 && reference) {
    const slot = record["slot"];
    return {
      reference,
      confirmationEmail: record["confirmationEmail"] === true,
      slot: isUtcInstant(slot) ? slot : undefined,
    };
  }
  const errors = record["errors"];
  return {
    message: text("message") ?? `Your inquiry could not be sent (error ${response.status}). Please try again.`,
    errors:
      typeof errors === "object" && errors !== null
        ? Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === "string"))
        : {},
    formToken: text("formToken"),
    booking: toBookingOffer(record["booking"]),
  };
}
