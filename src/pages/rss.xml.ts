import rss from "@astrojs/rss";
import type { APIContext } from "astro";
import { getArticles } from "../data/articles";
import { articlePath } from "../lib/content/query";
import { TOPIC_LABELS } from "../lib/content/article-schema";
import { siteConfig } from "../site.config";

export async function GET(context: APIContext) {
  const articles = await getArticles();
  return rss({
    title: siteConfig.title,
    description: siteConfig.description,
    site: context.site ?? siteConfig.url,
    items: articles.map((a) => ({
      title: a.data.title,
      description: a.data.description,
      pubDate: a.data.pubDate,
      link: new URL(articlePath(a.id), siteConfig.url).href,
      categories: [TOPIC_LABELS[a.data.topic], ...a.data.tags],
      author: siteConfig.coach.name,
    })),
    customData: `<language>${siteConfig.lang}</language>`,
  });
}
