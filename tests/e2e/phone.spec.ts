/**
 * The site on a phone (issue 19): at 360 x 740 and 390 x 844 no page is wider than the screen, the
 * calculator's plan is one card per week with this week first, the header is one short row whose
 * menu opens with and without JavaScript, and the calculator passes axe in that layout.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { A11Y_TAGS, hydrated, sitemapPaths } from "./site";

const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
];
const TOOL = "/tools/load-calculator/";

/** How many CSS pixels the page is wider than its viewport (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The local date `days` ago as YYYY-MM-DD (the calculator counts weeks in the runner's own zone). */
function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

/** Opens the calculator with `query` and waits for it: it hydrates once scrolled into view. */
async function openCalculator(page: Page, query: string) {
  await page.goto(`${TOOL}?${query}`);
  await page.locator("astro-island").first().scrollIntoViewIfNeeded();
  await hydrated(page);
}

for (const viewport of PHONES) {
  test.describe(`at ${viewport.width} x ${viewport.height}`, () => {
    test.use({ viewport });

    test("no page in the sitemap is wider than the screen", async ({ page, request }) => {
      test.setTimeout(120_000);
      const wide: string[] = [];
      for (const path of await sitemapPaths(request)) {
        await page.goto(path);
        const extra = await overflow(page);
        if (extra > 0) wide.push(`${path}: ${extra} px too wide`);
      }
      expect(wide).toEqual([]);
    });

    test("the plan is one card per week, this week first, each load and note in view", async ({ page }) => {
      await openCalculator(page, `weight=100&reps=5&rir=2&weeks=8&start=${daysAgo(15)}`);
      const plan = page.getByRole("table", { name: /plan/ });
      const rows = plan.locator("tbody tr");
      await expect(rows).toHaveCount(8);
      await expect(rows.nth(2)).toHaveAttribute("aria-current", "date");
      // Nothing in the plan scrolls sideways, and the column headers are not shown (cards label themselves).
      expect(
        await plan.evaluate((t) => (t.parentElement?.scrollWidth ?? 0) - (t.parentElement?.clientWidth ?? 0)),
      ).toBe(0);
      await expect(plan.getByRole("columnheader", { name: "Notes" })).not.toBeInViewport();
      for (let week = 0; week < 8; week++) {
        const row = rows.nth(week);
        for (const cell of [row.getByRole("cell").nth(1), row.getByRole("cell").nth(3)]) {
          await cell.scrollIntoViewIfNeeded();
          await expect(cell).toBeVisible();
          const box = await cell.boundingBox();
          expect(box, `week ${week + 1}`).not.toBeNull();
          expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= viewport.width, `week ${week + 1}`).toBe(
            true,
          );
        }
      }
      await expect(rows.nth(0).getByRole("cell").nth(1)).toHaveText("100 kg");
      await expect(rows.nth(0).getByRole("cell").nth(3)).toContainText("Rest 3 min");
      // This week (3) first, then weeks 4-8, then the weeks already past (1, 2).
      const tops = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().top));
      const order = tops.map((top, i) => ({ week: i + 1, top })).sort((a, b) => a.top - b.top);
      expect(order.map((o) => o.week)).toEqual([3, 4, 5, 6, 7, 8, 1, 2]);
    });

    test("the header is one short row and its menu opens with JavaScript", async ({ page }) => {
      await page.goto("/articles/");
      const header = page.getByRole("banner");
      expect((await header.boundingBox())?.height ?? 999).toBeLessThanOrEqual(80);
      await expect(page.getByRole("link", { name: "Search" })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav).toBeHidden();
      await header.locator("summary").click();
      await expect(nav.getByRole("link", { name: "Articles" })).toHaveAttribute("aria-current", "page");
      await nav.getByRole("link", { name: "Mobility" }).click();
      await expect(page).toHaveURL(/\/mobility\/$/);
      await page.getByRole("link", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/search\/$/);
    });

    test("the header's menu opens without JavaScript", async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport });
      const page = await context.newPage();
      await page.goto("/");
      const header = page.getByRole("banner");
      expect((await header.boundingBox())?.height ?? 999).toBeLessThanOrEqual(80);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav).toBeHidden();
      await header.locator("summary").click();
      await expect(nav.getByRole("link", { name: "Coaching" })).toBeVisible();
      await nav.getByRole("link", { name: "Coaching" }).click();
      await expect(page).toHaveURL(/\/coaching\/$/);
      await context.close();
    });

    test("axe finds no violations on the calculator as cards with the rest timer open", async ({ page }) => {
      await openCalculator(page, `weight=100&reps=5&rir=2&start=${daysAgo(8)}`);
      await page.getByText("Rest timer between sets").click();
      await expect(page.getByRole("timer", { name: "Rest remaining" })).toHaveText("3:00");
      const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
        [],
      );
    });
  });
}
