/**
 * Moves a site from SQLite to PostgreSQL (`npm run inquiries -- migrate-to-postgres`): copies every
 * row of an existing SQLite file into an empty PostgreSQL database, ids included, in one
 * transaction, then reads both back and compares each table's row count and a SHA-256 checksum of
 * its rows in a form both databases give alike. Any difference rolls the copy back, leaving the
 * PostgreSQL database empty; the SQLite file is only read (after being brought to the current
 * schema, as the server would at start). Stop the servers before copying: the SQLite side is read
 * as one snapshot, and the PostgreSQL tables are locked against writers while the copy runs. It
 * knows nothing about the CLI's output.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import type { PoolClient } from "pg";
import { MIGRATIONS } from "../migrations.ts";
import { DUPLICATE_WINDOW_MS, openStore } from "../store.ts";
import { createPool } from "./connect.ts";
import { POSTGRES_MIGRATIONS, migratePostgres } from "./migrations.ts";

/** Why a copy did not happen; the message says what to do. Nothing was written. */
export class CopyError extends Error {
  override name = "CopyError";
}

export interface TableReport {
  readonly table: string;
  readonly rows: number;
  /** SHA-256 (hex) of the table's rows in key order, the same from both databases. */
  readonly checksum: string;
}

type Row = Record<string, unknown>;

interface TableCopy {
  readonly table: string;
  /** Ordering key, unique: rows are read and compared in this order. */
  readonly key: string;
  /** Columns compared, as SQLite has them; PostgreSQL reads them through `postgresSelect`. */
  readonly columns: readonly string[];
  /** PostgreSQL expressions giving each compared column as SQLite holds it. */
  readonly postgresSelect: string;
  /** A SQLite row as the PostgreSQL table's record (json_populate_recordset). */
  toPostgres(row: Row): Row;
}

const canonicalJson = (value: unknown): unknown =>
  typeof value === "string" ? JSON.stringify(JSON.parse(value)) : null;

const TABLES: readonly TableCopy[] = [
  {
    table: "inquiries",
    key: "id",
    columns: [
      "id",
      "reference",
      "created_at",
      "name",
      "email",
      "email_key",
      "goal",
      "goal_race",
      "goal_race_date",
      "years_running",
      "weekly_volume",
      "volume_unit",
      "lifting",
      "message",
      "time_zone",
      "consent_at",
      "privacy_version",
      "newsletter",
      "spam_reason",
      "dedupe_key",
      "form_token",
    ],
    postgresSelect: `id, reference, created_at, name, email, email_key, goal, goal_race, goal_race_date,
      years_running, weekly_volume, volume_unit, lifting, message, time_zone, consent_at, privacy_version,
      newsletter::int AS newsletter, spam_reason, dedupe_key, form_token`,
    toPostgres: (row) => ({
      ...row,
      newsletter: row["newsletter"] === 1,
      // Each copied inquiry keeps the duplicate window the server gives a new one.
      duplicate_until: new Date(new Date(String(row["created_at"])).getTime() + DUPLICATE_WINDOW_MS).toISOString(),
    }),
  },
  {
    table: "outbox",
    key: "id",
    columns: [
      "id",
      "inquiry_id",
      "kind",
      "data",
      "recipient_key",
      "status",
      "attempts",
      "next_attempt_at",
      "locked_until",
      "last_error",
      "created_at",
      "sent_at",
    ],
    postgresSelect: `id, inquiry_id, kind, data::text AS data, recipient_key, status, attempts, next_attempt_at,
      locked_until, last_error, created_at, sent_at`,
    toPostgres: (row) => ({
      ...row,
      data: typeof row["data"] === "string" ? (JSON.parse(row["data"]) as unknown) : null,
    }),
  },
  {
    table: "bookings",
    key: "id",
    columns: [
      "id",
      "inquiry_id",
      "reference",
      "start_at",
      "end_at",
      "status",
      "sequence",
      "visitor_time_zone",
      "created_at",
      "updated_at",
      "cancelled_by",
    ],
    postgresSelect: `id, inquiry_id, reference, start_at, end_at, status, sequence, visitor_time_zone, created_at,
      updated_at, cancelled_by`,
    // A copied booking keeps its own time clear, as SQLite's constraint did; the buffer around it
    // still holds for new bookings, which are only offered clear of it by the buffer.
    toPostgres: (row) => ({ ...row, clear_from: row["start_at"], clear_until: row["end_at"] }),
  },
  {
    table: "comments",
    key: "id",
    columns: [
      "id",
      "article",
      "article_title",
      "parent_id",
      "author",
      "name",
      "email",
      "email_key",
      "body",
      "status",
      "held_reason",
      "notify",
      "created_at",
      "decided_at",
      "dedupe_key",
      "form_token",
    ],
    postgresSelect: `id, article, article_title, parent_id, author, name, email, email_key, body, status, held_reason,
      notify::int AS notify, created_at, decided_at, dedupe_key, form_token`,
    toPostgres: (row) => ({
      ...row,
      notify: row["notify"] === 1,
      // Each copied comment keeps the duplicate window the server gives a new one (a deleted one has none).
      duplicate_until:
        row["dedupe_key"] === null
          ? null
          : new Date(new Date(String(row["created_at"])).getTime() + DUPLICATE_WINDOW_MS).toISOString(),
    }),
  },
  {
    table: "settings",
    key: "key",
    columns: ["key", "value"],
    postgresSelect: "key, value",
    toPostgres: (row) => row,
  },
];

/** Rows per INSERT: one JSON parameter each, far below PostgreSQL's limits. */
const CHUNK = 500;

/** Each compared value in one form whichever database it came from. */
function canonicalRow(table: TableCopy, row: Row): unknown[] {
  return table.columns.map((column) => {
    const value = row[column];
    if (column === "data") return canonicalJson(value);
    if (typeof value === "bigint") return Number(value);
    return value ?? null;
  });
}

/** Row count and checksum of rows given in key order. */
function summarise(table: TableCopy, rows: Iterable<Row>): { rows: number; checksum: string } {
  const hash = createHash("sha256");
  let count = 0;
  for (const row of rows) {
    hash.update(`${JSON.stringify(canonicalRow(table, row))}\n`);
    count += 1;
  }
  return { rows: count, checksum: hash.digest("hex") };
}

async function postgresRows(client: PoolClient, table: TableCopy): Promise<Row[]> {
  const result = await client.query<Row>(`SELECT ${table.postgresSelect} FROM ${table.table} ORDER BY ${table.key}`);
  return result.rows;
}

/**
 * Copies the SQLite database at `sqlitePath` into the (empty) PostgreSQL database at `databaseUrl`
 * and verifies it; resolves with what each table holds on both sides.
 */
export async function copySqliteToPostgres(sqlitePath: string, databaseUrl: string): Promise<TableReport[]> {
  if (!existsSync(sqlitePath)) throw new CopyError(`there is no SQLite database at ${sqlitePath} (INQUIRY_DB_PATH)`);
  const target = POSTGRES_MIGRATIONS.at(-1)?.sqliteVersion;
  if (target !== MIGRATIONS.length) {
    throw new CopyError(
      `this build's PostgreSQL schema matches SQLite version ${String(target)}, not ${MIGRATIONS.length}: it cannot hold every table yet`,
    );
  }
  // The server would apply any pending SQLite migrations at start; so does the copy, first.
  openStore(sqlitePath).close();
  const sqlite = new DatabaseSync(sqlitePath, { readOnly: true });
  const pool = createPool(databaseUrl, { max: 1, timeoutMs: 30_000 }, () => undefined);
  try {
    // One read transaction: every table is read from the same snapshot.
    sqlite.exec("BEGIN");
    const client = await pool.connect();
    try {
      await migratePostgres(client);
      await client.query("BEGIN");
      try {
        const reports = await copyInTransaction(sqlite, client);
        await client.query("COMMIT");
        return reports;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    } finally {
      client.release();
    }
  } finally {
    if (sqlite.isTransaction) sqlite.exec("ROLLBACK");
    sqlite.close();
    await pool.end();
  }
}

async function copyInTransaction(sqlite: DatabaseSync, client: PoolClient): Promise<TableReport[]> {
  await client.query("SET LOCAL statement_timeout = 0");
  // No server may write while the copy runs (and the emptiness check below stays true).
  await client.query(`LOCK TABLE ${TABLES.map((t) => t.table).join(", ")} IN EXCLUSIVE MODE`);
  const present = await client.query<{ table: string; n: number }>(
    TABLES.map((t) => `SELECT '${t.table}' AS table, count(*) AS n FROM ${t.table}`).join(" UNION ALL "),
  );
  const filled = present.rows.filter((row) => row.n > 0);
  if (filled.length > 0) {
    throw new CopyError(
      `the PostgreSQL database is not empty (${filled.map((r) => `${r.n} ${r.table}`).join(", ")}): ` +
        "copy into a new, empty database so that no two sites' data are mixed",
    );
  }

  const reports: TableReport[] = [];
  for (const table of TABLES) {
    const read = sqlite.prepare(
      `SELECT ${table.columns.join(", ")} FROM ${table.table} WHERE ${table.key} > ? ORDER BY ${table.key} LIMIT ${CHUNK}`,
    );
    const source: Row[] = [];
    let after: unknown = table.key === "id" ? -1 : "";
    for (;;) {
      const rows = read.all(after as number | string).map((row) => ({ ...row }));
      if (rows.length === 0) break;
      source.push(...rows);
      after = rows.at(-1)?.[table.key];
      await client
        .query(`INSERT INTO ${table.table} SELECT * FROM json_populate_recordset(NULL::${table.table}, $1::json)`, [
          JSON.stringify(rows.map((row) => table.toPostgres(row))),
        ])
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === "23P01") {
            throw new CopyError(
              table.table === "bookings"
                ? "two active bookings in the SQLite file overlap, which PostgreSQL refuses"
                : `two ${table.table} in the SQLite file repeat each other within the duplicate window, which PostgreSQL refuses`,
            );
          }
          throw error;
        });
    }
    if (table.key === "id" && source.length > 0) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table.table}', 'id'), max(id)) FROM ${table.table}`);
    }
    const expected = summarise(table, source);
    const copied = summarise(table, await postgresRows(client, table));
    if (copied.rows !== expected.rows || copied.checksum !== expected.checksum) {
      throw new CopyError(
        `${table.table}: SQLite has ${expected.rows} rows (checksum ${expected.checksum.slice(0, 16)}), ` +
          `PostgreSQL would have ${copied.rows} (checksum ${copied.checksum.slice(0, 16)}); nothing was copied`,
      );
    }
    reports.push({ table: table.table, ...copied });
  }
  return reports;
}
