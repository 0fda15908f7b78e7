import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the build reads: a change to any of these after the build makes dist/ stale. */
const SOURCES = [
  "src",
  "content",
  "public",
  "astro.config.mjs",
  "package-lock.json",
  "scripts/astro-build.mjs",
  "scripts/search-index.mjs",
  "scripts/service-worker.mjs",
  "scripts/precompress.mjs",
];
const BUILD = "dist/server/entry.mjs";

function newest(path: string): { path: string; time: number } {
  const stats = statSync(path);
  if (!stats.isDirectory()) return { path, time: stats.mtimeMs };
  return readdirSync(path)
    .map((name) => newest(join(path, name)))
    .reduce((a, b) => (b.time > a.time ? b : a), { path, time: 0 });
}

/**
 * Refuses to run the end-to-end tests against a build older than the sources: they test dist/, so
 * a stale build would test yesterday's site and pass or fail for the wrong reasons.
 */
export default function globalSetup(): void {
  if (!existsSync(BUILD)) throw new Error("No build in dist/: run `npm run build` first.");
  const built = statSync(BUILD).mtimeMs;
  const changed = SOURCES.filter((path) => existsSync(path))
    .map(newest)
    .reduce((a, b) => (b.time > a.time ? b : a));
  if (changed.time > built) {
    throw new Error(`dist/ is older than ${changed.path}: run \`npm run build\` first (npm test does).`);
  }
}
