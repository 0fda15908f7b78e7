/**
 * Moving progress between browsers: an export file and its import, and the sentence a confirmation
 * prompt shows before an import replaces what is here. The export is a small versioned JSON
 * document wrapping the stored document:
 * `{ "format": "runsmart.mobility.export", "exportVersion": 1, "exportedAt": "<ISO>", "data": <stored document> }`.
 * Import reads that, or a bare stored document, through the same codec as storage, and refuses a
 * newer version rather than lose what it cannot read. It has no clock and knows nothing about
 * files, downloads or storage.
 */
import { decodeDocument, documentOf } from "./codec";
import { completedCount, lastTrainingDate } from "./days";
import { isObject, isWholeNumber } from "./readers";
import { fail, ok } from "./result";
import type { Result } from "./result";
import type { MobilityState } from "./schema";
import { trainingDate } from "./training-date";

/** Marks a JSON file as a Run Smart mobility export. */
export const EXPORT_FORMAT = "runsmart.mobility.export";
/** The version of the export wrapper this code writes. */
export const EXPORT_VERSION = 1;
/** Longer text is refused before parsing: a real export is a few kilobytes. */
export const MAX_IMPORT_CHARS = 1_000_000;
/** The MIME type of an export file. */
export const EXPORT_MIME_TYPE = "application/json";

/** Why an import was refused; `message` is a sentence for the runner. */
export interface ImportError {
  readonly reason: "too-large" | "not-json" | "not-progress" | "newer";
  readonly message: string;
}

/** The export file's text for `state`, stamped with `now`. */
export function exportProgress(state: MobilityState, now: Date): string {
  const exported = {
    format: EXPORT_FORMAT,
    exportVersion: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    data: documentOf(state),
  };
  return `${JSON.stringify(exported, null, 2)}\n`;
}

/** A file name for an export made at `now`: run-smart-mobility-YYYY-MM-DD.json (training date). */
export function exportFileName(now: Date, timeZone: string): string {
  return `run-smart-mobility-${trainingDate(now, timeZone)}.json`;
}

const NEWER: ImportError = {
  reason: "newer",
  message: "This file was saved by a newer version of the site. Reload the page and try again.",
};
const NOT_PROGRESS: ImportError = {
  reason: "not-progress",
  message: "This file is not a Run Smart mobility progress file, or it is damaged.",
};

/** The export wrapper's version and data, or undefined when `value` is not a wrapper (maybe a bare document). */
function unwrap(value: unknown): { readonly exportVersion: number; readonly data: unknown } | undefined {
  if (!isObject(value) || value.format !== EXPORT_FORMAT || !("data" in value)) return undefined;
  const { exportVersion, data } = value;
  return isWholeNumber(exportVersion, 1) ? { exportVersion, data } : undefined;
}

/** The progress in an export file's text (or a bare stored document). Never throws. */
export function importProgress(text: string): Result<MobilityState, ImportError> {
  if (text.length > MAX_IMPORT_CHARS) {
    return fail({ reason: "too-large", message: "This file is too large to be a mobility progress file." });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail({ reason: "not-json", message: "This file is not readable JSON. Choose the file you exported." });
  }
  const wrapper = unwrap(value);
  if (wrapper !== undefined && wrapper.exportVersion > EXPORT_VERSION) return fail(NEWER);
  const decoded = decodeDocument(wrapper === undefined ? value : wrapper.data);
  switch (decoded.kind) {
    case "ok":
      return ok(decoded.state);
    case "newer":
      return fail(NEWER);
    case "corrupt":
      return fail(NOT_PROGRESS);
  }
}

/** What an import would replace, for a confirmation prompt. */
export interface ReplacementSummary {
  readonly currentDays: number;
  readonly incomingDays: number;
  /** The latest training date in the file, or null when it has none. */
  readonly incomingLastOn: string | null;
  /** True when this browser has anything (a day or a self-test) the import would discard. */
  readonly losesSomething: boolean;
  /** "You have 7 days done; the file has 12 days done, last on 2026-11-20." and so on. */
  readonly text: string;
}

function daysDone(n: number): string {
  return n === 1 ? "1 day done" : `${n} days done`;
}

function selfTestNames(state: MobilityState): string[] {
  const names: string[] = [];
  if (state.selfTests.baseline !== undefined) names.push("day 1");
  if (state.selfTests.retest !== undefined) names.push("day 25");
  return names;
}

/** Describes what replacing `current` with `incoming` would change. */
export function describeReplacement(current: MobilityState, incoming: MobilityState): ReplacementSummary {
  const currentDays = completedCount(current);
  const incomingDays = completedCount(incoming);
  const incomingLastOn = lastTrainingDate(incoming);
  const currentTests = selfTestNames(current);
  const incomingTests = selfTestNames(incoming);
  const losesSomething = currentDays > 0 || currentTests.length > 0;

  const file = `the file has ${daysDone(incomingDays)}${incomingLastOn === null ? "" : `, last on ${incomingLastOn}`}`;
  const sentences = [
    losesSomething
      ? `You have ${daysDone(currentDays)}; ${file}.`
      : `${file.charAt(0).toUpperCase()}${file.slice(1)}. Nothing here will be lost.`,
  ];
  if (currentTests.length > 0) {
    sentences.push(
      incomingTests.length > 0
        ? `Your self-test results (${currentTests.join(" and ")}) will be replaced by the file's (${incomingTests.join(" and ")}).`
        : `The file has no self-test results, so yours (${currentTests.join(" and ")}) will be removed.`,
    );
  } else if (incomingTests.length > 0) {
    sentences.push(`The file also has self-test results (${incomingTests.join(" and ")}).`);
  }
  return { currentDays, incomingDays, incomingLastOn, losesSomething, text: sentences.join(" ") };
}
