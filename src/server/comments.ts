/**
 * Comments as the site's routes use them, framework-free: a reader's post (the shared pipeline of
 * submission.ts, then the comment schema, then the store, with the coach's email queued in the same
 * transaction), an article's published comments, and the pages behind the signed links in emails
 * (approve, delete, reply, unsubscribe). A link only opens a page; a POST from that page (the same
 * origin, the same token) acts, so a mail scanner following links changes nothing, and a link used
 * again says what was already done. Every answer is data for a page or a Response; nothing throws
 * to the route, and store failures are logged and answered 503. It knows nothing about Astro.
 */
import { COMMENT_LIMITS, commentBody } from "../lib/comments/schema.ts";
import type { CommentField } from "../lib/comments/schema.ts";
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD, parseComment, toCommentValues } from "../lib/comments/input.ts";
import { countLinks } from "../lib/comments/render.ts";
import { extraField } from "./body.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import type { Clock } from "./clock.ts";
import { checkCommentLink } from "./comment-links.ts";
import type { CommentAction } from "./comment-links.ts";
import type { PublishedComment, StoredComment } from "./comment-store.ts";
import { describeError } from "./logger.ts";
import type { Logger } from "./logger.ts";
import type { Outbox } from "./outbox.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { invalid, resend, unavailable } from "./result.ts";
import type { BodyMode, Rejection } from "./result.ts";
import type { LinkSigner } from "./signed-link.ts";
import { admitSubmission, bodyModeFor, freshToken, openSubmission } from "./submission.ts";
import type { RefusalMessages } from "./submission.ts";

/** What a reader reads after posting (the page, the enhanced form and the article all say this). */
export const COMMENT_RECEIVED = "Thanks: your comment will appear once approved.";
/** The fragment of the article that shows COMMENT_RECEIVED after a plain-HTML post. */
export const COMMENT_RECEIVED_ID = "comment-received";

export const COMMENT_REFUSALS: RefusalMessages = {
  method: "Comments can only be sent with POST.",
  contentType: "Please send the comment as a form or as JSON.",
  origin: "Comments can only be sent from this site's own pages.",
  tooLarge: "Your comment is too large to send. Please shorten it and try again.",
  unreadable: "We could not read your comment. Please try sending it again.",
  badJson: "We could not read your comment (it was not valid JSON).",
  unavailable: "We could not save your comment just now. Please try again in a minute.",
  resend: "Almost there: please press Post once more to confirm. Everything you wrote is still here.",
};

/** The article a comment is for, as the site knows it. */
export interface ArticleRef {
  readonly slug: string;
  readonly title: string;
}

export type CommentResult =
  | {
      readonly kind: "accepted";
      readonly mode: BodyMode;
      readonly status: 201 | 303;
      readonly headers: Readonly<Record<string, string>>;
      readonly message: string;
    }
  | Rejection<CommentField>;

/** What a moderation or unsubscribe page shows, and its HTTP status. */
export type LinkPage =
  | { readonly state: "invalid"; readonly status: 400 }
  | { readonly state: "expired"; readonly status: 410; readonly commentId: number }
  | { readonly state: "missing"; readonly status: 404 }
  | { readonly state: "refused"; readonly status: 403 | 405 | 413 | 415 | 400; readonly message: string }
  | {
      readonly state: "confirm";
      readonly status: 200;
      readonly token: string;
      readonly comment: StoredComment;
    }
  | {
      /** Done by this request, or found already done ("already"). */
      readonly state: "done" | "already";
      readonly status: 200;
      readonly outcome: "approved" | "deleted" | "replied" | "unsubscribed";
      readonly token: string;
      readonly comment: StoredComment;
      /** For a reply: whether the reader is told by email. */
      readonly notified?: boolean;
    }
  | {
      readonly state: "reply-invalid";
      readonly status: 422;
      readonly token: string;
      readonly comment: StoredComment;
      readonly error: string;
      readonly reply: string;
    }
  | { readonly state: "unavailable"; readonly status: 503 };

export interface CommentServiceOptions {
  readonly store: AsyncInquiryStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly links: LinkSigner;
  /** Its own limiter: comments and inquiries are counted apart. */
  readonly rateLimiter: RateLimiter;
  readonly allowedOrigins: readonly string[];
  readonly formSecrets: readonly string[];
  readonly minFillMs: number;
  /** The name a reply is published under. */
  readonly coachName: string;
  readonly outbox: Pick<Outbox, "wake"> | null;
}

export interface CommentService {
  /** An article's approved comments with the coach's replies, oldest first; undefined when unreadable (logged). */
  published(article: string): Promise<PublishedComment[] | undefined>;
  /** Handles a reader's post for `article`. Never throws. */
  handle(request: Request, article: ArticleRef, clientAddress: string | undefined): Promise<CommentResult>;
  /** The page a signed link opens (GET): it changes nothing. */
  open(action: CommentAction, token: string | null): Promise<LinkPage>;
  /** The page's POST: checks origin and token, then acts. Never throws. */
  act(action: CommentAction, request: Request): Promise<LinkPage>;
}

const MODERATION_REFUSALS: RefusalMessages = {
  ...COMMENT_REFUSALS,
  method: "Use the button on this page.",
  origin: "This action can only be confirmed on this site's own page.",
  tooLarge: "The reply is too large. Please shorten it.",
  unreadable: "We could not read the form. Please try again.",
  badJson: "We could not read the form. Please try again.",
};

/** The article address a plain-HTML post returns to, showing COMMENT_RECEIVED. */
export function receivedPath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}/#${COMMENT_RECEIVED_ID}`;
}

/** The answer to a comment post as a web Response (JSON for the enhanced form, else a redirect). */
export function commentResponse(result: CommentResult): Response {
  if (result.kind !== "accepted") {
    const headers = new Headers(result.headers);
    headers.set("Content-Type", "application/json; charset=utf-8");
    const body =
      result.kind === "invalid"
        ? { message: "Please check the highlighted fields.", errors: result.errors }
        : result.kind === "resend"
          ? { message: result.message, resend: true, formToken: result.formToken }
          : { message: result.message };
    return new Response(JSON.stringify(body), { status: result.status, headers });
  }
  const headers = new Headers(result.headers);
  if (result.mode === "form") return new Response(null, { status: 303, headers });
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify({ message: result.message }), { status: 201, headers });
}

const replySchema = commentBody("reply");

export function createCommentService(options: CommentServiceOptions): CommentService {
  const { store, clock, logger, links } = options;
  const admission = { ...options, formSecrets: options.formSecrets, minFillMs: options.minFillMs };

  async function post(
    request: Request,
    article: ArticleRef,
    clientAddress: string | undefined,
  ): Promise<CommentResult> {
    const opened = await openSubmission(request, options, COMMENT_REFUSALS);
    if (!opened.ok) return opened.result;
    const { mode, source } = opened;
    const values = mode === "form" ? toCommentValues(source) : {};
    const formToken = extraField(source, FORM_TOKEN_FIELD);
    const validation = parseComment(source);
    if (!validation.ok) return invalid(mode, validation.errors, values, formToken);
    try {
      const admitted = admitSubmission(admission, {
        mode,
        values,
        formToken,
        honeypot: (extraField(source, HONEYPOT_FIELD) ?? "").trim() !== "",
        clientAddress,
        noun: "comment",
        plural: "comments",
        resendMessage: COMMENT_REFUSALS.resend,
      });
      if (!admitted.ok) return admitted.result;
      const held = countLinks(validation.value.comment) > 2 ? "links" : null;
      const saved = await store.saveComment(
        {
          article: article.slug,
          articleTitle: article.title,
          comment: validation.value,
          spam: admitted.spam,
          held,
          formTokenId: admitted.formTokenId,
        },
        admitted.now,
      );
      if (saved.status === "token-used") {
        logger.info("comment form token already used: asked to send once more");
        return resend(mode, values, freshToken(admission), COMMENT_REFUSALS.resend);
      }
      if (saved.status === "duplicate") logger.info("duplicate comment, first one kept", { id: saved.id });
      else if (admitted.spam) logger.info("comment stored as spam", { id: saved.id, reason: "honeypot" });
      else {
        logger.info("comment stored", { id: saved.id, article: article.slug, held: held ?? "no" });
        options.outbox?.wake();
      }
      const headers = { "Cache-Control": "no-store" };
      return mode === "form"
        ? {
            kind: "accepted",
            mode,
            status: 303,
            headers: { ...headers, Location: receivedPath(article.slug) },
            message: COMMENT_RECEIVED,
          }
        : { kind: "accepted", mode, status: 201, headers, message: COMMENT_RECEIVED };
    } catch (error) {
      logger.error("comment could not be stored", { error: describeError(error) });
      return unavailable(mode, values, formToken, COMMENT_REFUSALS.unavailable);
    }
  }

  /** The comment a token names, or the page that says why there is none. */
  async function resolve(
    action: CommentAction,
    token: string | null | undefined,
  ): Promise<{ page: LinkPage } | { comment: StoredComment; token: string }> {
    const check = checkCommentLink(links, action, token, clock.now());
    if (check.status === "invalid") return { page: { state: "invalid", status: 400 } };
    if (check.status === "expired") return { page: { state: "expired", status: 410, commentId: check.commentId } };
    const comment = await store.findComment(check.commentId);
    if (comment === undefined) return { page: { state: "missing", status: 404 } };
    return { comment, token: (token ?? "").trim() };
  }

  async function open(action: CommentAction, token: string | null): Promise<LinkPage> {
    const found = await resolve(action, token);
    if ("page" in found) return found.page;
    const { comment } = found;
    if (comment.status === "deleted") {
      return { state: "already", status: 200, outcome: "deleted", token: found.token, comment };
    }
    if (action === "approve" && comment.status === "approved") {
      return { state: "already", status: 200, outcome: "approved", token: found.token, comment };
    }
    return { state: "confirm", status: 200, token: found.token, comment };
  }

  async function act(action: CommentAction, request: Request): Promise<LinkPage> {
    const opened = await openSubmission(request, { ...options, maxBodyBytes: 16 * 1024 }, MODERATION_REFUSALS);
    if (!opened.ok) {
      const { status, message } = opened.result;
      return { state: "refused", status: status === 429 || status === 503 ? 400 : status, message };
    }
    // RFC 8058's one-click POST carries the token in the address, not the body.
    const token = extraField(opened.source, "token") ?? new URL(request.url).searchParams.get("token");
    const found = await resolve(action, token);
    if ("page" in found) return found.page;
    const now = clock.now();
    const base = { status: 200 as const, token: found.token };
    switch (action) {
      case "approve": {
        const replyText = extraField(opened.source, "reply") ?? "";
        if (replyText.trim() === "") {
          const outcome = await store.approveComment(found.comment.id, now);
          if (outcome.status === "missing") return { state: "missing", status: 404 };
          logger.info("comment moderated", { id: found.comment.id, outcome: outcome.status });
          return outcome.status === "approved"
            ? { ...base, state: "done", outcome: "approved", comment: outcome.comment }
            : {
                ...base,
                state: "already",
                outcome: outcome.status === "already-deleted" ? "deleted" : "approved",
                comment: outcome.comment,
              };
        }
        const reply = replySchema.safeParse(replyText);
        if (!reply.success) {
          const error = reply.error.issues[0]?.message ?? `Please write at most ${COMMENT_LIMITS.bodyMax} characters.`;
          return {
            state: "reply-invalid",
            status: 422,
            token: found.token,
            comment: found.comment,
            error,
            reply: replyText,
          };
        }
        const outcome = await store.replyToComment(found.comment.id, reply.data, options.coachName, now);
        if (outcome.status === "missing") return { state: "missing", status: 404 };
        if (outcome.status === "already-deleted")
          return { ...base, state: "already", outcome: "deleted", comment: outcome.comment };
        logger.info("coach replied to a comment", {
          id: found.comment.id,
          reply: outcome.replyId,
          notified: outcome.notified,
        });
        if (outcome.notified) options.outbox?.wake();
        return { ...base, state: "done", outcome: "replied", comment: outcome.comment, notified: outcome.notified };
      }
      case "delete": {
        const outcome = await store.deleteComment(found.comment.id, now);
        if (outcome.status === "missing") return { state: "missing", status: 404 };
        logger.info("comment moderated", { id: found.comment.id, outcome: outcome.status });
        return {
          ...base,
          state: outcome.status === "deleted" ? "done" : "already",
          outcome: "deleted",
          comment: outcome.comment,
        };
      }
      case "unsubscribe": {
        await store.unsubscribeComments(found.comment.id);
        logger.info("reader unsubscribed from reply emails", { id: found.comment.id });
        return { ...base, state: "done", outcome: "unsubscribed", comment: found.comment };
      }
    }
  }

  return {
    async published(article) {
      try {
        return await store.articleComments(article);
      } catch (error) {
        logger.error("comments could not be read", { article, error: describeError(error) });
        return undefined;
      }
    },
    async handle(request, article, clientAddress) {
      try {
        return await post(request, article, clientAddress);
      } catch (error) {
        logger.error("comment handler failed", { error: describeError(error) });
        return unavailable(bodyModeFor(request), {}, undefined, COMMENT_REFUSALS.unavailable);
      }
    },
    async open(action, token) {
      try {
        return await open(action, token);
      } catch (error) {
        logger.error("comment link page failed", { error: describeError(error) });
        return { state: "unavailable", status: 503 };
      }
    },
    async act(action, request) {
      try {
        return await act(action, request);
      } catch (error) {
        logger.error("comment action failed", { error: describeError(error) });
        return { state: "unavailable", status: 503 };
      }
    },
  };
}
