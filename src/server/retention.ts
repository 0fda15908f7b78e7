/**
 * The privacy note's promise, kept by the server itself: once at start and then every day, delete
 * inquiries older than the retention period (INQUIRY_RETENTION_MONTHS, default 12), except those
 * whose notification never reached the coach, and log what was removed and kept. A purge that fails
 * (database busy) is logged and tried again at the next run. When several instances share one
 * database, each checks every `checkEveryMs` and the purge runs once a day in total: the instance
 * that claims the day's run (daily-jobs.ts) purges, the others skip it. It knows nothing about HTTP.
 */
import type { AsyncInquiryStore } from "./async-store.ts";
import type { Clock } from "./clock.ts";
import { localDailyJobs, utcDay } from "./daily-jobs.ts";
import type { DailyJobs } from "./daily-jobs.ts";
import { describeError } from "./logger.ts";
import type { Logger } from "./logger.ts";

export const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** The daily job's name in `daily_runs`. */
export const PURGE_JOB = "retention-purge";
/** How long a claimed purge may take before another instance may run it instead. */
const PURGE_LEASE_MS = 10 * 60 * 1000;

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

export interface RetentionOptions {
  /** Who runs the day's purge when several instances share the database (default: this one, always). */
  readonly jobs?: DailyJobs;
  /** How often to check whether the day's purge is due (default PURGE_INTERVAL_MS). */
  readonly checkEveryMs?: number;
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
  options: RetentionOptions = {},
): Retention {
  const jobs = options.jobs ?? localDailyJobs;
  const interval = options.checkEveryMs ?? PURGE_INTERVAL_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  /** The last day another instance was found to have the purge, so that is logged once a day. */
  let skippedDay: string | undefined;

  async function runOnce(): Promise<void> {
    const now = clock.now();
    const day = utcDay(now);
    let claimed = false;
    try {
      claimed = await jobs.claim(PURGE_JOB, day, now, PURGE_LEASE_MS);
      if (!claimed) {
        if (skippedDay !== day) logger.info("retention purge already done today by another instance", { day });
        skippedDay = day;
        return;
      }
      const cutoff = retentionCutoff(now, months);
      const { removed, keptUndelivered } = await store.purgeBefore(cutoff);
      if (removed > 0 || keptUndelivered > 0) {
        logger.info("retention purge", { removed, keptUndelivered, before: cutoff.toISOString() });
      }
      await jobs.finish(PURGE_JOB, day, clock.now());
    } catch (error) {
      logger.error("retention purge failed; trying again at the next run", { error: describeError(error) });
      if (claimed) await jobs.release(PURGE_JOB, day).catch(() => undefined);
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(() => {
        schedule(interval);
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
