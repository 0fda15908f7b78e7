/**
 * The SQLite store's own handling of bookings: its batches, the triggers and index that refuse an
 * overlap from plain SQL, and concurrent saves through the worker thread. What every store must do
 * with bookings is in store-contract-bookings.test.ts.
 */
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import type { BookingRequest } from "../../../src/server/booking-store.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore, NewInquiry } from "../../../src/server/store.ts";
import { openWorkerStore } from "../../../src/server/worker-store.ts";
import { T0, inquiry, minutes, stored, tempDir } from "./helpers.ts";

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

const START = new Date("2026-11-30T16:00:00.000Z");
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

function slot(start: Date, length = 20, buffer = 10): BookingRequest {
  return { start, end: at(start, minutes(length)), bufferMinutes: buffer, visitorTimeZone: "Europe/Berlin" };
}

function entry(i: number, booking: BookingRequest | null, patch: Partial<NewInquiry> = {}): NewInquiry {
  return {
    inquiry: { ...inquiry, email: `runner${i}@example.com`, message: `${inquiry.message} (${i})` },
    spamReason: null,
    formTokenId: `token-${i}`,
    booking,
    ...patch,
  };
}

function rows(sql: string): unknown[] {
  const db = new DatabaseSync(tmp.dbPath, { readOnly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe("a batch of inquiries with bookings", () => {
  it("in a batch, a taken time rolls back that entry alone", () => {
    const outcomes = store.saveBatch([
      { entry: entry(1, slot(START)), now: T0 },
      { entry: entry(2, slot(START)), now: T0 },
      { entry: entry(3, null), now: T0 },
    ]);
    expect(outcomes.map((o) => (o.ok ? o.result.status : o.error))).toEqual(["created", "slot-taken", "created"]);
    expect(store.list({ includeSpam: true })).toHaveLength(2);
  });
});

describe("the database's own guarantee", () => {
  it("refuses a second active booking of an overlapping time whatever the code checked", () => {
    const saved = stored(store.save(entry(1, slot(START)), T0));
    const other = stored(store.save(entry(2, null), T0));
    const db = new DatabaseSync(tmp.dbPath);
    const insert = (start: string, end: string, status = "booked") =>
      db
        .prepare(
          `INSERT INTO bookings (inquiry_id, reference, start_at, end_at, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(other.id, other.reference, start, end, status, T0.toISOString(), T0.toISOString());
    try {
      expect(() => insert(START.toISOString(), "2026-11-30T16:20:00.000Z")).toThrow(/overlaps|UNIQUE/);
      expect(() => insert("2026-11-30T16:10:00.000Z", "2026-11-30T16:30:00.000Z")).toThrow(/overlaps/);
      expect(() => insert("2026-11-30T15:50:00.000Z", "2026-11-30T16:01:00.000Z")).toThrow(/overlaps/);
      // A cancelled row may share the time; an active one right after may touch it.
      expect(() => insert(START.toISOString(), "2026-11-30T16:20:00.000Z", "cancelled")).not.toThrow();
      db.prepare("DELETE FROM bookings WHERE inquiry_id = ?").run(other.id);
      expect(() => insert("2026-11-30T16:20:00.000Z", "2026-11-30T16:40:00.000Z")).not.toThrow();
      // Moving the first onto the second is refused too.
      expect(() =>
        db
          .prepare("UPDATE bookings SET start_at = ?, end_at = ? WHERE reference = ?")
          .run("2026-11-30T16:30:00.000Z", "2026-11-30T16:50:00.000Z", saved.reference),
      ).toThrow(/overlaps/);
      expect(() => insert("2026-11-30T17:00:00.000Z", "2026-11-30T16:00:00.000Z")).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

describe("50 concurrent saves of one time through the worker store", () => {
  let worker: AsyncInquiryStore | undefined;
  afterEach(async () => {
    await worker?.close();
  });

  it("book exactly once; the other 49 are told it was taken and store nothing", async () => {
    store.close();
    worker = openWorkerStore(tmp.dbPath);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (worker as AsyncInquiryStore).save(entry(i, slot(START)), T0)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === "created")).toHaveLength(1);
    expect(statuses.filter((s) => s === "slot-taken")).toHaveLength(49);
    expect(await worker.list({ includeSpam: true })).toHaveLength(1);
    expect(rows("SELECT id FROM bookings")).toHaveLength(1);
    expect(rows("SELECT id FROM outbox")).toHaveLength(3);
    await worker.close();
    worker = undefined;
    store = openStore(tmp.dbPath);
  });
});
