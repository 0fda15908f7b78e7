import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreTimeoutError } from "../../../src/server/async-store.ts";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import { MIGRATIONS } from "../../../src/server/migrations.ts";
import { openWorkerStore } from "../../../src/server/worker-store.ts";
import { T0, inquiry, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let store: AsyncInquiryStore | undefined;
const cleanups: (() => void)[] = [];

beforeEach(() => {
  tmp = tempDir();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await store?.close();
  store = undefined;
  tmp.cleanup();
});

/**
 * Commits recorded in the write-ahead log since it was last reset: frames whose "database size
 * after commit" field is set and whose salts match the header's. Each commit writes at least one.
 */
function walCommits(dbPath: string): number {
  let wal: Buffer;
  try {
    wal = readFileSync(`${dbPath}-wal`);
  } catch {
    return 0;
  }
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let commits = 0;
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    if (wal.readUInt32BE(offset + 8) !== salt1 || wal.readUInt32BE(offset + 12) !== salt2) break;
    if (wal.readUInt32BE(offset + 4) !== 0) commits += 1;
  }
  return commits;
}

function countRows(dbPath: string): number {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    return Number(db.prepare("SELECT COUNT(*) AS n FROM inquiries").get()?.["n"]);
  } finally {
    db.close();
  }
}

const entry = (i: number) => ({
  inquiry: { ...inquiry, email: `runner${i}@example.com` },
  spamReason: null,
  formTokenId: `token-${i}`,
});

describe("the worker-thread store", () => {
  it("opens the database in its worker on first use and answers every method", async () => {
    store = openWorkerStore(tmp.dbPath);
    expect(await store.diagnostics()).toMatchObject({ journalMode: "wal", synchronous: 2, busyTimeoutMs: 3000 });
    expect((await store.diagnostics()).schemaVersion).toBe(MIGRATIONS.length);
    const saved = await store.save(entry(1), T0);
    expect(saved).toMatchObject({ status: "created", queued: ["coach-notification", "auto-reply"] });
    expect(await store.save(entry(1), T0)).toMatchObject({ status: "duplicate" });
    expect(await store.save({ ...entry(2), formTokenId: "token-1" }, T0)).toEqual({ status: "token-used" });
    const [found] = await store.list({ includeSpam: true });
    expect(found?.createdAt).toBe(T0.toISOString());
    expect(await store.spamCount()).toBe(0);
    expect(await store.formSecret()).toMatch(/^[0-9a-f]{64}$/);
    await expect(store.requeueCoachNotification(999, T0)).rejects.toThrow(/no inquiry with id 999/);
    expect(await store.countBefore(new Date(T0.getTime() + 1))).toEqual({ removed: 0, keptUndelivered: 1 });
  });

  it("commits 50 concurrent saves together: all stored, in far fewer commits than saves", async () => {
    store = openWorkerStore(tmp.dbPath);
    await store.diagnostics();
    const before = walCommits(tmp.dbPath);
    const open = store;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => open.save(entry(i), T0)));
    expect(results.map((r) => r.status)).toEqual(Array<string>(50).fill("created"));
    expect(new Set(results.map((r) => (r.status === "created" ? r.reference : ""))).size).toBe(50);
    expect(countRows(tmp.dbPath)).toBe(50);
    const commits = walCommits(tmp.dbPath) - before;
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThan(25);
  });

  it("answers within its time limit while another process holds the write lock, never blocking this thread", async () => {
    store = openWorkerStore(tmp.dbPath, { busyTimeoutMs: 2000, callTimeoutMs: 300 });
    // The time limit covers starting the worker too: start it with a save given all the time it needs.
    expect(await store.save(entry(0), T0, { timeoutMs: 20_000 })).toMatchObject({ status: "created" });
    const locker = new DatabaseSync(tmp.dbPath);
    cleanups.push(() => {
      if (locker.isOpen) locker.close();
    });
    locker.exec("BEGIN IMMEDIATE");

    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    cleanups.push(() => {
      clearInterval(ticker);
    });
    const started = performance.now();
    await expect(store.save(entry(1), T0)).rejects.toBeInstanceOf(StoreTimeoutError);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(1500);
    // The event loop kept running the whole time: the wait happened in the worker.
    expect(ticks).toBeGreaterThanOrEqual(10);
    await expect(store.save(entry(2), T0, { timeoutMs: 100 })).rejects.toThrow(/within 100 ms/);
    clearInterval(ticker);

    locker.exec("ROLLBACK");
    locker.close();
    expect(await store.save(entry(3), T0, { timeoutMs: 5000 })).toMatchObject({ status: "created" });
    expect(await store.spamCount()).toBe(0);
  });

  it("starts again after the database could not be opened, without a restart", async () => {
    const blocked = join(tmp.dir, "blocked");
    writeFileSync(blocked, "a file where the database folder should be");
    const dbPath = join(blocked, "inquiries.db");
    store = openWorkerStore(dbPath);
    await expect(store.diagnostics()).rejects.toThrow();
    await expect(store.save(entry(1), T0)).rejects.toThrow();
    rmSync(blocked);
    expect((await store.diagnostics()).schemaVersion).toBe(MIGRATIONS.length);
    expect(await store.save(entry(1), T0)).toMatchObject({ status: "created" });
  });

  it("finishes queued saves on close, then refuses further calls", async () => {
    store = openWorkerStore(tmp.dbPath);
    await store.diagnostics();
    const saving = Promise.all([store.save(entry(1), T0), store.save(entry(2), T0)]);
    const closing = store.close();
    expect((await saving).map((r) => r.status)).toEqual(["created", "created"]);
    await closing;
    await expect(store.list({ includeSpam: true })).rejects.toThrow(/closed/);
    expect(countRows(tmp.dbPath)).toBe(2);
    store = undefined;
  });
});
