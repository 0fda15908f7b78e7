/**
 * The two store implementations behind one test harness, so the contract suite
 * (store-contract.test.ts) runs every behaviour against both: SQLite (the store in this thread, as
 * the dev server uses it; the production worker only moves it to another thread) and PostgreSQL
 * (one database per suite on the run's throwaway server, tests/support/vitest-postgres.ts, emptied
 * before each test).
 * Several stores may be open on one database at once, as several server instances would be.
 */
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { inject } from "vitest";
import { inlineStore } from "../../../src/server/async-store.ts";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import { storeTypes } from "../../../src/server/pg/connect.ts";
import { openPostgresStore } from "../../../src/server/pg/store.ts";
import type { PostgresStoreOptions } from "../../../src/server/pg/store.ts";
import { openStore } from "../../../src/server/store.ts";
import { createDatabase, dropDatabase, emptyDatabase } from "../../support/postgres.ts";
import { tempDir } from "./helpers.ts";

export interface StoreHarness {
  readonly name: "sqlite" | "postgres";
  /** A fresh, empty database for the next test. */
  create(): Promise<void>;
  /** Opens another store on the current database (another instance, or the same one reopened). */
  open(): AsyncInquiryStore;
  /** One SELECT on a connection of its own, as another process sees the data; its rows. */
  peek(sql: string): Promise<Record<string, unknown>[]>;
  /** Closes every store it opened; the database may be kept, emptied, for the next test. */
  drop(): Promise<void>;
  /** Removes whatever the tests left (after the last one). */
  dispose(): Promise<void>;
}

export function sqliteHarness(): StoreHarness {
  let tmp: ReturnType<typeof tempDir> | undefined;
  const opened: AsyncInquiryStore[] = [];
  const path = () => {
    if (tmp === undefined) throw new Error("create() first");
    return tmp.dbPath;
  };
  return {
    name: "sqlite",
    create() {
      tmp = tempDir();
      return Promise.resolve();
    },
    open() {
      const store = inlineStore(openStore(path()));
      opened.push(store);
      return store;
    },
    peek(sql) {
      const db = new DatabaseSync(path(), { readOnly: true });
      try {
        return Promise.resolve(
          db
            .prepare(sql)
            .all()
            .map((row) => ({ ...row })),
        );
      } finally {
        db.close();
      }
    },
    async drop() {
      for (const store of opened.splice(0)) await store.close();
      tmp?.cleanup();
      tmp = undefined;
    },
    dispose: () => Promise.resolve(),
  };
}

/**
 * A migrated, empty database on the run's PostgreSQL server: `previous` (one this made before)
 * emptied, or a new one the first time (creating one takes a second or more; emptying, milliseconds).
 */
export async function emptiedDatabase(previous: string | undefined): Promise<string> {
  if (previous !== undefined) {
    await emptyDatabase(previous);
    return previous;
  }
  const url = await createDatabase(inject("postgresUrl"));
  const migrating = openPostgresStore(url);
  await migrating.diagnostics();
  await migrating.close();
  return url;
}

export function postgresHarness(options: PostgresStoreOptions = {}): StoreHarness {
  let url: string | undefined;
  let instances = 0;
  const opened: AsyncInquiryStore[] = [];
  const current = () => {
    if (url === undefined) throw new Error("create() first");
    return url;
  };
  return {
    name: "postgres",
    async create() {
      url = await emptiedDatabase(url);
    },
    open() {
      instances += 1;
      const store = openPostgresStore(current(), { instance: `test-instance-${instances}`, ...options });
      opened.push(store);
      return store;
    },
    async peek(sql) {
      const client = new pg.Client({ connectionString: current(), types: storeTypes });
      await client.connect();
      try {
        return (await client.query<Record<string, unknown>>(sql)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      for (const store of opened.splice(0)) await store.close();
    },
    async dispose() {
      if (url !== undefined) await dropDatabase(inject("postgresUrl"), url);
      url = undefined;
    },
  };
}

/** Both implementations, for `describe.each`. */
export const STORE_HARNESSES = [sqliteHarness, postgresHarness] as const;
