/**
 * The coach's daily summary of the next day's consultations, kept by the server itself: every few
 * minutes (and at start) it asks whether the summary hour has come in the coach's zone, and if so
 * queues the summary of tomorrow, her date. The store records the day in the same transaction, so
 * the summary goes out once per day, across restarts and even with two servers on one database. A
 * run that fails (database busy) is logged and tried again at the next one. It knows nothing about
 * HTTP or wording; the pattern is retention.ts's.
 */
import { addDays } from "../lib/calendar/date-arithmetic.ts";
import { instantOf, localDateTime } from "../lib/calendar/time-zone.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import type { SummaryOutcome } from "./booking-store.ts";
import type { Clock } from "./clock.ts";
import { describeError } from "./logger.ts";
import type { Logger } from "./logger.ts";

/** How often the loop looks at the time. */
export const SUMMARY_CHECK_MS = 10 * 60 * 1000;

export interface DailySummary {
  /** Queues tomorrow's summary if its hour has come and it was not sent yet; what happened (undefined before the hour or on failure). */
  runOnce(): Promise<SummaryOutcome | undefined>;
  stop(): void;
}

export interface DailySummaryOptions {
  readonly timeZone: string;
  /** The hour of the coach's day (0-23) from which tomorrow's summary is sent. */
  readonly hour: number;
  /** Called once a summary is queued, so it goes out now rather than at the outbox's next poll. */
  readonly queued?: () => void;
}

export function startDailySummary(
  store: Pick<AsyncInquiryStore, "queueDailySummary">,
  clock: Clock,
  logger: Logger,
  options: DailySummaryOptions,
): DailySummary {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function runOnce(): Promise<SummaryOutcome | undefined> {
    const now = clock.now();
    const local = localDateTime(now, options.timeZone);
    if (local.hour < options.hour) return undefined;
    const day = addDays(local.date, 1);
    const from = instantOf(day, 0, 0, options.timeZone);
    const to = instantOf(addDays(day, 1), 0, 0, options.timeZone);
    try {
      const outcome = await store.queueDailySummary(day, from, to, now);
      if (outcome.status === "queued") {
        logger.info("daily consultation summary queued", { day, consultations: outcome.count });
        options.queued?.();
      }
      return outcome;
    } catch (error) {
      logger.error("daily consultation summary failed; trying again at the next run", { error: describeError(error) });
      return undefined;
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(() => {
        schedule(SUMMARY_CHECK_MS);
      });
    }, delayMs);
    timer.unref();
  }

  schedule(0);
  return {
    runOnce,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
