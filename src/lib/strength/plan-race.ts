/**
 * Fits a plan around a goal race: no lifting in the 7 days before it, the last week with lifting
 * becomes a light taper (one session of 2×3 at 90% of that week's load; two easy sets when the week
 * had no load), and weeks after the race week are dropped. Dates are day numbers; the week containing
 * the race is the plan's last. It knows nothing about how the weeks were built.
 */
import { formatIsoDate } from "../calendar/civil-date";
import type { Loadables } from "./loadables";
import { nearestLoad } from "./loadables";
import type { DraftWeek } from "./plan-row";

/** Days before the race with no lifting. */
export const NO_LIFTING_DAYS_BEFORE_RACE = 7;
/** Share of the current load lifted in the taper week. */
export const TAPER_PERCENT = 90;

/** The weeks up to the race week, with the taper and the lifting-free days applied. */
export function fitToRace(
  drafts: readonly DraftWeek[],
  loadables: Loadables,
  start: number,
  race: number,
): DraftWeek[] {
  const weekOf = (day: number) => Math.floor((day - start) / 7) + 1;
  const lastLiftDay = race - NO_LIFTING_DAYS_BEFORE_RACE - 1;
  const lastLiftWeek = lastLiftDay >= start ? weekOf(lastLiftDay) : 0;
  const raceText = formatIsoDate(race);
  return drafts
    .filter((draft) => draft.week <= weekOf(race))
    .map((draft): DraftWeek => {
      if (draft.week < lastLiftWeek) return draft;
      return draft.week > lastLiftWeek
        ? {
            week: draft.week,
            kind: "rest",
            sessions: 0,
            sets: 0,
            reps: 0,
            load: null,
            current: null,
            note: `No lifting: the race is on ${raceText}.`,
          }
        : {
            week: draft.week,
            kind: "taper",
            sessions: 1,
            sets: 2,
            reps: draft.current === null ? draft.reps : 3,
            load: draft.current === null ? null : nearestLoad(loadables, (draft.current * TAPER_PERCENT) / 100),
            current: draft.current,
            note: `Last lifting before the race on ${raceText}: one light session by ${formatIsoDate(lastLiftDay)}, then none.`,
          };
    });
}
