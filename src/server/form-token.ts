/**
 * The signed "form served at" value: the server puts it in the form (a hidden field, for the
 * plain-HTML and the JavaScript path alike) and reads it back on submit to learn how long the visitor
 * had the form, without trusting anything the browser says about time. The token is the serving time
 * in milliseconds and an HMAC-SHA256 of it; it is not secret and not single-use, only unforgeable.
 * It deliberately has no expiry: an old token proves the form was open long enough, and refusing it
 * would lose the inquiry of someone who left the tab open overnight. It knows nothing about where
 * the secret comes from.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const VERSION = "v1";
const TOKEN = /^v1\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

export type FormTokenCheck =
  | { readonly status: "ok"; readonly servedAt: Date; readonly fillMs: number }
  | { readonly status: "missing" | "invalid" }
  | { readonly status: "too-fast"; readonly fillMs: number };

function sign(servedAtMs: number, secret: string): Buffer {
  return createHmac("sha256", secret).update(`inquiry-form:${VERSION}:${servedAtMs}`).digest();
}

/** A token saying "the form was served at `now`", signed with `secret`. */
export function issueFormToken(now: Date, secret: string): string {
  const servedAtMs = now.getTime();
  return `${VERSION}.${servedAtMs.toString(36)}.${sign(servedAtMs, secret).toString("base64url")}`;
}

/**
 * Checks a submitted token against any of `secrets` (the current one first; older ones keep working
 * across a rotation) and whether at least `minFillMs` passed since it was issued.
 */
export function verifyFormToken(
  token: string | undefined,
  now: Date,
  secrets: readonly string[],
  minFillMs: number,
): FormTokenCheck {
  if (token === undefined || token.trim() === "") return { status: "missing" };
  const match = TOKEN.exec(token.trim());
  const [, stamp, signature] = match ?? [];
  if (stamp === undefined || signature === undefined) return { status: "invalid" };
  const servedAtMs = Number.parseInt(stamp, 36);
  if (!Number.isSafeInteger(servedAtMs)) return { status: "invalid" };
  const given = Buffer.from(signature, "base64url");
  const genuine = secrets.some((secret) => {
    const expected = sign(servedAtMs, secret);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!genuine) return { status: "invalid" };
  const fillMs = now.getTime() - servedAtMs;
  if (fillMs < minFillMs) return { status: "too-fast", fillMs };
  return { status: "ok", servedAt: new Date(servedAtMs), fillMs };
}
