/**
 * The comment tables' queries, composed into the inquiry store by `openStore` (same connection,
 * same transactions, same outbox). A reader's comment is stored pending and, unless it is spam, its
 * email to the coach is queued in the same transaction; the same address, article and text within
 * the duplicate window is the same comment; one form token carries one comment (a unique index).
 * Approving, deleting and replying say what they found, so a moderation link used twice can say
 * "already approved" or "deleted". A coach's reply is published at once and, when the reader asked,
 * queues their notification in the same transaction. It knows nothing about HTTP, wording or
 * rendering; time always comes in as an argument.
 */
import { createHash } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { z } from "astro/zod";
import type { CommentInput } from "../lib/comments/schema.ts";

/** The kinds of email comments queue (composed in comment-mail.ts). */
export const COMMENT_MESSAGE_KINDS = ["comment-notification", "comment-reply"] as const;

export const COMMENT_STATUSES = ["pending", "approved", "deleted", "spam"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** Why a comment is held with a flag for the coach: more than two links. */
export const HELD_REASONS = ["links"] as const;
export type HeldReason = (typeof HELD_REASONS)[number];

export interface NewComment {
  /** The article's slug and title, as the site knows them when the comment arrives. */
  readonly article: string;
  readonly articleTitle: string;
  readonly comment: CommentInput;
  /** A filled honeypot: stored as spam, no email queued. */
  readonly spam: boolean;
  readonly held: HeldReason | null;
  /** The nonce of the form token that carried it. */
  readonly formTokenId?: string | null;
}

export type CommentSaveResult =
  { readonly status: "created" | "duplicate"; readonly id: number } | { readonly status: "token-used" };

const storedCommentSchema = z.object({
  id: z.number().int(),
  article: z.string(),
  articleTitle: z.string(),
  parentId: z.number().int().nullable(),
  author: z.enum(["reader", "coach"]),
  name: z.string(),
  email: z.string().nullable(),
  body: z.string(),
  status: z.enum(COMMENT_STATUSES),
  heldReason: z.enum(HELD_REASONS).nullable(),
  notify: z.number().transform((value) => value === 1),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
/** A comment or reply as stored. */
export type StoredComment = z.output<typeof storedCommentSchema>;

/** What a page shows: an approved reader comment or a coach's reply (never an address). */
export interface PublishedComment {
  readonly id: number;
  readonly parentId: number | null;
  readonly author: "reader" | "coach";
  readonly name: string;
  readonly body: string;
  readonly createdAt: string;
}

/** What approving or deleting found: done now, done before, or no such comment. */
export type ModerationOutcome =
  | {
      readonly status: "approved" | "already-approved" | "deleted" | "already-deleted";
      readonly comment: StoredComment;
    }
  | { readonly status: "missing" };

export type ReplyOutcome =
  | {
      readonly status: "replied";
      readonly replyId: number;
      readonly notified: boolean;
      readonly comment: StoredComment;
    }
  | { readonly status: "already-deleted"; readonly comment: StoredComment }
  | { readonly status: "missing" };

export interface CommentStore {
  /** Stores a reader's comment (or finds its duplicate) and queues the coach's email, in one transaction. */
  saveComment(entry: NewComment, now: Date): CommentSaveResult;
  /** An article's approved comments and the coach's replies, oldest first. */
  articleComments(article: string): PublishedComment[];
  findComment(id: number): StoredComment | undefined;
  /** Every comment and reply that is not deleted, newest first; only those awaiting approval with `pendingOnly`. */
  listComments(options: { readonly pendingOnly: boolean; readonly limit?: number }): StoredComment[];
  approveComment(id: number, now: Date): ModerationOutcome;
  /** Deletes a comment's text, name and address (and its replies); the row stays to say it was deleted. */
  deleteComment(id: number, now: Date): ModerationOutcome;
  /**
   * Publishes the coach's reply to a reader's comment (approving that comment too) and queues the
   * reader's notification when they asked for one; a reply's text is not checked here.
   */
  replyToComment(id: number, body: string, coachName: string, now: Date): ReplyOutcome;
  /** Stops reply notifications to the address of comment `id`, for all its comments; how many changed. */
  unsubscribeComments(
    id: number,
  ): { readonly status: "unsubscribed"; readonly comments: number } | { readonly status: "missing" };
}

/** What the comment store needs from the store that composes it. */
export interface CommentStoreContext {
  readonly db: DatabaseSync;
  readonly transaction: <T>(work: () => T) => T;
  readonly queue: (kind: string, message: { data?: unknown; recipient?: string | null }, at: string) => number;
  readonly emailKey: (email: string) => string;
  readonly duplicateWindowMs: number;
}

const COLUMNS = `id, article, article_title AS articleTitle, parent_id AS parentId, author, name, email, body,
  status, held_reason AS heldReason, notify, created_at AS createdAt, decided_at AS decidedAt`;

function commentKey(article: string, who: string, body: string): string {
  return createHash("sha256").update(`${article}\n${who}\n${body.trim()}`).digest("hex");
}

export function createCommentStore(context: CommentStoreContext): CommentStore {
  const { db, transaction, queue, emailKey, duplicateWindowMs } = context;
  const statements = {
    duplicate: db.prepare(
      `SELECT id FROM comments WHERE dedupe_key = ? AND created_at >= ? AND status <> 'deleted' ORDER BY id LIMIT 1`,
    ),
    tokenUsed: db.prepare("SELECT 1 AS used FROM comments WHERE form_token = ?"),
    insertReader: db.prepare(
      `INSERT INTO comments (article, article_title, author, name, email, email_key, body, status, held_reason,
         notify, created_at, dedupe_key, form_token)
       VALUES (?, ?, 'reader', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertReply: db.prepare(
      `INSERT INTO comments (article, article_title, parent_id, author, name, body, status, created_at, decided_at)
       VALUES (?, ?, ?, 'coach', ?, ?, 'approved', ?, ?)`,
    ),
    byId: db.prepare(`SELECT ${COLUMNS} FROM comments WHERE id = ?`),
    published: db.prepare(
      `SELECT c.id, c.parent_id AS parentId, c.author, c.name, c.body, c.created_at AS createdAt
       FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
       WHERE c.article = ? AND c.status = 'approved' AND (c.parent_id IS NULL OR p.status = 'approved')
       ORDER BY c.created_at, c.id`,
    ),
    list: db.prepare(
      `SELECT ${COLUMNS} FROM comments WHERE status <> 'deleted' AND (? = 0 OR status = 'pending')
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    approve: db.prepare("UPDATE comments SET status = 'approved', decided_at = ? WHERE id = ?"),
    wipe: db.prepare(
      `UPDATE comments SET status = 'deleted', decided_at = ?, name = '', email = NULL, email_key = NULL, body = '',
         notify = 0, dedupe_key = NULL WHERE id = ?`,
    ),
    deleteReplies: db.prepare("DELETE FROM comments WHERE parent_id = ?"),
    unsubscribe: db.prepare("UPDATE comments SET notify = 0 WHERE email_key = ? AND notify = 1"),
  };

  const find = (id: number): StoredComment | undefined => {
    const row = statements.byId.get(id);
    return row === undefined ? undefined : storedCommentSchema.parse(row);
  };

  return {
    saveComment({ article, articleTitle, comment, spam, held, formTokenId = null }, now) {
      return transaction((): CommentSaveResult => {
        const at = now.toISOString();
        const email = comment.email ?? null;
        const key = commentKey(
          article,
          email === null ? `name:${comment.name.toLowerCase()}` : emailKey(email),
          comment.comment,
        );
        const since = new Date(now.getTime() - duplicateWindowMs).toISOString();
        const duplicate = statements.duplicate.get(key, since)?.["id"];
        if (typeof duplicate === "number") return { status: "duplicate", id: duplicate };
        if (formTokenId !== null && statements.tokenUsed.get(formTokenId) !== undefined)
          return { status: "token-used" };
        const id = Number(
          statements.insertReader.run(
            article,
            articleTitle,
            comment.name,
            email,
            email === null ? null : emailKey(email),
            comment.comment,
            spam ? "spam" : "pending",
            held,
            comment.notify ? 1 : 0,
            at,
            key,
            formTokenId,
          ).lastInsertRowid,
        );
        if (!spam) {
          queue(
            "comment-notification",
            {
              data: { commentId: id, article, articleTitle, name: comment.name, body: comment.comment, held },
              recipient: email,
            },
            at,
          );
        }
        return { status: "created", id };
      });
    },

    articleComments(article) {
      return statements.published.all(article).map((row) => ({
        id: Number(row["id"]),
        parentId: row["parentId"] === null ? null : Number(row["parentId"]),
        author: row["author"] === "coach" ? "coach" : "reader",
        name: String(row["name"]),
        body: String(row["body"]),
        createdAt: String(row["createdAt"]),
      }));
    },

    findComment: find,

    listComments({ pendingOnly, limit }) {
      return statements.list.all(pendingOnly ? 1 : 0, limit ?? -1).map((row) => storedCommentSchema.parse(row));
    },

    approveComment(id, now) {
      return transaction((): ModerationOutcome => {
        const comment = find(id);
        if (comment === undefined) return { status: "missing" };
        if (comment.status === "deleted") return { status: "already-deleted", comment };
        if (comment.status === "approved") return { status: "already-approved", comment };
        statements.approve.run(now.toISOString(), id);
        return { status: "approved", comment: { ...comment, status: "approved", decidedAt: now.toISOString() } };
      });
    },

    deleteComment(id, now) {
      return transaction((): ModerationOutcome => {
        const comment = find(id);
        if (comment === undefined) return { status: "missing" };
        if (comment.status === "deleted") return { status: "already-deleted", comment };
        statements.deleteReplies.run(id);
        statements.wipe.run(now.toISOString(), id);
        return { status: "deleted", comment };
      });
    },

    replyToComment(id, body, coachName, now) {
      return transaction((): ReplyOutcome => {
        const comment = find(id);
        if (comment === undefined || comment.author !== "reader") return { status: "missing" };
        if (comment.status === "deleted") return { status: "already-deleted", comment };
        const at = now.toISOString();
        if (comment.status !== "approved") statements.approve.run(at, id);
        const replyId = Number(
          statements.insertReply.run(comment.article, comment.articleTitle, id, coachName, body, at, at)
            .lastInsertRowid,
        );
        const notified = comment.notify && comment.email !== null;
        if (notified && comment.email !== null) {
          queue(
            "comment-reply",
            {
              data: {
                commentId: id,
                replyId,
                to: comment.email,
                name: comment.name,
                article: comment.article,
                articleTitle: comment.articleTitle,
                comment: comment.body,
                reply: body,
              },
              recipient: comment.email,
            },
            at,
          );
        }
        return { status: "replied", replyId, notified, comment: find(id) ?? comment };
      });
    },

    unsubscribeComments(id) {
      const comment = find(id);
      const address = comment?.email;
      if (comment === undefined || address === null || address === undefined) return { status: "missing" };
      return { status: "unsubscribed", comments: Number(statements.unsubscribe.run(emailKey(address)).changes) };
    },
  };
}
