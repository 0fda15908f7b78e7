import { expect, test } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { A11Y_TAGS, sitemapPaths } from "./site";

const LONG_ARTICLE = "/articles/form-work-is-mostly-a-waste-of-time/";

test("the table of contents links move to the right headings", async ({ page }) => {
  await page.goto(LONG_ARTICLE);
  const toc = page.getByRole("navigation", { name: "On this page" });
  const links = toc.getByRole("link");
  expect(await links.count()).toBeGreaterThanOrEqual(3);
  const target = links.nth(2);
  const text = (await target.textContent())?.trim() ?? "";
  await target.click();
  const heading = page.getByRole("heading", { name: new RegExp(`^${text}`) });
  await expect(heading).toBeInViewport();
  expect(new URL(page.url()).hash).toBe(`#${(await heading.getAttribute("id")) ?? "missing"}`);
  await expect(heading.getByRole("link", { name: "Link to this section" })).toHaveAttribute(
    "href",
    new URL(page.url()).hash,
  );
});

test("a series article says which part it is and links every part in order", async ({ page }) => {
  await page.goto(LONG_ARTICLE);
  const series = page.getByRole("navigation", { name: "Run Smart series" });
  await expect(series).toContainText(/part 2 of 3/);
  await expect(series.getByRole("listitem")).toHaveText([
    "Run Smart: Strength Training",
    "Form Work Is Mostly a Waste of Time",
    "25 Days of Mobility",
  ]);
  await series.getByRole("link", { name: "25 Days of Mobility" }).click();
  await expect(page.getByRole("navigation", { name: "Run Smart series" })).toContainText(/part 3 of 3/);
});

test("an article ends with the tool to use and related reading", async ({ page }) => {
  await page.goto("/articles/strength-training-for-endurance-runners/");
  const useIt = page.getByRole("region", { name: "Use it" });
  await expect(useIt.getByRole("link", { name: "Load-progression calculator" })).toHaveAttribute(
    "href",
    "/tools/load-calculator/",
  );
  await expect(useIt.getByRole("link", { name: "1:1 coaching" })).toBeVisible();
  const related = page.getByRole("region", { name: "Related reading" }).getByRole("link");
  const count = await related.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(3);
  await expect(related.filter({ hasText: "Strength Training for Endurance Runners" })).toHaveCount(0);
});

test("tags link to tag pages that list their articles", async ({ page }) => {
  await page.goto("/articles/run-smart-strength-training/");
  await page.getByRole("list", { name: "Tags" }).getByRole("link", { name: "#strength" }).click();
  await expect(page).toHaveURL(/\/tags\/strength\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("#strength");
  await expect(page.getByRole("link", { name: "Run Smart: Strength Training" })).toBeVisible();
  await page.getByRole("link", { name: "All tags" }).click();
  await expect(page.getByRole("link", { name: /#strength \(\d+\)/ })).toBeVisible();
});

test("every internal link on every sitemap page answers 200", async ({ page, request }) => {
  test.slow();
  const seen = new Map<string, number>();
  for (const path of await sitemapPaths(request)) {
    await page.goto(path);
    const hrefs = await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const target = href.split("#")[0] ?? "";
      if (target === "" || seen.has(target)) continue;
      seen.set(target, (await request.get(target)).status());
    }
  }
  expect([...seen].filter(([, status]) => status !== 200)).toEqual([]);
  expect(seen.size).toBeGreaterThan(40);
});

test("articles print without navigation, footer or controls, with link targets written out", async ({ page }) => {
  await page.goto(LONG_ARTICLE);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "On this page" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const after = await page
    .locator(".prose a[href^='/articles/']")
    .first()
    .evaluate((a) => getComputedStyle(a, "::after").content);
  expect(after).toContain("https://runsmart.coach/articles/");
});

for (const path of ["/tags/", "/tags/strength/"]) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
}

test("article images come as AVIF and WebP with their size set and load lazily", async ({ page }) => {
  await page.goto("/articles/fit-lifting-into-a-running-week/");
  const figure = page.getByRole("figure").filter({ hasText: "five-run week" });
  const image = figure.getByRole("img", { name: /five-run week/ });
  await expect(image).toHaveAttribute("width", "1200");
  await expect(image).toHaveAttribute("height", "640");
  await expect(image).toHaveAttribute("loading", "lazy");
  await expect(figure.locator('source[type="image/avif"]')).toHaveCount(1);
  await expect(figure.locator('source[type="image/webp"]')).toHaveCount(1);
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});
