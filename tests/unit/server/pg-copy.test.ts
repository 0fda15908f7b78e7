/**
 * Moving a site from SQLite to PostgreSQL (`npm run inquiries -- migrate-to-postgres`): everything
 * arrives, the verification would notice a difference, nothing is written into a database that is
 * not empty, and afterwards the coach's commands show the same data from either store.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { inlineStore } from "../../../src/server/async-store.ts";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import { CopyError, copySqliteToPostgres } from "../../../src/server/pg/copy.ts";
import { openPostgresStore } from "../../../src/server/pg/store.ts";
import type { BookingRequest } from "../../../src/server/booking-store.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { createDatabase, dropDatabase } from "../../support/postgres.ts";
import { T0, inquiry, minutes, seedInquiry, stored, tempDir } from "./helpers.ts";

const SCRIPT = fileURLToPath(new URL("../../../scripts/inquiries.ts", import.meta.url));
const COMMENTS_SCRIPT = fileURLToPath(new URL("../../../scripts/comments.ts", import.meta.url));

let tmp: ReturnType<typeof tempDir>;
let url: string;
const closing: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  tmp = tempDir();
  url = await createDatabase(inject("postgresUrl"));
});

afterEach(async () => {
  for (const close of closing.splice(0)) await close();
  tmp.cleanup();
  await dropDatabase(inject("postgresUrl"), url);
});

function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

/** A SQLite database with a bit of everything a site accumulates; its store stays open. */
function seedSqlite(): InquiryStore {
  const store = openStore(tmp.dbPath);
  closing.push(() => {
    store.close();
  });
  const delivered = seedInquiry(store, at(-minutes(60 * 24 * 40)), { email: "old@example.com" });
  for (const due of store.claimDue(at(-minutes(60 * 24 * 40)), 1000, 10))
    store.markSent(due.message.id, at(-minutes(1)));
  seedInquiry(store, at(-minutes(90)), { email: "bot@example.com", message: "b".repeat(40) }, "honeypot");
  const failed = seedInquiry(store, at(-minutes(30)), { email: "gone@example.com", newsletter: false });
  for (const message of store.messagesFor(failed.id)) store.markFailed(message.id, "550 no such user", null);
  const rest = { ...inquiry, email: "kim@example.com", message: "Mileage questions, and a 'quote' or \"two\"." };
  delete rest.goalRace;
  delete rest.goalRaceDate;
  delete rest.timeZone;
  store.save({ inquiry: rest, spamReason: null, formTokenId: "nonce-kim" }, T0);
  // Leased by a server that stopped mid-send: it must stay leased, then go out from PostgreSQL.
  store.claimDue(T0, minutes(2), 1);
  store.queueMessage(
    "test-note",
    { data: { title: "Hi Ann", slots: [1, 2], note: null }, recipient: "Ann@Example.com" },
    T0,
  );
  store.formSecret();
  // A consultation booked, another booked and cancelled, and a day's summary queued.
  const booked = stored(
    store.save(
      {
        inquiry: { ...inquiry, email: "ann@example.com", message: "Booking a call." },
        spamReason: null,
        booking: slot(START),
      },
      T0,
    ),
  );
  const cancelled = stored(
    store.save(
      {
        inquiry: { ...inquiry, email: "lee@example.com", message: "Booking a call too." },
        spamReason: null,
        booking: slot(new Date(START.getTime() + minutes(60))),
      },
      T0,
    ),
  );
  store.cancelBooking(cancelled.reference, "visitor", T0);
  expect(store.queueDailySummary(SUMMARY_DAY, START, new Date(START.getTime() + minutes(24 * 60)), T0)).toMatchObject({
    status: "queued",
    count: 1,
  });
  // A question answered by the coach (so approved, with her reply and the reader's email), and a
  // comment deleted by her.
  const asked = store.saveComment(
    {
      article: ARTICLE,
      articleTitle: "How to Fit Lifting Into a Running Week",
      comment: { name: "Ada", email: "Ada@Example.com", comment: "How many sets on an easy day?", notify: true },
      spam: false,
      held: null,
      formTokenId: "nonce-ada",
    },
    T0,
  );
  if (asked.status !== "created") throw new Error("the comment was not stored");
  expect(store.replyToComment(asked.id, "Two or three, well short of failure.", "Nicole", T0)).toMatchObject({
    status: "replied",
    notified: true,
  });
  const gone = store.saveComment(
    {
      article: ARTICLE,
      articleTitle: "How to Fit Lifting Into a Running Week",
      comment: { name: "Bo", comment: "https://a.example https://b.example https://c.example", notify: false },
      spam: false,
      held: "links",
    },
    T0,
  );
  if (gone.status !== "created") throw new Error("the comment was not stored");
  store.deleteComment(gone.id, T0);
  expect(delivered.status).toBe("created");
  expect(booked.booking).not.toBeNull();
  return store;
}

const ARTICLE = "fit-lifting";

const START = new Date("2026-11-30T16:00:00.000Z");
const SUMMARY_DAY = "2026-11-30";

function slot(start: Date): BookingRequest {
  return { start, end: new Date(start.getTime() + minutes(20)), bufferMinutes: 10, visitorTimeZone: "Asia/Tokyo" };
}

/** Everything the store interface shows, for comparing two stores. */
async function everything(store: AsyncInquiryStore) {
  const inquiries = await store.list({ includeSpam: true });
  const messages = [];
  for (const i of inquiries) messages.push(...(await store.messagesFor(i.id)));
  return {
    inquiries,
    messages,
    spam: await store.spamCount(),
    secret: await store.formSecret(),
    nextDue: await store.nextDueAt(),
    due: await store.claimDue(at(minutes(10)), minutes(2), 100),
    bookings: await store.bookingsBetween(T0, at(minutes(60 * 24 * 30)), { includeCancelled: true }),
    booked: await store.bookedIntervals(T0, at(minutes(60 * 24 * 30))),
    comments: await store.listComments({ pendingOnly: false }),
    published: await store.articleComments(ARTICLE),
  };
}

describe("copying SQLite into PostgreSQL", () => {
  it("copies every row, reports counts and checksums, and the PostgreSQL store then shows the same data", async () => {
    seedSqlite();
    const reports = await copySqliteToPostgres(tmp.dbPath, url);
    expect(reports.map((r) => [r.table, r.rows])).toEqual([
      ["inquiries", 6],
      ["outbox", 19],
      ["bookings", 2],
      ["comments", 3],
      ["settings", 2],
    ]);
    for (const report of reports) expect(report.checksum).toMatch(/^[0-9a-f]{64}$/);

    const postgres = openPostgresStore(url);
    closing.push(() => postgres.close());
    const sqlite = inlineStore(openStore(tmp.dbPath));
    closing.push(() => sqlite.close());
    expect(await everything(postgres)).toEqual(await everything(sqlite));

    // The copy goes on working as the live store: new ids follow the copied ones, and the copied
    // inquiries still answer for their duplicates and their form tokens.
    const fresh = await postgres.save({ inquiry: { ...inquiry, email: "new@example.com" }, spamReason: null }, T0);
    expect(fresh).toMatchObject({ status: "created", id: 7 });
    const kim = (await postgres.list({ includeSpam: false })).find((i) => i.email === "kim@example.com");
    expect(
      await postgres.save(
        { inquiry: { ...inquiry, email: "kim@example.com", message: kim?.message ?? "" }, spamReason: null },
        at(minutes(5)),
      ),
    ).toMatchObject({ status: "duplicate", id: kim?.id });
    expect(
      await postgres.save(
        { inquiry: { ...inquiry, message: "z".repeat(40) }, spamReason: null, formTokenId: "nonce-kim" },
        T0,
      ),
    ).toEqual({ status: "token-used" });
    // The copied booking still holds its time, a cancelled one does not, and the day summarised
    // by SQLite is not summarised again.
    const taken = { inquiry: { ...inquiry, email: "max@example.com" }, spamReason: null, booking: slot(START) };
    expect(await postgres.save(taken, T0)).toEqual({ status: "slot-taken" });
    const freed = slot(new Date(START.getTime() + minutes(60)));
    expect(await postgres.save({ ...taken, booking: freed }, T0)).toMatchObject({ status: "created" });
    expect(await postgres.queueDailySummary(SUMMARY_DAY, START, at(minutes(60 * 24 * 6)), T0)).toEqual({
      status: "already-sent",
    });
    // A copied comment still answers for its repeat and its form token.
    const [question] = await postgres.articleComments(ARTICLE);
    const again = {
      article: ARTICLE,
      articleTitle: "How to Fit Lifting Into a Running Week",
      comment: { name: "Ada", email: "ada@example.com", comment: "How many sets on an easy day?", notify: true },
      spam: false,
      held: null,
    };
    expect(await postgres.saveComment(again, at(minutes(5)))).toEqual({ status: "duplicate", id: question?.id });
    expect(
      await postgres.saveComment(
        { ...again, comment: { ...again.comment, comment: "Another one." }, formTokenId: "nonce-ada" },
        T0,
      ),
    ).toEqual({ status: "token-used" });
  });

  it("refuses a PostgreSQL database that already holds data, and changes nothing in it", async () => {
    seedSqlite();
    const existing = openPostgresStore(url);
    closing.push(() => existing.close());
    await existing.save({ inquiry, spamReason: null }, T0);
    await expect(copySqliteToPostgres(tmp.dbPath, url)).rejects.toThrow(
      new CopyError(
        "the PostgreSQL database is not empty (1 inquiries, 2 outbox): copy into a new, empty database so that no two sites' data are mixed",
      ),
    );
    expect(await existing.list({ includeSpam: true })).toHaveLength(1);
  });

  it("refuses a SQLite file that is not there, without creating one", async () => {
    await expect(copySqliteToPostgres(`${tmp.dir}/missing.db`, url)).rejects.toThrow(
      /no SQLite database at .*missing\.db/,
    );
  });

  it("rolls everything back when what PostgreSQL holds differs from what SQLite has", async () => {
    seedSqlite();
    const migrating = openPostgresStore(url);
    await migrating.diagnostics();
    await migrating.close();
    // Something between the two databases alters a value on the way in.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$`);
    await admin.query("CREATE TRIGGER shout BEFORE INSERT ON inquiries FOR EACH ROW EXECUTE FUNCTION shout()");
    await expect(copySqliteToPostgres(tmp.dbPath, url)).rejects.toThrow(
      /inquiries: SQLite has 6 rows \(checksum [0-9a-f]{16}\), PostgreSQL would have 6 \(checksum [0-9a-f]{16}\); nothing was copied/,
    );
    const counts = await admin.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM inquiries) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM bookings)
         + (SELECT count(*) FROM comments) + (SELECT count(*) FROM settings) AS n`,
    );
    await admin.end();
    expect(counts.rows[0]?.n).toBe("0");
  });
});

describe("the coach's commands with DATABASE_URL", () => {
  const runScript = (script: string, env: Record<string, string>, args: readonly string[]) =>
    execFileSync(process.execPath, [script, ...args], {
      env: { ...process.env, SMTP_URL: "", DATABASE_URL: "", INQUIRY_DB_PATH: tmp.dbPath, ...env },
      encoding: "utf8",
    });
  const run = (env: Record<string, string>, ...args: string[]) => runScript(SCRIPT, env, args);

  // Twenty runs of the scripts, each a Node process of its own.
  it(
    "migrate the SQLite database, then show the same inquiries from PostgreSQL as from SQLite",
    { timeout: 60_000 },
    () => {
      seedSqlite().close();
      closing.splice(0);
      const out = run({ DATABASE_URL: url }, "migrate-to-postgres");
      expect(out).toMatch(/^Copied into PostgreSQL and verified/);
      expect(out).toMatch(
        / {2}inquiries +6 rows {2}[0-9a-f]{64}\n {2}outbox +19 rows {2}[0-9a-f]{64}\n {2}bookings +2 rows {2}[0-9a-f]{64}\n {2}comments +3 rows {2}[0-9a-f]{64}\n {2}settings +2 rows/,
      );

      for (const args of [
        ["export", "--format", "json", "--spam"],
        ["export", "--format", "csv"],
        ["list", "--spam"],
        ["bookings", "--all"],
        ["show", "5"],
        ["show", "6"],
      ]) {
        expect(run({ DATABASE_URL: url }, ...args), args.join(" ")).toBe(run({}, ...args));
      }
      expect(run({ DATABASE_URL: url }, "check")).toMatch(
        /store PostgreSQL postgres@127\.0\.0\.1:\d+\/test_[^;]+;[\s\S]*Database ready: schema version 3, PostgreSQL 15/,
      );
      const again = spawnSync(process.execPath, [SCRIPT, "migrate-to-postgres"], {
        env: { ...process.env, SMTP_URL: "", INQUIRY_DB_PATH: tmp.dbPath, DATABASE_URL: url },
        encoding: "utf8",
      });
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(
        /the PostgreSQL database is not empty \(6 inquiries, 19 outbox, 2 bookings, 3 comments, 2 settings\)/,
      );

      // The comment commands read the same comments from either store, and moderate in PostgreSQL.
      for (const args of [["list"], ["list", "--pending"]]) {
        const fromPostgres = runScript(COMMENTS_SCRIPT, { DATABASE_URL: url }, args);
        expect(fromPostgres, args.join(" ")).toBe(runScript(COMMENTS_SCRIPT, {}, args));
      }
      expect(runScript(COMMENTS_SCRIPT, { DATABASE_URL: url }, ["approve", "1"])).toBe(
        "Comment 1 was already approved.\n",
      );
    },
  );
});
