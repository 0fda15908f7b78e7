/**
 * A program day's routine as the follow-along player shows it: one step at a time, each with the
 * movement's name, how much to do, the cue and how to do it. A timed movement done on each side is
 * two steps (first side, second side), each with its own countdown; counted reps stay one step
 * whose dose says "each side", as the runner counts them. The steps are worked out when the page is
 * built, so the player only shows them. Pure: it knows nothing of the clock, the screen or progress.
 */
import type { Dose } from "./mobility-day-schema";
import { formatDose } from "./mobility-program";

/** A movement as the day file states it. */
export interface RoutineMovement {
  readonly name: string;
  readonly dose: Dose;
  readonly how: string;
  readonly cue: string;
}

/** One screen of the player. */
export interface RoutineStep {
  /** Position of the movement in the day, from 1. */
  readonly movement: number;
  readonly name: string;
  /** What to do, in words: "10 reps each side", "30 s, first side". */
  readonly dose: string;
  /** Seconds to count down for a timed step; null when the runner counts reps. */
  readonly seconds: number | null;
  readonly how: string;
  readonly cue: string;
}

/** The steps of a routine, in order. */
export function routineSteps(movements: readonly RoutineMovement[]): RoutineStep[] {
  return movements.flatMap(({ name, dose, how, cue }, i): RoutineStep[] => {
    const step = { movement: i + 1, name, how, cue, seconds: dose.kind === "seconds" ? dose.amount : null };
    if (dose.kind === "seconds" && dose.sides === "each") {
      return ["first", "second"].map((side) => ({ ...step, dose: `${dose.amount} s, ${side} side` }));
    }
    return [{ ...step, dose: formatDose(dose) }];
  });
}
