/**
 * The reference a visitor is shown for an inquiry ("RS-7K3Q-92XD"): eight Crockford base-32
 * characters from 40 random bits, so references cannot be guessed from one another or counted.
 * Parsing forgives what people do when they copy a code by hand (lower case, spaces, missing dashes,
 * O for 0, I or L for 1). It knows nothing about where the random bytes come from or how references
 * are stored; the caller supplies the bytes.
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX = "RS";
/** Random bytes `formatReference` needs. */
export const REFERENCE_BYTES = 5;

const CANONICAL = /^RS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A reference from at least five random bytes (only the first five are used). */
export function formatReference(bytes: Uint8Array): string {
  if (bytes.length < REFERENCE_BYTES) throw new RangeError(`formatReference needs ${REFERENCE_BYTES} bytes`);
  let bits = 0n;
  for (let i = 0; i < REFERENCE_BYTES; i += 1) bits = (bits << 8n) | BigInt(bytes[i] ?? 0);
  let code = "";
  for (let i = 0; i < 8; i += 1) {
    code = (ALPHABET[Number(bits & 31n)] ?? "0") + code;
    bits >>= 5n;
  }
  return `${PREFIX}-${code.slice(0, 4)}-${code.slice(4)}`;
}

/** True for a reference in canonical form (what `formatReference` returns). */
export function isReference(text: string): boolean {
  return CANONICAL.test(text);
}

/**
 * The canonical form of a reference typed or copied by a person, or null when it is not one. Safe to
 * use before echoing a `?ref=` query value into a page: only canonical references come back.
 */
export function parseReference(text: string): string | null {
  if (text.length > 40) return null;
  let body = text.toUpperCase().replace(/[\s-]/g, "");
  if (body.length === 8 + PREFIX.length && body.startsWith(PREFIX)) body = body.slice(PREFIX.length);
  body = body.replace(/O/g, "0").replace(/[IL]/g, "1");
  if (body.length !== 8) return null;
  const reference = `${PREFIX}-${body.slice(0, 4)}-${body.slice(4)}`;
  return isReference(reference) ? reference : null;
}
