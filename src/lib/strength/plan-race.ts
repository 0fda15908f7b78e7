/**
 * Fits a plan around a goal race by the one rule the articles state too. From three weeks out (every
 * week that starts 21 days or fewer before the race) there is one session a week of 2×3 at the week's
 * load; the last session falls 8 to 10 days before the race at about 90% of that load, so the 7 days
 * before it are free of lifting; weeks after the race week are dropped. A week without load keeps its
 * reps in the same single session of 2 sets. Dates are day numbers; the week containing the race is
 * the plan's last. It knows nothing about how the weeks were built.
 */
import { formatIsoDate } from "../calendar/civil-date";
import type { Loadables } from "./loadables";
import { nearestLoad } from "./loadables";
import type { DraftWeek } from "./plan-row";

/** Weeks that start this many days or fewer before the race have one light session. */
export const RACE_WEEKS_DAYS = 21;
/** Days before the race with no lifting. */
export const NO_LIFTING_DAYS_BEFORE_RACE = 7;
/** The last session is no earlier than this many days before the race. */
export const LAST_LIFT_EARLIEST_DAYS = 10;
/** Share of the current load lifted in the last session. */
export const TAPER_PERCENT = 90;

/** The weeks up to the race week, with the race weeks, the last session and the lifting-free days applied. */
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
      const weekStart = start + 7 * (draft.week - 1);
      const { week, current } = draft;
      if (week > lastLiftWeek) {
        const note = `No lifting: the race is on ${raceText}.`;
        return { week, kind: "rest", sessions: 0, sets: 0, reps: 0, load: null, current: null, note };
      }
      const light = { week, sessions: 1, sets: 2, reps: current === null ? draft.reps : 3, current };
      if (week === lastLiftWeek) {
        const from = formatIsoDate(Math.max(weekStart, race - LAST_LIFT_EARLIEST_DAYS));
        return {
          ...light,
          kind: "taper",
          load: current === null ? null : nearestLoad(loadables, (current * TAPER_PERCENT) / 100),
          note: `Last lifting before the race on ${raceText}: one light session from ${from} to ${formatIsoDate(lastLiftDay)}.`,
        };
      }
      return race - weekStart > RACE_WEEKS_DAYS
        ? draft
        : { ...light, kind: "maintain", load: current, note: `Race on ${raceText}: one session, same load.` };
    });
}
