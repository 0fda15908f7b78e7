/**
 * The contract suite's comments part: what every store must do with readers' comments and the
 * coach's replies, run once against SQLite and once against PostgreSQL (store-harness.ts),
 * including several instances on one database at once. Each engine's own refusals from plain SQL
 * are checked in comment-store.test.ts (SQLite) and pg-store.test.ts (PostgreSQL).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import type { CommentSaveResult, NewComment } from "../../../src/server/comment-store.ts";
import { T0, inquiry, minutes } from "./helpers.ts";
import { postgresHarness, sqliteHarness } from "./store-harness.ts";

const at = (ms: number) => new Date(T0.getTime() + ms);
const COACH = "Nicole Sifuentes";

function entry(patch: Partial<NewComment["comment"]> = {}, extra: Partial<NewComment> = {}): NewComment {
  return {
    article: "fit-lifting",
    articleTitle: "How to Fit Lifting Into a Running Week",
    comment: {
      name: "Ada",
      email: "Ada@Example.com",
      comment: "How many sets on an easy day?",
      notify: true,
      ...patch,
    },
    spam: false,
    held: null,
    ...extra,
  };
}

function created(result: CommentSaveResult): number {
  if (result.status !== "created") throw new Error(`expected a new comment, got ${result.status}`);
  return result.id;
}

describe.each([
  ["SQLite", sqliteHarness],
  ["PostgreSQL", postgresHarness],
] as const)("comments in the %s store", (_name, makeHarness) => {
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

  const save = async (comment: NewComment, now = T0) => created(await store.saveComment(comment, now));
  const count = async (sql: string): Promise<number> => Number((await harness.peek(sql))[0]?.["n"]);
  /** Marks every message due at `now` sent, as the outbox does once SMTP accepted them. */
  async function deliverAll(now: Date): Promise<void> {
    for (const due of await store.claimDue(now, minutes(2), 100)) await store.markSent(due.message.id, now);
  }

  describe("saving a comment", () => {
    it("stores it pending with the coach's email queued in the same transaction, and shows nothing yet", async () => {
      const id = await save(entry());
      expect(await store.findComment(id)).toEqual({
        id,
        article: "fit-lifting",
        articleTitle: "How to Fit Lifting Into a Running Week",
        parentId: null,
        author: "reader",
        name: "Ada",
        email: "Ada@Example.com",
        body: "How many sets on an easy day?",
        status: "pending",
        heldReason: null,
        notify: true,
        createdAt: T0.toISOString(),
        decidedAt: null,
      });
      expect(await store.articleComments("fit-lifting")).toEqual([]);
      const [due] = await store.claimDue(T0, minutes(2), 10);
      expect(due?.message).toMatchObject({
        kind: "comment-notification",
        inquiryId: null,
        data: {
          commentId: id,
          article: "fit-lifting",
          articleTitle: "How to Fit Lifting Into a Running Week",
          name: "Ada",
          body: "How many sets on an easy day?",
          held: null,
        },
      });
      expect(await store.findComment(id + 1000)).toBeUndefined();
    });

    it("keeps the same address, article and text within ten minutes as one comment", async () => {
      const id = await save(entry());
      expect(
        await store.saveComment(
          entry({ email: "ada@example.COM", comment: "  How many sets on an easy day?\n" }),
          at(1000),
        ),
      ).toEqual({ status: "duplicate", id });
      expect(await store.saveComment(entry(), at(minutes(10)))).toEqual({ status: "duplicate", id });
      expect(await store.saveComment(entry(), at(minutes(10) + 1))).toMatchObject({ status: "created" });
      expect(await store.saveComment(entry({}, { article: "another" }), at(2000))).toMatchObject({ status: "created" });
      expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'comment-notification'")).toBe(3);
    });

    it("compares a comment without an address by its name, and a deleted comment repeats nothing", async () => {
      const anonymous = { email: undefined, notify: false };
      const id = await save(entry({ ...anonymous, name: "Bo" }));
      expect(await store.saveComment(entry({ ...anonymous, name: "BO" }), at(1000))).toEqual({
        status: "duplicate",
        id,
      });
      expect(await store.saveComment(entry({ ...anonymous, name: "Cy" }), at(1000))).toMatchObject({
        status: "created",
      });
      await store.deleteComment(id, at(2000));
      expect(await store.saveComment(entry({ ...anonymous, name: "Bo" }), at(3000))).toMatchObject({
        status: "created",
      });
    });

    it("takes one comment per form token", async () => {
      await save(entry({ comment: "First" }, { formTokenId: "nonce-1" }));
      expect(await store.saveComment(entry({ comment: "Second" }, { formTokenId: "nonce-1" }), T0)).toEqual({
        status: "token-used",
      });
      expect(await count("SELECT COUNT(*) AS n FROM comments")).toBe(1);
    });

    it("files a honeypot comment as spam and queues no email", async () => {
      const id = await save(entry({}, { spam: true }));
      expect((await store.findComment(id))?.status).toBe("spam");
      expect(await store.claimDue(T0, minutes(2), 10)).toEqual([]);
      expect(await store.listComments({ pendingOnly: true })).toEqual([]);
    });

    it("keeps the flag of a comment held for its links", async () => {
      const id = await save(entry({}, { held: "links" }));
      expect((await store.findComment(id))?.heldReason).toBe("links");
      expect((await store.listComments({ pendingOnly: true })).map((c) => c.id)).toEqual([id]);
    });
  });

  describe("listing", () => {
    it("lists every comment and reply but the deleted, newest first, pending only when asked, up to a limit", async () => {
      const first = await save(entry());
      const second = await save(entry({ name: "Bo", email: "bo@example.com", comment: "Trail too?" }), at(1000));
      const third = await save(entry({ name: "Cy", email: "cy@example.com", comment: "And hills?" }), at(2000));
      const replied = await store.replyToComment(first, "Two sets.", COACH, at(3000));
      if (replied.status !== "replied") throw new Error("not replied");
      await store.deleteComment(second, at(4000));
      expect((await store.listComments({ pendingOnly: false })).map((c) => c.id)).toEqual([
        replied.replyId,
        third,
        first,
      ]);
      expect((await store.listComments({ pendingOnly: false, limit: 2 })).map((c) => c.id)).toEqual([
        replied.replyId,
        third,
      ]);
      expect((await store.listComments({ pendingOnly: true })).map((c) => c.id)).toEqual([third]);
    });
  });

  describe("moderating", () => {
    it("approves once, then says it was already approved; the article shows it oldest first", async () => {
      const first = await save(entry());
      const second = await save(entry({ name: "Bo", email: "bo@example.com", comment: "Trail too?" }), at(1000));
      expect(await store.approveComment(second, at(2000))).toMatchObject({
        status: "approved",
        comment: { id: second, status: "approved", decidedAt: at(2000).toISOString() },
      });
      expect((await store.approveComment(first, at(3000))).status).toBe("approved");
      expect((await store.approveComment(first, at(4000))).status).toBe("already-approved");
      expect(await store.articleComments("fit-lifting")).toEqual([
        {
          id: first,
          parentId: null,
          author: "reader",
          name: "Ada",
          body: "How many sets on an easy day?",
          createdAt: T0.toISOString(),
        },
        {
          id: second,
          parentId: null,
          author: "reader",
          name: "Bo",
          body: "Trail too?",
          createdAt: at(1000).toISOString(),
        },
      ]);
      expect(await store.articleComments("another")).toEqual([]);
      expect(await store.approveComment(999, T0)).toEqual({ status: "missing" });
    });

    it("deletes the text, name and address and the replies; the row says it was deleted", async () => {
      const id = await save(entry());
      await store.replyToComment(id, "Two sets of five.", COACH, at(1000));
      expect((await store.deleteComment(id, at(2000))).status).toBe("deleted");
      expect(await store.findComment(id)).toMatchObject({
        status: "deleted",
        name: "",
        email: null,
        body: "",
        notify: false,
        decidedAt: at(2000).toISOString(),
      });
      expect(await store.articleComments("fit-lifting")).toEqual([]);
      expect(await store.listComments({ pendingOnly: false })).toEqual([]);
      expect(await count("SELECT COUNT(*) AS n FROM comments")).toBe(1);
      expect((await store.deleteComment(id, at(3000))).status).toBe("already-deleted");
      expect((await store.approveComment(id, at(3000))).status).toBe("already-deleted");
      expect((await store.replyToComment(id, "Late", COACH, at(3000))).status).toBe("already-deleted");
      expect(await store.deleteComment(999, T0)).toEqual({ status: "missing" });
    });

    it("publishes the coach's reply nested under the comment, approves the comment, and tells a reader who asked", async () => {
      const id = await save(entry());
      await deliverAll(T0);
      const outcome = await store.replyToComment(id, "Two sets of five.", COACH, at(1000));
      expect(outcome).toMatchObject({ status: "replied", notified: true, comment: { status: "approved" } });
      expect(await store.articleComments("fit-lifting")).toEqual([
        expect.objectContaining({ id, parentId: null, author: "reader" }),
        expect.objectContaining({ parentId: id, author: "coach", name: COACH, body: "Two sets of five." }),
      ]);
      const [due] = await store.claimDue(at(1000), minutes(2), 10);
      expect(due?.message).toMatchObject({
        kind: "comment-reply",
        data: {
          commentId: id,
          replyId: outcome.status === "replied" ? outcome.replyId : -1,
          to: "Ada@Example.com",
          name: "Ada",
          article: "fit-lifting",
          reply: "Two sets of five.",
          comment: "How many sets on an easy day?",
        },
      });
    });

    it("sends no reply email to a reader who did not ask, and never a reply to a reply", async () => {
      const id = await save(entry({ notify: false }));
      await deliverAll(T0);
      const outcome = await store.replyToComment(id, "Hello", COACH, at(1000));
      expect(outcome).toMatchObject({ status: "replied", notified: false });
      expect(await store.claimDue(at(1000), minutes(2), 10)).toEqual([]);
      if (outcome.status !== "replied") return;
      expect(await store.replyToComment(outcome.replyId, "Nested?", COACH, at(2000))).toEqual({ status: "missing" });
      expect(await store.replyToComment(12345, "Nobody?", COACH, at(2000))).toEqual({ status: "missing" });
    });

    it("unsubscribes every comment of the address", async () => {
      const a = await save(entry());
      const b = await save(entry({ email: "ADA@example.com", comment: "Another question" }), at(1000));
      const other = await save(entry({ name: "Bo", email: "bo@example.com", comment: "Trail?" }), at(2000));
      expect(await store.unsubscribeComments(a)).toEqual({ status: "unsubscribed", comments: 2 });
      expect((await store.findComment(b))?.notify).toBe(false);
      expect((await store.findComment(other))?.notify).toBe(true);
      expect(await store.unsubscribeComments(a)).toEqual({ status: "unsubscribed", comments: 0 });
      expect(await store.unsubscribeComments(12345)).toEqual({ status: "missing" });
    });
  });

  describe("forgetting a person", () => {
    it("removes their comments, the replies to them and their emails, and nobody else's", async () => {
      const ada = await save(entry());
      await store.replyToComment(ada, "Reply to Ada", COACH, at(1000));
      const bo = await save(entry({ name: "Bo", email: "bo@example.com", comment: "Trail?" }), at(2000));
      await store.save({ inquiry: { ...inquiry, email: "ada@example.com" }, spamReason: null }, at(3000));
      expect(await store.forget(" ADA@example.com")).toEqual({ inquiries: 1, comments: 1, messages: 4 });
      expect(await store.findComment(ada)).toBeUndefined();
      expect((await store.listComments({ pendingOnly: false })).map((c) => c.id)).toEqual([bo]);
      expect((await store.claimDue(at(5000), minutes(2), 10)).map((d) => d.message.kind)).toEqual([
        "comment-notification",
      ]);
      expect(await count("SELECT COUNT(*) AS n FROM comments")).toBe(1);
    });
  });

  describe("several instances on one database", () => {
    /** Stores open on the same database at once, as instances behind a load balancer are. */
    const instances = (n: number): AsyncInquiryStore[] => [
      store,
      ...Array.from({ length: n - 1 }, () => harness.open()),
    ];
    /** `instances(n)`, each already connected, so their next calls truly run at the same moment. */
    async function connected(n: number): Promise<AsyncInquiryStore[]> {
      const all = instances(n);
      await Promise.all(all.map((s) => s.diagnostics()));
      return all;
    }

    it("store a comment that reaches every instance at the same moment once", async () => {
      const results = await Promise.all(
        (await connected(4)).map((s, i) => s.saveComment(entry({}, { formTokenId: `token-${i}` }), T0)),
      );
      expect(results.filter((r) => r.status === "created")).toHaveLength(1);
      expect(new Set(results.map((r) => (r.status === "token-used" ? -1 : r.id))).size).toBe(1);
      expect(await count("SELECT COUNT(*) AS n FROM comments")).toBe(1);
      expect(await count("SELECT COUNT(*) AS n FROM outbox")).toBe(1);
    });

    it("let one form token carry one comment, whichever instances it reaches", async () => {
      const results = await Promise.all(
        (await connected(4)).map((s, i) =>
          s.saveComment(entry({ comment: `Question number ${i}` }, { formTokenId: "once" }), T0),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual(["created", "token-used", "token-used", "token-used"]);
      expect(await count("SELECT COUNT(*) AS n FROM comments")).toBe(1);
    });

    it("approve once when the coach's link is opened on six instances at once", async () => {
      const id = await save(entry());
      const outcomes = await Promise.all((await connected(6)).map((s) => s.approveComment(id, at(1000))));
      expect(outcomes.filter((o) => o.status === "approved")).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === "already-approved")).toHaveLength(5);
    });

    it("never publish a reply under a comment deleted at the same moment on another instance", async () => {
      const id = await save(entry());
      const [a, b] = await connected(2);
      const [deleted, replied] = await Promise.all([
        a?.deleteComment(id, at(1000)),
        b?.replyToComment(id, "Two sets.", COACH, at(1000)),
      ]);
      expect(deleted?.status).toBe("deleted");
      expect(["replied", "already-deleted"]).toContain(replied?.status);
      expect(await store.articleComments("fit-lifting")).toEqual([]);
      expect(await count("SELECT COUNT(*) AS n FROM comments")).toBe(1);
    });
  });
});
