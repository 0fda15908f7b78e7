/**
 * Pages, feeds and the sitemap get articles only from here: the collection, filtered and sorted by
 * the rules in src/lib/content. Drafts are visible only in `astro dev`.
 */
import { getCollection, type CollectionEntry } from "astro:content";
import { publishedArticles } from "../lib/content/query";
import { readingMinutes } from "../lib/content/reading-time";

export type Article = CollectionEntry<"articles">;

export async function getArticles(): Promise<Article[]> {
  return publishedArticles(await getCollection("articles"), { includeDrafts: import.meta.env.DEV });
}

const minutesByBody = new Map<string, number>();

/**
 * An article's reading time, worked out once per text for the whole build: every list an article
 * appears in shows it (with 1000 articles, some 6000 cards), and counting the words is not free.
 */
export function readingMinutesOf(article: Article): number {
  const body = article.body ?? "";
  let minutes = minutesByBody.get(body);
  if (minutes === undefined) {
    minutes = readingMinutes(body);
    minutesByBody.set(body, minutes);
  }
  return minutes;
}
