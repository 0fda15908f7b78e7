import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Inquiry } from "../../../src/lib/inquiry/schema.ts";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import type { MailIdentity } from "../../../src/server/mail.ts";
import type { InquiryStore, SaveResult, SpamReason } from "../../../src/server/store.ts";

export const inquiry: Inquiry = {
  name: "Sam Runner",
  email: "Sam@Example.com",
  goal: "faster-race",
  goalRace: "Berlin Marathon",
  goalRaceDate: "2027-09-26",
  yearsRunning: 4,
  weeklyVolume: 45.5,
  volumeUnit: "km",
  lifting: "some",
  message: "I want to break three hours and I keep getting hurt in the build-up.",
  timeZone: "Europe/Berlin",
  consent: true,
  newsletter: true,
};

export const identity: MailIdentity = {
  coachAddress: "coach@runsmart.test",
  coachName: "Nicole Sifuentes",
  fromAddress: "inquiries@runsmart.test",
  fromName: "Run Smart",
  siteName: "Run Smart",
  siteUrl: "https://runsmart.test",
};

/** A fresh folder for a test database; `cleanup` removes it. */
export function tempDir(): { dir: string; dbPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "inquiries-test-"));
  return {
    dir,
    dbPath: join(dir, "nested", "inquiries.db"),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const T0 = new Date("2026-11-25T10:00:00.000Z");

export function minutes(n: number): number {
  return n * 60 * 1000;
}

/** A save that stored (or found) an inquiry; fails the test on "token-used". */
export function stored(result: SaveResult): Extract<SaveResult, { readonly id: number }> {
  if (result.status === "token-used" || result.status === "slot-taken") {
    throw new Error(`expected an inquiry to be stored, got ${result.status}`);
  }
  return result;
}

/** Saves a real inquiry (or spam) and returns what was stored; fails the test on "token-used". */
export function seedInquiry(
  store: Pick<InquiryStore, "save">,
  at: Date,
  patch: Partial<Inquiry> = {},
  spamReason: SpamReason | null = null,
): Extract<SaveResult, { readonly id: number }> {
  return stored(store.save({ inquiry: { ...inquiry, ...patch }, spamReason }, at));
}

/** Marks every message of an inquiry sent, as the outbox does once SMTP accepted them. */
export function deliverAll(store: InquiryStore, at: Date): void {
  for (const due of store.claimDue(at, 1000, 1000)) store.markSent(due.message.id, at);
}

/** A method of the asynchronous store, for `faultyStore`. */
export type StoreMethod = Exclude<keyof AsyncInquiryStore, "close">;

/**
 * An asynchronous store that fails on demand: every method named in `failing` rejects the way a
 * full disk does, without reaching the database; every call is recorded in `calls`.
 */
export function faultyStore(inner: AsyncInquiryStore): {
  store: AsyncInquiryStore;
  failing: Set<StoreMethod>;
  calls: { method: StoreMethod; args: unknown[] }[];
} {
  const failing = new Set<StoreMethod>();
  const calls: { method: StoreMethod; args: unknown[] }[] = [];
  const wrap =
    (method: StoreMethod) =>
    (...args: unknown[]): Promise<unknown> => {
      calls.push({ method, args });
      if (failing.has(method)) return Promise.reject(new Error(`SQLITE_FULL: database or disk is full (${method})`));
      // The store's methods are closures over its state, never `this`: calling one detached is safe.
      const target = Reflect.get(inner, method) as (...a: unknown[]) => Promise<unknown>;
      return target(...args);
    };
  const methods: StoreMethod[] = [
    "save",
    "find",
    "list",
    "messagesFor",
    "claimDue",
    "nextDueAt",
    "markSent",
    "markFailed",
    "requeueCoachNotification",
    "purgeBefore",
    "countBefore",
    "forget",
    "spamCount",
    "formSecret",
    "diagnostics",
    "bookedIntervals",
    "findBooking",
    "bookingsBetween",
    "cancelBooking",
    "moveBooking",
    "queueDailySummary",
  ];
  const store = Object.fromEntries(methods.map((method) => [method, wrap(method)])) as unknown as AsyncInquiryStore;
  return { store: { ...store, close: () => inner.close() }, failing, calls };
}
