/**
 * CSV text as RFC 4180 describes it (CRLF line ends, fields quoted when they hold a comma, quote or
 * line break, quotes doubled), with one deliberate change for the coach who opens the export in a
 * spreadsheet: a text cell starting with =, +, -, @, tab or CR, or with any run of whitespace (spaces,
 * tabs, CR, LF and the like, which spreadsheets may skip) before =, +, -, @, gets a leading apostrophe
 * so it is shown as text instead of being run as a formula. It knows nothing about inquiries or columns.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell made safe to open in a spreadsheet: formula-like text becomes plain text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field. Numbers and booleans are written as they are; null and undefined as empty. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: the header row, then one line per row, every line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}
