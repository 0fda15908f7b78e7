/**
 * Which calendar date a moment counts as for a runner: the local date in their time zone, with the
 * day turning over at 4 a.m. rather than midnight, so a session at 1 a.m. still belongs to the
 * evening before. The wall clock decides (src/lib/calendar/time-zone.ts), not a fixed offset. It has
 * no clock of its own (the instant is passed in) and does not know which zone the runner is in (the
 * island passes LOCAL_TIME_ZONE, the browser's).
 */
import { addDays } from "../calendar/date-arithmetic";
import type { LocalDateTime } from "../calendar/civil-date";
import { localDateTime } from "../calendar/time-zone";

/** The local hour (0-23) at which a new training date begins. */
export const TRAINING_DAY_CUTOFF_HOUR = 4;

/** The training date (YYYY-MM-DD) of a local wall-clock reading: before 4 a.m. is the day before. */
export function trainingDateOfLocal(local: Pick<LocalDateTime, "date" | "hour">): string {
  return local.hour < TRAINING_DAY_CUTOFF_HOUR ? addDays(local.date, -1) : local.date;
}

/**
 * The training date (YYYY-MM-DD) of `instant` for a runner in `timeZone`: the local date, or the
 * local date before it when the local time is earlier than 04:00. Throws a RangeError for an
 * invalid Date or an unknown zone (see resolveTimeZone).
 */
export function trainingDate(instant: Date, timeZone: string): string {
  return trainingDateOfLocal(localDateTime(instant, timeZone));
}
