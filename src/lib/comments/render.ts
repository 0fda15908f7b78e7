/**
 * A comment's plain text as HTML, the only way a comment reaches a page: every character is escaped,
 * a blank line starts a new paragraph, a single line break becomes <br>, and a bare http:// or
 * https:// address becomes a link with rel="nofollow ugc noopener". Nothing else the reader typed is
 * interpreted (no Markdown, no HTML, no other schemes), so the result only ever contains the
 * elements p, br and a. Links are found by linkify-it (trailing punctuation and balanced brackets
 * are handled there). It knows nothing about where the text came from.
 */
import { LinkifyIt } from "linkify-it";

/** The `rel` of every link in a comment: not endorsed, user-generated, no window.opener. */
export const COMMENT_LINK_REL = "nofollow ugc noopener";

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe inside an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** An address linkify found, if it is plain http(s) and parses as a URL; else undefined. */
function webAddress(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The bare web addresses in `text`, in order, as written. */
export function findLinks(text: string): { index: number; lastIndex: number; text: string; href: string }[] {
  return (linkify.match(text) ?? []).flatMap((match) => {
    const href = webAddress(match.url);
    return href === undefined ? [] : [{ index: match.index, lastIndex: match.lastIndex, text: match.text, href }];
  });
}

/** How many links a comment would show (more than two holds it for the coach with a flag). */
export function countLinks(text: string): number {
  return findLinks(text).length;
}

/** One line with its links. */
function renderLine(line: string): string {
  let html = "";
  let at = 0;
  for (const link of findLinks(line)) {
    html += escapeHtml(line.slice(at, link.index));
    html += `<a href="${escapeHtml(link.href)}" rel="${COMMENT_LINK_REL}">${escapeHtml(link.text)}</a>`;
    at = link.lastIndex;
  }
  return html + escapeHtml(line.slice(at));
}

/** The comment as HTML: paragraphs of escaped lines joined by <br>, with links. */
export function renderComment(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${paragraph.split("\n").map(renderLine).join("<br>")}</p>`)
    .join("");
}
