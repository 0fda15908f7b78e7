import { expect, test } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { A11Y_TAGS, sitemapPaths } from "./site";

test("every page in the sitemap answers 200 with one h1, a title and a description", async ({ page, request }) => {
  // One navigation per page of the site (an article also waits for its comments' island).
  test.setTimeout(120_000);
  const paths = await sitemapPaths(request);
  expect(paths).toContain("/");
  expect(paths).toContain("/articles/");
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator("h1"), path).toHaveCount(1);
    expect((await page.title()).length, path).toBeGreaterThan(3);
    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(description?.length ?? 0, path).toBeGreaterThanOrEqual(50);
    await expect(page.locator('link[rel="canonical"]'), path).toHaveAttribute("href", new RegExp(`${path}$`));
  }
});

test("an article page carries Open Graph, Twitter and Article structured data", async ({ page, request }) => {
  const article = (await sitemapPaths(request)).find((p) => /^\/articles\/[a-z]/.test(p));
  expect(article).toBeDefined();
  await page.goto(article ?? "/");
  const title = (await page.getByRole("heading", { level: 1 }).textContent())?.trim();
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", title ?? "");
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", /summary/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}") as Record<
    string,
    unknown
  >;
  expect(ld["@type"]).toBe("Article");
  expect(ld["headline"]).toBe(title);
  expect(typeof ld["datePublished"]).toBe("string");
});

// The sitemap's pages are split into shards so the scans run in parallel and each stays short.
const AXE_SHARDS = 4;
for (const scheme of ["light", "dark"] as const) {
  for (let shard = 0; shard < AXE_SHARDS; shard++) {
    test(`axe finds no WCAG 2.2 A/AA violations on sitemap pages, ${scheme} theme, part ${shard + 1} of ${AXE_SHARDS}`, async ({
      page,
      request,
    }) => {
      test.setTimeout(180_000);
      await page.emulateMedia({ colorScheme: scheme });
      const failures: string[] = [];
      const paths = (await sitemapPaths(request)).filter((_, i) => i % AXE_SHARDS === shard);
      for (const path of paths) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
        const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
        for (const v of results.violations) {
          failures.push(`${path}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
}

test("pages without islands load no script file and little inline script", async ({ page, request }) => {
  test.setTimeout(120_000);
  // The static page alone: the comments' server island (its own HTML, with the comment form's
  // island) is tested in comments.spec.ts.
  await page.route("**/_server-islands/**", (route) => route.abort());
  for (const path of await sitemapPaths(request)) {
    // A fresh document first, so a late request of the previous page is not counted for this one.
    await page.goto("about:blank");
    const scripts: string[] = [];
    const listener = (req: { resourceType(): string; url(): string }) => {
      if (req.resourceType() === "script") scripts.push(req.url());
    };
    page.on("request", listener);
    await page.goto(path);
    page.off("request", listener);
    // Tools may load JavaScript: islands, and the enhanced inquiry form.
    if ((await page.locator("astro-island, form[data-inquiry-form]").count()) > 0) continue;
    expect(scripts, path).toEqual([]);
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll("script:not([src])")]
        .filter((s) => !s.getAttribute("type") || s.getAttribute("type") === "module")
        .reduce((n, s) => n + new TextEncoder().encode(s.textContent).length, 0),
    );
    // The theme script and the service worker registration (1,037 B), plus the search page's starter,
    // or on an article the comments' server-island loader: the same limits as scripts/budgets.mjs.
    const hasServerIsland = (await page.locator("script[data-island-id]").count()) > 0;
    expect(inline, path).toBeLessThanOrEqual(hasServerIsland ? 2048 : 1229);
  }
});
