/**
 * The inquiry endpoint as a framework-free function: a web Request in, an InquiryResult out, so the
 * Astro route stays a few lines and every rule here is testable without a server. In order: POST
 * only (405); a form or JSON body only (415); the origin check (403, see `originAllowed`); at most
 * 32 KB, counted while reading (413); the shared schema (422, with field errors, and for a form the
 * entered values to re-render); the honeypot (a filled one is stored as spam and answered like any
 * success); the form token (missing, forged, too fresh or too old: 409 "send once more" with every
 * value kept and a new token, nothing stored); the per-client rate limit (429 with Retry-After),
 * counted only for submissions that would be stored; a token already used (409 as well);
 * idempotency; and the row committed before any 2xx (JSON: 201 with the
 * reference; form: 303 to the thanks page). A store that cannot commit within `saveTimeoutMs`, or
 * any other failure after validation, is logged and answered 503 with Retry-After and the values
 * kept; nothing else is a 5xx. It knows nothing about Astro, environment variables or SMTP.
 */
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD, parseInquiry, toFormValues } from "../lib/inquiry/input.ts";
import { bodyTypeOf, decodeBody, extraField, readBodyLimited } from "./body.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import type { Clock } from "./clock.ts";
import type { Logger } from "./logger.ts";
import { describeError } from "./logger.ts";
import type { Outbox } from "./outbox.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { REFUSAL_MESSAGES, accepted, invalid, resend, unavailable } from "./result.ts";
import type { InquiryResult } from "./result.ts";
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
  const opened = await openSubmission(request, config, REFUSAL_MESSAGES);
  if (!opened.ok) return opened.result;
  const { mode, source } = opened;
  const values = mode === "form" ? toFormValues(source) : {};
  const formToken = extraField(source, FORM_TOKEN_FIELD);
  const validation = parseInquiry(source);
  if (!validation.ok) return invalid(mode, validation.errors, values, formToken);

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

    const saved = await deps.store.save(
      { inquiry: validation.value, spamReason: honeypot ? "honeypot" : null, formTokenId },
      now,
      { timeoutMs: config.saveTimeoutMs ?? 4000 },
    );
    if (saved.status === "token-used") {
      logger.info("form token already used: asked to send once more");
      return resend(mode, values, freshToken({ formSecrets: config.formSecrets, clock: deps.clock }));
    }
    const fields = { id: saved.id, reference: saved.reference };
    if (saved.status === "duplicate") logger.info("duplicate inquiry, first one kept", fields);
    else if (honeypot) logger.info("inquiry stored as spam", { ...fields, reason: "honeypot" });
    else {
      logger.info("inquiry stored", { ...fields, queued: saved.queued.join(",") });
      deps.outbox?.wake();
    }
    return accepted(mode, saved.reference, config.thanksPath, saved.queued.includes("auto-reply"));
  } catch (error) {
    logger.error("inquiry could not be stored", { error: describeError(error) });
    return unavailable(mode, values, formToken);
  }
}
