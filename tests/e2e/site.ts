/** Helpers shared by the end-to-end specs: the site's own page list, read from its sitemap. */
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** Every path in the built sitemap, e.g. "/articles/x/". */
export async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
  const index = await (await request.get("/sitemap-index.xml")).text();
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? "").pathname);
  const paths: string[] = [];
  for (const sitemap of sitemaps) {
    const xml = await (await request.get(sitemap)).text();
    for (const m of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(m[1] ?? "").pathname);
  }
  if (paths.length === 0) throw new Error("the sitemap lists no pages");
  return paths;
}

export const A11Y_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Waits until every island on the page has hydrated (Astro removes `ssr` when it has). */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("astro-island[ssr]")).toHaveCount(0, { timeout: 10_000 });
}
