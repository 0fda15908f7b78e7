/**
 * The two emails comments send, composed at send time from the facts frozen when they were queued:
 * the coach's notice of a new comment (the article, the comment, signed Approve and Delete links,
 * the command line as a fallback) and the reader's notice that the coach replied (the reply, a link
 * to the article, a signed one-click unsubscribe, also sent as List-Unsubscribe). A reader's
 * address is never put in the coach's email and reaches headers only as the reply notice's
 * recipient; their name and text appear only in bodies and, made one line, in the coach's subject.
 * It knows nothing about SMTP or the outbox.
 */
import { z } from "astro/zod";
import { commentActionUrl } from "./comment-links.ts";
import type { Composer } from "./compose.ts";
import { from, messageIdFor, oneLine } from "./mail.ts";

const notificationData = z.object({
  commentId: z.number().int(),
  article: z.string(),
  articleTitle: z.string(),
  name: z.string(),
  body: z.string(),
  held: z.enum(["links"]).nullable(),
});

const replyData = z.object({
  commentId: z.number().int(),
  replyId: z.number().int(),
  to: z.string(),
  name: z.string(),
  article: z.string(),
  articleTitle: z.string(),
  comment: z.string(),
  reply: z.string(),
});

function articleUrl(siteUrl: string, article: string, fragment = ""): string {
  return new URL(`/articles/${encodeURIComponent(article)}/${fragment}`, siteUrl).href;
}

/** Every line of `text` behind "> ", as a quote in a plain-text email. */
function quoted(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
}

/** The coach's email about a new comment. */
export const composeCommentNotification: Composer = ({ message }, { identity, links, clock }) => {
  if (links === null) throw new Error(`message ${message.id} needs signed links and no secret is known`);
  const data = notificationData.parse(message.data);
  const now = clock.now();
  const link = (action: "approve" | "delete") => commentActionUrl(links, identity.siteUrl, action, data.commentId, now);
  const text = [
    `${data.name} commented on "${data.articleTitle}":`,
    articleUrl(identity.siteUrl, data.article),
    "",
    ...(data.held === "links"
      ? ["HELD: this comment has more than two links. Check them before you approve it.", ""]
      : []),
    quoted(data.body),
    "",
    "Nothing is published until you approve it. Each link opens a page where you confirm;",
    "on the Approve page you can also write a reply, published at once as yours.",
    "",
    `Approve: ${link("approve")}`,
    `Delete: ${link("delete")}`,
    "",
    "The links work for 30 days. From the command line:",
    `npm run comments -- approve ${data.commentId}`,
    `npm run comments -- delete ${data.commentId}`,
    "",
  ].join("\n");
  return {
    from: from(identity),
    to: { name: identity.coachName, address: identity.coachAddress },
    replyTo: from(identity),
    subject: oneLine(
      `${data.held === null ? "" : "[held] "}New comment from ${data.name} on "${data.articleTitle}"`,
    ).slice(0, 200),
    text,
    messageId: messageIdFor(`comment-${data.commentId}.comment-notification`, message.id, identity),
  };
};

/** The reader's email about the coach's reply, with a one-click unsubscribe. */
export const composeCommentReply: Composer = ({ message }, { identity, links, clock }) => {
  if (links === null) throw new Error(`message ${message.id} needs signed links and no secret is known`);
  const data = replyData.parse(message.data);
  const unsubscribeUrl = commentActionUrl(links, identity.siteUrl, "unsubscribe", data.commentId, clock.now());
  const text = [
    `Hello ${oneLine(data.name)},`,
    "",
    `${identity.coachName} replied to your comment on "${data.articleTitle}":`,
    "",
    quoted(data.reply),
    "",
    "Your comment was:",
    "",
    quoted(data.comment),
    "",
    `Read the conversation: ${articleUrl(identity.siteUrl, data.article, `#comment-${data.replyId}`)}`,
    "",
    `You get this email because you asked to be told when ${identity.coachName} replies to your comment.`,
    `To get no more of these emails: ${unsubscribeUrl}`,
    "",
    identity.siteName,
    identity.siteUrl,
    "",
  ].join("\n");
  return {
    from: from(identity),
    to: { name: "", address: oneLine(data.to) },
    replyTo: from(identity),
    subject: oneLine(`${identity.coachName} replied to your comment on "${data.articleTitle}"`).slice(0, 200),
    text,
    messageId: messageIdFor(`comment-${data.commentId}.comment-reply`, message.id, identity),
    unsubscribeUrl,
  };
};
