/**
 * The privacy note's promise, kept by the server itself: once at start and then every day, delete
 * inquiries older than the retention period (INQUIRY_RETENTION_MONTHS, default 12), except those
 * whose notification never reached the coach, and log what was removed and kept. A purge that fails
 * (database busy) is logged and tried again at the next run. It knows nothing about HTTP.
 */
import type { AsyncInquiryStore } from "./async-store.ts";
import type { Clock } from "./clock.ts";
import { describeError } from "./logger.ts";
import type { Logger } from "./logger.ts";

export const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** The instant `months` calendar months before `now` (clamped to the month's last day). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

export interface Retention {
  /** Runs one purge now (also what the timer does); resolves when it is done. */
  runOnce(): Promise<void>;
  stop(): void;
}

export function startRetention(
  store: Pick<AsyncInquiryStore, "purgeBefore">,
  clock: Clock,
  logger: Logger,
  months: number,
): Retention {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function runOnce(): Promise<void> {
    const cutoff = retentionCutoff(clock.now(), months);
    try {
      const { removed, keptUndelivered } = await store.purgeBefore(cutoff);
      if (removed > 0 || keptUndelivered > 0) {
        logger.info("retention purge", { removed, keptUndelivered, before: cutoff.toISOString() });
      }
    } catch (error) {
      logger.error("retention purge failed; trying again at the next run", { error: describeError(error) });
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(() => {
        schedule(PURGE_INTERVAL_MS);
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
