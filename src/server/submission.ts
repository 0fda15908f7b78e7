/**
 * The steps every public form post takes before its own rules, shared by the inquiry and comment
 * handlers so both refuse the same things the same way. `openSubmission`: POST only (405), a form
 * or JSON body only (415), the origin check (403), the size limit counted while reading (413), and
 * decoding (400). `admitSubmission`, for input that passed its schema: the honeypot (a filled one
 * is let through as spam, answered like success, never checked further), the form token (missing,
 * forged, too fresh or too old: 409 "send once more" with every value kept and a new token), then
 * the per-client rate limit (429 with Retry-After), counted only for a submission that would be
 * stored. Every sentence comes from the caller, so each form speaks of its own thing. It knows
 * nothing about what is stored.
 */
import { MAX_BODY_BYTES, bodyTypeOf, decodeBody, readBodyLimited } from "./body.ts";
import { rateLimitKey } from "./client-address.ts";
import type { Clock } from "./clock.ts";
import { issueFormToken, verifyFormToken } from "./form-token.ts";
import type { Logger } from "./logger.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { refused, resend, tooManyMessage } from "./result.ts";
import type { BodyMode, REFUSAL_MESSAGES, Refused, Rejection, ValuesOf } from "./result.ts";

/** The sentences a form's refusals use (REFUSAL_MESSAGES for inquiries). */
export type RefusalMessages = { readonly [K in keyof typeof REFUSAL_MESSAGES]: string };

/** Whether a request's answer should be JSON or suit a plain-HTML form, from its Content-Type. */
export function bodyModeFor(request: Request): BodyMode {
  const type = bodyTypeOf(request.headers.get("content-type"));
  return type === "urlencoded" || type === "multipart" ? "form" : "json";
}

/**
 * The one origin check for posts. A browser sends Origin with every POST: it must be one of the
 * configured origins (never compared with the request's own Host, which the client chooses). A
 * request without Origin is refused when Sec-Fetch-Site says it came from another site; otherwise
 * it is not a browser's cross-site request and passes.
 */
export function originAllowed(headers: Headers, allowed: readonly string[]): boolean {
  const origin = headers.get("origin");
  if (origin !== null) return allowed.includes(origin);
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

export type Opened =
  | { readonly ok: true; readonly mode: BodyMode; readonly source: unknown }
  /** Refused before the body was understood: there are no values to keep yet. */
  | { readonly ok: false; readonly result: Refused<never> };

/** The checks before a body is understood; the decoded body (JSON, URLSearchParams or FormData). */
export async function openSubmission(
  request: Request,
  options: { readonly allowedOrigins: readonly string[]; readonly maxBodyBytes?: number | undefined },
  messages: RefusalMessages,
): Promise<Opened> {
  const stop = (result: Refused<never>): Opened => ({ ok: false, result });
  if (request.method !== "POST") return stop(refused("json", 405, messages.method, { headers: { Allow: "POST" } }));
  const contentType = request.headers.get("content-type") ?? "";
  const type = bodyTypeOf(contentType);
  if (type === null) {
    return stop(
      refused("json", 415, messages.contentType, {
        headers: { "Accept-Post": "application/x-www-form-urlencoded, multipart/form-data, application/json" },
      }),
    );
  }
  const mode = bodyModeFor(request);
  if (!originAllowed(request.headers, options.allowedOrigins)) return stop(refused(mode, 403, messages.origin));
  const body = await readBodyLimited(request, options.maxBodyBytes ?? MAX_BODY_BYTES);
  switch (body.status) {
    case "too-large":
      return stop(refused(mode, 413, messages.tooLarge));
    case "unreadable":
      return stop(refused(mode, 400, messages.unreadable));
    case "ok":
      break;
  }
  const decoded = await decodeBody(body.bytes, type, contentType);
  if (!decoded.ok)
    return stop(refused(mode, 400, decoded.reason === "bad-json" ? messages.badJson : messages.unreadable));
  return { ok: true, mode, source: decoded.source };
}

export interface AdmissionDeps {
  readonly clock: Clock;
  readonly rateLimiter: RateLimiter;
  readonly logger: Logger;
  /** Form-token secrets: the current one first. */
  readonly formSecrets: readonly string[];
  readonly minFillMs: number;
}

export interface Submission<K extends string> {
  readonly mode: BodyMode;
  readonly values: ValuesOf<K>;
  readonly formToken: string | undefined;
  /** Whether the honeypot field was filled. */
  readonly honeypot: boolean;
  readonly clientAddress: string | undefined;
  /** What is sent, for log lines ("inquiry", "comment") and the 429 sentence ("inquiries"). */
  readonly noun: string;
  readonly plural: string;
  readonly resendMessage: string;
}

export type Admission<K extends string> =
  | { readonly ok: true; readonly now: Date; readonly spam: boolean; readonly formTokenId: string | null }
  | { readonly ok: false; readonly result: Rejection<K> };

/** A new token for a "send once more" answer: from `servedAt` (the form's) or now. */
export function freshToken(deps: Pick<AdmissionDeps, "formSecrets" | "clock">, servedAt?: Date): string | undefined {
  const secret = deps.formSecrets[0];
  return secret === undefined ? undefined : issueFormToken(servedAt ?? deps.clock.now(), secret);
}

/** Honeypot, form token and rate limit for a submission whose input is valid. */
export function admitSubmission<K extends string>(deps: AdmissionDeps, submission: Submission<K>): Admission<K> {
  const { logger } = deps;
  const { mode, values, noun } = submission;
  const now = deps.clock.now();
  let formTokenId: string | null = null;
  if (!submission.honeypot) {
    const check = verifyFormToken(submission.formToken, now, deps.formSecrets, deps.minFillMs);
    switch (check.status) {
      case "ok":
        formTokenId = check.nonce;
        break;
      case "too-fast": {
        logger.info(`${noun} sent before the minimum fill time: asked to send once more`);
        const token = freshToken(deps, check.fillMs < 0 ? undefined : check.servedAt);
        return { ok: false, result: resend(mode, values, token, submission.resendMessage) };
      }
      case "missing":
      case "invalid":
      case "expired":
        logger.info(`${noun} without a usable form token: asked to send once more`, { token: check.status });
        return { ok: false, result: resend(mode, values, freshToken(deps), submission.resendMessage) };
    }
  }
  // Counted only for a submission that would be stored: a "send once more" costs no slot.
  const decision = deps.rateLimiter.hit(rateLimitKey(submission.clientAddress), now);
  if (!decision.allowed) {
    logger.info(`${noun} rate-limited`, { retryAfterSeconds: decision.retryAfterSeconds });
    return {
      ok: false,
      result: refused(mode, 429, tooManyMessage(decision.retryAfterSeconds, submission.plural), {
        headers: { "Retry-After": String(decision.retryAfterSeconds) },
        values,
        formToken: submission.formToken,
      }),
    };
  }
  return { ok: true, now, spam: submission.honeypot, formTokenId };
}
