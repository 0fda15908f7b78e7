import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseSync } from "node:sqlite";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import type { NewComment } from "../../../src/server/comment-store.ts";
import { T0, inquiry, minutes, tempDir } from "./helpers.ts";

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

const at = (ms: number) => new Date(T0.getTime() + ms);

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

function created(result: ReturnType<InquiryStore["saveComment"]>): number {
  if (result.status !== "created") throw new Error(`expected a new comment, got ${result.status}`);
  return result.id;
}

describe("saving a comment", () => {
  it("stores it pending with the coach's email queued in the same transaction, and shows nothing yet", () => {
    const id = created(store.saveComment(entry(), T0));
    expect(store.findComment(id)).toMatchObject({
      status: "pending",
      author: "reader",
      notify: true,
      heldReason: null,
    });
    expect(store.articleComments("fit-lifting")).toEqual([]);
    const [due] = store.claimDue(T0, minutes(2), 10);
    expect(due?.message).toMatchObject({
      kind: "comment-notification",
      data: { commentId: id, article: "fit-lifting", name: "Ada", body: "How many sets on an easy day?", held: null },
    });
  });

  it("keeps the same address, article and text within ten minutes as one comment", () => {
    const id = created(store.saveComment(entry(), T0));
    expect(
      store.saveComment(entry({ email: "ada@example.COM", comment: "  How many sets on an easy day?\n" }), at(1000)),
    ).toEqual({ status: "duplicate", id });
    expect(store.saveComment(entry(), at(minutes(11)))).toMatchObject({ status: "created" });
    expect(store.saveComment(entry({}, { article: "another" }), at(2000))).toMatchObject({ status: "created" });
  });

  it("takes one comment per form token, enforced by the database", () => {
    created(store.saveComment(entry({}, {}), T0));
    created(store.saveComment(entry({ comment: "First" }, { formTokenId: "nonce-1" }), T0));
    expect(store.saveComment(entry({ comment: "Second" }, { formTokenId: "nonce-1" }), T0)).toEqual({
      status: "token-used",
    });
    const db = new DatabaseSync(tmp.dbPath);
    expect(() =>
      db
        .prepare(
          `INSERT INTO comments (article, article_title, author, name, body, status, created_at, form_token)
           VALUES ('a', 'A', 'reader', 'X', 'y', 'pending', '2026-01-01', 'nonce-1')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });

  it("files a honeypot comment as spam and queues no email", () => {
    const id = created(store.saveComment(entry({}, { spam: true }), T0));
    expect(store.findComment(id)?.status).toBe("spam");
    expect(store.claimDue(T0, minutes(2), 10)).toEqual([]);
  });

  it("keeps the flag of a comment held for its links", () => {
    const id = created(store.saveComment(entry({}, { held: "links" }), T0));
    expect(store.findComment(id)?.heldReason).toBe("links");
    expect(store.listComments({ pendingOnly: true }).map((c) => c.id)).toEqual([id]);
  });
});

describe("moderating", () => {
  it("approves once, then says it was already approved; the article shows it oldest first", () => {
    const first = created(store.saveComment(entry(), T0));
    const second = created(
      store.saveComment(entry({ name: "Bo", email: "bo@example.com", comment: "Trail too?" }), at(1000)),
    );
    expect(store.approveComment(second, at(2000)).status).toBe("approved");
    expect(store.approveComment(first, at(3000)).status).toBe("approved");
    expect(store.approveComment(first, at(4000)).status).toBe("already-approved");
    expect(store.articleComments("fit-lifting").map((c) => [c.id, c.name])).toEqual([
      [first, "Ada"],
      [second, "Bo"],
    ]);
    expect(store.approveComment(999, T0)).toEqual({ status: "missing" });
  });

  it("deletes the text, name and address and the replies; the row says it was deleted", () => {
    const id = created(store.saveComment(entry(), T0));
    store.replyToComment(id, "Two sets of five.", "Nicole Sifuentes", at(1000));
    expect(store.deleteComment(id, at(2000)).status).toBe("deleted");
    expect(store.findComment(id)).toMatchObject({ status: "deleted", name: "", email: null, body: "", notify: false });
    expect(store.articleComments("fit-lifting")).toEqual([]);
    expect(store.listComments({ pendingOnly: false })).toEqual([]);
    expect(store.deleteComment(id, at(3000)).status).toBe("already-deleted");
    expect(store.approveComment(id, at(3000)).status).toBe("already-deleted");
    expect(store.replyToComment(id, "Late", "Nicole Sifuentes", at(3000)).status).toBe("already-deleted");
  });

  it("publishes the coach's reply nested under the comment, approves the comment, and tells a reader who asked", () => {
    const id = created(store.saveComment(entry(), T0));
    store.claimDue(T0, minutes(2), 10).forEach((due) => store.markSent(due.message.id, T0));
    const outcome = store.replyToComment(id, "Two sets of five.", "Nicole Sifuentes", at(1000));
    expect(outcome).toMatchObject({ status: "replied", notified: true, comment: { status: "approved" } });
    expect(store.articleComments("fit-lifting")).toEqual([
      expect.objectContaining({ id, parentId: null, author: "reader" }),
      expect.objectContaining({ parentId: id, author: "coach", name: "Nicole Sifuentes", body: "Two sets of five." }),
    ]);
    const [due] = store.claimDue(at(1000), minutes(2), 10);
    expect(due?.message).toMatchObject({
      kind: "comment-reply",
      data: {
        commentId: id,
        to: "Ada@Example.com",
        reply: "Two sets of five.",
        comment: "How many sets on an easy day?",
      },
    });
  });

  it("sends no reply email to a reader who did not ask, and never a reply to a reply", () => {
    const id = created(store.saveComment(entry({ notify: false }), T0));
    store.claimDue(T0, minutes(2), 10).forEach((due) => store.markSent(due.message.id, T0));
    const outcome = store.replyToComment(id, "Hello", "Nicole Sifuentes", at(1000));
    expect(outcome).toMatchObject({ status: "replied", notified: false });
    expect(store.claimDue(at(1000), minutes(2), 10)).toEqual([]);
    if (outcome.status !== "replied") return;
    expect(store.replyToComment(outcome.replyId, "Nested?", "Nicole Sifuentes", at(2000))).toEqual({
      status: "missing",
    });
  });

  it("unsubscribes every comment of the address", () => {
    const a = created(store.saveComment(entry(), T0));
    const b = created(store.saveComment(entry({ email: "ADA@example.com", comment: "Another question" }), at(1000)));
    expect(store.unsubscribeComments(a)).toEqual({ status: "unsubscribed", comments: 2 });
    expect(store.findComment(b)?.notify).toBe(false);
    expect(store.unsubscribeComments(12345)).toEqual({ status: "missing" });
  });
});

describe("forgetting a person", () => {
  it("removes their comments, the replies to them and their emails, and nobody else's", () => {
    const ada = created(store.saveComment(entry(), T0));
    store.replyToComment(ada, "Reply to Ada", "Nicole Sifuentes", at(1000));
    const bo = created(store.saveComment(entry({ name: "Bo", email: "bo@example.com", comment: "Trail?" }), at(2000)));
    store.save({ inquiry: { ...inquiry, email: "ada@example.com" }, spamReason: null }, at(3000));
    const report = store.forget(" ADA@example.com");
    expect(report).toEqual({ inquiries: 1, comments: 1, messages: 4 });
    expect(store.findComment(ada)).toBeUndefined();
    expect(store.listComments({ pendingOnly: false }).map((c) => c.id)).toEqual([bo]);
    expect(store.claimDue(at(5000), minutes(2), 10).map((d) => d.message.kind)).toEqual(["comment-notification"]);
  });
});
