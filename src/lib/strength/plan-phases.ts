/**
 * The weeks of each phase of the coach's method, before any race is taken into account. Base: blocks
 * of four weeks, S×3, S×4, S×5 at the working load W, then a lighter week (S−1 sets, at least 2, ×3 at
 * 90%); each new block is one loadable step heavier while the chart still leaves at least 1 rep in
 * reserve on its sets of 5, and holds the load after that (only a new set shows more strength).
 * In season: once a week, 2×3 at W, no progression. Never lifted: bodyweight squat and hip hinge for
 * 4-8 weeks, then loaded technique work from the empty bar (or the lightest dumbbells) that rises at
 * most one step a week, only on clean reps, with a lighter week every fourth loaded week; where one
 * step is more than 10% of the load, reps rise from 6 to 10 before the load does. Loads are hundredths
 * of the equipment's unit; this module knows nothing about dates, races or one-rep maxes.
 */
import type { Loadables } from "./loadables";
import { loadsAround, nearestLoad, nextLoad } from "./loadables";
import type { DraftWeek } from "./plan-row";
import { REST_BETWEEN_SETS_SECONDS } from "./rest-timer";
import { formatWeight } from "./weight";

/** Share of the block's load used in the lighter fourth week. */
export const DELOAD_PERCENT = 90;
/** Weeks of bodyweight pattern practice before a beginner touches a load: the runner picks 4-8. */
export const BODYWEIGHT_WEEKS = { min: 4, max: 8, usual: 4 } as const;
/** A beginner's reps a set: 6 at each new load, then 8 and 10 where the next load step waits. */
export const BEGINNER_REPS = [6, 8, 10] as const;
const [FIRST_REPS, , LAST_REPS] = BEGINNER_REPS;
/** A load step bigger than this share of the load (in percent) comes only after the reps have risen. */
export const REPS_FIRST_STEP_PERCENT = 10;

const BLOCK_WEEKS = 4;

/**
 * Base-phase weeks 1…`weeks` from working load `working`; `mayRise` says whether a block may be
 * lifted at a load.
 */
export function baseWeeks(
  loadables: Loadables,
  working: number,
  weeks: number,
  sets: number,
  sessions: number,
  mayRise: (load: number) => boolean,
): DraftWeek[] {
  let load = working;
  return weekNumbers(weeks).map((week): DraftWeek => {
    const position = (week - 1) % BLOCK_WEEKS;
    let note = `Rest ${REST_BETWEEN_SETS_SECONDS / 60} min between sets.`;
    if (position === 0 && week > 1) {
      const step = nextLoad(loadables, load);
      if (step === undefined) note = heaviest(loadables, load);
      else if (mayRise(step)) {
        note = `New block: one step up if last week was clean, else stay at ${show(loadables, load)}.`;
        load = step;
      } else {
        note = "Same load: a step up would leave under 1 in reserve. Enter a recent set.";
      }
    }
    if (position === BLOCK_WEEKS - 1) {
      return {
        week,
        kind: "deload",
        sessions,
        sets: Math.max(sets - 1, 2),
        reps: 3,
        load: nearestLoad(loadables, (load * DELOAD_PERCENT) / 100),
        current: load,
        note: `Lighter week at about ${DELOAD_PERCENT}% of the block's load: recover before the next block.`,
      };
    }
    return { week, kind: "build", sessions, sets, reps: 3 + position, load, current: load, note };
  });
}

/** In-season weeks: one session of 2×3 at `working`, every week the same. */
export function inSeasonWeeks(working: number, weeks: number): DraftWeek[] {
  return weekNumbers(weeks).map((week) => ({
    week,
    kind: "maintain",
    sessions: 1,
    sets: 2,
    reps: 3,
    load: working,
    current: working,
    note: "Hold your strength through the racing season: same load, no progression.",
  }));
}

/**
 * Beginner weeks: `bodyweightWeeks` of pattern practice, then loaded weeks from the lightest load. Each
 * loaded week takes one stage from the last full week (two more reps, or one load step back at 6 reps)
 * and is never more than one load step above the week before it; so after a lighter week (every
 * fourth: one load step down where there is one, one set fewer, 6 reps) a load step waits a week while
 * the last full week is repeated.
 */
export function neverLiftedWeeks(
  loadables: Loadables,
  weeks: number,
  sets: number,
  sessions: number,
  bodyweightWeeks: number,
  startName: string,
): DraftWeek[] {
  let load = loadables.loads[0] ?? 0;
  let reps: number = FIRST_REPS;
  let previous = load;
  const tooBig = (from: number, to: number) => (to - from) * 100 > from * REPS_FIRST_STEP_PERCENT;
  return weekNumbers(weeks).map((week): DraftWeek => {
    const loaded = week - bodyweightWeeks - 1;
    if (loaded < 0) {
      return {
        week,
        kind: "bodyweight",
        sessions,
        sets,
        reps: 8,
        load: null,
        current: null,
        note: "Bodyweight squat and hip hinge: slow, controlled reps to learn the patterns. No load yet.",
      };
    }
    if (loaded % BLOCK_WEEKS === BLOCK_WEEKS - 1) {
      previous = loadsAround(loadables, load - 1)[0] ?? load;
      return {
        week,
        kind: "deload",
        sessions,
        sets: Math.max(sets - 1, 2),
        reps: FIRST_REPS,
        load: previous,
        current: load,
        note: "Lighter week: recover before the next step.",
      };
    }
    let note = `Start with ${startName}; stop every set with about 2 clean reps left.`;
    const step = nextLoad(loadables, load);
    if (loaded > 0) {
      const gate = "if every rep of your last full week was clean with about 2 left; else repeat it.";
      if (step === undefined) note = heaviest(loadables, load);
      else if (tooBig(load, step) && reps < LAST_REPS) {
        reps += 2; // the next entry of BEGINNER_REPS
        note = `Two more reps ${gate}`;
      } else if (step > (nextLoad(loadables, previous) ?? previous)) {
        note = "Your last full week again, before the next step.";
      } else {
        [load, reps] = [step, FIRST_REPS];
        note = `One step heavier ${gate}`;
      }
    }
    previous = load;
    const ahead = nextLoad(loadables, load);
    if (ahead !== undefined && tooBig(load, ahead)) {
      note += ` Reps before load: ${show(loadables, ahead)} is over ${REPS_FIRST_STEP_PERCENT}% heavier.`;
    }
    return { week, kind: "technique", sessions, sets, reps, load, current: load, note };
  });
}

function weekNumbers(weeks: number): number[] {
  return Array.from({ length: weeks }, (_, index) => index + 1);
}

function heaviest(loadables: Loadables, load: number): string {
  return `This is the heaviest load the equipment makes: stay at ${show(loadables, load)}.`;
}

function show(loadables: Loadables, hundredths: number): string {
  return formatWeight({ unit: loadables.unit, hundredths });
}
