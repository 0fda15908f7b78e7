/**
 * The text rules of RFC 5545 (iCalendar) that a generator must follow: TEXT values escaped
 * (backslash, semicolon, comma, newline), content lines folded so none exceeds 75 octets of UTF-8
 * (continuation lines start with one space; a character is never split), CRLF line endings, and
 * UTC date-times. It is the one iCalendar writer of the site: the mobility reminder (in the browser,
 * where a library such as ical-generator, 9.2 KB gzip, would cost more than the whole reminder
 * part) and the consultation invitations (on the server) both build their lines on it. It knows
 * nothing about events, reminders or bookings.
 */

/** The line ending iCalendar requires. */
export const CRLF = "\r\n";
/** Longest content line, in octets, excluding the CRLF. */
export const MAX_LINE_OCTETS = 75;

/** Octets of `text` in UTF-8 (a lone surrogate counts as the 3-octet replacement character). */
export function utf8Length(text: string): number {
  let octets = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    octets += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return octets;
}

// TEXT may hold any character but controls (tab and the escaped newline aside); a lone surrogate
// cannot be written as UTF-8 at all and becomes U+FFFD.
function cleanCharacter(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0xd800 && cp <= 0xdfff) return "\uFFFD";
  if (cp === 0x09 || cp === 0x0a) return ch;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "";
  return ch;
}

/**
 * Line breaks as the site's forms count them (src/lib/inquiry/schema.ts): CR, CRLF, NEL and the
 * Unicode line and paragraph separators all become a newline, which calendar readers do not
 * all do for the last three.
 */
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;

/** A TEXT property value: line breaks made newlines, controls removed, then \ ; , and newlines escaped. */
export function escapeText(text: string): string {
  return Array.from(text.replace(LINE_BREAKS, "\n"), cleanCharacter)
    .join("")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/** One content line folded into lines of at most 75 octets, joined by CRLF and a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const ch of line) {
    const size = utf8Length(ch);
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      // Continuation lines begin with a space, which counts towards their 75 octets.
      limit = MAX_LINE_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** A whole iCalendar object from its content lines: each folded, each ended by CRLF. */
export function icsDocument(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}${CRLF}`).join("");
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** A UTC DATE-TIME value, e.g. 20270315T150000Z (seconds kept, milliseconds dropped). */
export function utcStamp(instant: Date): string {
  return (
    `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
}
