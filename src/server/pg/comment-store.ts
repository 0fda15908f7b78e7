/**
 * The comments part of the PostgreSQL store (store.ts composes it in), with the meaning of the
 * SQLite one (../comment-store.ts): a reader's comment is stored pending with the coach's email
 * queued in the same transaction; approving, deleting and replying say what they found. What
 * differs is who keeps the rules when instances write at once: the same address, article and text
 * within the duplicate window stays one comment through an exclusion constraint (not a check
 * before the insert), one form token carries one comment through a unique index, and a moderation
 * step locks its comment's row, so a delete and a reply arriving together on two instances take
 * turns. It knows nothing about HTTP, wording or rendering; time always comes in as an argument.
 */
import type { PoolClient } from "pg";
import { z } from "astro/zod";
import type { AsyncInquiryStore } from "../async-store.ts";
import { commentKey, storedCommentSchema } from "../comment-store.ts";
import type {
  CommentSaveResult,
  CommentStore,
  ModerationOutcome,
  PublishedComment,
  ReplyOutcome,
  StoredComment,
} from "../comment-store.ts";
import { emailKey } from "../store.ts";
import type { QueuedMessage } from "../store.ts";

/** What the store hands the comments part: its way to run a call and to queue mail in a transaction. */
export interface PostgresCommentDeps {
  readonly call: <T>(
    method: string,
    work: (client: PoolClient) => Promise<T>,
    options?: { readonly transaction?: boolean },
  ) => Promise<T>;
  readonly queueIn: (client: PoolClient, kind: string, message: QueuedMessage, at: string) => Promise<number>;
  readonly duplicateWindowMs: number;
}

const COLUMNS = `id, article, article_title AS "articleTitle", parent_id AS "parentId", author, name, email, body,
  status, held_reason AS "heldReason", notify::int AS notify, created_at AS "createdAt", decided_at AS "decidedAt"`;

const idRow = z.object({ id: z.number().int() });
const publishedRow = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  author: z.enum(["reader", "coach"]),
  name: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

async function findIn(client: PoolClient, id: number, lock = false): Promise<StoredComment | undefined> {
  const result = await client.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM comments WHERE id = $1 ${lock ? "FOR UPDATE" : ""}`,
    [id],
  );
  const [row] = result.rows;
  return row === undefined ? undefined : storedCommentSchema.parse(row);
}

/** The comment methods of an open PostgreSQL store. */
export function openPostgresComments({
  call,
  queueIn,
  duplicateWindowMs,
}: PostgresCommentDeps): Pick<AsyncInquiryStore, keyof CommentStore> {
  /** The earliest comment one with `key` saved at `now` repeats (what the exclusion constraint tests). */
  async function duplicateOf(client: PoolClient, key: string, now: Date): Promise<number | undefined> {
    const since = new Date(now.getTime() - duplicateWindowMs).toISOString();
    const result = await client.query(
      `SELECT id FROM comments WHERE dedupe_key = $1 AND (created_at >= $2 OR duplicate_until >= $3)
       ORDER BY id LIMIT 1`,
      [key, since, now.toISOString()],
    );
    return result.rows.map((row) => idRow.parse(row).id)[0];
  }

  return {
    saveComment: ({ article, articleTitle, comment, spam, held, formTokenId = null }, now) =>
      call(
        "saveComment",
        async (client): Promise<CommentSaveResult> => {
          const at = now.toISOString();
          const email = comment.email ?? null;
          const key = commentKey(
            article,
            email === null ? `name:${comment.name.toLowerCase()}` : emailKey(email),
            comment.comment,
          );
          const until = new Date(now.getTime() + duplicateWindowMs).toISOString();
          // A conflict that has gone by the time it is looked up (its row deleted meanwhile) is tried again.
          for (let attempt = 0; attempt < 3; attempt += 1) {
            const inserted = await client.query(
              `INSERT INTO comments (article, article_title, author, name, email, email_key, body, status, held_reason,
                 notify, created_at, dedupe_key, duplicate_until, form_token)
               VALUES ($1, $2, 'reader', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
               ON CONFLICT DO NOTHING
               RETURNING id`,
              [
                article,
                articleTitle,
                comment.name,
                email,
                email === null ? null : emailKey(email),
                comment.comment,
                spam ? "spam" : "pending",
                held,
                comment.notify,
                at,
                key,
                until,
                formTokenId,
              ],
            );
            const [row] = inserted.rows.map((r) => idRow.parse(r));
            if (row !== undefined) {
              if (!spam) {
                await queueIn(
                  client,
                  "comment-notification",
                  {
                    data: { commentId: row.id, article, articleTitle, name: comment.name, body: comment.comment, held },
                    recipient: email,
                  },
                  at,
                );
              }
              return { status: "created", id: row.id };
            }
            // The insert met a constraint: a repeat (perhaps committed by another instance a moment
            // ago) or a form token already used.
            const duplicate = await duplicateOf(client, key, now);
            if (duplicate !== undefined) return { status: "duplicate", id: duplicate };
            if (formTokenId !== null) {
              const used = await client.query("SELECT 1 FROM comments WHERE form_token = $1", [formTokenId]);
              if ((used.rowCount ?? 0) > 0) return { status: "token-used" };
            }
          }
          throw new Error("could not store the comment: every attempt met a conflicting row");
        },
        { transaction: true },
      ),

    articleComments: (article) =>
      call("articleComments", async (client): Promise<PublishedComment[]> => {
        const result = await client.query(
          `SELECT c.id, c.parent_id AS "parentId", c.author, c.name, c.body, c.created_at AS "createdAt"
           FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
           WHERE c.article = $1 AND c.status = 'approved' AND (c.parent_id IS NULL OR p.status = 'approved')
           ORDER BY c.created_at, c.id`,
          [article],
        );
        return result.rows.map((row) => publishedRow.parse(row));
      }),

    findComment: (id) => call("findComment", (client) => findIn(client, id)),

    listComments: ({ pendingOnly, limit }) =>
      call("listComments", async (client) => {
        const result = await client.query<Record<string, unknown>>(
          `SELECT ${COLUMNS} FROM comments WHERE status <> 'deleted' AND (NOT $1 OR status = 'pending')
           ORDER BY created_at DESC, id DESC LIMIT $2`,
          [pendingOnly, limit ?? null],
        );
        return result.rows.map((row) => storedCommentSchema.parse(row));
      }),

    approveComment: (id, now) =>
      call(
        "approveComment",
        async (client): Promise<ModerationOutcome> => {
          const comment = await findIn(client, id, true);
          if (comment === undefined) return { status: "missing" };
          if (comment.status === "deleted") return { status: "already-deleted", comment };
          if (comment.status === "approved") return { status: "already-approved", comment };
          const at = now.toISOString();
          await client.query("UPDATE comments SET status = 'approved', decided_at = $1 WHERE id = $2", [at, id]);
          return { status: "approved", comment: { ...comment, status: "approved", decidedAt: at } };
        },
        { transaction: true },
      ),

    deleteComment: (id, now) =>
      call(
        "deleteComment",
        async (client): Promise<ModerationOutcome> => {
          const comment = await findIn(client, id, true);
          if (comment === undefined) return { status: "missing" };
          if (comment.status === "deleted") return { status: "already-deleted", comment };
          await client.query("DELETE FROM comments WHERE parent_id = $1", [id]);
          await client.query(
            `UPDATE comments SET status = 'deleted', decided_at = $1, name = '', email = NULL, email_key = NULL,
               body = '', notify = false, dedupe_key = NULL, duplicate_until = NULL WHERE id = $2`,
            [now.toISOString(), id],
          );
          return { status: "deleted", comment };
        },
        { transaction: true },
      ),

    replyToComment: (id, body, coachName, now) =>
      call(
        "replyToComment",
        async (client): Promise<ReplyOutcome> => {
          // Locked: a delete on another instance waits for the reply, or the reply sees the delete.
          const comment = await findIn(client, id, true);
          if (comment === undefined || comment.author !== "reader") return { status: "missing" };
          if (comment.status === "deleted") return { status: "already-deleted", comment };
          const at = now.toISOString();
          if (comment.status !== "approved") {
            await client.query("UPDATE comments SET status = 'approved', decided_at = $1 WHERE id = $2", [at, id]);
          }
          const inserted = await client.query(
            `INSERT INTO comments (article, article_title, parent_id, author, name, body, status, created_at, decided_at)
             VALUES ($1, $2, $3, 'coach', $4, $5, 'approved', $6, $6) RETURNING id`,
            [comment.article, comment.articleTitle, id, coachName, body, at],
          );
          const [reply] = inserted.rows.map((row) => idRow.parse(row));
          if (reply === undefined) throw new Error("the reply insert returned no id");
          const notified = comment.notify && comment.email !== null;
          if (notified && comment.email !== null) {
            await queueIn(
              client,
              "comment-reply",
              {
                data: {
                  commentId: id,
                  replyId: reply.id,
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
          return { status: "replied", replyId: reply.id, notified, comment: (await findIn(client, id)) ?? comment };
        },
        { transaction: true },
      ),

    unsubscribeComments: (id) =>
      call("unsubscribeComments", async (client) => {
        const comment = await findIn(client, id);
        const address = comment?.email;
        if (comment === undefined || address === null || address === undefined) return { status: "missing" as const };
        const result = await client.query("UPDATE comments SET notify = false WHERE email_key = $1 AND notify", [
          emailKey(address),
        ]);
        return { status: "unsubscribed" as const, comments: result.rowCount ?? 0 };
      }),
  };
}
