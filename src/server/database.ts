/**
 * Opens the store the configuration names: PostgreSQL when DATABASE_URL is set (several instances
 * may share it; daily jobs are claimed in it), otherwise the SQLite file at INQUIRY_DB_PATH (one
 * process owns it; every daily job runs here). Nothing connects until the first call, so a
 * database that is down at start only makes the form answer 503 until it is back.
 */
import type { AsyncInquiryStore } from "./async-store.ts";
import { describeStore } from "./config.ts";
import type { ServerConfig } from "./config.ts";
import type { DailyJobs } from "./daily-jobs.ts";
import type { Logger } from "./logger.ts";
import { openPostgresStore } from "./pg/store.ts";

export interface OpenedStore {
  readonly store: AsyncInquiryStore;
  /** Claims on daily jobs shared with other instances; undefined when this process owns the database. */
  readonly dailyJobs: DailyJobs | undefined;
  /** Which store and where, without secrets, for the start-up log. */
  readonly description: string;
}

export interface OpenOptions {
  /** Opens the SQLite file: in a worker thread (the production server) or in this thread (dev). */
  readonly openSqlite: (path: string) => AsyncInquiryStore;
  readonly logger: Logger;
}

export function openConfiguredStore(
  config: Pick<ServerConfig, "dbPath" | "databaseUrl">,
  options: OpenOptions,
): OpenedStore {
  const description = describeStore(config);
  if (config.databaseUrl !== null) {
    const store = openPostgresStore(config.databaseUrl, { logger: options.logger });
    return { store, dailyJobs: store.dailyJobs, description };
  }
  return { store: options.openSqlite(config.dbPath), dailyJobs: undefined, description };
}
