/**
 * Issue #14, updates: a browser that has the first deploy's worker meets a second deploy (a copy of
 * the build with a changed article and a changed program day, and the worker written for it by
 * scripts/service-worker.mjs, served at the same address). One navigation shows the new article,
 * the new worker replaces the old caches, the tracker's progress is untouched, and offline
 * afterwards every kept page is the second deploy's.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test, type Page } from "./fixtures";
import { hydrated } from "./site";
import { startSite, type Site } from "./reliability-support";
import { cacheNames, installWorker, pageErrors, precacheVersion, tempDbPath } from "./offline-support";

test.use({ serviceWorkers: "allow" });
test.describe.configure({ timeout: 90_000 });

const ARTICLE = "/articles/get-faster-without-running-more/";
const DAY = "/mobility/day-3/";
const MARK = "Changed in the second deploy.";

let site: Site | undefined;
let root: string | undefined;
test.afterEach(async () => {
  await site?.stop();
  site = undefined;
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

/** A second deploy in a folder of its own: dist/client copied and changed, dist/server shared. */
function secondDeploy(): { dir: string; version: string } {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-deploy-"));
  const client = join(dir, "dist", "client");
  cpSync("dist/client", client, { recursive: true });
  // Linked, so the server's modules still resolve this project's node_modules.
  symlinkSync(resolve("dist/server"), join(dir, "dist", "server"), "dir");
  for (const page of [ARTICLE, DAY]) {
    const file = join(client, page, "index.html");
    const html = readFileSync(file, "utf8");
    if (!html.includes("</h1>")) throw new Error(`${page} has no </h1>`);
    writeFileSync(file, html.replace("</h1>", `</h1><p data-second-deploy>${MARK}</p>`));
    // Compressed copies of the first deploy's file must not be served for the changed one.
    rmSync(`${file}.br`, { force: true });
    rmSync(`${file}.gz`, { force: true });
  }
  execFileSync(process.execPath, ["scripts/service-worker.mjs", client], { stdio: "pipe" });
  rmSync(join(client, "sw.js.br"), { force: true });
  rmSync(join(client, "sw.js.gz"), { force: true });
  const version = /"version":"([0-9a-f]+)"/.exec(readFileSync(join(client, "sw.js"), "utf8"))?.[1];
  if (version === undefined) throw new Error("the second deploy's worker has no version");
  return { dir, version };
}

const progress = (page: Page) => page.getByText(/^\d+ of 25 days$/);
const dayToggle = (page: Page, day: number) => page.getByRole("button", { name: `Mark day ${day} done`, exact: true });
const storage = (page: Page) =>
  page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage).sort())));

test("a second deploy shows after one navigation, replaces the caches and keeps the tracker's progress", async ({
  page,
  context,
}) => {
  const errors = pageErrors(page);
  const second = secondDeploy();
  root = second.dir;
  const dbPath = tempDbPath("offline-update");
  site = await startSite({ dbPath });
  const { base } = site;
  const port = Number(new URL(base).port);

  // The first deploy, installed: an article read, day 2 marked on the tracker.
  await installWorker(page, `${base}/`);
  const first = await precacheVersion(page);
  expect(first).toMatch(/^[0-9a-f]{12}$/);
  expect(first).not.toBe(second.version);
  await page.goto(`${base}${ARTICLE}`);
  await expect(page.getByText(MARK)).toHaveCount(0);
  await page.goto(`${base}/mobility/`);
  await hydrated(page);
  await dayToggle(page, 2).click();
  await expect(progress(page)).toHaveText("1 of 25 days");
  const stored = await storage(page);

  // The second deploy goes live at the same address.
  await site.stop();
  site = await startSite({ dbPath, port, cwd: second.dir });

  // One navigation: the new article.
  await page.goto(`${base}${ARTICLE}`);
  await expect(page.getByText(MARK)).toBeVisible();

  // The new worker takes over; the first deploy's caches are gone.
  await expect.poll(() => precacheVersion(page), { timeout: 30_000 }).toBe(second.version);
  await expect.poll(async () => (await cacheNames(page)).filter((name) => name.includes(first ?? "?"))).toEqual([]);

  // The tracker is as it was.
  await page.goto(`${base}/mobility/`);
  await hydrated(page);
  await expect(progress(page)).toHaveText("1 of 25 days");
  await expect(dayToggle(page, 2)).toHaveAttribute("aria-pressed", "true");
  expect(await storage(page)).toBe(stored);

  // With no network, the kept pages are the second deploy's: a precached day and the article read before.
  await context.setOffline(true);
  await site.stop();
  await page.goto(`${base}${DAY}`);
  await expect(page.getByText(MARK)).toBeVisible();
  await hydrated(page);
  await page.goto(`${base}${ARTICLE}`);
  await expect(page.getByText(MARK)).toBeVisible();

  expect(errors).toEqual([]);
});
