/**
 * Connections to PostgreSQL (node-postgres): a pool per process with the session settings the store
 * relies on, values read back as the SQLite store returns them (instants as ISO 8601 UTC text, ids
 * and counts as numbers, dates as text). It knows nothing about the tables.
 */
import pg from "pg";
import type { CustomTypesConfig, PoolConfig } from "pg";

type TypeId = Parameters<CustomTypesConfig["getTypeParser"]>[0];
type TypeFormat = Parameters<CustomTypesConfig["getTypeParser"]>[1];

const { builtins } = pg.types;
const defaultTimestamp = pg.types.getTypeParser(builtins.TIMESTAMPTZ) as (text: string) => unknown;

/** int8 (ids, counts) as a number; the store's ids and counts stay far below 2^53. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${text} is too large for this store`);
  return value;
}

/** An instant as ISO 8601 UTC text, the form the SQLite store keeps. */
function parseInstant(text: string): string {
  const parsed = defaultTimestamp(text);
  return parsed instanceof Date ? parsed.toISOString() : text;
}

/** Type parsers for the store's pools only, leaving node-postgres' global parsers alone. */
export const storeTypes: CustomTypesConfig = {
  getTypeParser: (oid: TypeId, format?: TypeFormat): unknown => {
    if (format !== "binary") {
      if (oid === builtins.INT8) return parseInt8;
      if (oid === builtins.DATE) return (text: string) => text;
      if (oid === builtins.TIMESTAMPTZ || oid === builtins.TIMESTAMP) return parseInstant;
    }
    return pg.types.getTypeParser(oid, format) as unknown;
  },
};

export interface PoolOptions {
  /** Connections this process keeps at most (default 10). */
  readonly max?: number;
  /** The longest a statement, a lock wait or getting a connection may take (default 5000 ms). */
  readonly timeoutMs?: number;
}

/** A pool for `url` whose idle-connection errors are logged through `onError`, never thrown. */
export function createPool(url: string, options: PoolOptions, onError: (error: Error) => void): pg.Pool {
  const timeoutMs = options.timeoutMs ?? 5000;
  const config: PoolConfig = {
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: timeoutMs,
    lock_timeout: timeoutMs,
    // A transaction left open by a stalled process must not hold its row locks for long.
    idle_in_transaction_session_timeout: timeoutMs * 4,
    application_name: "run-smart",
    keepAlive: true,
    types: storeTypes,
    // Instants are compared and stored as UTC whatever the server's default time zone is.
    options: "-c TimeZone=UTC",
  };
  const pool = new pg.Pool(config);
  // A connection that breaks while idle (the server restarted) emits here; without a listener the
  // process would stop. The pool replaces it on the next query.
  pool.on("error", onError);
  return pool;
}
