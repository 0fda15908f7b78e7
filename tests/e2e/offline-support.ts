/**
 * Shared by the offline specs: a browser context that allows the service worker (the suite blocks
 * it elsewhere), a page that fails its test on any page error, and the wait for the worker to
 * control the page. Every wait is a condition with a time limit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page } from "./fixtures";

/** The folders tempDbPath made in this worker process, removed when it exits. */
const tempDirs: string[] = [];
process.on("exit", () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh inquiry database path for a site a test starts itself; its folder goes when the worker ends. */
export function tempDbPath(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `runsmart-${name}-`));
  tempDirs.push(dir);
  return join(dir, "inquiries.db");
}

/** Collects the page's uncaught errors; the caller expects the list to stay empty. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

/** Opens `url` and waits until the service worker has installed its precache and controls the page. */
export async function installWorker(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** The names of the worker's caches, as the page sees them. */
export const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** The build version the worker's precache is named after. */
export async function precacheVersion(page: Page): Promise<string | undefined> {
  const names = await cacheNames(page);
  return names.find((name) => name.startsWith("runsmart-precache-"))?.slice("runsmart-precache-".length);
}

/** Waits until the page shows the offline page (as the worker serves it for a page never kept). */
export async function expectOfflinePage(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
}
