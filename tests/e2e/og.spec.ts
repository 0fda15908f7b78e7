import { expect, test, type APIRequestContext } from "./fixtures";
import { pngSize } from "../support/png";

/** The content of each <meta> tag keyed by its property or name (the first tag wins). */
function metaTags(html: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/g)) {
    const key = /\s(?:property|name)="([^"]+)"/.exec(tag)?.[1];
    const content = /\scontent="([^"]*)"/.exec(tag)?.[1];
    if (key !== undefined && content !== undefined && !tags.has(key)) tags.set(key, content);
  }
  return tags;
}

/** Paths of the articles /articles/ links to (not its pagination links). */
async function listedArticles(request: APIRequestContext): Promise<string[]> {
  const response = await request.get("/articles/");
  expect(response.status()).toBe(200);
  const hrefs = [...(await response.text()).matchAll(/href="(\/articles\/[^"/]+\/)"/g)].map((m) => m[1] ?? "");
  return [...new Set(hrefs)].filter((href) => !/^\/articles\/\d+\/$/.test(href));
}

test("every listed article has a 1200x630 PNG share card in its meta tags", async ({ request }) => {
  const articles = await listedArticles(request);
  expect(articles.length).toBeGreaterThan(0);
  for (const path of articles) {
    const page = await request.get(path);
    expect(page.status(), path).toBe(200);
    const meta = metaTags(await page.text());
    const image = meta.get("og:image");
    expect(image, path).toMatch(/^https?:\/\/[^/]+\/og\/[^/]+\.png$/);
    expect(meta.get("og:image:width"), path).toBe("1200");
    expect(meta.get("og:image:height"), path).toBe("630");
    expect(meta.get("og:image:alt")?.length ?? 0, path).toBeGreaterThan(10);
    expect(meta.get("twitter:card"), path).toBe("summary_large_image");
    expect(meta.get("twitter:image"), path).toBe(image);

    // The tag names the production host; the same path is served by the server under test.
    const card = await request.get(new URL(image ?? "").pathname);
    expect(card.status(), path).toBe(200);
    expect(card.headers()["content-type"], path).toMatch(/^image\/png\b/);
    expect(pngSize(await card.body()), path).toEqual({ width: 1200, height: 630 });
  }
});

test("pages without a share card keep the small summary card", async ({ request }) => {
  const meta = metaTags(await (await request.get("/about/")).text());
  expect(meta.get("twitter:card")).toBe("summary");
  expect(meta.has("og:image")).toBe(false);
});
