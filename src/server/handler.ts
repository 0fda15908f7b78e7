/**
 * The inquiry endpoint as a framework-free function: a web Request in, an InquiryResult out, so the
 * Astro route stays a few lines and every rule here is testable without a server. In order: POST
 * only (405); a form or JSON body only (415); an Origin, when sent, must be the site's (403); at
 * most 32 KB, counted while reading (413); the shared schema (422, with field errors, and for a form
 * the entered values to re-render); the per-client rate limit (429 with Retry-After); honeypot and
 * minimum fill time (spam is stored, flagged and answered like any success); idempotency; and the
 * row committed before any 2xx (JSON: 201 with the reference; form: 303 to the thanks page). Any
 * failure after validation is logged and answered 503 with Retry-After; nothing else is a 5xx.
 * It knows nothing about Astro, environment variables or SMTP.
 */
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD, parseInquiry, toFormValues } from "../lib/inquiry/input.ts";
import { MAX_BODY_BYTES, bodyTypeOf, decodeBody, extraField, readBodyLimited } from "./body.ts";
import { rateLimitKey, resolveClientAddress } from "./client-address.ts";
import type { Clock } from "./clock.ts";
import { verifyFormToken } from "./form-token.ts";
import type { Logger } from "./logger.ts";
import { describeError } from "./logger.ts";
import type { Outbox } from "./outbox.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { REFUSAL_MESSAGES, accepted, invalid, refused, tooManyMessage, unavailable } from "./result.ts";
import type { BodyMode, InquiryResult } from "./result.ts";
import type { InquiryStore, SpamReason } from "./store.ts";

export interface HandlerConfig {
  /** Origins allowed to post (the request's own origin always is). */
  readonly allowedOrigins: readonly string[];
  readonly trustProxyHops: number;
  readonly minFillMs: number;
  /** Form-token secrets: the current one first. */
  readonly formSecrets: readonly string[];
  /** Where a plain-HTML submit is sent after success; `?ref=` is appended. */
  readonly thanksPath: string;
  readonly maxBodyBytes?: number;
}

export interface InquiryDeps {
  readonly store: Pick<InquiryStore, "save">;
  readonly config: HandlerConfig;
  readonly clock: Clock;
  readonly rateLimiter: RateLimiter;
  readonly logger: Logger;
  /** Woken after a real inquiry is stored, so its email goes out now rather than at the next poll. */
  readonly outbox?: Pick<Outbox, "wake"> | null;
}

export interface RequestMeta {
  /** The socket's address as the framework reports it (Astro: `context.clientAddress`). */
  readonly clientAddress?: string | undefined;
}

/** Whether a request's answer should be JSON or suit a plain-HTML form, from its Content-Type. */
export function bodyModeFor(request: Request): BodyMode {
  const type = bodyTypeOf(request.headers.get("content-type"));
  return type === "urlencoded" || type === "multipart" ? "form" : "json";
}

function originAllowed(request: Request, allowed: readonly string[]): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  return origin === new URL(request.url).origin || allowed.includes(origin);
}

function spamReasonOf(source: unknown, now: Date, config: HandlerConfig): SpamReason | null {
  if ((extraField(source, HONEYPOT_FIELD) ?? "").trim() !== "") return "honeypot";
  const check = verifyFormToken(extraField(source, FORM_TOKEN_FIELD), now, config.formSecrets, config.minFillMs);
  switch (check.status) {
    case "ok":
      return null;
    case "missing":
      return "missing-token";
    case "invalid":
      return "invalid-token";
    case "too-fast":
      return "too-fast";
  }
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
        return unavailable(mode, toFormValues(decoded.source), extraField(decoded.source, FORM_TOKEN_FIELD));
      }
    }
  } catch {
    // The visitor still gets the 503 below; there is nothing more to recover.
  }
  return unavailable(mode);
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
  if (request.method !== "POST") return refused("json", 405, REFUSAL_MESSAGES.method, { headers: { Allow: "POST" } });
  const contentType = request.headers.get("content-type") ?? "";
  const type = bodyTypeOf(contentType);
  if (type === null) {
    return refused("json", 415, REFUSAL_MESSAGES.contentType, {
      headers: { "Accept-Post": "application/x-www-form-urlencoded, multipart/form-data, application/json" },
    });
  }
  const mode = bodyModeFor(request);
  if (!originAllowed(request, config.allowedOrigins)) return refused(mode, 403, REFUSAL_MESSAGES.origin);

  const body = await readBodyLimited(request, config.maxBodyBytes ?? MAX_BODY_BYTES);
  switch (body.status) {
    case "too-large":
      return refused(mode, 413, REFUSAL_MESSAGES.tooLarge);
    case "unreadable":
      return refused(mode, 400, REFUSAL_MESSAGES.unreadable);
    case "ok":
      break;
  }
  const decoded = await decodeBody(body.bytes, type, contentType);
  if (!decoded.ok) {
    return refused(mode, 400, decoded.reason === "bad-json" ? REFUSAL_MESSAGES.badJson : REFUSAL_MESSAGES.unreadable);
  }

  const values = mode === "form" ? toFormValues(decoded.source) : {};
  const formToken = extraField(decoded.source, FORM_TOKEN_FIELD);
  const validation = parseInquiry(decoded.source);
  if (!validation.ok) return invalid(mode, validation.errors, values, formToken);

  try {
    const now = deps.clock.now();
    const client = rateLimitKey(resolveClientAddress(request.headers, meta.clientAddress, config.trustProxyHops));
    const decision = deps.rateLimiter.hit(client, now);
    if (!decision.allowed) {
      logger.info("inquiry rate-limited", { retryAfterSeconds: decision.retryAfterSeconds });
      return refused(mode, 429, tooManyMessage(decision.retryAfterSeconds), {
        headers: { "Retry-After": String(decision.retryAfterSeconds) },
        values,
        formToken,
      });
    }

    const spamReason = spamReasonOf(decoded.source, now, config);
    const saved = deps.store.save({ inquiry: validation.value, spamReason }, now);
    const fields = { id: saved.id, reference: saved.reference };
    if (saved.status === "duplicate") logger.info("duplicate inquiry, first one kept", fields);
    else if (spamReason !== null) logger.info("inquiry stored as spam", { ...fields, reason: spamReason });
    else {
      logger.info("inquiry stored", { ...fields, queued: saved.queued.join(",") });
      deps.outbox?.wake();
    }
    return accepted(mode, saved.reference, config.thanksPath);
  } catch (error) {
    logger.error("inquiry could not be stored", { error: describeError(error) });
    return unavailable(mode, values, formToken);
  }
}
