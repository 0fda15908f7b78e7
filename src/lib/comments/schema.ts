/**
 * A reader's comment under an article: one zod schema the comment form checks before sending and
 * the server checks again before storing. The name is shown with the comment; the email address is
 * never shown and is asked for only so a reader who ticks "tell me when Nicole replies" can be told,
 * so it is required then and optional otherwise. The comment is plain text, kept exactly as typed
 * (line breaks included) and turned into HTML only when shown (render.ts). Written with zod's
 * functional API (`zod/mini`) because the browser loads it too. It knows nothing about HTTP, spam
 * rules or storage.
 */
import * as z from "zod/mini";
import { LINE_BREAK } from "../inquiry/schema.ts";

/** Field limits, exported so the form can set matching maxlength attributes. */
export const COMMENT_LIMITS = { nameMax: 80, emailMax: 254, bodyMin: 2, bodyMax: 3000 } as const;

/** C0 and C1 control characters (tab included). */
const CONTROL = /\p{Cc}/u;
/** Control characters a comment may not contain: all but tab, LF and CR. */
const BODY_CONTROL = /(?![\t\n\r])\p{Cc}/u;

/** A comment's or a reply's text: 2-3000 characters once trimmed, line breaks kept. */
export function commentBody(what: "comment" | "reply") {
  return z.string({ error: `Please write your ${what}.` }).check(
    z.refine((s) => !BODY_CONTROL.test(s), `Your ${what} contains characters we cannot accept.`),
    z.trim(),
    z.minLength(COMMENT_LIMITS.bodyMin, `Please write your ${what} (at least ${COMMENT_LIMITS.bodyMin} characters).`),
    z.maxLength(COMMENT_LIMITS.bodyMax, `Your ${what} can be at most ${COMMENT_LIMITS.bodyMax} characters.`),
  );
}

const NAME_REQUIRED = "Please enter the name to show with your comment.";
const EMAIL_FOR_REPLIES = "Please enter your email address so we can tell you about a reply.";

export const commentSchema = z
  .object({
    /** Shown with the comment. */
    name: z.string({ error: NAME_REQUIRED }).check(
      z.refine((s) => !LINE_BREAK.test(s), "Your name must fit on one line."),
      z.refine((s) => !CONTROL.test(s), "Your name contains characters we cannot accept."),
      z.trim(),
      z.minLength(1, NAME_REQUIRED),
      z.maxLength(COMMENT_LIMITS.nameMax, `Your name can be at most ${COMMENT_LIMITS.nameMax} characters.`),
    ),
    /** Never shown; only for reply notifications the reader asked for. */
    email: z.optional(
      z.string({ error: EMAIL_FOR_REPLIES }).check(
        z.refine((s) => !LINE_BREAK.test(s) && !CONTROL.test(s), "Your email address must fit on one line."),
        z.trim(),
        z.maxLength(
          COMMENT_LIMITS.emailMax,
          `Your email address can be at most ${COMMENT_LIMITS.emailMax} characters.`,
        ),
        z.email({ error: "Please enter an email address such as name@example.com." }),
      ),
    ),
    /** The comment, plain text with its line breaks. */
    comment: commentBody("comment"),
    /** Email me when Nicole replies. */
    notify: z._default(z.boolean({ error: "Please tick or untick the reply box." }), false),
  })
  .check(
    z.refine((comment) => !comment.notify || comment.email !== undefined, {
      error: EMAIL_FOR_REPLIES,
      path: ["email"],
    }),
  );

/** A validated comment. */
export type CommentInput = z.output<typeof commentSchema>;
/** The form's field names, in form order. */
export const COMMENT_FIELDS = ["name", "email", "comment", "notify"] as const;
export type CommentField = (typeof COMMENT_FIELDS)[number];
