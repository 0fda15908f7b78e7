/**
 * The published articles as the pages rendered on request know them: slug, title and description,
 * read from the index the build writes (src/pages/comments/articles.json.ts). Those pages never
 * import the content collection, because its render code would pull every MDX article into the
 * server bundle and compile it once more in every build (about 6 s and 80 MiB at 1000 articles),
 * though no on-demand page renders an article.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "astro/zod";

/** Where the index is, inside the built static files (dist/client) and on the site. */
export const ARTICLE_INDEX_PATH = "comments/articles.json";

export interface ArticleSummary {
  readonly title: string;
  readonly description: string;
}

export type ArticleIndex = ReadonlyMap<string, ArticleSummary>;

const indexSchema = z.object({
  articles: z.array(z.object({ slug: z.string().min(1), title: z.string().min(1), description: z.string() })),
});

/** The index's JSON, as the build writes it. */
export function articleIndexJson(articles: readonly ({ slug: string } & ArticleSummary)[]): string {
  return JSON.stringify({
    articles: articles.map(({ slug, title, description }) => ({ slug, title, description })),
  });
}

/** The index from its JSON; throws when the JSON is not an index. */
export function parseArticleIndex(json: string): ArticleIndex {
  const { articles } = indexSchema.parse(JSON.parse(json));
  return new Map(articles.map(({ slug, title, description }) => [slug, { title, description }]));
}

/** The index of the build in `clientDir`; throws when the build has none (a build from before it). */
export function readArticleIndex(clientDir: string): ArticleIndex {
  return parseArticleIndex(readFileSync(join(clientDir, ARTICLE_INDEX_PATH), "utf8"));
}
