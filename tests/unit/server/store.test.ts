/**
 * The SQLite store's own machinery: its pragmas, its migrations and group commit (saveBatch). What
 * every store must do, SQLite and PostgreSQL alike, is in store-contract.test.ts.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../../../src/server/migrations.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore, NewInquiry } from "../../../src/server/store.ts";
import { T0, inquiry, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let store: InquiryStore;

beforeEach(() => {
  tmp = tempDir();
  store = openStore(tmp.dbPath);
});

afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe("opening the database", () => {
  it("creates the file and its folder, in WAL mode with synchronous=FULL and a busy timeout", () => {
    expect(existsSync(tmp.dbPath)).toBe(true);
    expect(store.diagnostics()).toEqual({
      store: "sqlite",
      journalMode: "wal",
      synchronous: 2,
      busyTimeoutMs: 5000,
      schemaVersion: MIGRATIONS.length,
    });
  });

  it("runs migrations once: reopening and migrating again change nothing", () => {
    store.save({ inquiry, spamReason: null }, T0);
    store.close();
    const db = new DatabaseSync(tmp.dbPath);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    db.close();
    store = openStore(tmp.dbPath);
    expect(store.diagnostics().schemaVersion).toBe(MIGRATIONS.length);
    expect(store.list({ includeSpam: true })).toHaveLength(1);
  });

  it("applies only the migrations a database has not seen", () => {
    const db = new DatabaseSync(":memory:");
    expect(migrate(db, ["CREATE TABLE a (x INTEGER)"])).toBe(1);
    expect(migrate(db, ["CREATE TABLE a (x INTEGER)", "CREATE TABLE b (y INTEGER)"])).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()).toEqual([
      { name: "a" },
      { name: "b" },
    ]);
    db.close();
  });

  it("rolls a failing migration back entirely", () => {
    const db = new DatabaseSync(":memory:");
    expect(() => migrate(db, ["CREATE TABLE a (x INTEGER); CREATE TABLE a (x INTEGER);"])).toThrow();
    expect(db.prepare("PRAGMA user_version").get()).toEqual({ user_version: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe("saving a batch", () => {
  const entry = (patch: Partial<typeof inquiry>, formTokenId: string | null = null): NewInquiry => ({
    inquiry: { ...inquiry, ...patch },
    spamReason: null,
    formTokenId,
  });

  it("commits every entry in one transaction: another connection sees none until all are in", () => {
    store.close();
    const observer = new DatabaseSync(tmp.dbPath, { readOnly: true });
    const visible = () => Number(observer.prepare("SELECT COUNT(*) AS n FROM inquiries").get()?.["n"]);
    const seenWhileWriting: number[] = [];
    // The store draws a reference for each entry inside its transaction: look from outside then.
    store = openStore(tmp.dbPath, {
      randomBytes: (size) => {
        seenWhileWriting.push(visible());
        return new Uint8Array(randomBytes(size));
      },
    });
    const outcomes = store.saveBatch(
      ["a", "b", "c"].map((letter) => ({ entry: entry({ email: `${letter}@example.com` }), now: T0 })),
    );
    expect(outcomes.map((o) => o.ok && o.result.status)).toEqual(["created", "created", "created"]);
    expect(seenWhileWriting).toEqual([0, 0, 0]);
    expect(visible()).toBe(3);

    // One save at a time, by contrast, is visible as soon as it returns.
    store.save(entry({ email: "d@example.com" }), T0);
    store.save(entry({ email: "e@example.com" }), T0);
    expect(seenWhileWriting.slice(3)).toEqual([3, 4]);
    observer.close();
  });

  it("rolls back a failing entry alone; the others commit and each gets its own answer", () => {
    // Fails an entry half-way: after its inquiry row is written, when its first email is queued.
    const admin = new DatabaseSync(tmp.dbPath);
    admin.exec(`CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox
      WHEN (SELECT name FROM inquiries WHERE id = NEW.inquiry_id) = 'Refused'
      BEGIN SELECT RAISE(ABORT, 'outbox refused'); END`);
    admin.close();
    const cases: { entry: NewInquiry; expected: string | RegExp }[] = [
      { entry: entry({ email: "a@example.com" }, "token-a"), expected: "created" },
      { entry: entry({ email: "b@example.com", name: "Refused" }, "token-b"), expected: /outbox refused/ },
      { entry: entry({ email: "c@example.com" }, "token-c"), expected: "created" },
      { entry: entry({ email: "a@example.com" }, "token-d"), expected: "duplicate" },
      { entry: entry({ email: "e@example.com" }, "token-a"), expected: "token-used" },
      { entry: entry({ email: "f@example.com" }, "token-b"), expected: "created" },
    ];
    const outcomes = store.saveBatch(cases.map((c) => ({ entry: c.entry, now: T0 })));
    expect(outcomes).toHaveLength(cases.length);
    outcomes.forEach((outcome, index) => {
      const expected = cases[index]?.expected;
      if (expected instanceof RegExp)
        expect(outcome).toEqual({ ok: false, error: expect.stringMatching(expected) as string });
      else expect(outcome.ok && outcome.result.status).toBe(expected);
    });
    const emails = store
      .list({ includeSpam: true })
      .map((i) => i.email)
      .sort();
    expect(emails).toEqual(["a@example.com", "c@example.com", "f@example.com"]);
    const outbox = store.list({ includeSpam: true }).flatMap((i) => store.messagesFor(i.id));
    expect(outbox).toHaveLength(6);
    // The failed entry's token was rolled back with it, so it can still carry an inquiry (f above).
  });

  it("throws and stores nothing when the transaction cannot start", () => {
    store.close();
    store = openStore(tmp.dbPath, { busyTimeoutMs: 0 });
    const locker = new DatabaseSync(tmp.dbPath);
    locker.exec("BEGIN IMMEDIATE");
    expect(() => store.saveBatch([{ entry: entry({}), now: T0 }])).toThrow(/locked|busy/i);
    locker.exec("ROLLBACK");
    locker.close();
    expect(store.list({ includeSpam: true })).toEqual([]);
    expect(store.saveBatch([])).toEqual([]);
  });
});
