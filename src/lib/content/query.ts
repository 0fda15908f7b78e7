/**
 * The one place that decides which articles readers see and in what order. Every page, the RSS
 * feed and the sitemap go through these functions, so a draft can never leak into one list and
 * not another. Pure: the caller loads the entries and says whether drafts count (development).
 */
import type { Topic } from "./article-schema";

/** The part of a collection entry these rules read. */
export interface ArticleLike {
  id: string;
  data: {
    title: string;
    pubDate: Date;
    draft: boolean;
    topic: Topic;
  };
}

/**
 * Newest first; on the same date, alphabetical by title, then by id, so the order never depends on
 * the file system.
 */
export function compareNewestFirst(a: ArticleLike, b: ArticleLike): number {
  const byDate = b.data.pubDate.getTime() - a.data.pubDate.getTime();
  if (byDate !== 0) return byDate;
  const byTitle = a.data.title.localeCompare(b.data.title, "en");
  if (byTitle !== 0) return byTitle;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The articles a reader may see, newest first. Drafts only when `includeDrafts` (development). */
export function publishedArticles<T extends ArticleLike>(
  entries: readonly T[],
  options: { includeDrafts: boolean },
): T[] {
  return entries.filter((e) => options.includeDrafts || !e.data.draft).sort(compareNewestFirst);
}

/** The given (already published and sorted) articles of one topic, order kept. */
export function articlesOfTopic<T extends ArticleLike>(articles: readonly T[], topic: Topic): T[] {
  return articles.filter((a) => a.data.topic === topic);
}

/** The neighbours of an article in a newest-first list: the newer one and the older one. */
export function adjacentArticles<T extends ArticleLike>(
  articles: readonly T[],
  id: string,
): { newer: T | undefined; older: T | undefined } {
  const at = articles.findIndex((a) => a.id === id);
  if (at === -1) return { newer: undefined, older: undefined };
  return { newer: articles[at - 1], older: articles[at + 1] };
}

/** Articles on each page of /articles/. */
export const ARTICLES_PER_PAGE = 10;

export interface Page<T> {
  /** 1-based page number. */
  number: number;
  /** How many pages there are; at least 1, so an empty list still has a first page. */
  count: number;
  items: T[];
}

/** Splits a list into pages of `size`; page 1 of an empty list is an empty page. */
export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("page size must be a whole number of 1 or more");
  const count = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    count,
    items: items.slice(i * size, i * size + size),
  }));
}

/** The URL of a list page: page 1 is the list's own path, page n is `<path><n>/`. */
export function pagePath(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}${page}/`;
}

export function articlePath(id: string): string {
  return `/articles/${id}/`;
}

export function topicPath(topic: Topic): string {
  return `/topics/${topic}/`;
}
