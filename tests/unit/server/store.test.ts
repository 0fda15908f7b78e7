import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PRIVACY_NOTE_VERSION } from "../../../src/lib/inquiry/privacy.ts";
import { isReference } from "../../../src/lib/inquiry/reference.ts";
import { MIGRATIONS, migrate } from "../../../src/server/migrations.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore, NewInquiry, SaveResult } from "../../../src/server/store.ts";
import { T0, deliverAll, inquiry, minutes, stored, tempDir } from "./helpers.ts";

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

function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

/** `store.save` for an entry that must be stored (or found as a duplicate). */
function save(entry: NewInquiry, now: Date): Extract<SaveResult, { readonly id: number }> {
  return stored(store.save(entry, now));
}

describe("opening the database", () => {
  it("creates the file and its folder, in WAL mode with synchronous=FULL and a busy timeout", () => {
    expect(existsSync(tmp.dbPath)).toBe(true);
    expect(store.diagnostics()).toEqual({
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

describe("saving an inquiry", () => {
  it("commits the row before returning, visible to another connection", () => {
    const saved = save({ inquiry, spamReason: null }, T0);
    const other = new DatabaseSync(tmp.dbPath, { readOnly: true });
    const row = other
      .prepare("SELECT reference, email, consent_at, privacy_version FROM inquiries WHERE id = ?")
      .get(saved.id);
    other.close();
    expect(row).toEqual({
      reference: saved.reference,
      email: "Sam@Example.com",
      consent_at: T0.toISOString(),
      privacy_version: PRIVACY_NOTE_VERSION,
    });
  });

  it("stores every field as entered, with the consent record, and queues both emails", () => {
    const saved = save({ inquiry, spamReason: null }, T0);
    expect(saved.status).toBe("created");
    expect(isReference(saved.reference)).toBe(true);
    expect(saved.queued).toEqual(["coach-notification", "auto-reply"]);
    expect(store.find(String(saved.id))).toEqual({
      id: saved.id,
      reference: saved.reference,
      createdAt: T0.toISOString(),
      name: inquiry.name,
      email: inquiry.email,
      goal: inquiry.goal,
      goalRace: "Berlin Marathon",
      goalRaceDate: "2027-09-26",
      yearsRunning: 4,
      weeklyVolume: 45.5,
      volumeUnit: "km",
      lifting: "some",
      message: inquiry.message,
      timeZone: "Europe/Berlin",
      consentAt: T0.toISOString(),
      privacyVersion: PRIVACY_NOTE_VERSION,
      newsletter: true,
      spamReason: null,
    });
    expect(store.messagesFor(saved.id).map((m) => [m.kind, m.status, m.attempts])).toEqual([
      ["coach-notification", "pending", 0],
      ["auto-reply", "pending", 0],
    ]);
  });

  it("keeps optional fields empty as null", () => {
    const rest = { ...inquiry };
    delete rest.goalRace;
    delete rest.goalRaceDate;
    delete rest.timeZone;
    const saved = save({ inquiry: rest, spamReason: null }, T0);
    expect(store.find(saved.reference)).toMatchObject({ goalRace: null, goalRaceDate: null, timeZone: null });
  });

  it("stores spam with its reason and queues no email", () => {
    const saved = save({ inquiry, spamReason: "honeypot" }, T0);
    expect(saved.queued).toEqual([]);
    expect(store.messagesFor(saved.id)).toEqual([]);
    expect(store.find(saved.reference)?.spamReason).toBe("honeypot");
  });

  it("keeps data across a reopen", () => {
    const saved = save({ inquiry, spamReason: null }, T0);
    store.close();
    store = openStore(tmp.dbPath);
    expect(store.find(saved.reference)?.message).toBe(inquiry.message);
    expect(store.messagesFor(saved.id)).toHaveLength(2);
  });
});

describe("idempotency", () => {
  it("treats the same address and message within 10 minutes as one inquiry", () => {
    const first = save({ inquiry, spamReason: null }, T0);
    const again = save(
      { inquiry: { ...inquiry, email: " sam@EXAMPLE.com", message: `${inquiry.message}\n` }, spamReason: null },
      at(minutes(9)),
    );
    expect(again).toEqual({ status: "duplicate", id: first.id, reference: first.reference, queued: [], booking: null });
    expect(store.list({ includeSpam: true })).toHaveLength(1);
    expect(store.messagesFor(first.id)).toHaveLength(2);
  });

  it("stores the same message again after the window", () => {
    const first = save({ inquiry, spamReason: null }, T0);
    const later = save({ inquiry, spamReason: null }, at(minutes(10) + 1));
    expect(later.status).toBe("created");
    expect(later.reference).not.toBe(first.reference);
  });

  it("stores a different message or address as a new inquiry", () => {
    const first = save({ inquiry, spamReason: null }, T0);
    const otherMessage = save(
      { inquiry: { ...inquiry, message: `${inquiry.message} Also: hills.` }, spamReason: null },
      T0,
    );
    const otherAddress = save({ inquiry: { ...inquiry, email: "kim@example.com" }, spamReason: null }, T0);
    expect(new Set([first.id, otherMessage.id, otherAddress.id]).size).toBe(3);
  });

  it("never folds a real inquiry into an earlier one flagged as spam", () => {
    const spam = save({ inquiry, spamReason: "too-fast" }, T0);
    const real = save({ inquiry, spamReason: null }, at(minutes(1)));
    expect(real.status).toBe("created");
    expect(real.queued).toContain("coach-notification");
    const spamAgain = save({ inquiry, spamReason: "too-fast" }, at(minutes(2)));
    expect(spamAgain).toMatchObject({ status: "duplicate", id: spam.id });
  });
});

describe("the auto-reply limit", () => {
  it("sends at most one auto-reply per address per day", () => {
    const first = save({ inquiry, spamReason: null }, T0);
    const second = save(
      { inquiry: { ...inquiry, email: "SAM@example.com", message: "x".repeat(30) }, spamReason: null },
      at(minutes(60)),
    );
    const third = save(
      { inquiry: { ...inquiry, message: "y".repeat(30) }, spamReason: null },
      at(minutes(24 * 60) + 1),
    );
    expect(first.queued).toEqual(["coach-notification", "auto-reply"]);
    expect(second.queued).toEqual(["coach-notification"]);
    expect(third.queued).toEqual(["coach-notification", "auto-reply"]);
  });

  it("does not count spam toward the limit", () => {
    store.save({ inquiry, spamReason: "honeypot" }, T0);
    expect(save({ inquiry: { ...inquiry, message: "z".repeat(30) }, spamReason: null }, T0).queued).toContain(
      "auto-reply",
    );
  });
});

describe("finding and listing", () => {
  it("finds by id or by a reference typed loosely, and not otherwise", () => {
    const saved = save({ inquiry, spamReason: null }, T0);
    expect(store.find(String(saved.id))?.id).toBe(saved.id);
    expect(store.find(saved.reference.toLowerCase().replace(/-/g, ""))?.id).toBe(saved.id);
    expect(store.find("999")).toBeUndefined();
    expect(store.find("RS-0000-0000")).toBeUndefined();
    expect(store.find("nonsense")).toBeUndefined();
  });

  it("lists newest first and hides spam unless asked", () => {
    const a = save({ inquiry, spamReason: null }, T0);
    const spam = save({ inquiry: { ...inquiry, message: "s".repeat(30) }, spamReason: "honeypot" }, at(1000));
    const b = save({ inquiry: { ...inquiry, message: "b".repeat(30) }, spamReason: null }, at(2000));
    expect(store.list({ includeSpam: false }).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(store.list({ includeSpam: true }).map((i) => i.id)).toEqual([b.id, spam.id, a.id]);
    expect(store.list({ includeSpam: true, limit: 1 }).map((i) => i.id)).toEqual([b.id]);
  });
});

describe("the outbox rows", () => {
  it("claims due messages once per lease and counts the attempt", () => {
    store.save({ inquiry, spamReason: null }, T0);
    const claimed = store.claimDue(T0, minutes(2), 10);
    expect(claimed.map((d) => [d.message.kind, d.message.attempts])).toEqual([
      ["coach-notification", 1],
      ["auto-reply", 1],
    ]);
    expect(claimed[0]?.inquiry?.email).toBe(inquiry.email);
    expect(store.claimDue(at(minutes(1)), minutes(2), 10)).toEqual([]);
    expect(store.nextDueAt()).toEqual(at(minutes(2)));
    expect(store.claimDue(at(minutes(2)), minutes(2), 10).map((d) => d.message.attempts)).toEqual([2, 2]);
  });

  it("marks a message sent exactly once", () => {
    const saved = save({ inquiry, spamReason: null }, T0);
    const [first] = store.claimDue(T0, 1000, 1);
    expect(first).toBeDefined();
    const id = first?.message.id ?? -1;
    expect(store.markSent(id, at(5))).toBe(true);
    expect(store.markSent(id, at(6))).toBe(false);
    expect(store.markFailed(id, "late failure", at(10))).toBe(false);
    const message = store.messagesFor(saved.id).find((m) => m.id === id);
    expect(message).toMatchObject({ status: "sent", sentAt: at(5).toISOString(), lastError: null });
  });

  it("reschedules a failed attempt, and gives up when told to", () => {
    store.save({ inquiry, spamReason: null }, T0);
    const [a, b] = store.claimDue(T0, 1000, 2).map((d) => d.message.id);
    expect(store.markFailed(a ?? -1, "connection refused", at(minutes(1)))).toBe(true);
    expect(store.markFailed(b ?? -1, "mailbox unavailable", null)).toBe(true);
    expect(store.claimDue(at(minutes(1) - 1), 1000, 10)).toEqual([]);
    expect(store.claimDue(at(minutes(1)), 1000, 10).map((d) => [d.message.id, d.message.lastError])).toEqual([
      [a, "connection refused"],
    ]);
    expect(store.messagesFor(1).find((m) => m.id === b)?.status).toBe("failed");
  });

  it("re-queues the coach notification", () => {
    const saved = save({ inquiry, spamReason: null }, T0);
    const pendingId = store.requeueCoachNotification(saved.id, at(5));
    expect(store.messagesFor(saved.id).filter((m) => m.kind === "coach-notification")).toHaveLength(1);
    for (const due of store.claimDue(at(5), 1000, 10)) store.markSent(due.message.id, at(6));
    const again = store.requeueCoachNotification(saved.id, at(7));
    expect(again).not.toBe(pendingId);
    expect(store.claimDue(at(7), 1000, 10).map((d) => [d.message.id, d.message.kind])).toEqual([
      [again, "coach-notification"],
    ]);
    expect(() => store.requeueCoachNotification(999, T0)).toThrow(/no inquiry/);
  });

  it("purges old inquiries with their outbox rows", () => {
    const old = save({ inquiry, spamReason: null }, T0);
    deliverAll(store, T0);
    const recent = save({ inquiry: { ...inquiry, message: "r".repeat(30) }, spamReason: null }, at(minutes(60)));
    expect(store.purgeBefore(at(minutes(30)))).toEqual({ removed: 1, keptUndelivered: 0 });
    expect(store.find(String(old.id))).toBeUndefined();
    expect(store.messagesFor(old.id)).toEqual([]);
    expect(store.find(String(recent.id))).toBeDefined();
  });
});

describe("one inquiry per form token", () => {
  it("refuses a second inquiry carrying the same token, writing nothing", () => {
    const first = save({ inquiry, spamReason: null, formTokenId: "nonce-1" }, T0);
    const replay = store.save(
      {
        inquiry: { ...inquiry, message: "A different message sent with the same token." },
        spamReason: null,
        formTokenId: "nonce-1",
      },
      at(1000),
    );
    expect(replay).toEqual({ status: "token-used" });
    expect(store.list({ includeSpam: true }).map((i) => i.id)).toEqual([first.id]);
    expect(store.messagesFor(first.id)).toHaveLength(2);
  });

  it.each([
    {
      name: "the same message again (a double click) is the first inquiry",
      second: {},
      token: "nonce-1",
      expected: "duplicate",
    },
    {
      name: "another token carries another inquiry",
      second: { message: "m".repeat(30) },
      token: "nonce-2",
      expected: "created",
    },
    { name: "no token never conflicts", second: { message: "n".repeat(30) }, token: null, expected: "created" },
  ] as const)("$name", ({ second, token, expected }) => {
    save({ inquiry, spamReason: null, formTokenId: "nonce-1" }, T0);
    expect(
      store.save({ inquiry: { ...inquiry, ...second }, spamReason: null, formTokenId: token }, at(1000)).status,
    ).toBe(expected);
  });

  it("remembers used tokens across a reopen", () => {
    save({ inquiry, spamReason: null, formTokenId: "nonce-1" }, T0);
    store.close();
    store = openStore(tmp.dbPath);
    expect(
      store.save({ inquiry: { ...inquiry, message: "q".repeat(30) }, spamReason: null, formTokenId: "nonce-1" }, T0),
    ).toEqual({
      status: "token-used",
    });
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

describe("purging after the retention period", () => {
  const cutoff = at(minutes(30));

  /** Ways the coach notification of an old inquiry can have ended, and whether a purge keeps it. */
  const cases: { name: string; setup: (id: number) => void; kept: boolean }[] = [
    { name: "notification still pending", setup: () => undefined, kept: true },
    {
      name: "notification given up after failing",
      setup: (id) => {
        for (const m of store.messagesFor(id)) store.markFailed(m.id, "550 no such user", null);
      },
      kept: true,
    },
    {
      name: "notification sent",
      setup: () => {
        deliverAll(store, T0);
      },
      kept: false,
    },
    {
      name: "auto-reply failed but the notification was sent",
      setup: (id) => {
        for (const m of store.messagesFor(id)) {
          if (m.kind === "auto-reply") store.markFailed(m.id, "550", null);
          else store.markSent(m.id, T0);
        }
      },
      kept: false,
    },
    {
      name: "sent once, then queued again by resend",
      setup: (id) => {
        deliverAll(store, T0);
        store.requeueCoachNotification(id, T0);
      },
      kept: false,
    },
    {
      name: "given up, then sent by resend",
      setup: (id) => {
        for (const m of store.messagesFor(id)) store.markFailed(m.id, "550", null);
        store.requeueCoachNotification(id, T0);
        deliverAll(store, T0);
      },
      kept: false,
    },
  ];

  it.each(cases)("$name: kept unless forced = $kept", ({ setup, kept }) => {
    const old = save({ inquiry, spamReason: null }, T0);
    setup(old.id);
    const recent = save({ inquiry: { ...inquiry, message: "r".repeat(30) }, spamReason: null }, at(minutes(60)));
    const expected = kept ? { removed: 0, keptUndelivered: 1 } : { removed: 1, keptUndelivered: 0 };
    expect(store.countBefore(cutoff)).toEqual(expected);
    expect(store.purgeBefore(cutoff)).toEqual(expected);
    expect(store.find(String(old.id)) !== undefined).toBe(kept);
    expect(store.purgeBefore(cutoff, { force: true })).toEqual({ removed: kept ? 1 : 0, keptUndelivered: 0 });
    expect(store.find(String(old.id))).toBeUndefined();
    expect(store.messagesFor(old.id)).toEqual([]);
    expect(store.find(String(recent.id))).toBeDefined();
  });

  it("removes old spam (nothing was ever owed to the coach) and counts without deleting", () => {
    save({ inquiry, spamReason: "honeypot" }, T0);
    save({ inquiry: { ...inquiry, message: "p".repeat(30) }, spamReason: null }, T0);
    expect(store.countBefore(cutoff)).toEqual({ removed: 1, keptUndelivered: 1 });
    expect(store.list({ includeSpam: true })).toHaveLength(2);
    expect(store.purgeBefore(cutoff)).toEqual({ removed: 1, keptUndelivered: 1 });
    expect(store.list({ includeSpam: true }).map((i) => i.spamReason)).toEqual([null]);
  });
});

describe("forgetting an address", () => {
  it("deletes every inquiry and outbox row of the address, however it was typed, and nothing else", () => {
    const a = save({ inquiry, spamReason: null }, T0);
    deliverAll(store, T0);
    save({ inquiry: { ...inquiry, email: " sam@EXAMPLE.com", message: "s".repeat(30) }, spamReason: null }, at(1000));
    save({ inquiry: { ...inquiry, message: "t".repeat(30) }, spamReason: "honeypot" }, at(2000));
    const kim = save({ inquiry: { ...inquiry, email: "kim@example.com" }, spamReason: null }, at(3000));

    expect(store.forget("SAM@example.com ")).toEqual({ inquiries: 3, messages: 3, comments: 0 });
    expect(store.list({ includeSpam: true }).map((i) => i.id)).toEqual([kim.id]);
    expect(store.messagesFor(a.id)).toEqual([]);
    expect(store.messagesFor(kim.id)).toHaveLength(2);
    const raw = new DatabaseSync(tmp.dbPath, { readOnly: true });
    expect(raw.prepare("SELECT COUNT(*) AS n FROM outbox").get()).toEqual({ n: 2 });
    expect(raw.prepare("SELECT COUNT(*) AS n FROM inquiries WHERE email_key = 'sam@example.com'").get()).toEqual({
      n: 0,
    });
    raw.close();

    expect(store.forget("sam@example.com")).toEqual({ inquiries: 0, messages: 0, comments: 0 });
    expect(store.forget("nobody@example.com")).toEqual({ inquiries: 0, messages: 0, comments: 0 });
  });
});

describe("counting spam", () => {
  it("counts the inquiries filed as spam", () => {
    expect(store.spamCount()).toBe(0);
    save({ inquiry, spamReason: "honeypot" }, T0);
    save({ inquiry: { ...inquiry, message: "u".repeat(30) }, spamReason: "too-fast" }, T0);
    save({ inquiry: { ...inquiry, message: "v".repeat(30) }, spamReason: null }, T0);
    expect(store.spamCount()).toBe(2);
    store.forget(inquiry.email);
    expect(store.spamCount()).toBe(0);
  });
});

describe("the form secret", () => {
  it("is generated once and kept across reopening", () => {
    const secret = store.formSecret();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(store.formSecret()).toBe(secret);
    store.close();
    store = openStore(tmp.dbPath);
    expect(store.formSecret()).toBe(secret);
  });
});
