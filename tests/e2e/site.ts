/** Helpers shared by the end-to-end specs: the site's own page list, read from its sitemap. */
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** The inquiry database of the server under test: new for every run (set in playwright.config.ts). */
export function e2eDatabasePath(): string {
  const path = process.env["E2E_DB_PATH"];
  if (!path) throw new Error("E2E_DB_PATH is not set: run the tests through playwright.config.ts");
  return path;
}

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

/**
 * Waits until every island on the page has hydrated (Astro removes `ssr` when it has), except the
 * comment form under an article. Islands that hydrate as they come near (client:visible, such as
 * the inquiry form) are brought into view first, as a reader scrolling to them would.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const island of document.querySelectorAll("astro-island[ssr][client=visible]"))
      // The island element itself has no box (display: contents): its first child does.
      if (!island.closest("#comments")) (island.firstElementChild ?? island).scrollIntoView({ block: "center" });
  });
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            [...document.querySelectorAll("astro-island[ssr]")].filter((island) => !island.closest("#comments")).length,
        ),
      { timeout: 10_000, message: "islands still waiting to hydrate" },
    )
    .toBe(0);
}

/**
 * Fills every required field of the inquiry form on /coaching/ by its label, as a visitor would:
 * scrolled to first, and with JavaScript (the theme script marks <html> with "js") once the form's
 * island has hydrated, which it does as it comes near. `scriptHeld` fills the server's form while
 * a test holds back or blocks the island's code.
 */
export async function fillInquiryForm(
  page: Page,
  name: string,
  email: string,
  message: string,
  { scriptHeld = false } = {},
): Promise<void> {
  await page.getByLabel(/^Your name/).scrollIntoViewIfNeeded();
  if (!scriptHeld && (await page.evaluate(() => document.documentElement.classList.contains("js"))))
    await hydrated(page);
  await page.getByLabel(/^Your name/).fill(name);
  await page.getByLabel(/^Email address/).fill(email);
  await page.getByLabel(/^Main goal/).selectOption({ label: "Run a race faster" });
  await page.getByLabel(/^Years running/).fill("6");
  await page.getByLabel(/^Distance in a typical week/).fill("40");
  await page.getByLabel("Some (I have lifted now and then)").check();
  await page.getByLabel(/^Your message/).fill(message);
  await page.getByLabel(/I agree that Nicole may contact me/).check();
}
