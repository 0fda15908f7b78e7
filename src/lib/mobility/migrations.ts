/**
 * Every shape the stored progress has had, and how each becomes the current one. Version 1 kept
 * only the numbers of the days done (`{ version: 1, done: [1, 2, 5] }`); version 2 records when and
 * on which training date each day was done, plus self-test results. A v1 day becomes a v2 day with
 * null dates (it is done, but nobody knows when). Each step lifts a document one version; `migrate`
 * runs the steps in order and is idempotent; `readDocument` checks a parsed value against the shape
 * its version names. It knows nothing about JSON text or storage.
 */
import { PROGRAM_DAYS, isProgramDay } from "./program";
import { mismatch, readObject } from "./readers";
import { readMobilityState } from "./schema";
import type { DayCompletion, MobilityState, SelfTests } from "./schema";

/** The version this code writes. */
export const CURRENT_VERSION = 2;

export type DocumentV1 = {
  version: 1;
  /** Numbers of the days done, in any order, repeats allowed. */
  done: number[];
};

/** The current stored document. */
export type MobilityDocument = MobilityState & { version: typeof CURRENT_VERSION };

/** A document of any version this code can read. */
export type AnyVersionDocument = DocumentV1 | MobilityDocument;

function readDayNumbers(value: unknown, path: string): number[] {
  if (!Array.isArray(value)) return mismatch(path, "expected a list");
  const items: readonly unknown[] = value;
  const days: number[] = [];
  // Indexed rather than mapped so that a hole is read (and refused) as undefined.
  for (let i = 0; i < items.length; i++) {
    const day = items[i];
    days.push(isProgramDay(day) ? day : mismatch(`${path}.${i}`, `not a program day (1-${PROGRAM_DAYS})`));
  }
  return days;
}

/**
 * Reads a document of any known version; the version field picks the shape. Throws a Mismatch
 * (see readers.ts) naming the first field that does not fit.
 */
export function readDocument(value: unknown, path: string): AnyVersionDocument {
  const fields = readObject(value, path);
  switch (fields.version) {
    case 1:
      return { version: 1, done: readDayNumbers(fields.done, `${path}.done`) };
    case CURRENT_VERSION:
      return { ...readMobilityState(fields, path), version: CURRENT_VERSION };
    default:
      return mismatch(`${path}.version`, "not a known version");
  }
}

function fromV1(document: DocumentV1): MobilityDocument {
  const undated: DayCompletion = { at: null, on: null };
  const days = [...new Set(document.done)].sort((a, b) => a - b).map((day) => [String(day), undated] as const);
  return { version: 2, days: Object.fromEntries(days), selfTests: {} };
}

function normalised(document: MobilityDocument): MobilityDocument {
  const selfTests: SelfTests = {};
  if (document.selfTests.baseline !== undefined) selfTests.baseline = document.selfTests.baseline;
  if (document.selfTests.retest !== undefined) selfTests.retest = document.selfTests.retest;
  return { version: CURRENT_VERSION, days: { ...document.days }, selfTests };
}

/** The current-version document equivalent to `document`: migrate(migrate(x)) equals migrate(x). */
export function migrate(document: AnyVersionDocument): MobilityDocument {
  switch (document.version) {
    case 1:
      return migrate(fromV1(document));
    case 2:
      return normalised(document);
  }
}
