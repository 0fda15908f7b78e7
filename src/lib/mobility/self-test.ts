/**
 * Turning what a runner typed into self-test results, and keeping them in the state. Three tests:
 * knee-to-wall distance (cm or in, limiting side), single-leg balance with eyes closed (seconds,
 * always both legs: runners land on one leg at a time, so a side difference is worth seeing) and
 * deep-squat hold (seconds). Numbers are rounded to a tenth; a decimal comma is accepted. Every
 * problem is reported at once, one per field, in a sentence the runner can act on. It has no clock
 * (the moment is passed in) and knows nothing about forms or storage.
 */
import { MAX_HOLD_SECONDS, isDistanceUnit, maxKneeToWall, roundToTenth } from "./measures";
import { fail, ok } from "./result";
import type { FieldError, Result } from "./result";
import type { MobilityState, SelfTestResult, SelfTestSlot, SelfTests } from "./schema";
import { trainingDate } from "./training-date";

/** The self-test form as typed: numbers or the text of number inputs. */
export interface SelfTestInput {
  readonly kneeToWall: string | number;
  /** "cm" or "in"; anything else is reported against the field "unit". */
  readonly unit: string;
  readonly balanceLeft: string | number;
  readonly balanceRight: string | number;
  readonly squatHold: string | number;
}

/** The input's field names, in form order. */
export type SelfTestField = keyof SelfTestInput;

/** One self-test's measurements, without the moment they were taken. */
export type SelfTestMeasures = Omit<SelfTestResult, "at" | "on">;

const FIELD_NAMES: Readonly<Record<Exclude<SelfTestField, "unit">, string>> = {
  kneeToWall: "the knee-to-wall distance",
  balanceLeft: "the left-leg balance time",
  balanceRight: "the right-leg balance time",
  squatHold: "the deep-squat hold",
};

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

type NumberReading = { kind: "number"; value: number } | { kind: "missing" } | { kind: "not-a-number" };

function readDecimal(raw: string | number): NumberReading {
  if (typeof raw === "number") return Number.isFinite(raw) ? { kind: "number", value: raw } : { kind: "not-a-number" };
  const text = raw.trim().replace(",", ".");
  if (text === "") return { kind: "missing" };
  return DECIMAL.test(text) ? { kind: "number", value: Number(text) } : { kind: "not-a-number" };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function readField(
  field: Exclude<SelfTestField, "unit">,
  raw: string | number,
  max: number,
  unitLabel: string,
  errors: FieldError[],
): number {
  const name = FIELD_NAMES[field];
  const reading = readDecimal(raw);
  switch (reading.kind) {
    case "missing":
      errors.push({ field, message: `Enter ${name}.` });
      return 0;
    case "not-a-number":
      errors.push({ field, message: `Enter ${name} as a number, like 12.5.` });
      return 0;
    case "number": {
      const value = roundToTenth(reading.value);
      if (value < 0 || value > max) {
        errors.push({ field, message: `${capitalise(name)} must be from 0 to ${max} ${unitLabel}.` });
      }
      return value;
    }
  }
}

/** The measurements in `input`, or every problem with it (one per field, in form order). */
export function parseSelfTestInput(input: SelfTestInput): Result<SelfTestMeasures, readonly FieldError[]> {
  const errors: FieldError[] = [];
  const { unit } = input;
  const unitKnown = isDistanceUnit(unit);
  let kneeToWall = 0;
  if (unitKnown) {
    kneeToWall = readField("kneeToWall", input.kneeToWall, maxKneeToWall(unit), unit, errors);
  } else {
    errors.push({ field: "unit", message: "Choose cm or in for the knee-to-wall distance." });
  }
  const left = readField("balanceLeft", input.balanceLeft, MAX_HOLD_SECONDS, "seconds", errors);
  const right = readField("balanceRight", input.balanceRight, MAX_HOLD_SECONDS, "seconds", errors);
  const squatHold = readField("squatHold", input.squatHold, MAX_HOLD_SECONDS, "seconds", errors);
  if (!unitKnown || errors.length > 0) return fail(errors);
  return ok({ kneeToWall: { value: kneeToWall, unit }, balance: { left, right }, squatHold });
}

/**
 * `state` with `measures` as the baseline (day 1) or retest (day 25), taken at `now` in
 * `timeZone`; an earlier result in that slot is replaced.
 */
export function recordSelfTest(
  state: MobilityState,
  slot: SelfTestSlot,
  measures: SelfTestMeasures,
  now: Date,
  timeZone: string,
): MobilityState {
  const result: SelfTestResult = { ...measures, at: now.toISOString(), on: trainingDate(now, timeZone) };
  return { ...state, selfTests: { ...state.selfTests, [slot]: result } };
}

/** `state` without the result in `slot`. */
export function clearSelfTest(state: MobilityState, slot: SelfTestSlot): MobilityState {
  const kept: SelfTests = {};
  const { baseline, retest } = state.selfTests;
  if (slot !== "baseline" && baseline !== undefined) kept.baseline = baseline;
  if (slot !== "retest" && retest !== undefined) kept.retest = retest;
  return { ...state, selfTests: kept };
}
