/**
 * The checks every reader of outside data in this module is built from. A reader takes an
 * `unknown` value (parsed JSON from storage or a file) and the path it was found at, and returns
 * a new, typed value holding only the fields it knows, or throws a Mismatch naming the first field
 * that does not fit: "days.3.on: not a YYYY-MM-DD date". Paths are built as ".days.3.on" and the
 * leading dot is dropped in the message, so the top level is the empty path. Throwing keeps each
 * reader a plain function of its fields; `parseWith` turns a reader into a Result at the edges.
 * The readers are hand-written rather than zod schemas because this module runs in a browser
 * island whose whole script budget is smaller than zod. It knows nothing about what is read.
 */
import { fail, ok } from "./result";
import type { Result } from "./result";

/** Thrown by a reader: the value does not fit. `message` is "<path>: <problem>" or the problem alone. */
export class Mismatch extends Error {}

/** Reads `value` found at `path`; throws a Mismatch when it does not fit. */
export type Reader<T> = (value: unknown, path: string) => T;

/** The fields of an object read from outside; any of them may be missing or of any type. */
export type Fields = Readonly<Record<string, unknown>>;

/** Throws the Mismatch for `problem` at `path` (a path of "" is the top level). */
export function mismatch(path: string, problem: string): never {
  throw new Mismatch(path === "" ? problem : `${path.slice(1)}: ${problem}`);
}

/** True for any object but null and arrays (class instances included). */
export function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * True for an object made by `{}`, JSON.parse or Object.create(null), in any realm: one whose
 * constructor, if it has one, has a prototype owning `isPrototypeOf` (which Date, Map and class
 * instances lack).
 */
export function isPlainObject(value: unknown): value is Fields {
  if (!isObject(value)) return false;
  const constructor: unknown = value.constructor;
  if (typeof constructor !== "function") return true;
  const prototype: unknown = constructor.prototype;
  return isObject(prototype) && Object.prototype.hasOwnProperty.call(prototype, "isPrototypeOf");
}

/** The fields of `value`, or a Mismatch when it is not an object (see isObject). */
export function readObject(value: unknown, path: string): Fields {
  return isObject(value) ? value : mismatch(path, "expected an object");
}

/** `value` when it is a finite number from `min` to `max`, otherwise a Mismatch. */
export function readNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return mismatch(path, "expected a number");
  return value >= min && value <= max ? value : mismatch(path, `expected a number from ${min} to ${max}`);
}

/** True for a safe integer of at least `min`. */
export function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}

/** What `reader` makes of `value` read at the top level, or the Mismatch's message. Other errors propagate. */
export function parseWith<T>(reader: Reader<T>, value: unknown): Result<T, string> {
  try {
    return ok(reader(value, ""));
  } catch (error) {
    if (error instanceof Mismatch) return fail(error.message);
    throw error;
  }
}
