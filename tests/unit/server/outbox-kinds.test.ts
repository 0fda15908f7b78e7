import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inlineStore } from "../../../src/server/async-store.ts";
import { COMPOSERS, composeDue } from "../../../src/server/compose.ts";
import { MIGRATIONS, migrate } from "../../../src/server/migrations.ts";
import { startOutbox } from "../../../src/server/outbox.ts";
import type { Outbox } from "../../../src/server/outbox.ts";
import { toSendMailOptions } from "../../../src/server/smtp.ts";
import type { MailTransport } from "../../../src/server/smtp.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import type { MailMessage } from "../../../src/server/mail.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import { T0, identity, inquiry, minutes, stored, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let store: InquiryStore;
let outbox: Outbox | undefined;

beforeEach(() => {
  tmp = tempDir();
  store = openStore(tmp.dbPath);
});

afterEach(async () => {
  await outbox?.stop();
  outbox = undefined;
  store.close();
  tmp.cleanup();
});

describe("messages that belong to no inquiry", () => {
  it("are claimed with their frozen facts and no inquiry", () => {
    const id = store.queueMessage("test-note", { data: { title: "Hi", n: 3 }, recipient: "Ann@Example.com" }, T0);
    const [due] = store.claimDue(T0, minutes(2), 10);
    expect(due?.message).toMatchObject({ id, kind: "test-note", inquiryId: null, data: { title: "Hi", n: 3 } });
    expect(due?.inquiry).toBeUndefined();
  });

  it("are removed when the person they concern is forgotten, and only theirs", () => {
    store.queueMessage("test-note", { recipient: "ann@example.com" }, T0);
    store.queueMessage("test-note", { recipient: "bob@example.com" }, T0);
    const report = store.forget("ANN@example.com");
    expect(report.messages).toBe(1);
    expect(store.claimDue(T0, minutes(2), 10).map((d) => d.message.kind)).toEqual(["test-note"]);
  });

  it("are purged once sent and older than the cutoff, never while pending", () => {
    const sent = store.queueMessage("test-note", {}, T0);
    const pending = store.queueMessage("test-note", {}, T0);
    store.claimDue(T0, minutes(2), 10);
    store.markSent(sent, T0);
    store.markFailed(pending, "refused", new Date(T0.getTime() + minutes(1)));
    store.purgeBefore(new Date(T0.getTime() + minutes(5)));
    expect(store.claimDue(new Date(T0.getTime() + minutes(10)), minutes(2), 10).map((d) => d.message.id)).toEqual([
      pending,
    ]);
  });

  it("refuses an empty or overlong kind", () => {
    expect(() => store.queueMessage("", {}, T0)).toThrow(RangeError);
    expect(() => store.queueMessage("x".repeat(41), {}, T0)).toThrow(RangeError);
  });
});

describe("composing by kind", () => {
  it("fails a kind nobody composes, so the outbox retries and finally gives up instead of sending garbage", async () => {
    const queuedId = store.queueMessage("nobody-composes-this", {}, T0);
    const sent: MailMessage[] = [];
    const transport: MailTransport = {
      send: (message) => {
        sent.push(message);
        return Promise.resolve();
      },
      close: () => undefined,
    };
    outbox = startOutbox(inlineStore(store), transport, manualClock(T0), memoryLogger(), { identity });
    const report = await outbox.runOnce();
    expect(report).toEqual({ sent: 0, failed: 1 });
    expect(sent).toEqual([]);
    const [again] = store.claimDue(new Date(T0.getTime() + minutes(60)), minutes(2), 10);
    expect(again?.message.id).toBe(queuedId);
    if (again === undefined) return;
    expect(() => composeDue(again, { identity, links: null, clock: manualClock(T0) })).toThrow(/no composer/);
  });

  it("composes the inquiry's own kinds as before", () => {
    const saved = stored(store.save({ inquiry, spamReason: null }, T0));
    const kinds = store.claimDue(T0, minutes(2), 10).map((due) => {
      const message = composeDue(due, { identity, links: null, clock: manualClock(T0) });
      return [due.message.kind, message.to.address, message.messageId.includes(saved.reference.toLowerCase())];
    });
    expect(kinds).toEqual([
      ["coach-notification", identity.coachAddress, true],
      ["auto-reply", inquiry.email, true],
    ]);
    expect(Object.keys(COMPOSERS)).toEqual(expect.arrayContaining(["coach-notification", "auto-reply"]));
  });
});

describe("what reaches nodemailer", () => {
  const base: MailMessage = {
    from: { name: "Run Smart", address: "hello@runsmart.test" },
    to: { name: "Ann", address: "ann@example.com" },
    replyTo: { name: "Run Smart", address: "hello@runsmart.test" },
    subject: "Hello",
    text: "Body",
    messageId: "<a.1@runsmart.test>",
  };

  it("sends an invitation as a calendar alternative with its method", () => {
    const options = toSendMailOptions({ ...base, calendar: { method: "CANCEL", content: "BEGIN:VCALENDAR\r\n" } });
    expect(options.icalEvent).toEqual({ method: "CANCEL", filename: "invite.ics", content: "BEGIN:VCALENDAR\r\n" });
    expect(options.list).toBeUndefined();
  });

  it("adds List-Unsubscribe with one-click POST only when asked", () => {
    const options = toSendMailOptions({ ...base, unsubscribeUrl: "https://runsmart.coach/u/?t=x" });
    expect(options.list).toEqual({ unsubscribe: { url: "https://runsmart.coach/u/?t=x", comment: "Unsubscribe" } });
    expect(options.headers).toEqual({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(toSendMailOptions(base).headers).toBeUndefined();
  });
});

describe("upgrading a version-2 database", () => {
  it("keeps every outbox row, its state and its person", () => {
    store.close();
    rmSync(dirname(tmp.dbPath), { recursive: true, force: true });
    mkdirSync(dirname(tmp.dbPath), { recursive: true });
    const db = new DatabaseSync(tmp.dbPath);
    migrate(db, MIGRATIONS.slice(0, 2));
    db.exec(`INSERT INTO inquiries (reference, created_at, name, email, email_key, goal, years_running, weekly_volume,
      volume_unit, lifting, message, consent_at, privacy_version, newsletter, dedupe_key)
      VALUES ('ABCD-EFGH', '2026-01-01T00:00:00.000Z', 'Ann', 'Ann@Example.com', 'ann@example.com', 'other', 1, 10,
      'km', 'none', 'hello there coach', '2026-01-01T00:00:00.000Z', 'v1', 0, 'k')`);
    db.exec(`INSERT INTO outbox (inquiry_id, kind, status, attempts, next_attempt_at, created_at, sent_at)
      VALUES (1, 'coach-notification', 'sent', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:01:00.000Z'), (1, 'auto-reply', 'pending', 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', NULL)`);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    const rows = db
      .prepare("SELECT id, inquiry_id AS i, kind, status, attempts, recipient_key AS r, data FROM outbox ORDER BY id")
      .all();
    expect(rows).toEqual([
      { id: 1, i: 1, kind: "coach-notification", status: "sent", attempts: 1, r: "ann@example.com", data: null },
      { id: 2, i: 1, kind: "auto-reply", status: "pending", attempts: 2, r: "ann@example.com", data: null },
    ]);
    db.close();
    store = openStore(tmp.dbPath);
  });
});
