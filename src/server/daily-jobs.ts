/**
 * Jobs that must run once a day in total, however many server instances share the database (the
 * retention purge; later the coach's daily summary). A run is claimed for a job and a day before
 * it starts: with PostgreSQL the claim is a row several instances compete for (pg/store.ts), so
 * one wins and the others skip that day. A claim carries a lease: if the instance that holds it
 * dies before finishing, another may claim the day once the lease has passed. With SQLite one
 * process owns the file, so every claim is granted (`localDailyJobs`). It knows nothing about what
 * a job does; time comes in as an argument.
 */

export interface DailyJobs {
  /**
   * Claims `job` for `day` (YYYY-MM-DD) until `now + leaseMs`: true when this instance should run
   * it; false when another instance has run it that day or holds an unexpired claim on it.
   */
  claim(job: string, day: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Records a claimed run as done: nobody claims that job and day again. */
  finish(job: string, day: string, now: Date): Promise<void>;
  /** Gives a claimed run back after it failed, so another check (here or elsewhere) can retry it. */
  release(job: string, day: string): Promise<void>;
}

/** One process owns the database: every claim is granted and nothing needs recording. */
export const localDailyJobs: DailyJobs = {
  claim: () => Promise.resolve(true),
  finish: () => Promise.resolve(),
  release: () => Promise.resolve(),
};

/** The UTC calendar day of an instant, as the key of a daily run. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** How often each instance checks whether a shared daily job is due: the day's run starts within this. */
export const SHARED_CHECK_MS = 60 * 60 * 1000;
