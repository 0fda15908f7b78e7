/**
 * Reading time from an article's source text. Astro 7 renders MDX without remark plugins by
 * default, so the estimate is computed here from the raw body: code, markup, import/export lines
 * and link targets are removed, and the remaining words are counted. It knows nothing of rendering.
 */

/** Words a minute for instructional prose read on a phone. */
export const WORDS_PER_MINUTE = 220;

/** The prose of a Markdown/MDX body, without code, tags, ESM lines and link targets. */
export function proseOf(body: string): string {
  return body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/^(import|export)\s.*$/gm, " ")
    .replace(/<\/?[A-Za-z][^>]*>/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/[#>*_|~-]+/g, " ");
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
}

/** Whole minutes, rounded up, never less than 1. */
export function readingMinutes(body: string, wordsPerMinute = WORDS_PER_MINUTE): number {
  return Math.max(1, Math.ceil(countWords(proseOf(body)) / wordsPerMinute));
}
