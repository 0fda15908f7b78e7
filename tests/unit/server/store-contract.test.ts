/**
 * What every store must do, whichever database holds it: run once against SQLite and once against
 * PostgreSQL (store-harness.ts). Checks of one engine's own machinery (SQLite's pragmas, its
 * migrations and group commit; PostgreSQL's migration lock and timeouts) are in store.test.ts and
 * pg-store.test.ts.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { PRIVACY_NOTE_VERSION } from "../../../src/lib/inquiry/privacy.ts";
import { isReference } from "../../../src/lib/inquiry/reference.ts";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import type { NewInquiry, SaveResult } from "../../../src/server/store.ts";
import { T0, inquiry, minutes, stored } from "./helpers.ts";
import { postgresHarness, sqliteHarness } from "./store-harness.ts";

function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

/** Marks every message that is due sent, as the outbox does once SMTP accepted them. */
async function deliverAll(store: AsyncInquiryStore, when: Date): Promise<void> {
  for (const due of await store.claimDue(when, 1000, 1000)) await store.markSent(due.message.id, when);
}

describe.each([
  ["SQLite", sqliteHarness],
  ["PostgreSQL", postgresHarness],
] as const)("the %s store", (_name, makeHarness) => {
  const harness = makeHarness();
  let store: AsyncInquiryStore;

  beforeEach(async () => {
    await harness.create();
    store = harness.open();
  });

  afterEach(async () => {
    await harness.drop();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  /** `store.save` for an entry that must be stored (or found as a duplicate). */
  async function save(entry: NewInquiry, now: Date): Promise<Extract<SaveResult, { readonly id: number }>> {
    return stored(await store.save(entry, now));
  }

  const count = async (sql: string): Promise<number> => Number((await harness.peek(sql))[0]?.["n"]);

  describe("saving an inquiry", () => {
    it("commits the row before returning, visible to another connection", async () => {
      const saved = await save({ inquiry, spamReason: null }, T0);
      const rows = await harness.peek(
        `SELECT reference, email, consent_at, privacy_version FROM inquiries WHERE id = ${saved.id}`,
      );
      expect(rows).toEqual([
        {
          reference: saved.reference,
          email: "Sam@Example.com",
          consent_at: T0.toISOString(),
          privacy_version: PRIVACY_NOTE_VERSION,
        },
      ]);
    });

    it("stores every field as entered, with the consent record, and queues both emails", async () => {
      const saved = await save({ inquiry, spamReason: null }, T0);
      expect(saved.status).toBe("created");
      expect(isReference(saved.reference)).toBe(true);
      expect(saved.queued).toEqual(["coach-notification", "auto-reply"]);
      expect(await store.find(String(saved.id))).toEqual({
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
      expect((await store.messagesFor(saved.id)).map((m) => [m.kind, m.status, m.attempts])).toEqual([
        ["coach-notification", "pending", 0],
        ["auto-reply", "pending", 0],
      ]);
    });

    it("keeps optional fields empty as null", async () => {
      const rest = { ...inquiry };
      delete rest.goalRace;
      delete rest.goalRaceDate;
      delete rest.timeZone;
      const saved = await save({ inquiry: rest, spamReason: null }, T0);
      expect(await store.find(saved.reference)).toMatchObject({ goalRace: null, goalRaceDate: null, timeZone: null });
    });

    it("stores spam with its reason and queues no email", async () => {
      const saved = await save({ inquiry, spamReason: "honeypot" }, T0);
      expect(saved.queued).toEqual([]);
      expect(await store.messagesFor(saved.id)).toEqual([]);
      expect((await store.find(saved.reference))?.spamReason).toBe("honeypot");
    });

    it("keeps data across a reopen", async () => {
      const saved = await save({ inquiry, spamReason: null }, T0);
      await store.close();
      store = harness.open();
      expect((await store.find(saved.reference))?.message).toBe(inquiry.message);
      expect(await store.messagesFor(saved.id)).toHaveLength(2);
    });
  });

  describe("idempotency", () => {
    it("treats the same address and message within 10 minutes as one inquiry", async () => {
      const first = await save({ inquiry, spamReason: null }, T0);
      const again = await save(
        { inquiry: { ...inquiry, email: " sam@EXAMPLE.com", message: `${inquiry.message}\n` }, spamReason: null },
        at(minutes(9)),
      );
      expect(again).toEqual({
        status: "duplicate",
        id: first.id,
        reference: first.reference,
        queued: [],
        booking: null,
      });
      expect(await store.list({ includeSpam: true })).toHaveLength(1);
      expect(await store.messagesFor(first.id)).toHaveLength(2);
    });

    it("counts exactly 10 minutes later as the same inquiry, and a moment after as a new one", async () => {
      const first = await save({ inquiry, spamReason: null }, T0);
      expect(await save({ inquiry, spamReason: null }, at(minutes(10)))).toMatchObject({
        status: "duplicate",
        id: first.id,
      });
      const later = await save({ inquiry, spamReason: null }, at(minutes(10) + 1));
      expect(later.status).toBe("created");
      expect(later.reference).not.toBe(first.reference);
    });

    it("stores a different message or address as a new inquiry", async () => {
      const first = await save({ inquiry, spamReason: null }, T0);
      const otherMessage = await save(
        { inquiry: { ...inquiry, message: `${inquiry.message} Also: hills.` }, spamReason: null },
        T0,
      );
      const otherAddress = await save({ inquiry: { ...inquiry, email: "kim@example.com" }, spamReason: null }, T0);
      expect(new Set([first.id, otherMessage.id, otherAddress.id]).size).toBe(3);
    });

    it("never folds a real inquiry into an earlier one flagged as spam", async () => {
      const spam = await save({ inquiry, spamReason: "too-fast" }, T0);
      const real = await save({ inquiry, spamReason: null }, at(minutes(1)));
      expect(real.status).toBe("created");
      expect(real.queued).toContain("coach-notification");
      const spamAgain = await save({ inquiry, spamReason: "too-fast" }, at(minutes(2)));
      expect(spamAgain).toMatchObject({ status: "duplicate", id: spam.id });
    });

    it("files spam that repeats a real inquiry as that inquiry", async () => {
      const real = await save({ inquiry, spamReason: null }, T0);
      expect(await save({ inquiry, spamReason: "honeypot" }, at(minutes(1)))).toMatchObject({
        status: "duplicate",
        id: real.id,
      });
      expect(await store.spamCount()).toBe(0);
    });
  });

  describe("the auto-reply limit", () => {
    it("sends at most one auto-reply per address per day", async () => {
      const first = await save({ inquiry, spamReason: null }, T0);
      const second = await save(
        { inquiry: { ...inquiry, email: "SAM@example.com", message: "x".repeat(30) }, spamReason: null },
        at(minutes(60)),
      );
      const third = await save(
        { inquiry: { ...inquiry, message: "y".repeat(30) }, spamReason: null },
        at(minutes(24 * 60) + 1),
      );
      expect(first.queued).toEqual(["coach-notification", "auto-reply"]);
      expect(second.queued).toEqual(["coach-notification"]);
      expect(third.queued).toEqual(["coach-notification", "auto-reply"]);
    });

    it("does not count spam toward the limit", async () => {
      await store.save({ inquiry, spamReason: "honeypot" }, T0);
      const real = await save({ inquiry: { ...inquiry, message: "z".repeat(30) }, spamReason: null }, T0);
      expect(real.queued).toContain("auto-reply");
    });
  });

  describe("finding and listing", () => {
    it("finds by id or by a reference typed loosely, and not otherwise", async () => {
      const saved = await save({ inquiry, spamReason: null }, T0);
      expect((await store.find(String(saved.id)))?.id).toBe(saved.id);
      expect((await store.find(saved.reference.toLowerCase().replace(/-/g, "")))?.id).toBe(saved.id);
      expect(await store.find("999")).toBeUndefined();
      expect(await store.find("RS-0000-0000")).toBeUndefined();
      expect(await store.find("nonsense")).toBeUndefined();
    });

    it("lists newest first and hides spam unless asked", async () => {
      const a = await save({ inquiry, spamReason: null }, T0);
      const spam = await save({ inquiry: { ...inquiry, message: "s".repeat(30) }, spamReason: "honeypot" }, at(1000));
      const b = await save({ inquiry: { ...inquiry, message: "b".repeat(30) }, spamReason: null }, at(2000));
      expect((await store.list({ includeSpam: false })).map((i) => i.id)).toEqual([b.id, a.id]);
      expect((await store.list({ includeSpam: true })).map((i) => i.id)).toEqual([b.id, spam.id, a.id]);
      expect((await store.list({ includeSpam: true, limit: 1 })).map((i) => i.id)).toEqual([b.id]);
    });
  });

  describe("the outbox rows", () => {
    it("claims due messages once per lease and counts the attempt", async () => {
      await store.save({ inquiry, spamReason: null }, T0);
      const claimed = await store.claimDue(T0, minutes(2), 10);
      expect(claimed.map((d) => [d.message.kind, d.message.attempts])).toEqual([
        ["coach-notification", 1],
        ["auto-reply", 1],
      ]);
      expect(claimed[0]?.inquiry?.email).toBe(inquiry.email);
      expect(await store.claimDue(at(minutes(1)), minutes(2), 10)).toEqual([]);
      expect(await store.nextDueAt()).toEqual(at(minutes(2)));
      expect((await store.claimDue(at(minutes(2)), minutes(2), 10)).map((d) => d.message.attempts)).toEqual([2, 2]);
    });

    it("marks a message sent exactly once", async () => {
      const saved = await save({ inquiry, spamReason: null }, T0);
      const [first] = await store.claimDue(T0, 1000, 1);
      expect(first).toBeDefined();
      const id = first?.message.id ?? -1;
      expect(await store.markSent(id, at(5))).toBe(true);
      expect(await store.markSent(id, at(6))).toBe(false);
      expect(await store.markFailed(id, "late failure", at(10))).toBe(false);
      const message = (await store.messagesFor(saved.id)).find((m) => m.id === id);
      expect(message).toMatchObject({ status: "sent", sentAt: at(5).toISOString(), lastError: null });
    });

    it("reschedules a failed attempt, and gives up when told to", async () => {
      const saved = await save({ inquiry, spamReason: null }, T0);
      const [a, b] = (await store.claimDue(T0, 1000, 2)).map((d) => d.message.id);
      expect(await store.markFailed(a ?? -1, "connection refused", at(minutes(1)))).toBe(true);
      expect(await store.markFailed(b ?? -1, "mailbox unavailable", null)).toBe(true);
      expect(await store.claimDue(at(minutes(1) - 1), 1000, 10)).toEqual([]);
      expect((await store.claimDue(at(minutes(1)), 1000, 10)).map((d) => [d.message.id, d.message.lastError])).toEqual([
        [a, "connection refused"],
      ]);
      expect((await store.messagesFor(saved.id)).find((m) => m.id === b)?.status).toBe("failed");
    });

    it("re-queues the coach notification", async () => {
      const saved = await save({ inquiry, spamReason: null }, T0);
      const pendingId = await store.requeueCoachNotification(saved.id, at(5));
      expect((await store.messagesFor(saved.id)).filter((m) => m.kind === "coach-notification")).toHaveLength(1);
      for (const due of await store.claimDue(at(5), 1000, 10)) await store.markSent(due.message.id, at(6));
      const again = await store.requeueCoachNotification(saved.id, at(7));
      expect(again).not.toBe(pendingId);
      expect((await store.claimDue(at(7), 1000, 10)).map((d) => [d.message.id, d.message.kind])).toEqual([
        [again, "coach-notification"],
      ]);
      await expect(store.requeueCoachNotification(999, T0)).rejects.toThrow(/no inquiry/);
    });

    it("purges old inquiries with their outbox rows", async () => {
      const old = await save({ inquiry, spamReason: null }, T0);
      await deliverAll(store, T0);
      const recent = await save(
        { inquiry: { ...inquiry, message: "r".repeat(30) }, spamReason: null },
        at(minutes(60)),
      );
      expect(await store.purgeBefore(at(minutes(30)))).toEqual({ removed: 1, keptUndelivered: 0 });
      expect(await store.find(String(old.id))).toBeUndefined();
      expect(await store.messagesFor(old.id)).toEqual([]);
      expect(await store.find(String(recent.id))).toBeDefined();
    });
  });

  describe("messages that belong to no inquiry", () => {
    it("are claimed with their frozen facts and no inquiry", async () => {
      const id = await store.queueMessage(
        "test-note",
        { data: { title: "Hi", n: 3 }, recipient: "Ann@Example.com" },
        T0,
      );
      const [due] = await store.claimDue(T0, minutes(2), 10);
      expect(due?.message).toMatchObject({ id, kind: "test-note", inquiryId: null, data: { title: "Hi", n: 3 } });
      expect(due?.inquiry).toBeUndefined();
    });

    it("are removed when the person they concern is forgotten, and only theirs", async () => {
      await store.queueMessage("test-note", { recipient: "ann@example.com" }, T0);
      await store.queueMessage("test-note", { recipient: "bob@example.com" }, T0);
      const report = await store.forget("ANN@example.com");
      expect(report.messages).toBe(1);
      expect((await store.claimDue(T0, minutes(2), 10)).map((d) => d.message.kind)).toEqual(["test-note"]);
    });

    it("are purged once sent and older than the cutoff, never while pending", async () => {
      const sent = await store.queueMessage("test-note", {}, T0);
      const pending = await store.queueMessage("test-note", {}, T0);
      await store.claimDue(T0, minutes(2), 10);
      await store.markSent(sent, T0);
      await store.markFailed(pending, "refused", at(minutes(1)));
      await store.purgeBefore(at(minutes(5)));
      expect((await store.claimDue(at(minutes(10)), minutes(2), 10)).map((d) => d.message.id)).toEqual([pending]);
    });

    it("refuses an empty or overlong kind", async () => {
      await expect(store.queueMessage("", {}, T0)).rejects.toThrow(RangeError);
      await expect(store.queueMessage("x".repeat(41), {}, T0)).rejects.toThrow(RangeError);
    });
  });

  describe("one inquiry per form token", () => {
    it("refuses a second inquiry carrying the same token, writing nothing", async () => {
      const first = await save({ inquiry, spamReason: null, formTokenId: "nonce-1" }, T0);
      const replay = await store.save(
        {
          inquiry: { ...inquiry, message: "A different message sent with the same token." },
          spamReason: null,
          formTokenId: "nonce-1",
        },
        at(1000),
      );
      expect(replay).toEqual({ status: "token-used" });
      expect((await store.list({ includeSpam: true })).map((i) => i.id)).toEqual([first.id]);
      expect(await store.messagesFor(first.id)).toHaveLength(2);
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
    ] as const)("$name", async ({ second, token, expected }) => {
      await save({ inquiry, spamReason: null, formTokenId: "nonce-1" }, T0);
      const result = await store.save(
        { inquiry: { ...inquiry, ...second }, spamReason: null, formTokenId: token },
        at(1000),
      );
      expect(result.status).toBe(expected);
    });

    it("remembers used tokens across a reopen", async () => {
      await save({ inquiry, spamReason: null, formTokenId: "nonce-1" }, T0);
      await store.close();
      store = harness.open();
      expect(
        await store.save(
          { inquiry: { ...inquiry, message: "q".repeat(30) }, spamReason: null, formTokenId: "nonce-1" },
          T0,
        ),
      ).toEqual({ status: "token-used" });
    });
  });

  describe("purging after the retention period", () => {
    const cutoff = at(minutes(30));

    /** Ways the coach notification of an old inquiry can have ended, and whether a purge keeps it. */
    const cases: { name: string; setup: (id: number) => Promise<void>; kept: boolean }[] = [
      { name: "notification still pending", setup: () => Promise.resolve(), kept: true },
      {
        name: "notification given up after failing",
        setup: async (id) => {
          for (const m of await store.messagesFor(id)) await store.markFailed(m.id, "550 no such user", null);
        },
        kept: true,
      },
      {
        name: "notification sent",
        setup: () => deliverAll(store, T0),
        kept: false,
      },
      {
        name: "auto-reply failed but the notification was sent",
        setup: async (id) => {
          for (const m of await store.messagesFor(id)) {
            if (m.kind === "auto-reply") await store.markFailed(m.id, "550", null);
            else await store.markSent(m.id, T0);
          }
        },
        kept: false,
      },
      {
        name: "sent once, then queued again by resend",
        setup: async (id) => {
          await deliverAll(store, T0);
          await store.requeueCoachNotification(id, T0);
        },
        kept: false,
      },
      {
        name: "given up, then sent by resend",
        setup: async (id) => {
          for (const m of await store.messagesFor(id)) await store.markFailed(m.id, "550", null);
          await store.requeueCoachNotification(id, T0);
          await deliverAll(store, T0);
        },
        kept: false,
      },
    ];

    it.each(cases)("$name: kept unless forced = $kept", async ({ setup, kept }) => {
      const old = await save({ inquiry, spamReason: null }, T0);
      await setup(old.id);
      const recent = await save(
        { inquiry: { ...inquiry, message: "r".repeat(30) }, spamReason: null },
        at(minutes(60)),
      );
      const expected = kept ? { removed: 0, keptUndelivered: 1 } : { removed: 1, keptUndelivered: 0 };
      expect(await store.countBefore(cutoff)).toEqual(expected);
      expect(await store.purgeBefore(cutoff)).toEqual(expected);
      expect((await store.find(String(old.id))) !== undefined).toBe(kept);
      expect(await store.purgeBefore(cutoff, { force: true })).toEqual({ removed: kept ? 1 : 0, keptUndelivered: 0 });
      expect(await store.find(String(old.id))).toBeUndefined();
      expect(await store.messagesFor(old.id)).toEqual([]);
      expect(await store.find(String(recent.id))).toBeDefined();
    });

    it("removes old spam (nothing was ever owed to the coach) and counts without deleting", async () => {
      await save({ inquiry, spamReason: "honeypot" }, T0);
      await save({ inquiry: { ...inquiry, message: "p".repeat(30) }, spamReason: null }, T0);
      expect(await store.countBefore(cutoff)).toEqual({ removed: 1, keptUndelivered: 1 });
      expect(await store.list({ includeSpam: true })).toHaveLength(2);
      expect(await store.purgeBefore(cutoff)).toEqual({ removed: 1, keptUndelivered: 1 });
      expect((await store.list({ includeSpam: true })).map((i) => i.spamReason)).toEqual([null]);
    });
  });

  describe("forgetting an address", () => {
    it("deletes every inquiry and outbox row of the address, however it was typed, and nothing else", async () => {
      const a = await save({ inquiry, spamReason: null }, T0);
      await deliverAll(store, T0);
      await save(
        { inquiry: { ...inquiry, email: " sam@EXAMPLE.com", message: "s".repeat(30) }, spamReason: null },
        at(1000),
      );
      await save({ inquiry: { ...inquiry, message: "t".repeat(30) }, spamReason: "honeypot" }, at(2000));
      const kim = await save({ inquiry: { ...inquiry, email: "kim@example.com" }, spamReason: null }, at(3000));

      expect(await store.forget("SAM@example.com ")).toEqual({ inquiries: 3, messages: 3, comments: 0 });
      expect((await store.list({ includeSpam: true })).map((i) => i.id)).toEqual([kim.id]);
      expect(await store.messagesFor(a.id)).toEqual([]);
      expect(await store.messagesFor(kim.id)).toHaveLength(2);
      expect(await count("SELECT COUNT(*) AS n FROM outbox")).toBe(2);
      expect(await count("SELECT COUNT(*) AS n FROM inquiries WHERE email_key = 'sam@example.com'")).toBe(0);

      expect(await store.forget("sam@example.com")).toEqual({ inquiries: 0, messages: 0, comments: 0 });
      expect(await store.forget("nobody@example.com")).toEqual({ inquiries: 0, messages: 0, comments: 0 });
    });
  });

  describe("counting spam", () => {
    it("counts the inquiries filed as spam", async () => {
      expect(await store.spamCount()).toBe(0);
      await save({ inquiry, spamReason: "honeypot" }, T0);
      await save({ inquiry: { ...inquiry, message: "u".repeat(30) }, spamReason: "too-fast" }, T0);
      await save({ inquiry: { ...inquiry, message: "v".repeat(30) }, spamReason: null }, T0);
      expect(await store.spamCount()).toBe(2);
      await store.forget(inquiry.email);
      expect(await store.spamCount()).toBe(0);
    });
  });

  describe("the form secret", () => {
    it("is generated once and kept across reopening", async () => {
      const secret = await store.formSecret();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.formSecret()).toBe(secret);
      await store.close();
      store = harness.open();
      expect(await store.formSecret()).toBe(secret);
    });
  });

  describe("several instances on one database", () => {
    /** Stores open on the same database at once, as instances behind a load balancer are. */
    const instances = (n: number): AsyncInquiryStore[] => [
      store,
      ...Array.from({ length: n - 1 }, () => harness.open()),
    ];

    it("stores an inquiry that reaches every instance at the same moment once", async () => {
      const results = await Promise.all(
        instances(4).map((s, i) => s.save({ inquiry, spamReason: null, formTokenId: `token-${i}` }, T0)),
      );
      const ids = new Set(results.map((r) => stored(r).id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.status === "created")).toHaveLength(1);
      expect(await count("SELECT COUNT(*) AS n FROM inquiries")).toBe(1);
      expect(await count("SELECT COUNT(*) AS n FROM outbox")).toBe(2);
    });

    it("lets one form token carry one inquiry, whichever instances it reaches", async () => {
      const results = await Promise.all(
        instances(4).map((s, i) =>
          s.save(
            {
              inquiry: { ...inquiry, message: `Message number ${i} for the coach.` },
              spamReason: null,
              formTokenId: "once",
            },
            T0,
          ),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual(["created", "token-used", "token-used", "token-used"]);
      expect(await count("SELECT COUNT(*) AS n FROM inquiries")).toBe(1);
    });

    it("sends one auto-reply per address per day, whichever instances the inquiries reach", async () => {
      await Promise.all(
        instances(4).map((s, i) =>
          s.save({ inquiry: { ...inquiry, message: `Question number ${i} for the coach.` }, spamReason: null }, T0),
        ),
      );
      expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'auto-reply'")).toBe(1);
      expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'coach-notification'")).toBe(4);
    });

    it("never lets two instances claim one message", async () => {
      for (let i = 0; i < 20; i += 1) {
        await save({ inquiry: { ...inquiry, email: `runner-${i}@example.com` }, spamReason: null }, T0);
      }
      const claimedBy = await Promise.all(
        instances(3).map(async (s) => {
          const ids: number[] = [];
          for (;;) {
            const due = await s.claimDue(T0, minutes(2), 7);
            if (due.length === 0) return ids;
            ids.push(...due.map((d) => d.message.id));
          }
        }),
      );
      const all = claimedBy.flat();
      expect(all).toHaveLength(40);
      expect(new Set(all).size).toBe(40);
    });

    it("sends a message claimed by an instance that died once its lease has passed", async () => {
      const [dying, survivor] = instances(2);
      await save({ inquiry, spamReason: null }, T0);
      expect(await dying?.claimDue(T0, minutes(2), 10)).toHaveLength(2);
      await dying?.close();
      expect(await survivor?.claimDue(at(minutes(2) - 1), minutes(2), 10)).toEqual([]);
      const taken = (await survivor?.claimDue(at(minutes(2)), minutes(2), 10)) ?? [];
      expect(taken.map((d) => [d.message.kind, d.message.attempts])).toEqual([
        ["coach-notification", 2],
        ["auto-reply", 2],
      ]);
    });

    it("marks a message sent once when two instances mark it together", async () => {
      await save({ inquiry, spamReason: null }, T0);
      const [due] = await store.claimDue(T0, minutes(2), 1);
      const id = due?.message.id ?? -1;
      const marks = await Promise.all(instances(3).map((s) => s.markSent(id, T0)));
      expect(marks.filter(Boolean)).toHaveLength(1);
    });

    it("gives every instance the same form secret", async () => {
      const secrets = await Promise.all(instances(4).map((s) => s.formSecret()));
      expect(new Set(secrets).size).toBe(1);
    });
  });
});
