/**
 * /comments/articles.json: every published article's slug, title and description, written at build
 * time for the pages rendered on request (src/server/article-index.ts says why they read this
 * rather than the content collection). Public: it says nothing the article pages do not.
 */
import type { APIRoute } from "astro";
import { getArticles } from "../../data/articles";
import { articleIndexJson } from "../../server/article-index.ts";

export const GET: APIRoute = async () =>
  new Response(
    articleIndexJson(
      (await getArticles()).map((article) => ({
        slug: article.id,
        title: article.data.title,
        description: article.data.description,
      })),
    ),
    { headers: { "Content-Type": "application/json" } },
  );
