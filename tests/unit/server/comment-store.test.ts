/**
 * The SQLite store's own rules for comments, which hold whatever the code checked: one comment per
 * form token, a reply only under a reader's comment. What every store must do with comments is in
 * store-contract-comments.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseSync } from "node:sqlite";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import type { NewComment } from "../../../src/server/comment-store.ts";
import { T0, tempDir } from "./helpers.ts";

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

describe("the database's own rules", () => {
  it("refuses a second comment with one form token, even from plain SQL", () => {
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

  it("refuses a reply to anything but a reader's comment, even from plain SQL", () => {
    const id = created(store.saveComment(entry(), T0));
    const replied = store.replyToComment(id, "Two sets.", "Nicole Sifuentes", at(1000));
    if (replied.status !== "replied") throw new Error("not replied");
    const db = new DatabaseSync(tmp.dbPath);
    const reply = (parent: number) =>
      db
        .prepare(
          `INSERT INTO comments (article, article_title, parent_id, author, name, body, status, created_at)
           VALUES ('a', 'A', ?, 'coach', 'N', 'y', 'approved', '2026-01-01')`,
        )
        .run(parent);
    try {
      expect(() => reply(replied.replyId)).toThrow(/a reply must answer a reader's comment/);
      expect(() => reply(999)).toThrow(/a reply must answer a reader's comment/);
      expect(() => reply(id)).not.toThrow();
    } finally {
      db.close();
    }
  });
});
