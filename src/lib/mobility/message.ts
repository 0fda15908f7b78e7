/**
 * The one encouraging sentence the tracker shows above the program. It only ever counts what the
 * runner has done: there are no streaks, and a gap of any length changes nothing but the greeting.
 * It knows nothing about dates or storage; it reads the facts a progress summary already holds.
 */
import { PROGRAM_DAYS } from "./program";

/** What the message is chosen from. */
export interface MessageFacts {
  /** Days done, 0-25. */
  readonly done: number;
  /** The lowest day not done, or null when all are done. */
  readonly nextDay: number | null;
  /** Days completed on today's training date. */
  readonly doneToday: number;
  /** Days completed in this Monday-Sunday week. */
  readonly sessionsThisWeek: number;
  /** Whether the day-25 retest has been recorded. */
  readonly hasRetest: boolean;
}

function days(n: number): string {
  return n === 1 ? "1 day" : `${n} days`;
}

function sessions(n: number): string {
  return n === 1 ? "1 session" : `${n} sessions`;
}

/** The encouraging sentence for these facts. */
export function progressMessage(facts: MessageFacts): string {
  const { done, nextDay } = facts;
  if (nextDay === null) {
    return facts.hasRetest
      ? `All ${PROGRAM_DAYS} days done and your retest is in. See how far you have come since day 1.`
      : `All ${PROGRAM_DAYS} days done. Take the day-${PROGRAM_DAYS} retest to see what has changed.`;
  }
  if (done === 0) return "Day 1 is ready whenever you are. It starts with a short self-test.";
  if (facts.doneToday > 0) {
    return `Today's session is done: ${done} of ${PROGRAM_DAYS} days complete. Day ${nextDay} is next, whenever you are ready.`;
  }
  if (facts.sessionsThisWeek === 0) {
    return `Welcome back. Your ${days(done)} done are all still here. Day ${nextDay} is next, whenever you are ready.`;
  }
  return `${done} of ${PROGRAM_DAYS} days done, ${sessions(facts.sessionsThisWeek)} this week. Day ${nextDay} is next.`;
}
