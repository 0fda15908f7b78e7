/**
 * The visitor's "manage your consultation" page as data: what a signed link shows (GET) and what the
 * page's own form does (POST). Opening the link changes nothing, so a mail scanner that follows it
 * cancels nothing; only a POST from the page, carrying the same token in its body and passing the
 * origin check, body limits and the rate limit of inquiries, cancels or moves. A link for a
 * consultation that was cancelled or has started says so; a forged or malformed one is refused.
 * Cancelling twice (the same link again) changes nothing and sends nothing. It knows nothing about
 * Astro: the page renders the state it returns.
 */
import { SLOT_FIELD } from "../lib/booking/offer.ts";
import { parseInstant } from "../lib/booking/when.ts";
import { MAX_BODY_BYTES, bodyTypeOf, decodeBody, extraField, readBodyLimited } from "./body.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import { BAD_SLOT_MESSAGE, MANAGE_PATH, NOT_OFFERED_MESSAGE, readManageToken } from "./booking-service.ts";
import type { BookingService } from "./booking-service.ts";
import type { StoredBooking } from "./booking-store.ts";
import { rateLimitKey } from "./client-address.ts";
import type { Clock } from "./clock.ts";
import { originAllowed } from "./handler.ts";
import type { Logger } from "./logger.ts";
import { describeError } from "./logger.ts";
import type { Outbox } from "./outbox.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { REFUSAL_MESSAGES, tooManyMessage } from "./result.ts";
import type { LinkSigner } from "./signed-link.ts";

/** The form field that carries the link's token on the page. */
export const MANAGE_TOKEN_FIELD = "t";
/** The form field naming what to do: "cancel" or "move". */
export const MANAGE_ACTION_FIELD = "action";

/** What a manage link shows. */
export type ManageState =
  | { readonly kind: "invalid" }
  | { readonly kind: "not-found" }
  | { readonly kind: "cancelled" | "past"; readonly booking: StoredBooking }
  | {
      readonly kind: "upcoming";
      readonly booking: StoredBooking;
      readonly free: readonly Date[];
      readonly token: string;
    };

/** The page's answer to a POST. */
export type ManageOutcome =
  | { readonly kind: "redirect"; readonly location: string }
  | {
      readonly kind: "refused";
      readonly status: 400 | 403 | 413 | 415 | 429 | 503;
      readonly message: string;
      readonly retryAfter?: number;
    }
  | {
      readonly kind: "state";
      readonly status: 200 | 404 | 422;
      readonly state: ManageState;
      /** A problem with the chosen new time, shown next to the list. */
      readonly slotError?: string;
    };

export interface ManageDeps {
  readonly store: Pick<AsyncInquiryStore, "findBooking" | "cancelBooking" | "moveBooking">;
  readonly bookings: Pick<BookingService, "freeStarts" | "check" | "request" | "takenMessage">;
  readonly links: LinkSigner;
  readonly clock: Clock;
  readonly rateLimiter: RateLimiter;
  readonly allowedOrigins: readonly string[];
  readonly logger: Logger;
  readonly outbox?: Pick<Outbox, "wake"> | null;
}

/** The HTTP status a state is shown with: a bad link is 404, every real booking 200. */
export function statusOf(state: ManageState): 200 | 404 {
  return state.kind === "invalid" || state.kind === "not-found" ? 404 : 200;
}

const interval = (booking: StoredBooking) => ({ start: new Date(booking.startAt), end: new Date(booking.endAt) });

/** What the link with `token` shows at `now`. */
export async function manageState(deps: ManageDeps, token: string | null | undefined): Promise<ManageState> {
  const now = deps.clock.now();
  const check = readManageToken(deps.links, token, now);
  if (check.status === "invalid") return { kind: "invalid" };
  const booking = await deps.store.findBooking(check.reference);
  if (booking === undefined) return { kind: "not-found" };
  if (booking.status === "cancelled") return { kind: "cancelled", booking };
  if (check.status === "expired" || booking.startAt <= now.toISOString()) return { kind: "past", booking };
  const free = await deps.bookings.freeStarts(now, interval(booking));
  return { kind: "upcoming", booking, free, token: token ?? "" };
}

function redirect(token: string, done: "cancelled" | "moved"): ManageOutcome {
  return {
    kind: "redirect",
    location: `${MANAGE_PATH}?${MANAGE_TOKEN_FIELD}=${encodeURIComponent(token)}&done=${done}`,
  };
}

/** Handles the page's POST. Never throws: a failure after the checks is a 503. */
export async function handleManage(
  request: Request,
  deps: ManageDeps,
  clientAddress: string | undefined,
): Promise<ManageOutcome> {
  try {
    return await manage(request, deps, clientAddress);
  } catch (error) {
    deps.logger.error("booking change failed", { error: describeError(error) });
    return {
      kind: "refused",
      status: 503,
      message: "We could not change your booking just now. Please try again in a minute.",
      retryAfter: 60,
    };
  }
}

async function manage(request: Request, deps: ManageDeps, clientAddress: string | undefined): Promise<ManageOutcome> {
  const contentType = request.headers.get("content-type") ?? "";
  const type = bodyTypeOf(contentType);
  if (type !== "urlencoded" && type !== "multipart") {
    return { kind: "refused", status: 415, message: "Please use the buttons on this page." };
  }
  if (!originAllowed(request.headers, deps.allowedOrigins)) {
    return { kind: "refused", status: 403, message: "This page can only be sent from this site." };
  }
  const body = await readBodyLimited(request, MAX_BODY_BYTES);
  if (body.status === "too-large") return { kind: "refused", status: 413, message: REFUSAL_MESSAGES.tooLarge };
  if (body.status === "unreadable") return { kind: "refused", status: 400, message: REFUSAL_MESSAGES.unreadable };
  const decoded = await decodeBody(body.bytes, type, contentType);
  if (!decoded.ok) return { kind: "refused", status: 400, message: REFUSAL_MESSAGES.unreadable };

  const token = extraField(decoded.source, MANAGE_TOKEN_FIELD) ?? "";
  const action = extraField(decoded.source, MANAGE_ACTION_FIELD);
  const state = await manageState(deps, token);
  if (state.kind !== "upcoming") return { kind: "state", status: statusOf(state), state };
  if (action !== "cancel" && action !== "move") {
    return { kind: "refused", status: 400, message: "Please use the buttons on this page." };
  }
  const now = deps.clock.now();
  const decision = deps.rateLimiter.hit(rateLimitKey(clientAddress), now);
  if (!decision.allowed) {
    return {
      kind: "refused",
      status: 429,
      message: tooManyMessage(decision.retryAfterSeconds),
      retryAfter: decision.retryAfterSeconds,
    };
  }
  const { booking } = state;

  if (action === "cancel") {
    const result = await deps.store.cancelBooking(booking.reference, "visitor", now);
    deps.logger.info("booking cancelled by the visitor", { reference: booking.reference, result: result.status });
    if (result.status === "cancelled") deps.outbox?.wake();
    return redirect(token, "cancelled");
  }

  const slotText = (extraField(decoded.source, SLOT_FIELD) ?? "").trim();
  const wanted = parseInstant(slotText);
  if (wanted === undefined) return { kind: "state", status: 422, state, slotError: BAD_SLOT_MESSAGE };
  if (wanted.getTime() === Date.parse(booking.startAt)) {
    return {
      kind: "state",
      status: 422,
      state,
      slotError: "That is the time you already have. Please choose a different one.",
    };
  }
  const check = await deps.bookings.check(wanted, now, interval(booking));
  if (check === "not-offered") return { kind: "state", status: 422, state, slotError: NOT_OFFERED_MESSAGE };
  const taken = async (): Promise<ManageOutcome> => {
    const fresh = await manageState(deps, token);
    const free = fresh.kind === "upcoming" ? fresh.free : [];
    return {
      kind: "state",
      status: 422,
      state: fresh,
      slotError: deps.bookings.takenMessage(wanted, free, booking.visitorTimeZone),
    };
  };
  if (check === "taken") return taken();
  const moved = await deps.store.moveBooking(
    booking.reference,
    deps.bookings.request(wanted, booking.visitorTimeZone),
    now,
  );
  deps.logger.info("booking moved by the visitor", { reference: booking.reference, result: moved.status });
  if (moved.status === "slot-taken") return taken();
  if (moved.status === "moved") deps.outbox?.wake();
  return redirect(token, "moved");
}
