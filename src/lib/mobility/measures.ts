/**
 * The numbers a self-test produces and what makes them plausible: a knee-to-wall distance that
 * carries its unit (cm or in, 1 in = 2.54 cm exactly) and hold times in seconds, each to a tenth,
 * as read off a tape measure or a stopwatch. Rounding to a tenth happens only in roundToTenth. The
 * readers check stored values against these limits. It knows nothing about which test is which or
 * where results are stored.
 */
import { mismatch, readNumber, readObject } from "./readers";

/** The unit a knee-to-wall distance was measured in. */
export type DistanceUnit = "cm" | "in";
/** Both units, in the order a unit picker shows them. */
export const DISTANCE_UNITS: readonly DistanceUnit[] = ["cm", "in"];

/** True for "cm" or "in". */
export function isDistanceUnit(value: unknown): value is DistanceUnit {
  return value === "cm" || value === "in";
}

/** A distance with its unit. */
export type Distance = {
  /** The distance in `unit`, 0 to 30 cm (11.8 in), at most one decimal. */
  value: number;
  /** What `value` is measured in. */
  unit: DistanceUnit;
};

/** Exact by definition (international inch, 1959). */
export const CM_PER_INCH = 2.54;

/** Longest plausible knee-to-wall distance. */
export const MAX_KNEE_TO_WALL_CM = 30;
/** Longest hold any self-test records (ten minutes). */
export const MAX_HOLD_SECONDS = 600;

/** True when `value` has at most one decimal (allowing for binary floating point). */
export function isWholeTenths(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-6;
}

/**
 * `value` rounded to the nearest tenth, halves away from zero, never -0. A value within a
 * billionth of a half counts as the half, so 6.35 reached through binary arithmetic still rounds up.
 */
export function roundToTenth(value: number): number {
  const tenths = Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9);
  return tenths === 0 ? 0 : tenths / 10;
}

/** Longest allowed knee-to-wall distance in `unit`, to a tenth (30 cm, 11.8 in). */
export function maxKneeToWall(unit: DistanceUnit): number {
  switch (unit) {
    case "cm":
      return MAX_KNEE_TO_WALL_CM;
    case "in":
      return Math.floor((MAX_KNEE_TO_WALL_CM * 10) / CM_PER_INCH) / 10;
  }
}

function readTenths(value: unknown, path: string, max: number, problem: string): number {
  const n = readNumber(value, path, 0, max);
  return isWholeTenths(n) ? n : mismatch(path, problem);
}

/** Reads a stored distance: a value from 0 to the unit's maximum, to a tenth, and its unit. */
export function readDistance(value: unknown, path: string): Distance {
  const fields = readObject(value, path);
  const n = readTenths(fields.value, `${path}.value`, Infinity, "a distance has at most one decimal");
  const { unit } = fields;
  if (!isDistanceUnit(unit)) return mismatch(`${path}.unit`, 'expected "cm" or "in"');
  return n <= maxKneeToWall(unit)
    ? { value: n, unit }
    : mismatch(path, "the distance is longer than any knee-to-wall test");
}

/** Reads a stored hold time: seconds from 0 to 600, to a tenth. */
export function readHoldSeconds(value: unknown, path: string): number {
  return readTenths(value, path, MAX_HOLD_SECONDS, "a time has at most one decimal");
}

/** `distance` in `unit`, unrounded. */
export function distanceIn(distance: Distance, unit: DistanceUnit): number {
  if (distance.unit === unit) return distance.value;
  return unit === "cm" ? distance.value * CM_PER_INCH : distance.value / CM_PER_INCH;
}
