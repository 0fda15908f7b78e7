/**
 * The progress summary the tracker shows: days done out of 25, done per block, the next day to do,
 * sessions this week and an encouraging message. The next day is the lowest-numbered day not done,
 * so days done out of order simply fill in. "This week" is the Monday-Sunday week of the training
 * date of `now` in the runner's zone. It has no clock and no storage: state, `now` and the zone are
 * passed in.
 */
import { weekOf } from "../calendar/date-arithmetic";
import { lastTrainingDate } from "./days";
import { progressMessage } from "./message";
import { DAYS_PER_BLOCK, PROGRAM_BLOCKS, PROGRAM_DAYS, PROGRAM_DAY_NUMBERS, daysOfBlock } from "./program";
import type { MobilityState } from "./schema";
import { trainingDate } from "./training-date";

/** One block's progress. */
export interface BlockProgress {
  /** 1-5. */
  readonly block: number;
  /** Days of this block done, 0-5. */
  readonly done: number;
  /** Days in the block (5). */
  readonly total: number;
  /** Each day of the block in order, with whether it is done. */
  readonly days: readonly { readonly day: number; readonly done: boolean }[];
}

/** Everything the tracker's summary shows. */
export interface ProgressSummary {
  readonly done: number;
  readonly total: number;
  readonly remaining: number;
  readonly complete: boolean;
  readonly blocks: readonly BlockProgress[];
  /** The lowest-numbered day not done, or null when all 25 are done. */
  readonly nextDay: number | null;
  /** The training date of `now`. */
  readonly today: string;
  /** Days completed on today's training date. */
  readonly doneToday: number;
  /** The Monday and Sunday of this week (training dates, inclusive). */
  readonly week: { readonly start: string; readonly end: string };
  /** Days completed with a training date in this week (two days done on one date count twice). */
  readonly sessionsThisWeek: number;
  /** The latest training date any day was done on, or null. */
  readonly lastTrainingDate: string | null;
  readonly message: string;
}

/** The lowest-numbered day not done, or null when every day is done. */
export function nextDay(state: MobilityState): number | null {
  return PROGRAM_DAY_NUMBERS.find((day) => state.days[String(day)] === undefined) ?? null;
}

/** Progress of each of the five blocks, in order. */
export function blockProgress(state: MobilityState): BlockProgress[] {
  return Array.from({ length: PROGRAM_BLOCKS }, (_, i) => {
    const days = daysOfBlock(i + 1).map((day) => ({ day, done: state.days[String(day)] !== undefined }));
    return { block: i + 1, done: days.filter((d) => d.done).length, total: DAYS_PER_BLOCK, days };
  });
}

/** Days whose training date lies from `start` to `end` inclusive (YYYY-MM-DD). */
export function sessionsBetween(state: MobilityState, start: string, end: string): number {
  return Object.values(state.days).filter((c) => c.on !== null && c.on >= start && c.on <= end).length;
}

/** The summary of `state` as of `now` for a runner in `timeZone` (throws a RangeError for an unknown zone). */
export function summarizeProgress(state: MobilityState, now: Date, timeZone: string): ProgressSummary {
  const today = trainingDate(now, timeZone);
  const week = weekOf(today);
  const done = Object.keys(state.days).length;
  const next = nextDay(state);
  const doneToday = sessionsBetween(state, today, today);
  const sessionsThisWeek = sessionsBetween(state, week.start, week.end);
  return {
    done,
    total: PROGRAM_DAYS,
    remaining: PROGRAM_DAYS - done,
    complete: next === null,
    blocks: blockProgress(state),
    nextDay: next,
    today,
    doneToday,
    week,
    sessionsThisWeek,
    lastTrainingDate: lastTrainingDate(state),
    message: progressMessage({
      done,
      nextDay: next,
      doneToday,
      sessionsThisWeek,
      hasRetest: state.selfTests.retest !== undefined,
    }),
  };
}
