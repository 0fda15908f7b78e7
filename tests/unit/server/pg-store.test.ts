/**
 * The PostgreSQL store's own machinery, on the run's throwaway server: migrations under their
 * advisory lock, the constraints that hold whoever writes, time limits that never leave a row
 * written behind a "try again", and daily jobs claimed by one instance. What every store must do
 * is in store-contract.test.ts.
 */
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { StoreTimeoutError } from "../../../src/server/async-store.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import { MIGRATIONS } from "../../../src/server/migrations.ts";
import { storeTypes } from "../../../src/server/pg/connect.ts";
import { POSTGRES_MIGRATIONS, migratePostgres } from "../../../src/server/pg/migrations.ts";
import { openPostgresStore } from "../../../src/server/pg/store.ts";
import type { PostgresStore } from "../../../src/server/pg/store.ts";
import { PURGE_JOB, startRetention } from "../../../src/server/retention.ts";
import type { Retention } from "../../../src/server/retention.ts";
import { freePort } from "../../support/net.ts";
import { createDatabase, dropDatabase } from "../../support/postgres.ts";
import { T0, inquiry, minutes, stored } from "./helpers.ts";
import { emptiedDatabase } from "./store-harness.ts";

let url: string;
const stores: PostgresStore[] = [];
const clients: pg.Client[] = [];

function open(instance: string, options: Parameters<typeof openPostgresStore>[1] = {}): PostgresStore {
  const store = openPostgresStore(url, { instance, ...options });
  stores.push(store);
  return store;
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, types: storeTypes });
  await client.connect();
  clients.push(client);
  return client;
}

async function count(sql: string): Promise<number> {
  const client = await connect();
  return Number((await client.query<{ n: number }>(sql)).rows[0]?.n);
}

/** One migrated database for the tests that need no fresh one, emptied before each. */
let shared: string | undefined;

beforeEach(async () => {
  shared = await emptiedDatabase(shared);
  url = shared;
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const client of clients.splice(0)) await client.end();
});

afterAll(async () => {
  if (shared !== undefined) await dropDatabase(inject("postgresUrl"), shared);
});

describe("migrations", () => {
  // Each of these starts from a database no migration has touched.
  beforeEach(async () => {
    url = await createDatabase(inject("postgresUrl"));
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const client of clients.splice(0)) await client.end();
    await dropDatabase(inject("postgresUrl"), url);
  });

  it("cover the SQLite schema this build writes, so a copy from SQLite has every table to go to", () => {
    expect(POSTGRES_MIGRATIONS.at(-1)?.sqliteVersion).toBe(MIGRATIONS.length);
  });

  it("run once when several instances start at the same moment", async () => {
    const diagnostics = await Promise.all(["a", "b", "c"].map((name) => open(name).diagnostics()));
    expect(diagnostics.map((d) => [d.store, d.schemaVersion])).toEqual([
      ["postgres", POSTGRES_MIGRATIONS.length],
      ["postgres", POSTGRES_MIGRATIONS.length],
      ["postgres", POSTGRES_MIGRATIONS.length],
    ]);
    expect(diagnostics.map((d) => d.store === "postgres" && d.instance)).toEqual(["a", "b", "c"]);
    expect(await count("SELECT count(*) AS n FROM schema_migrations")).toBe(POSTGRES_MIGRATIONS.length);
  });

  it("make a second process wait for the first instead of applying the same step twice", async () => {
    const slow = [{ sqliteVersion: 0, sql: "CREATE TABLE a (x integer); SELECT pg_sleep(0.3);" }];
    const [first, second] = [await connect(), await connect()];
    expect(await Promise.all([migratePostgres(first, slow), migratePostgres(second, slow)])).toEqual([1, 1]);
    const more = [...slow, { sqliteVersion: 0, sql: "CREATE TABLE b (y integer)" }];
    expect(await migratePostgres(first, more)).toBe(2);
    expect(await count("SELECT count(*) AS n FROM schema_migrations")).toBe(2);
  });

  it("roll a failing migration back entirely and let the next start try again", async () => {
    const client = await connect();
    const broken = [{ sqliteVersion: 0, sql: "CREATE TABLE a (x integer); CREATE TABLE a (x integer);" }];
    await expect(migratePostgres(client, broken)).rejects.toThrow(/already exists/);
    expect(await count("SELECT count(*) AS n FROM schema_migrations")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM pg_tables WHERE tablename = 'a'")).toBe(0);
    expect(await migratePostgres(client, [{ sqliteVersion: 0, sql: "CREATE TABLE a (x integer)" }])).toBe(1);
  });
});

describe("constraints that hold whoever writes", () => {
  it("refuse a second real inquiry inside the first one's duplicate window, even from plain SQL", async () => {
    const store = open("a");
    const saved = stored(await store.save({ inquiry, spamReason: null }, T0));
    const client = await connect();
    const copy = `INSERT INTO inquiries (reference, created_at, name, email, email_key, goal, years_running,
      weekly_volume, volume_unit, lifting, message, consent_at, privacy_version, newsletter, dedupe_key,
      duplicate_until)
      SELECT $1, created_at + $2::interval, name, email, email_key, goal, years_running, weekly_volume, volume_unit,
        lifting, message, consent_at, privacy_version, newsletter, dedupe_key, duplicate_until + $2::interval
      FROM inquiries WHERE id = $3`;
    await expect(client.query(copy, ["RS-AAAA-AAAA", "5 minutes", saved.id])).rejects.toMatchObject({
      code: "23P01",
    });
    await client.query(copy, ["RS-BBBB-BBBB", "11 minutes", saved.id]);
    expect(await count("SELECT count(*) AS n FROM inquiries")).toBe(2);
  });

  it("refuse a second active booking whose time, with half the buffer each side, meets another's, even from plain SQL", async () => {
    const store = open("a");
    const start = new Date("2026-11-30T16:00:00.000Z");
    const booking = { start, end: new Date("2026-11-30T16:20:00.000Z"), bufferMinutes: 10, visitorTimeZone: null };
    stored(await store.save({ inquiry, spamReason: null, booking }, T0));
    const other = stored(await store.save({ inquiry: { ...inquiry, email: "kim@example.com" }, spamReason: null }, T0));
    const client = await connect();
    const insert = (from: string, until: string, status = "booked") =>
      client.query(
        `INSERT INTO bookings (inquiry_id, reference, start_at, end_at, status, created_at, updated_at,
           clear_from, clear_until)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $3, $4)`,
        [other.id, other.reference, from, until, status, T0.toISOString()],
      );
    // The first keeps 15:55-16:25 to itself.
    for (const [from, until] of [
      ["2026-11-30T16:00:00.000Z", "2026-11-30T16:20:00.000Z"],
      ["2026-11-30T16:24:00.000Z", "2026-11-30T16:44:00.000Z"],
      ["2026-11-30T15:30:00.000Z", "2026-11-30T15:56:00.000Z"],
    ] as const) {
      await expect(insert(from, until)).rejects.toMatchObject({ code: "23P01", constraint: "bookings_no_overlap" });
    }
    // A cancelled booking may share the time; an active one may touch the stretch.
    await insert("2026-11-30T16:00:00.000Z", "2026-11-30T16:20:00.000Z", "cancelled");
    await client.query("DELETE FROM bookings WHERE inquiry_id = $1", [other.id]);
    await insert("2026-11-30T16:25:00.000Z", "2026-11-30T16:45:00.000Z");
    await expect(insert("2026-11-30T17:00:00.000Z", "2026-11-30T16:00:00.000Z")).rejects.toMatchObject({
      code: "23514",
    });
    expect(await count("SELECT count(*) AS n FROM bookings WHERE status = 'booked'")).toBe(2);
  });
});

describe("comment rules that hold whoever writes", () => {
  const comment = {
    article: "fit-lifting",
    articleTitle: "How to Fit Lifting",
    comment: { name: "Ada", email: "ada@example.com", comment: "How many sets?", notify: true },
    spam: false,
    held: null,
  };

  it("refuse a repeat inside the first comment's duplicate window and a used form token, even from plain SQL", async () => {
    const store = open("a");
    const saved = await store.saveComment({ ...comment, formTokenId: "nonce" }, T0);
    if (saved.status !== "created") throw new Error("not stored");
    const client = await connect();
    const copy = `INSERT INTO comments (article, article_title, author, name, email, email_key, body, status, notify,
        created_at, dedupe_key, duplicate_until, form_token)
      SELECT article, article_title, author, name, email, email_key, body, status, notify, created_at + $1::interval,
        dedupe_key, duplicate_until + $1::interval, $2
      FROM comments WHERE id = $3`;
    await expect(client.query(copy, ["5 minutes", null, saved.id])).rejects.toMatchObject({
      code: "23P01",
      constraint: "comments_one_per_window",
    });
    await expect(client.query(copy, ["11 minutes", "nonce", saved.id])).rejects.toMatchObject({ code: "23505" });
    await client.query(copy, ["11 minutes", null, saved.id]);
    expect(await count("SELECT count(*) AS n FROM comments")).toBe(2);
  });

  it("refuse a reply to anything but a reader's comment, even from plain SQL", async () => {
    const store = open("a");
    const saved = await store.saveComment(comment, T0);
    if (saved.status !== "created") throw new Error("not stored");
    const replied = await store.replyToComment(saved.id, "Two sets.", "Nicole", T0);
    if (replied.status !== "replied") throw new Error("not replied");
    const client = await connect();
    const reply = (parent: number) =>
      client.query(
        `INSERT INTO comments (article, article_title, parent_id, author, name, body, status, created_at)
         VALUES ('a', 'A', $1, 'coach', 'N', 'y', 'approved', now())`,
        [parent],
      );
    await expect(reply(replied.replyId)).rejects.toThrow("a reply must answer a reader's comment");
    await expect(reply(999)).rejects.toMatchObject({ code: "23514" });
    await reply(saved.id);
    expect(await count("SELECT count(*) AS n FROM comments WHERE author = 'coach'")).toBe(2);
  });
});

describe("time limits", () => {
  it("answer a save that cannot commit in time with a timeout, and write nothing behind it", async () => {
    const store = open("a");
    await store.diagnostics();
    const locker = await connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE inquiries IN EXCLUSIVE MODE");
    const started = Date.now();
    await expect(
      store.save({ inquiry, spamReason: null, formTokenId: "t1" }, T0, { timeoutMs: 600 }),
    ).rejects.toBeInstanceOf(StoreTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
    await locker.query("COMMIT");
    // Closing waits for the abandoned transaction, which must roll back rather than commit.
    await store.close();
    expect(await count("SELECT count(*) AS n FROM inquiries")).toBe(0);
    const again = open("b");
    expect((await again.save({ inquiry, spamReason: null, formTokenId: "t1" }, T0)).status).toBe("created");
  });

  it("reject calls to a database that is not there, without stopping the process", async () => {
    const port = await freePort();
    const store = openPostgresStore(`postgres://nobody:pw@127.0.0.1:${port}/none`, { callTimeoutMs: 2000 });
    stores.push(store);
    await expect(store.save({ inquiry, spamReason: null }, T0)).rejects.toThrow(/ECONNREFUSED|connect/);
    await expect(store.diagnostics()).rejects.toThrow();
  });
});

describe("daily jobs", () => {
  const DAY = "2026-11-25";

  it("are claimed by one instance when several ask at the same moment", async () => {
    const claims = await Promise.all(
      ["a", "b", "c", "d"].map((name) => open(name).dailyJobs.claim("job", DAY, T0, minutes(10))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("run once a day: finished, nobody claims that day again; the next day is claimed anew", async () => {
    const [a, b] = [open("a"), open("b")];
    expect(await a.dailyJobs.claim("job", DAY, T0, minutes(10))).toBe(true);
    await a.dailyJobs.finish("job", DAY, T0);
    const muchLater = new Date(T0.getTime() + minutes(600));
    expect(await b.dailyJobs.claim("job", DAY, muchLater, minutes(10))).toBe(false);
    expect(await a.dailyJobs.claim("job", DAY, muchLater, minutes(10))).toBe(false);
    expect(await b.dailyJobs.claim("job", "2026-11-26", muchLater, minutes(10))).toBe(true);
    expect(await b.dailyJobs.claim("other-job", DAY, muchLater, minutes(10))).toBe(true);
  });

  it("pass to another instance when the claiming one dies before finishing, once its lease has passed", async () => {
    const [dying, survivor] = [open("dying"), open("survivor")];
    expect(await dying.dailyJobs.claim("job", DAY, T0, minutes(10))).toBe(true);
    await dying.close();
    expect(await survivor.dailyJobs.claim("job", DAY, new Date(T0.getTime() + minutes(10) - 1), minutes(10))).toBe(
      false,
    );
    expect(await survivor.dailyJobs.claim("job", DAY, new Date(T0.getTime() + minutes(10)), minutes(10))).toBe(true);
  });

  it("are claimable again at once when the run failed and was given back", async () => {
    const [a, b] = [open("a"), open("b")];
    expect(await a.dailyJobs.claim("job", DAY, T0, minutes(10))).toBe(true);
    await b.dailyJobs.release("job", DAY);
    expect(await b.dailyJobs.claim("job", DAY, T0, minutes(10))).toBe(false);
    await a.dailyJobs.release("job", DAY);
    expect(await b.dailyJobs.claim("job", DAY, T0, minutes(10))).toBe(true);
  });

  describe("the retention purge", () => {
    const retentions: Retention[] = [];
    afterEach(() => {
      for (const retention of retentions.splice(0)) retention.stop();
    });

    it("runs once when two instances start at the same moment, and the other says so", async () => {
      const [a, b] = [open("a"), open("b")];
      const old = new Date("2025-01-10T09:00:00.000Z");
      for (let i = 0; i < 3; i += 1) {
        await a.save({ inquiry: { ...inquiry, email: `old-${i}@example.com` }, spamReason: null }, old);
      }
      for (const due of await a.claimDue(old, 1000, 100)) await a.markSent(due.message.id, old);
      const logs = [memoryLogger(), memoryLogger()];
      retentions.push(
        ...[a, b].map((store, i) =>
          startRetention(store, manualClock(T0), logs[i] ?? memoryLogger(), 12, {
            jobs: store.dailyJobs,
            checkEveryMs: 60_000,
          }),
        ),
      );
      const messages = () => logs.flatMap((log) => log.lines.map((line) => line.message));
      await expect
        .poll(() => messages().sort(), { timeout: 5000 })
        .toEqual(["retention purge", "retention purge already done today by another instance"]);
      expect(logs.flatMap((log) => log.lines).find((l) => l.message === "retention purge")?.fields).toMatchObject({
        removed: 3,
      });
      expect(
        await count(`SELECT count(*) AS n FROM daily_runs WHERE job = '${PURGE_JOB}' AND finished_at IS NOT NULL`),
      ).toBe(1);
      expect(await count("SELECT count(*) AS n FROM inquiries")).toBe(0);
    });
  });
});
