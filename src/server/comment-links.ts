/**
 * The signed links in comment emails: Approve and Delete for the coach, Unsubscribe for a reader
 * who asked to hear about replies. Each names the comment (its id) and what it may do (its
 * purpose); it only opens a page, and that page's POST acts (signed-link.ts). Moderation links work
 * for 30 days, long enough for a coach between training blocks; the command line works after that.
 * An unsubscribe link works for five years, since a reader may find an old email. It knows nothing
 * about the database.
 */
import type { LinkCheck, LinkSigner } from "./signed-link.ts";

export const COMMENT_ACTIONS = ["approve", "delete", "unsubscribe"] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/** Where each action's confirmation page lives. */
export const COMMENT_ACTION_PATHS: Readonly<Record<CommentAction, string>> = {
  approve: "/comments/approve/",
  delete: "/comments/delete/",
  unsubscribe: "/comments/unsubscribe/",
};

const DAY_MS = 24 * 60 * 60 * 1000;
export const LINK_LIFETIME_MS: Readonly<Record<CommentAction, number>> = {
  approve: 30 * DAY_MS,
  delete: 30 * DAY_MS,
  unsubscribe: 5 * 365 * DAY_MS,
};

const purpose = (action: CommentAction) => `comment-${action}`;

/** The absolute address of `action` for comment `commentId`, signed from `now`. */
export function commentActionUrl(
  links: LinkSigner,
  siteUrl: string,
  action: CommentAction,
  commentId: number,
  now: Date,
): string {
  const token = links.sign(purpose(action), String(commentId), new Date(now.getTime() + LINK_LIFETIME_MS[action]));
  const url = new URL(COMMENT_ACTION_PATHS[action], siteUrl);
  url.searchParams.set("token", token);
  return url.href;
}

export type CommentLinkCheck =
  | { readonly status: "ok"; readonly commentId: number }
  | { readonly status: "expired"; readonly commentId: number }
  | { readonly status: "invalid" };

/** Checks a token from a page address or form (untrusted) for `action` at `now`. */
export function checkCommentLink(
  links: LinkSigner,
  action: CommentAction,
  token: string | null | undefined,
  now: Date,
): CommentLinkCheck {
  const check: LinkCheck = links.verify(purpose(action), token, now);
  if (check.status === "invalid") return check;
  if (!/^[1-9]\d{0,14}$/.test(check.subject)) return { status: "invalid" };
  return { status: check.status, commentId: Number(check.subject) };
}
