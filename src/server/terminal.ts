/**
 * Makes stored visitor text safe to print in the coach's terminal: control characters (which could
 * move the cursor, recolour or retitle the terminal) and bidirectional overrides (which could
 * reorder what is shown) are replaced by visible \u{..} escapes. Line breaks survive only where the
 * caller allows several lines. It knows nothing about inquiries.
 */

const UNSAFE_INLINE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_BLOCK = /(?![\t\n])[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

function visible(char: string): string {
  return `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;
}

/** One line of text for the terminal: every control character escaped, line breaks included. */
export function printableLine(text: string): string {
  return text.replace(UNSAFE_INLINE, visible);
}

/** Several lines for the terminal: CRLF and CR become LF; other control characters are escaped. */
export function printableBlock(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(UNSAFE_BLOCK, visible);
}
