/**
 * The numbers a self-test produces and what makes them plausible: a knee-to-wall distance that
 * carries its unit (cm or in, 1 in = 2.54 cm exactly) and hold times in seconds, each to a tenth.
 * Comparison happens in exact whole units (micrometres, tenths of a second); rounding to a tenth
 * happens only in the named functions here. The readers check stored values against these limits.
 * It knows nothing about which test is which or where results are stored.
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
// A tenth of a centimetre is 1000 µm and a tenth of an inch exactly 2540 µm: both whole numbers.
const MICROMETRES_PER_TENTH: Readonly<Record<DistanceUnit, number>> = { cm: 1000, in: 2540 };

/** Longest plausible knee-to-wall distance. */
export const MAX_KNEE_TO_WALL_CM = 30;
/** Longest hold any self-test records (ten minutes). */
export const MAX_HOLD_SECONDS = 600;

/** True when `value` has at most one decimal (allowing for binary floating point). */
export function isWholeTenths(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-6;
}

/** `value` rounded to the nearest tenth, halves away from zero, never -0. */
export function roundToTenth(value: number): number {
  const tenths = Math.sign(value) * Math.round(Math.abs(value) * 10);
  return tenths === 0 ? 0 : tenths / 10;
}

/** Longest allowed knee-to-wall distance in `unit`, to a tenth (30 cm, 11.8 in). */
export function maxKneeToWall(unit: DistanceUnit): number {
  switch (unit) {
    case "cm":
      return MAX_KNEE_TO_WALL_CM;
    case "in":
      return Math.floor((MAX_KNEE_TO_WALL_CM * 10 * MICROMETRES_PER_TENTH.cm) / MICROMETRES_PER_TENTH.in) / 10;
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

/** A distance as a whole number of micrometres, exact for both units. */
export function distanceMicrometres(distance: Distance): number {
  return Math.round(distance.value * 10) * MICROMETRES_PER_TENTH[distance.unit];
}

/** A micrometre length expressed in `unit`, rounded to a tenth. */
export function micrometresToTenth(micrometres: number, unit: DistanceUnit): number {
  return roundToTenth(micrometres / (MICROMETRES_PER_TENTH[unit] * 10));
}

/** A time in seconds as a whole number of tenths of a second. */
export function secondsToTenths(seconds: number): number {
  return Math.round(seconds * 10);
}
