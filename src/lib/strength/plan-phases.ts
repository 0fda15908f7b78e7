/**
 * The weeks of each phase of the coach's method, before any race is taken into account. Base: blocks
 * of four weeks, S×3, S×4, S×5 at the working load W, then a lighter week (S−1 sets, at least 2, ×3 at
 * 90%), each new block one loadable step heavier. In season: once a week, 2×3 at W, no progression.
 * Never lifted: two weeks of bodyweight squat and hip hinge, then the empty bar (or the lightest
 * dumbbells) adding one step per session while every rep is clean. Loads are hundredths of the
 * equipment's unit; this module knows nothing about dates or races.
 */
import type { Loadables } from "./loadables";
import { nearestLoad, nextLoad } from "./loadables";
import type { DraftWeek } from "./plan-row";
import { REST_BETWEEN_SETS_SECONDS } from "./rest-timer";
import { formatWeight } from "./weight";

/** Share of the block's load used in the lighter fourth week. */
export const DELOAD_PERCENT = 90;
/** Weeks of bodyweight pattern practice before a beginner touches the bar. */
export const BODYWEIGHT_WEEKS = 2;

const BLOCK_WEEKS = 4;

/** Base-phase weeks 1…`weeks` from working load `working`. */
export function baseWeeks(
  loadables: Loadables,
  working: number,
  weeks: number,
  sets: number,
  sessions: number,
): DraftWeek[] {
  let load = working;
  let previousBlock = working;
  return weekNumbers(weeks).map((week): DraftWeek => {
    const position = (week - 1) % BLOCK_WEEKS;
    if (position === 0 && week > 1) {
      previousBlock = load;
      load = nextLoad(loadables, load) ?? load;
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
    const note =
      position > 0 || week === 1
        ? `Stop each set with about 2 clean reps left; rest ${REST_BETWEEN_SETS_SECONDS / 60} min between sets.`
        : load > previousBlock
          ? `New block: one step heavier, ${show(loadables, load)}.`
          : `This is the heaviest load the equipment makes: stay at ${show(loadables, load)}.`;
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

/** Beginner weeks: bodyweight pattern practice, then the lightest load plus one step per clean session. */
export function neverLiftedWeeks(
  loadables: Loadables,
  weeks: number,
  sets: number,
  sessions: number,
  startName: string,
): DraftWeek[] {
  let load = loadables.loads[0] ?? 0;
  return weekNumbers(weeks).map((week): DraftWeek => {
    if (week <= BODYWEIGHT_WEEKS) {
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
    const first = load;
    const sessionLoads = Array.from({ length: sessions }, () => {
      const current = load;
      load = nextLoad(loadables, load) ?? load;
      return show(loadables, current);
    });
    return {
      week,
      kind: "technique",
      sessions,
      sets,
      reps: 5,
      load: first,
      current: first,
      note: `${week === BODYWEIGHT_WEEKS + 1 ? `Start with ${startName}. ` : ""}Sessions: ${sessionLoads.join(", ")}. Add one step per session only while every rep is clean; otherwise repeat the load.`,
    };
  });
}

function weekNumbers(weeks: number): number[] {
  return Array.from({ length: weeks }, (_, index) => index + 1);
}

function show(loadables: Loadables, hundredths: number): string {
  return formatWeight({ unit: loadables.unit, hundredths });
}
