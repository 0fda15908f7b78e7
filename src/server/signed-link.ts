/**
 * Signed links for email: "manage this booking", "approve this comment", "unsubscribe". A token names
 * what it is about (`subject`, e.g. a booking reference or a comment id), for what (`purpose`), and
 * until when; it is an HMAC-SHA256 over all three, so it cannot be forged or reused for another
 * purpose or subject, and it stops working after its expiry. It is not secret from its holder, only
 * unforgeable; a link only opens a page, and the page's POST (carrying the same token) acts, so a
 * mail scanner that follows links changes nothing. Whether the action was already done is the
 * caller's business (state in the database), not the token's. It knows nothing about URLs or HTTP.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const VERSION = "l1";
/** `l1.<subject, base64url>.<expiry, ms base 36>.<signature, base64url>` */
const TOKEN = /^l1\.([A-Za-z0-9_-]{1,200})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;
const PURPOSE = /^[a-z][a-z0-9-]{0,39}$/;

export type LinkCheck =
  | { readonly status: "ok"; readonly subject: string; readonly expiresAt: Date }
  | { readonly status: "invalid" }
  | { readonly status: "expired"; readonly subject: string };

export interface LinkSigner {
  /** A token for `purpose` and `subject`, valid until `expiresAt`. */
  sign(purpose: string, subject: string, expiresAt: Date): string;
  /** Checks a token (from a URL or a form, untrusted) for `purpose` at `now`. */
  verify(purpose: string, token: string | null | undefined, now: Date): LinkCheck;
}

function signature(secret: string, purpose: string, subject: string, expiresMs: number): Buffer {
  return createHmac("sha256", secret).update(`link:${VERSION}:${purpose}:${expiresMs}:${subject}`).digest();
}

/**
 * A signer over `secrets`: the first signs, any verifies (so a rotated secret keeps older links
 * working). Throws when there is no secret or a purpose is malformed (a programming error).
 */
export function createLinkSigner(secrets: readonly string[]): LinkSigner {
  const current = secrets[0];
  if (current === undefined || current.length === 0) throw new Error("a link signer needs a secret");
  const checkPurpose = (purpose: string): void => {
    if (!PURPOSE.test(purpose)) throw new RangeError(`bad link purpose "${purpose}"`);
  };
  return {
    sign(purpose, subject, expiresAt) {
      checkPurpose(purpose);
      const expiresMs = expiresAt.getTime();
      if (!Number.isSafeInteger(expiresMs) || expiresMs < 0) throw new RangeError("bad link expiry");
      const encoded = Buffer.from(subject, "utf8").toString("base64url");
      if (encoded.length === 0 || encoded.length > 200) throw new RangeError("link subject must be 1-150 bytes");
      const signed = signature(current, purpose, subject, expiresMs).toString("base64url");
      return `${VERSION}.${encoded}.${expiresMs.toString(36)}.${signed}`;
    },
    verify(purpose, token, now) {
      checkPurpose(purpose);
      if (typeof token !== "string") return { status: "invalid" };
      const [, encoded, stamp, signed] = TOKEN.exec(token.trim()) ?? [];
      if (encoded === undefined || stamp === undefined || signed === undefined) return { status: "invalid" };
      const expiresMs = Number.parseInt(stamp, 36);
      if (!Number.isSafeInteger(expiresMs)) return { status: "invalid" };
      const subject = Buffer.from(encoded, "base64url").toString("utf8");
      // Re-encoding must give back the same text: no alternative spellings of one subject.
      if (Buffer.from(subject, "utf8").toString("base64url") !== encoded) return { status: "invalid" };
      const given = Buffer.from(signed, "base64url");
      const genuine = secrets.some((secret) => {
        const expected = signature(secret, purpose, subject, expiresMs);
        return expected.length === given.length && timingSafeEqual(expected, given);
      });
      if (!genuine) return { status: "invalid" };
      if (now.getTime() > expiresMs) return { status: "expired", subject };
      return { status: "ok", subject, expiresAt: new Date(expiresMs) };
    },
  };
}
