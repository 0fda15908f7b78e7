/**
 * First paint without waiting for the stylesheet (src/layouts/Document.astro): home, articles and
 * /coaching/ (rendered on request) carry the CSS of their markup inline, allowed by the page's
 * Content-Security-Policy through its hash, and load the site's stylesheet without blocking. A
 * reader must see the same page before and after the stylesheet arrives (nothing moves, far below
 * the first screen too), and must get the whole stylesheet with or without JavaScript.
 */
import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";

const PAGES = [
  "/",
  "/articles/form-work-is-mostly-a-waste-of-time/",
  "/articles/fit-lifting-into-a-running-week/",
  "/coaching/",
];

/** Position and size of the page's landmarks and text blocks, and a few of their styles. */
const pageLayout = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("header, main h1, main p, main li, main h2, main table, nav, a, footer")]
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return {
          tag: element.tagName,
          box: [box.x, box.y + scrollY, box.width, box.height].map(Math.round),
          look: [style.display, style.fontFamily, style.fontSize, style.fontWeight, style.color, style.backgroundColor],
        };
      }),
  );

/** Whether the site's stylesheet (not the inline CSS) has loaded and applies. */
const stylesheetApplied = (page: Page) =>
  page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.href?.includes("/_astro/") === true));

const VIEWPORTS = { phone: { width: 412, height: 823 }, desktop: { width: 1280, height: 800 } };

for (const [device, viewport] of Object.entries(VIEWPORTS))
  for (const path of PAGES) {
    test(`${path} on a ${device}: the page is drawn from inline CSS and does not change when the stylesheet arrives`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      // Hold the stylesheet back until the page has been measured.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/_astro\/.*\.css$/, async (route) => {
        await held;
        await route.continue();
      });
      // The comments' server island draws markup after load that only the stylesheet styles: it is
      // kept out until the end, so what is compared is the page's own markup.
      let endTest: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (endTest = resolve));
      await page.route(/\/_server-islands\//, async (route) => {
        await ended;
        await route.abort();
      });
      try {
        await page.goto(path, { waitUntil: "domcontentloaded" });
        await expect(page.locator("main h1")).toBeVisible();
        // The stylesheet is asked for once the first screen is painted: held here.
        await expect(page.locator("head > link[rel=stylesheet]")).toHaveCount(1);
        expect(await stylesheetApplied(page)).toBe(false);
        // The inline CSS alone styles the page: the header has its border, the footer too.
        await expect(page.locator("body > header")).toHaveCSS("border-bottom-style", "solid");
        await expect(page.locator("body > footer")).toHaveCSS("border-top-style", "solid");
        const before = await pageLayout(page);
        expect(before.length).toBeGreaterThan(5);

        release();
        await expect.poll(() => stylesheetApplied(page)).toBe(true);
        expect(await pageLayout(page)).toEqual(before);
      } finally {
        endTest();
      }
    });
  }

test("every inline style element is allowed by a hash in the page's policy", async ({ request }) => {
  for (const path of [...PAGES, "/about/", "/articles/", "/tools/load-calculator/"]) {
    const response = await request.get(path);
    const html = await response.text();
    // Prerendered pages carry their policy in a <meta>; pages rendered on request in a header.
    const policy =
      /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1] ??
      response.headers()["content-security-policy"] ??
      "";
    const styleSrc = /style-src ([^;]*)/.exec(policy)?.[1] ?? "";
    expect(styleSrc, path).not.toContain("unsafe-inline");
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
    expect(styles.length, `${path} has inline CSS`).toBeGreaterThan(0);
    for (const css of styles) {
      const hash = createHash("sha256").update(css).digest("base64");
      expect(styleSrc, `${path}: the hash of a ${css.length}-character style element`).toContain(`'sha256-${hash}'`);
    }
  }
});

test("the theme script runs on prerendered pages and on pages rendered on request (its hash is in both policies)", async ({
  page,
}) => {
  for (const path of ["/", "/coaching/"]) {
    await page.goto(path);
    await expect(page.locator("html"), path).toHaveClass(/\bjs\b/);
    await expect(page.getByRole("button", { name: "Dark theme" }), path).toBeVisible();
  }
});

test("pages with an island in their first screen, or too heavy with their CSS inline, keep the stylesheet render-blocking", async ({
  request,
}) => {
  // The two articles with the calculator would not arrive in TCP's first window with their CSS inline.
  for (const path of [
    "/tools/load-calculator/",
    "/mobility/",
    "/mobility/day-1/",
    "/articles/run-smart-strength-training/",
    "/articles/strength-training-for-endurance-runners/",
  ]) {
    const html = await (await request.get(path)).text();
    const links = html.match(/<link rel="stylesheet"[^>]*>/g) ?? [];
    expect(links, path).toEqual([expect.stringMatching(/^<link rel="stylesheet" href="\/_astro\/[^"]+\.css">$/)]);
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole stylesheet applies", async ({ page }) => {
    await page.goto("/articles/form-work-is-mostly-a-waste-of-time/");
    await expect(page.locator("head > link[rel=stylesheet]")).toHaveCount(0);
    // Print rules are only in the stylesheet, which the <noscript> links: "Use it" is not printed.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("section[aria-labelledby=use-it-heading]")).toBeHidden();
  });
});
