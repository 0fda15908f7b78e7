/**
 * Changing a runner's progress: mark a day done, undo it, start over. Days may be done in any
 * order and a gap never undoes anything. Only the current completion of each day is kept (undo
 * removes it, no history), so the state never grows past 25 entries. Every function returns a new
 * state and leaves its argument alone. It has no clock (the moment is passed in) and knows nothing
 * about storage or display.
 */
import { assertProgramDay } from "./program";
import type { DayCompletion, MobilityState } from "./schema";
import { trainingDate } from "./training-date";

/** A state with nothing done and no self-test results. */
export function emptyState(): MobilityState {
  return { days: {}, selfTests: {} };
}

/** The completion record of `day`, or undefined when it is not done. */
export function completionOf(state: MobilityState, day: number): DayCompletion | undefined {
  assertProgramDay(day);
  return state.days[String(day)];
}

/** True when `day` is done. Throws a RangeError when `day` is not a program day. */
export function isDayDone(state: MobilityState, day: number): boolean {
  return completionOf(state, day) !== undefined;
}

/** The done days, ascending. */
export function completedDays(state: MobilityState): number[] {
  return Object.keys(state.days)
    .map(Number)
    .sort((a, b) => a - b);
}

/** How many days are done. */
export function completedCount(state: MobilityState): number {
  return Object.keys(state.days).length;
}

/**
 * `state` with `day` done at `now`, on the training date of `now` in `timeZone`. A day already done
 * keeps its first record (the same state object comes back). Throws a RangeError for a day outside
 * 1-25, an invalid Date or an unknown zone.
 */
export function markDayDone(state: MobilityState, day: number, now: Date, timeZone: string): MobilityState {
  if (isDayDone(state, day)) return state;
  const completion: DayCompletion = { at: now.toISOString(), on: trainingDate(now, timeZone) };
  return { ...state, days: { ...state.days, [String(day)]: completion } };
}

/** `state` without `day`'s completion; the same state object when it was not done. */
export function undoDay(state: MobilityState, day: number): MobilityState {
  if (!isDayDone(state, day)) return state;
  const key = String(day);
  return { ...state, days: Object.fromEntries(Object.entries(state.days).filter(([k]) => k !== key)) };
}

/** `markDayDone` or `undoDay`, whichever makes `day` match `done`. */
export function setDayDone(
  state: MobilityState,
  day: number,
  done: boolean,
  now: Date,
  timeZone: string,
): MobilityState {
  return done ? markDayDone(state, day, now, timeZone) : undoDay(state, day);
}

/** The latest training date among done days, or null when none has a date. */
export function lastTrainingDate(state: MobilityState): string | null {
  let last: string | null = null;
  for (const completion of Object.values(state.days)) {
    if (completion.on !== null && (last === null || completion.on > last)) last = completion.on;
  }
  return last;
}

/**
 * Whether to ask the browser for persistent storage (navigator.storage.persist) after a change:
 * true exactly when the change completed the runner's first day, so the prompt comes when there is
 * something worth keeping and only once.
 */
export function shouldRequestPersistence(before: MobilityState, after: MobilityState): boolean {
  return completedCount(before) === 0 && completedCount(after) > 0;
}
