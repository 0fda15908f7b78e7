/**
 * The shape of a runner's mobility progress and the readers that check it: which days are done
 * (with when, and on which training date) and the day-1 and day-25 self-test results. These are
 * the fields of the stored document (version 2, see codec.ts). A read value is a fresh object with
 * only these fields: unknown fields are dropped and a `__proto__` day key is skipped. It knows
 * nothing about storage keys, JSON or the UI.
 */
import { isIsoDate } from "../calendar/civil-date";
import type { Distance } from "./measures";
import { readDistance, readHoldSeconds } from "./measures";
import { PROGRAM_DAYS } from "./program";
import { isPlainObject, mismatch, parseWith, readObject } from "./readers";
import type { Reader } from "./readers";
import type { Result } from "./result";

/** When a day was completed; the version 2 format also allows a day done at an unknown time. */
export type DayCompletion =
  | {
      /** The real moment the day was marked done (ISO 8601, UTC). */
      at: string;
      /** The runner's training date for that moment (local date, 4 a.m. cut-off). */
      on: string;
    }
  /** Done, at an unknown moment: the format allows it, though this code never writes one. */
  | { at: null; on: null };

/** One complete self-test: all three tests, taken together. */
export type SelfTestResult = {
  /** The real moment the results were saved (ISO 8601, UTC). */
  at: string;
  /** The training date of that moment. */
  on: string;
  /** Knee-to-wall: the longest toe-to-wall distance with the knee still touching, limiting side. */
  kneeToWall: Distance;
  /** Single-leg balance, eyes closed, seconds on each leg (both always recorded). */
  balance: { left: number; right: number };
  /** Deep-squat hold, seconds. */
  squatHold: number;
};

export type SelfTests = {
  /** Taken on day 1, before the program. */
  baseline?: SelfTestResult | undefined;
  /** Taken on day 25, after it. */
  retest?: SelfTestResult | undefined;
};
/** Which of the two self-tests: day 1 or day 25. */
export type SelfTestSlot = keyof SelfTests;

/** A runner's whole mobility progress. Treat it as immutable: every change returns a new state. */
export type MobilityState = {
  /** Completed days keyed by day number ("1"-"25"); a day that is not done has no key. */
  days: Record<string, DayCompletion>;
  selfTests: SelfTests;
};

// What Date.prototype.toISOString writes, or any RFC 3339 instant with seconds and Z or an offset.
const INSTANT = /^\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3])(?::[0-5]\d){2}(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const DAY_KEY = /^(?:[1-9]|1\d|2[0-5])$/;
const SELF_TEST_SLOTS: readonly SelfTestSlot[] = ["baseline", "retest"];

function readInstant(value: unknown, path: string): string {
  return typeof value === "string" && value.length <= 40 && INSTANT.test(value) && isIsoDate(value.slice(0, 10))
    ? value
    : mismatch(path, "not an ISO 8601 instant");
}

function readDate(value: unknown, path: string): string {
  return isIsoDate(value) ? value : mismatch(path, "not a YYYY-MM-DD date");
}

function readCompletion(value: unknown, path: string): DayCompletion {
  const { at, on } = readObject(value, path);
  if (at === null && on === null) return { at, on };
  return { at: readInstant(at, `${path}.at`), on: readDate(on, `${path}.on`) };
}

function readSelfTestResult(value: unknown, path: string): SelfTestResult {
  const fields = readObject(value, path);
  const read = <T>(key: string, reader: Reader<T>): T => reader(fields[key], `${path}.${key}`);
  return {
    at: read("at", readInstant),
    on: read("on", readDate),
    kneeToWall: read("kneeToWall", readDistance),
    balance: read("balance", (balance, at) => {
      const legs = readObject(balance, at);
      return { left: readHoldSeconds(legs.left, `${at}.left`), right: readHoldSeconds(legs.right, `${at}.right`) };
    }),
    squatHold: read("squatHold", readHoldSeconds),
  };
}

/**
 * Reads the completed days: a plain object whose keys are day numbers "1"-"25", each a completion.
 * Throws a Mismatch for anything else (see readers.ts).
 */
export function readDays(value: unknown, path: string): Record<string, DayCompletion> {
  if (!isPlainObject(value)) return mismatch(path, "expected an object");
  const days: Record<string, DayCompletion> = {};
  for (const key of Reflect.ownKeys(value)) {
    if (key === "__proto__" || !Object.prototype.propertyIsEnumerable.call(value, key)) continue;
    const at = `${path}.${String(key)}`;
    if (typeof key !== "string" || !DAY_KEY.test(key)) return mismatch(at, `not a program day (1-${PROGRAM_DAYS})`);
    days[key] = readCompletion(value[key], at);
  }
  return days;
}

/** Reads the self-test results: an object with an optional baseline and retest (undefined is absent). */
export function readSelfTests(value: unknown, path: string): SelfTests {
  const fields = readObject(value, path);
  const selfTests: SelfTests = {};
  for (const slot of SELF_TEST_SLOTS) {
    const result = fields[slot];
    if (result !== undefined) selfTests[slot] = readSelfTestResult(result, `${path}.${slot}`);
  }
  return selfTests;
}

/** Reads a whole state (the `days` and `selfTests` of an object). Throws a Mismatch. */
export function readMobilityState(value: unknown, path: string): MobilityState {
  const fields = readObject(value, path);
  return {
    days: readDays(fields.days, `${path}.days`),
    selfTests: readSelfTests(fields.selfTests, `${path}.selfTests`),
  };
}

/**
 * The mobility state in `value` (from JSON or anywhere else), holding only the known fields, or
 * the first problem found: "days.3.on: not a YYYY-MM-DD date".
 */
export function parseMobilityState(value: unknown): Result<MobilityState, string> {
  return parseWith(readMobilityState, value);
}
