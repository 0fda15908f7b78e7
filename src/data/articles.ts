/**
 * Pages, feeds and the sitemap get articles only from here: the collection, filtered and sorted by
 * the rules in src/lib/content. Drafts are visible only in `astro dev`.
 */
import { getCollection, type CollectionEntry } from "astro:content";
import { publishedArticles } from "../lib/content/query";

export type Article = CollectionEntry<"articles">;

export async function getArticles(): Promise<Article[]> {
  return publishedArticles(await getCollection("articles"), { includeDrafts: import.meta.env.DEV });
}
