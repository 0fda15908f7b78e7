/**
 * The signed "form served at" value: the server puts it in the form (a hidden field, for the
 * plain-HTML and the JavaScript path alike) and reads it back on submit to learn how long the visitor
 * had the form, without trusting anything the browser says about time. A token is the serving time,
 * a random nonce and an HMAC-SHA256 of both; it is not secret, only unforgeable. Issuing one needs
 * only the secret in memory, never the database, so a form can always be served.
 *
 * A token that is missing, forged, too fresh or too old never files an inquiry as spam: the visitor
 * is asked to press Send once more with a new token (see handler.ts). The nonce lets the store
 * accept one inquiry per token. A "send once more" token keeps the serving time of the token it
 * replaces, so the time the visitor already spent on the form still counts. It knows nothing about
 * where the secret comes from.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const VERSION = "v2";
const TOKEN = /^v2\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

/** How long a served form stays valid: a tab left open overnight still works. */
export const FORM_TOKEN_MAX_AGE_MS = 48 * 60 * 60 * 1000;

export type FormTokenCheck =
  | { readonly status: "ok"; readonly servedAt: Date; readonly fillMs: number; readonly nonce: string }
  | { readonly status: "missing" | "invalid" }
  | { readonly status: "expired"; readonly servedAt: Date }
  | { readonly status: "too-fast"; readonly servedAt: Date; readonly fillMs: number };

function sign(servedAtMs: number, nonce: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`inquiry-form:${VERSION}:${servedAtMs}:${nonce}`).digest();
}

/**
 * A token saying "the form was served at `servedAt`", signed with `secret`, with a fresh nonce.
 * `nonce` is for tests; by default 12 random bytes.
 */
export function issueFormToken(servedAt: Date, secret: string, nonce = randomBytes(12).toString("base64url")): string {
  const servedAtMs = servedAt.getTime();
  return `${VERSION}.${servedAtMs.toString(36)}.${nonce}.${sign(servedAtMs, nonce, secret).toString("base64url")}`;
}

/**
 * Checks a submitted token against any of `secrets` (the current one first; older ones keep working
 * across a rotation), whether at least `minFillMs` passed since it was issued, and that it is not
 * older than FORM_TOKEN_MAX_AGE_MS.
 */
export function verifyFormToken(
  token: string | undefined,
  now: Date,
  secrets: readonly string[],
  minFillMs: number,
): FormTokenCheck {
  if (token === undefined || token.trim() === "") return { status: "missing" };
  const [, stamp, nonce, signature] = TOKEN.exec(token.trim()) ?? [];
  if (stamp === undefined || nonce === undefined || signature === undefined) return { status: "invalid" };
  const servedAtMs = Number.parseInt(stamp, 36);
  if (!Number.isSafeInteger(servedAtMs)) return { status: "invalid" };
  const given = Buffer.from(signature, "base64url");
  const genuine = secrets.some((secret) => {
    const expected = sign(servedAtMs, nonce, secret);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!genuine) return { status: "invalid" };
  const servedAt = new Date(servedAtMs);
  const fillMs = now.getTime() - servedAtMs;
  if (fillMs > FORM_TOKEN_MAX_AGE_MS) return { status: "expired", servedAt };
  if (fillMs < minFillMs) return { status: "too-fast", servedAt, fillMs };
  return { status: "ok", servedAt, fillMs, nonce };
}
