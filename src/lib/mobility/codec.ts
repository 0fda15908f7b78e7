/**
 * The contract of the mobility progress kept in the runner's browser.
 *
 * - Key: `runsmart.mobility` (PROGRESS_STORAGE_KEY), one JSON document. A value found corrupt is copied to
 *   `runsmart.mobility.backup` (BACKUP_KEY) before anything overwrites it (see store.ts).
 * - Shape (version 2):
 *   `{ "version": 2,
 *      "days": { "<1-25>": { "at": "<ISO instant>", "on": "<YYYY-MM-DD>" } | { "at": null, "on": null } },
 *      "selfTests": { "baseline"?: SelfTest, "retest"?: SelfTest } }`
 *   with SelfTest = `{ "at", "on", "kneeToWall": { "value": 0-30 (cm) or 0-11.8 (in), "unit": "cm" | "in" },
 *   "balance": { "left": s, "right": s }, "squatHold": s }`, seconds 0-600, numbers to a tenth. Only
 *   current completions are kept (undo deletes), so a document stays under a few kilobytes forever.
 * - Older versions: none. Version 2 is the first the site shipped, so any lower version is
 *   `corrupt`. A future version 3 adds the step that reads a version 2 document into its shape.
 * - No value (null or blank) is `empty`: start fresh.
 * - Anything unreadable (not JSON, no integer version, a known version whose fields do not match)
 *   is `corrupt`: start fresh, keep the raw text under the backup key, tell the runner and offer
 *   the raw text as a download.
 * - A version above CURRENT_VERSION is `newer` (written by a newer release in another tab): the
 *   fields this code understands are read when they match (and only while the document still has
 *   both `days` and `selfTests`), and the caller must treat the value as read-only and never write
 *   the older shape over it.
 * - Full or missing storage: see store.ts; this module only converts text and never throws.
 */
import { emptyState } from "./days";
import { isObject, isWholeNumber, parseWith } from "./readers";
import type { Fields } from "./readers";
import { readDays, readMobilityState, readSelfTests } from "./schema";
import type { MobilityState, SelfTests } from "./schema";

/** The version this code reads and writes. */
export const CURRENT_VERSION = 2;

/** The stored document. */
export type MobilityDocument = MobilityState & { version: typeof CURRENT_VERSION };

/** The one storage key of the mobility progress. */
export const PROGRESS_STORAGE_KEY = "runsmart.mobility";
/** Where a corrupt value is kept before it is overwritten. */
export const BACKUP_KEY = "runsmart.mobility.backup";

/** What a stored document (already parsed from JSON) turned out to be. */
export type DecodeResult =
  | { readonly kind: "ok"; readonly state: MobilityState }
  | { readonly kind: "corrupt"; readonly reason: string }
  | {
      readonly kind: "newer";
      readonly version: number;
      /** What could be read; the empty state's fields where nothing matched. */
      readonly state: MobilityState;
      /** True when every field this code knows was read. */
      readonly compatible: boolean;
    };

/** What a stored string turned out to be; `corrupt` and `newer` keep the raw text. */
export type LoadResult =
  | { readonly kind: "empty" }
  | Extract<DecodeResult, { kind: "ok" }>
  | (Extract<DecodeResult, { kind: "corrupt" }> & { readonly raw: string })
  | (Extract<DecodeResult, { kind: "newer" }> & { readonly raw: string });

function readNewer(document: Fields, version: number): DecodeResult {
  // A document lacking either field has moved both out of reach: neither is read.
  const fields: Fields = "days" in document && "selfTests" in document ? document : {};
  const days = parseWith(readDays, fields.days);
  const selfTests = parseWith(readSelfTests, fields.selfTests);
  const empty = emptyState();
  const state: MobilityState = {
    days: days.ok ? days.value : empty.days,
    selfTests: selfTests.ok ? selfTests.value : empty.selfTests,
  };
  return { kind: "newer", version, state, compatible: days.ok && selfTests.ok };
}

/** Reads a parsed document of any version. Never throws. */
export function decodeDocument(value: unknown): DecodeResult {
  try {
    const fields: Fields = isObject(value) ? value : {};
    const { version } = fields;
    if (!isWholeNumber(version, 1)) return { kind: "corrupt", reason: "no version number" };
    if (version > CURRENT_VERSION) return readNewer(fields, version);
    if (version < CURRENT_VERSION) return { kind: "corrupt", reason: `version ${version}: not a known version` };
    const known = parseWith(readMobilityState, value);
    return known.ok
      ? { kind: "ok", state: known.value }
      : { kind: "corrupt", reason: `version ${version}: ${known.error}` };
  } catch (error) {
    // The value may come from anywhere (a getter or proxy can throw): nothing may break the page.
    return { kind: "corrupt", reason: error instanceof Error ? error.message : "unreadable" };
  }
}

/** Reads the stored text (null when the key is missing). Never throws, whatever the text. */
export function load(raw: string | null): LoadResult {
  if (raw === null || raw.trim() === "") return { kind: "empty" };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { kind: "corrupt", reason: "not JSON", raw };
  }
  const decoded = decodeDocument(value);
  switch (decoded.kind) {
    case "ok":
      return decoded;
    case "corrupt":
    case "newer":
      return { ...decoded, raw };
  }
}

/** The document of a state: its own copies of the fields, without self-test slots set to undefined. */
export function documentOf(state: MobilityState): MobilityDocument {
  const { baseline, retest } = state.selfTests;
  const selfTests: SelfTests = {};
  if (baseline !== undefined) selfTests.baseline = baseline;
  if (retest !== undefined) selfTests.retest = retest;
  return { version: CURRENT_VERSION, days: { ...state.days }, selfTests };
}

/** The text to store for `state` (compact JSON of the current version). */
export function save(state: MobilityState): string {
  return JSON.stringify(documentOf(state));
}
