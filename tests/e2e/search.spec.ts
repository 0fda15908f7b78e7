import { expect, test, type Page, type Request } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { A11Y_TAGS } from "./site";

/** A word that appears in one article only (content/articles/strength-training-for-endurance-runners.mdx). */
const ONE_ARTICLE_WORD = "gastrocnemius";
const ONE_ARTICLE_TITLE = "Strength Training for Endurance Runners";
/** A word that appears on one program day only (content/mobility/day-07.md). */
const ONE_DAY_WORD = "neglect";

/** Collects the URLs of every script the page requests from now on. */
function scriptRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request: Request) => {
    if (request.resourceType() === "script") urls.push(new URL(request.url()).pathname);
  });
  return urls;
}

const results = (page: Page) => page.getByRole("list", { name: "Search results" });

test("a reader searches from the header and follows the one article that has the word", async ({ page }) => {
  await page.goto("/articles/");
  const header = page.getByRole("search", { name: "Site" });
  await header.getByRole("searchbox", { name: "Search the site" }).fill(ONE_ARTICLE_WORD);
  await header.getByRole("searchbox", { name: "Search the site" }).press("Enter");

  await expect(page).toHaveURL(`/search/?q=${ONE_ARTICLE_WORD}`);
  await expect(page.getByRole("searchbox", { name: /Search articles/ })).toHaveValue(ONE_ARTICLE_WORD);
  await expect(page.getByRole("status")).toHaveText(`1 result for “${ONE_ARTICLE_WORD}”`);
  const first = results(page).getByRole("listitem").first();
  await expect(first.getByRole("heading", { level: 2 })).toHaveText(ONE_ARTICLE_TITLE);
  await expect(first.getByText("Strength", { exact: true })).toBeVisible();
  await expect(first.locator("mark")).toHaveText([ONE_ARTICLE_WORD]);
  await expect(first.locator("mark")).toBeVisible();

  // Keyboard: from the field, past the Search button, to the first result.
  await page.getByRole("searchbox", { name: /Search articles/ }).focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(first.getByRole("link", { name: ONE_ARTICLE_TITLE })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/articles/strength-training-for-endurance-runners/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ONE_ARTICLE_TITLE);
});

test("a program day is found with its topic and its excerpt highlighted", async ({ page }) => {
  await page.goto(`/search/?q=${ONE_DAY_WORD}`);
  await expect(page.getByRole("status")).toHaveText(/^\d+ results? for “neglect”$/);
  const first = results(page).getByRole("listitem").first();
  await expect(first.getByRole("link")).toHaveAttribute("href", "/mobility/day-7/");
  await expect(first.getByRole("heading", { level: 2 })).toHaveText(/^Day 7: /);
  await expect(first.getByText("Mobility program", { exact: true })).toBeVisible();
  await expect(first.locator("mark").first()).toHaveText(ONE_DAY_WORD);
});

test("a search with no matches says so and offers a way on", async ({ page }) => {
  await page.goto("/search/?q=zxqvjw");
  await expect(page.getByRole("status")).toHaveText("No results for “zxqvjw”");
  await expect(results(page)).toBeHidden();
  await expect(page.getByRole("main").getByRole("link", { name: "all articles" })).toBeVisible();
});

test("results come ten at a time; more load on request with focus on the first new one", async ({ page }) => {
  await page.goto("/search/?q=hip");
  const count = Number(
    (await page.getByRole("status").filter({ hasText: "results for" }).textContent())?.split(" ")[0],
  );
  expect(count).toBeGreaterThan(10);
  const items = results(page).getByRole("listitem");
  await expect(items).toHaveCount(10);
  await page.getByRole("button", { name: "Show more results" }).click();
  await expect(items).toHaveCount(Math.min(count, 20));
  await expect(items.nth(10).getByRole("link")).toBeFocused();
});

test("search script loads only when a search starts", async ({ page }) => {
  const scripts = scriptRequests(page);

  // Other pages: typing in the header field loads nothing.
  await page.goto("/articles/");
  await page.getByRole("searchbox", { name: "Search the site" }).pressSequentially("hip");
  await page.waitForLoadState("networkidle");
  expect(scripts).toEqual([]);

  // The search page without a query loads no script file either...
  await page.goto("/search/");
  await page.waitForLoadState("networkidle");
  expect(scripts).toEqual([]);

  // ...until the reader types; the address then carries the query so the search can be linked.
  const pagefind = page.waitForRequest((request) => new URL(request.url()).pathname === "/pagefind/pagefind.js");
  await page.getByRole("searchbox", { name: /Search articles/ }).pressSequentially("hip hinge");
  await pagefind;
  await expect(page.getByRole("status")).toHaveText(/^\d+ results? for “hip hinge”$/);
  await expect(page).toHaveURL("/search/?q=hip+hinge");
  expect(scripts).toContain("/pagefind/pagefind.js");
  expect(scripts.every((path) => path.startsWith("/_astro/search-page") || path.startsWith("/pagefind/"))).toBe(true);
});

test("the header field leads to the search page without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/about/");
  await page.getByRole("searchbox", { name: "Search the site" }).fill("plank");
  await page.getByRole("search", { name: "Site" }).getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL("/search/?q=plank");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
  await context.close();
});

test("on a 360 px phone search is one tap away in the header, beside the theme toggle", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const search = page.getByRole("banner").getByRole("link", { name: /search/i });
  await expect(search).toBeVisible();
  await expect(page.getByRole("button", { name: "Dark theme" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await search.click();
  await expect(page).toHaveURL("/search/");
  await expect(page.getByRole("searchbox").first()).toBeVisible();
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no WCAG 2.2 A/AA violations on search results (${scheme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/search/?q=hip");
    await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
    await expect(results(page).getByRole("listitem").first().locator("mark").first()).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
