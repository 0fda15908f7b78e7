/**
 * Issue #14, "works at the gym with no signal": after one visit the load calculator, the rest
 * timer and every mobility day work with the network gone (the browser offline and the server
 * stopped, so nothing can come from it), a page never kept gives the offline page with status
 * 200 from the worker, and the coaching form keeps its draft and never claims success until the
 * connection is back. No page error and no CSP violation anywhere (fixtures.ts checks the policy).
 */
import { readdirSync } from "node:fs";
import { expect, test, type Page } from "./fixtures";
import { hydrated } from "./site";
import { exportInquiries, startSite, type Site } from "./reliability-support";
import { expectOfflinePage, installWorker, pageErrors, tempDbPath } from "./offline-support";

test.use({ serviceWorkers: "allow" });
// Each test starts its own server and installs the worker (a 250 KB download) in a fresh browser.
test.describe.configure({ timeout: 90_000 });

const ARTICLES = readdirSync("dist/client/articles", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^[a-z]/.test(entry.name))
  .map((entry) => `/articles/${entry.name}/`);

let site: Site | undefined;
test.afterEach(async () => {
  await site?.stop();
  site = undefined;
});

/** The first visit the issue describes, online: the home page, the calculator, the program. */
async function firstVisit(page: Page, base: string) {
  await installWorker(page, `${base}/`);
  await page.goto(`${base}/tools/load-calculator/`);
  await hydrated(page);
  await page.goto(`${base}/mobility/`);
  await hydrated(page);
}

test("after one visit the calculator, the rest timer and an unopened program day work with no network", async ({
  page,
  context,
}) => {
  const errors = pageErrors(page);
  site = await startSite({ dbPath: tempDbPath("offline") });
  const { base } = site;
  await firstVisit(page, base);
  await context.setOffline(true);
  await site.stop();

  // The calculator, at an address it has never been opened with: a new set gives a new plan.
  const calculator = await page.goto(`${base}/tools/load-calculator/?unit=kg&from=home-screen`);
  expect(calculator?.status()).toBe(200);
  expect(calculator?.fromServiceWorker()).toBe(true);
  await hydrated(page);
  await page.getByLabel(/^Weight lifted/).fill("100");
  await page.getByLabel("Reps", { exact: true }).fill("5");
  await page.getByLabel("Reps in reserve").fill("2");
  const estimate = page.getByRole("region", { name: "Estimated one-rep max" });
  await expect(estimate).toContainText("123.3 kg");
  await page.getByLabel(/^Weight lifted/).fill("80");
  await expect(estimate).toContainText("Working load: 80 kg");
  await expect(estimate).not.toContainText("123.3 kg");

  // The rest timer runs.
  await page.goto(`${base}/tools/rest-timer/`);
  await hydrated(page);
  const timer = page.getByRole("timer", { name: "Rest remaining" });
  await expect(timer).toHaveText("3:00");
  await page.getByRole("button", { name: "Start rest" }).click();
  await expect(timer).not.toHaveText("3:00");

  // Day 7 was never opened: it loads, and marking it done counts on /mobility/.
  const day = await page.goto(`${base}/mobility/day-7/`);
  expect(day?.status()).toBe(200);
  await hydrated(page);
  await page.getByRole("button", { name: "Mark day 7 done", exact: true }).click();
  await expect(page.getByRole("button", { name: "Mark day 7 done", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.goto(`${base}/mobility/`);
  await hydrated(page);
  await expect(page.getByText(/^\d+ of 25 days$/)).toHaveText("1 of 25 days");
  await expect(page.getByRole("button", { name: "Mark day 7 done", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.getByText("Self-tests: day 1 and day 25", { exact: true }).click();
  // Lazily loaded part of the tracker: its code was precached too.
  await expect(page.getByRole("form", { name: /self-tests$/ }).first()).toBeVisible();

  expect(errors).toEqual([]);
});

test("a page never kept gives the offline page, status 200, whose links work offline", async ({ page, context }) => {
  const errors = pageErrors(page);
  site = await startSite({ dbPath: tempDbPath("offline-page") });
  const { base } = site;
  const [read, unread] = ARTICLES;
  if (read === undefined || unread === undefined) throw new Error("the build has fewer than two articles");
  await firstVisit(page, base);
  await page.goto(`${base}${read}`);
  const readTitle = await page.getByRole("heading", { level: 1 }).textContent();
  await context.setOffline(true);
  await site.stop();

  const response = await page.goto(`${base}${unread}`);
  expect(response?.status()).toBe(200);
  expect(response?.fromServiceWorker()).toBe(true);
  await expectOfflinePage(page);
  expect(page.url()).toBe(`${base}${unread}`);

  // Search needs a connection: its page is never kept, so it is the offline page too.
  await page.goto(`${base}/search/?q=squat`);
  await expectOfflinePage(page);

  // An article opened before is kept.
  await page.goto(`${base}${read}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(readTitle ?? "");

  // Every link the offline page offers opens with no network.
  await page.goto(`${base}${unread}`);
  const links = page.locator("[data-offline-links] a");
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs).toContain("/tools/load-calculator/");
  expect(hrefs).toContain("/mobility/");
  for (const href of hrefs) {
    await page.goto(`${base}${unread}`); // from another page, so "/mobility/#tracker" is a real navigation
    const opened = await page.goto(`${base}${href}`);
    expect(opened?.status(), href).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), href).not.toHaveText("You are offline");
  }
  await page.goto(`${base}${unread}`);
  await page
    .locator("[data-offline-links]")
    .getByRole("link", { name: /^Load calculator/ })
    .click();
  await expect(page).toHaveURL(`${base}/tools/load-calculator/`);
  await hydrated(page);

  expect(errors).toEqual([]);
});

test("/coaching/ offline keeps the draft and shows no success; back online one press sends it once", async ({
  page,
  context,
}) => {
  const errors = pageErrors(page);
  const dbPath = tempDbPath("offline-coaching");
  const env = { INQUIRY_MIN_FILL_SECONDS: "0" };
  site = await startSite({ dbPath, env });
  const { base } = site;
  const port = Number(new URL(base).port);
  await installWorker(page, `${base}/`);
  await page.goto(`${base}/coaching/`);
  await hydrated(page);
  const email = "offline.runner@example.com";
  await page.getByLabel(/^Your name/).fill("Offline Runner");
  await page.getByLabel(/^Email address/).fill(email);
  await page.getByLabel(/^Main goal/).selectOption({ label: "Run a race faster" });
  await page.getByLabel(/^Years running/).fill("6");
  await page.getByLabel(/^Distance in a typical week/).fill("40");
  await page.getByLabel("Some (I have lifted now and then)").check();
  await page.getByLabel(/^Your message/).fill("Hello Nicole, I train in a basement gym with no signal at all.");
  await page.getByLabel(/I agree that Nicole may contact me/).check();

  await context.setOffline(true);
  await site.stop();
  const send = page.getByRole("button", { name: "Send my inquiry" });
  const alert = page.locator("[data-form-alert]");
  const success = page.getByText(/your inquiry arrived/i);
  await send.click();
  await expect(alert).toContainText("cannot be sent until the connection returns");
  await expect(success).toHaveCount(0);

  // Reopened with no network: the kept page, the draft back in place, the same plain message.
  const reopened = await page.goto(`${base}/coaching/`);
  expect(reopened?.fromServiceWorker()).toBe(true);
  await hydrated(page);
  await expect(alert).toContainText("cannot be sent until the connection returns");
  await expect(page.getByLabel(/^Email address/)).toHaveValue(email);
  await expect(page.getByLabel(/^Your message/)).toHaveValue(/basement gym/);
  await send.click();
  await expect(alert).toContainText("cannot be sent until the connection returns");
  await expect(success).toHaveCount(0);

  // The connection returns (the same server address): one press sends it, once.
  site = await startSite({ dbPath, env, port });
  await context.setOffline(false);
  await expect(alert).toContainText("back online");
  await send.click();
  const done = page.getByRole("status").filter({ hasText: "your inquiry arrived" });
  await expect(done).toBeVisible();
  await expect(done).toContainText(/RS-[A-Z0-9]{4}-[A-Z0-9]{4}/);
  expect((await exportInquiries(dbPath)).filter((inquiry) => inquiry.email === email)).toHaveLength(1);

  expect(errors).toEqual([]);
});

test("the worker script is revalidated on every update check and precaches what the gym needs, nothing more", async ({
  request,
}) => {
  const response = await request.get("/sw.js");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-cache");
  expect(response.headers()["content-type"]).toMatch(/javascript/);
  const build = JSON.parse(/const BUILD = (\{.*\});/.exec(await response.text())?.[1] ?? "null") as {
    version: string;
    files: [string, string][];
  } | null;
  expect(build?.version).toMatch(/^[0-9a-f]{12}$/);
  const paths = (build?.files ?? []).map(([path]) => path);
  const days = Array.from({ length: 25 }, (_, i) => `/mobility/day-${i + 1}/`);
  expect(paths).toEqual(expect.arrayContaining(["/tools/load-calculator/", "/mobility/", "/offline/", ...days]));
  // Share cards, articles, the search index and the on-demand pages are never precached.
  expect(paths.filter((path) => /^\/(og|articles|pagefind|search|coaching)\//.test(path))).toEqual([]);
});
