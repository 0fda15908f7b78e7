/**
 * The coach's comment commands behind `npm run comments -- <command>`: list (newest first, or only
 * those awaiting approval), approve, delete, and reply (published at once as hers; the reader is
 * emailed when they asked, through the outbox the running server sends from). The same store
 * methods as the signed links, so both say the same things ("already approved", "deleted").
 * Terminal output has control characters escaped. It knows nothing about environment variables or
 * process exit; scripts/comments.ts wires those in. Uses only TypeScript that Node can strip.
 */
import { parseArgs } from "node:util";
import { commentBody } from "../lib/comments/schema.ts";
import type { StoredComment } from "./comment-store.ts";
import type { CliIo } from "./cli.ts";
import type { InquiryStore } from "./store.ts";
import { printableBlock, printableLine } from "./terminal.ts";

export interface CommentCliDeps {
  /** Opens the database; may throw (a ConfigError, say), which is reported with exit code 2. */
  openStore(): InquiryStore;
  /** The name the coach's replies are published under. */
  readonly coachName: string;
  /** The reply's text when `--text` is not given (standard input). */
  readReply(): string;
  now(): Date;
}

export const COMMENT_USAGE = `Usage: npm run comments -- <command>

  list [--pending] [--limit N]   newest first: every comment and reply with its status, or only
                                 those waiting for approval (--pending)
  approve <id>                   publish a comment under its article
  delete <id>                    delete a comment (its text, name and address) and its replies
  reply <id> [--text "..."]      publish a reply as yours under comment <id> (approving it too);
                                 without --text the reply is read from standard input. The reader
                                 is emailed when they asked to be.
`;

class UsageError extends Error {
  override name = "UsageError";
}

const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  list: ["pending", "limit"],
  approve: [],
  delete: [],
  reply: ["text"],
};

function status(comment: StoredComment): string {
  const held = comment.heldReason === "links" ? ", held: >2 links" : "";
  return `${comment.status}${held}`;
}

function firstLine(text: string, width: number): string {
  const line = printableLine(text.replace(/\s+/g, " ").trim());
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function list(store: InquiryStore, pendingOnly: boolean, limit: number | undefined, io: CliIo): void {
  const comments = store.listComments(limit === undefined ? { pendingOnly } : { pendingOnly, limit });
  if (comments.length === 0) {
    io.out(pendingOnly ? "No comments are waiting for approval.\n" : "No comments yet.\n");
    return;
  }
  io.out(
    `${["ID".padEnd(6), "RECEIVED".padEnd(17), "STATUS".padEnd(24), "ARTICLE".padEnd(32), "NAME".padEnd(20), "COMMENT"].join(" ")}\n`,
  );
  for (const c of comments) {
    const who = c.author === "coach" ? `${c.name} (reply to ${c.parentId ?? "?"})` : c.name;
    io.out(
      `${[
        String(c.id).padEnd(6),
        c.createdAt.slice(0, 16).replace("T", " ").padEnd(17),
        status(c).padEnd(24),
        firstLine(c.article, 32).padEnd(32),
        firstLine(who, 20).padEnd(20),
        firstLine(c.body, 60),
      ].join(" ")}\n`,
    );
  }
}

function commentId(text: string | undefined): number {
  if (text === undefined || !/^[1-9]\d{0,14}$/.test(text))
    throw new UsageError("give the comment's id (a number, see `list`)");
  return Number(text);
}

function run(argv: readonly string[], store: () => InquiryStore, deps: CommentCliDeps, io: CliIo): void {
  const [command, ...rest] = argv;
  const allowed = command === undefined ? undefined : OPTIONS[command];
  if (command === undefined || allowed === undefined)
    throw new UsageError(`unknown command "${printableLine(command ?? "")}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { pending: { type: "boolean" }, limit: { type: "string" }, text: { type: "string" } },
  });
  const stray = Object.keys(values).find((name) => !allowed.includes(name));
  if (stray !== undefined) throw new UsageError(`${command} does not take --${stray}`);
  if (positionals.length > (command === "list" ? 0 : 1)) throw new UsageError(`${command} takes one comment id`);
  const now = deps.now();
  switch (command) {
    case "list": {
      const limit = values.limit;
      if (limit !== undefined && !/^[1-9]\d{0,5}$/.test(limit))
        throw new UsageError("--limit must be a positive whole number");
      list(store(), values.pending ?? false, limit === undefined ? undefined : Number(limit), io);
      return;
    }
    case "approve": {
      const id = commentId(positionals[0]);
      const outcome = store().approveComment(id, now);
      if (outcome.status === "missing") throw new UsageError(`no comment ${id}`);
      const where = outcome.comment.article;
      io.out(
        {
          approved: `Comment ${id} is approved and published under ${where}.\n`,
          "already-approved": `Comment ${id} was already approved.\n`,
          "already-deleted": `Comment ${id} was deleted: there is nothing to approve.\n`,
          deleted: "",
        }[outcome.status],
      );
      return;
    }
    case "delete": {
      const id = commentId(positionals[0]);
      const outcome = store().deleteComment(id, now);
      if (outcome.status === "missing") throw new UsageError(`no comment ${id}`);
      io.out(outcome.status === "deleted" ? `Comment ${id} is deleted.\n` : `Comment ${id} was already deleted.\n`);
      return;
    }
    case "reply": {
      const id = commentId(positionals[0]);
      const parsed = commentBody("reply").safeParse(values.text ?? deps.readReply());
      if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "the reply is not valid");
      const outcome = store().replyToComment(id, parsed.data, deps.coachName, now);
      if (outcome.status === "missing") throw new UsageError(`no reader's comment ${id}`);
      if (outcome.status === "already-deleted") {
        io.out(`Comment ${id} was deleted: the reply was not published.\n`);
        return;
      }
      io.out(`Reply ${outcome.replyId} is published under comment ${id}:\n${printableBlock(parsed.data)}\n`);
      io.out(
        outcome.notified
          ? "The reader asked to hear about replies: their email is queued; the running server sends it.\n"
          : "The reader did not ask for an email about replies.\n",
      );
      return;
    }
  }
}

/** Runs one command; the exit code (0 ok, 1 usage or not found, 2 cannot open the database). */
export function runCommentCli(argv: readonly string[], io: CliIo, deps: CommentCliDeps): number {
  const [command] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.out(COMMENT_USAGE);
    return command === undefined ? 1 : 0;
  }
  let opened: InquiryStore | undefined;
  let openError: unknown;
  const store = (): InquiryStore => {
    if (opened !== undefined) return opened;
    try {
      opened = deps.openStore();
      return opened;
    } catch (error) {
      openError = error;
      throw error;
    }
  };
  try {
    run(argv, store, deps, io);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (openError !== undefined) {
      io.err(`Cannot open the database: ${message}\n`);
      return 2;
    }
    const usage = error instanceof UsageError || (error instanceof TypeError && "code" in error);
    io.err(`${message}\n${usage ? `\n${COMMENT_USAGE}` : ""}`);
    return 1;
  } finally {
    opened?.close();
  }
}
