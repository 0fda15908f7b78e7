/**
 * The inquiry endpoint as a framework-free function: a web Request in, an InquiryResult out, so the
 * Astro route stays a few lines and every rule here is testable without a server. In order: POST
 * only (405); a form or JSON body only (415); the origin check (403, see `originAllowed`); at most
 * 32 KB, counted while reading (413); the shared schema (422, with field errors, and for a form the
 * entered values to re-render); the honeypot (a filled one is stored as spam and answered like any
 * success); the form token (missing, forged, too fresh or too old: 409 "send once more" with every
 * value kept and a new token, nothing stored); the per-client rate limit (429 with Retry-After),
 * counted only for submissions that would be stored; the chosen consultation time (`slot`, optional:
 * one that is malformed, not offered or taken is a 422 next to the picker with the fresh offer,
 * nothing stored); a token already used (409 as well); idempotency; and the row, with its booking,
 * committed in one transaction before any 2xx (JSON: 201 with the reference and the booked time;
 * form: 303 to the thanks page, with a signed token of the booked time). A store that cannot commit within `saveTimeoutMs`, or
 * any other failure after validation, is logged and answered 503 with Retry-After and the values
 * kept; nothing else is a 5xx. It knows nothing about Astro, environment variables or SMTP.
 */
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD, parseInquiry, toFormValues } from "../lib/inquiry/input.ts";
import { SLOT_FIELD } from "../lib/booking/offer.ts";
import { parseInstant } from "../lib/booking/when.ts";
import { BAD_SLOT_MESSAGE, NOT_OFFERED_MESSAGE } from "./booking-service.ts";
import type { BookingService } from "./booking-service.ts";
import type { BookingRequest } from "./booking-store.ts";
import { bodyTypeOf, decodeBody, extraField, readBodyLimited } from "./body.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import type { Clock } from "./clock.ts";
import type { Logger } from "./logger.ts";
import { describeError } from "./logger.ts";
import type { Outbox } from "./outbox.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { REFUSAL_MESSAGES, accepted, invalid, resend, unavailable } from "./result.ts";
import type { AcceptedBooking, InquiryResult, SubmittedValues } from "./result.ts";
import { admitSubmission, bodyModeFor, freshToken, openSubmission } from "./submission.ts";

export { bodyModeFor, originAllowed } from "./submission.ts";

export interface HandlerConfig {
  /** The only origins allowed to post: SITE_URL's, then INQUIRY_ALLOWED_ORIGINS. */
  readonly allowedOrigins: readonly string[];
  readonly minFillMs: number;
  /** How long a submission waits for its row to be committed before it is answered 503. */
  readonly saveTimeoutMs?: number;
  /** Form-token secrets: the current one first. */
  readonly formSecrets: readonly string[];
  /** Where a plain-HTML submit is sent after success; `?ref=` is appended. */
  readonly thanksPath: string;
  readonly maxBodyBytes?: number;
}

export interface InquiryDeps {
  readonly store: Pick<AsyncInquiryStore, "save">;
  readonly config: HandlerConfig;
  readonly clock: Clock;
  readonly rateLimiter: RateLimiter;
  readonly logger: Logger;
  /** Woken after a real inquiry is stored, so its email goes out now rather than at the next poll. */
  readonly outbox?: Pick<Outbox, "wake"> | null;
  /** The consultation booking; without it a chosen time is refused as not offered. */
  readonly bookings?: Pick<
    BookingService,
    "availability" | "offer" | "freeStarts" | "check" | "request" | "takenMessage" | "thanksToken"
  > | null;
}

export interface RequestMeta {
  /** The client's IP address as the server resolved it (see client-address.ts); undefined if unknown. */
  readonly clientAddress?: string | undefined;
}

/**
 * The 503 answer when the inquiry service itself is unavailable (for instance the database cannot be
 * opened). A form body is still read, so the page can re-render what the visitor typed. Never throws.
 */
export async function unavailableResult(request: Request): Promise<InquiryResult> {
  const mode = bodyModeFor(request);
  try {
    const contentType = request.headers.get("content-type") ?? "";
    const type = bodyTypeOf(contentType);
    if (mode === "form" && type !== null && request.method === "POST" && !request.bodyUsed) {
      const body = await readBodyLimited(request);
      const decoded = body.status === "ok" ? await decodeBody(body.bytes, type, contentType) : null;
      if (decoded?.ok === true) {
        return unavailable(mode, submittedValues(decoded.source), extraField(decoded.source, FORM_TOKEN_FIELD));
      }
    }
  } catch {
    // The visitor still gets the 503 below; there is nothing more to recover.
  }
  return unavailable(mode);
}

/** A form's entered values to show again: the inquiry's fields and the chosen time, if any. */
function submittedValues(source: unknown): SubmittedValues {
  const slot = (extraField(source, SLOT_FIELD) ?? "").trim();
  const values = toFormValues(source);
  return slot === "" ? values : { ...values, [SLOT_FIELD]: slot };
}

/** Handles one inquiry submission. Never throws. */
export async function handleInquiry(
  request: Request,
  deps: InquiryDeps,
  meta: RequestMeta = {},
): Promise<InquiryResult> {
  try {
    return await handle(request, deps, meta);
  } catch (error) {
    deps.logger.error("inquiry handler failed", { error: describeError(error) });
    return unavailable(bodyModeFor(request));
  }
}

async function handle(request: Request, deps: InquiryDeps, meta: RequestMeta): Promise<InquiryResult> {
  const { config, logger } = deps;
  const opened = await openSubmission(request, config, REFUSAL_MESSAGES);
  if (!opened.ok) return opened.result;
  const { mode, source } = opened;

  // The chosen consultation time: absent or blank books none; anything else must be an instant.
  const slotText = (extraField(source, SLOT_FIELD) ?? "").trim();
  const wanted = slotText === "" ? null : parseInstant(slotText);
  const inquiryValues = mode === "form" ? toFormValues(source) : {};
  const values: SubmittedValues = mode === "form" ? submittedValues(source) : {};
  const formToken = extraField(source, FORM_TOKEN_FIELD);
  const validation = parseInquiry(source);
  if (!validation.ok || wanted === undefined) {
    const errors = {
      ...(validation.ok ? {} : validation.errors),
      ...(wanted === undefined ? { [SLOT_FIELD]: BAD_SLOT_MESSAGE } : {}),
    };
    return invalid(mode, errors, values, formToken);
  }

  try {
    const admission = admitSubmission(
      { ...deps, formSecrets: config.formSecrets, minFillMs: config.minFillMs },
      {
        mode,
        values,
        formToken,
        honeypot: (extraField(source, HONEYPOT_FIELD) ?? "").trim() !== "",
        clientAddress: meta.clientAddress,
        noun: "inquiry",
        plural: "inquiries",
        resendMessage: REFUSAL_MESSAGES.resend,
      },
    );
    if (!admission.ok) return admission.result;
    const { now, formTokenId } = admission;
    const honeypot = admission.spam;

    const visitorZone = validation.value.timeZone ?? null;
    /** 422 for a chosen time that cannot be booked, with the fresh offer and every other value kept. */
    const refuseTime = async (taken: boolean): Promise<InquiryResult> => {
      const bookings = deps.bookings;
      const offer = bookings ? await bookings.offer(now) : undefined;
      const message =
        taken && bookings && wanted
          ? bookings.takenMessage(
              wanted,
              (offer?.slots ?? []).map((slot) => new Date(slot)),
              visitorZone,
            )
          : NOT_OFFERED_MESSAGE;
      return invalid(mode, { [SLOT_FIELD]: message }, inquiryValues, formToken, offer);
    };
    let booking: BookingRequest | null = null;
    if (wanted !== null && !honeypot) {
      const check = deps.bookings ? await deps.bookings.check(wanted, now) : "not-offered";
      if (check !== "offered") {
        logger.info("chosen consultation time refused", { check });
        return await refuseTime(check === "taken");
      }
      booking = deps.bookings?.request(wanted, visitorZone) ?? null;
    }

    const saved = await deps.store.save(
      { inquiry: validation.value, spamReason: honeypot ? "honeypot" : null, formTokenId, booking },
      now,
      { timeoutMs: config.saveTimeoutMs ?? 4000 },
    );
    if (saved.status === "token-used") {
      logger.info("form token already used: asked to send once more");
      return resend(mode, values, freshToken({ formSecrets: config.formSecrets, clock: deps.clock }));
    }
    if (saved.status === "slot-taken") {
      logger.info("consultation time taken in the meantime: nothing stored");
      return await refuseTime(true);
    }
    const fields = { id: saved.id, reference: saved.reference };
    if (saved.status === "duplicate") logger.info("duplicate inquiry, first one kept", fields);
    else if (honeypot) logger.info("inquiry stored as spam", { ...fields, reason: "honeypot" });
    else {
      logger.info("inquiry stored", { ...fields, queued: saved.queued.join(",") });
      deps.outbox?.wake();
    }
    const confirmation = saved.queued.includes("auto-reply") || saved.queued.includes("booking-visitor");
    let booked: AcceptedBooking | null = null;
    if (saved.booking !== null && deps.bookings) {
      booked = {
        ...saved.booking,
        coachTimeZone: deps.bookings.availability.timeZone,
        token: deps.bookings.thanksToken(saved.reference, saved.booking, now),
      };
    }
    return accepted(mode, saved.reference, config.thanksPath, confirmation, booked);
  } catch (error) {
    logger.error("inquiry could not be stored", { error: describeError(error) });
    return unavailable(mode, values, formToken);
  }
}
