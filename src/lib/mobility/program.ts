/**
 * The shape of the 25-day mobility program: days 1-25 in five blocks of five. Day 1 holds the
 * baseline self-test and day 25 the retest. It knows nothing about what a day contains (that is
 * content), about dates, or about a runner's progress.
 */

/** Days in the program. */
export const PROGRAM_DAYS = 25;
/** Days in each block. */
export const DAYS_PER_BLOCK = 5;
/** Blocks in the program. */
export const PROGRAM_BLOCKS = PROGRAM_DAYS / DAYS_PER_BLOCK;
/** The day whose session starts with the baseline self-test. */
export const BASELINE_DAY = 1;
/** The day whose session ends with the retest. */
export const RETEST_DAY = 25;

/** Every program day, 1 to 25. */
export const PROGRAM_DAY_NUMBERS: readonly number[] = Array.from({ length: PROGRAM_DAYS }, (_, i) => i + 1);

/** True for a whole number from 1 to 25 (checks values from outside the type system too). */
export function isProgramDay(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= PROGRAM_DAYS;
}

/** Throws a RangeError unless `day` is a program day: day numbers come from content, not from people. */
export function assertProgramDay(day: number): void {
  if (!isProgramDay(day)) throw new RangeError(`${String(day)} is not a program day (1-${PROGRAM_DAYS})`);
}

/** The block (1-5) of a program day: ceil(day / 5). Throws a RangeError for anything else. */
export function blockOf(day: number): number {
  assertProgramDay(day);
  return Math.ceil(day / DAYS_PER_BLOCK);
}

/** The five days of a block (1-5), in order. Throws a RangeError for anything else. */
export function daysOfBlock(block: number): number[] {
  if (!Number.isInteger(block) || block < 1 || block > PROGRAM_BLOCKS) {
    throw new RangeError(`${String(block)} is not a program block (1-${PROGRAM_BLOCKS})`);
  }
  const first = (block - 1) * DAYS_PER_BLOCK + 1;
  return Array.from({ length: DAYS_PER_BLOCK }, (_, i) => first + i);
}
