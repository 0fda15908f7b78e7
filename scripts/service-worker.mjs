// Writes the service worker, dist/client/sw.js (run by `npm run build` after the search index and
// before precompress): src/service-worker/sw.js with its BUILD filled in from the built site. The
// precache list is the pages src/lib/pwa/precache.ts names (the tools, /mobility/, every program
// day, the offline page) and every file they load, each with a revision (the start of its SHA-256)
// that the worker checks on download; the version names the worker's caches and changes with any
// precached file or the worker itself, so every deploy that changes them installs afresh.
//
// Fails when a required page is missing, a kept page references a file the build lacks, or the
// precache exceeds PRECACHE_BUDGET. `node scripts/service-worker.mjs <dir>` writes the worker of
// another built site folder (the update test uses it on a changed copy of dist/client).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import {
  EXTRA_FILES,
  NEVER_KEPT,
  OFFLINE_PAGE,
  fileOf,
  pagePath,
  precacheClosure,
  precachedPages,
  requiredPages,
} from "../src/lib/pwa/precache.ts";
import { PROGRAM_DAYS } from "../src/lib/mobility/program.ts";

/** What the worker's caches may hold from the first visit, raw bytes (the issue's 1.5 MB). */
export const PRECACHE_BUDGET = 1.5 * 1024 * 1024;
const TEMPLATE = resolve(import.meta.dirname, "../src/service-worker/sw.js");
const SITE = resolve(process.argv[2] ?? join(import.meta.dirname, "../dist/client"));

const htmlFiles = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith(".html") ? [path] : [];
  });

const pathOnDisk = (sitePath) => join(SITE, fileOf(sitePath));
const site = {
  exists: (path) => existsSync(pathOnDisk(path)) && statSync(pathOnDisk(path)).isFile(),
  text: (path) => readFileSync(pathOnDisk(path), "utf8"),
};

const fail = (message) => {
  console.error(`service-worker: ${message}`);
  process.exit(1);
};

const pages = precachedPages(htmlFiles(SITE).map((file) => pagePath(relative(SITE, file))));
const absent = requiredPages(PROGRAM_DAYS).filter((page) => !pages.includes(page));
if (absent.length > 0) fail(`the build has no ${absent.join(", ")}: these must work offline`);

const { files, missing } = precacheClosure([...pages, ...EXTRA_FILES], site);
if (missing.length > 0) fail(`kept pages reference files the build does not have:\n- ${missing.join("\n- ")}`);

const template = readFileSync(TEMPLATE, "utf8");
const entries = files.map((path) => {
  const bytes = readFileSync(pathOnDisk(path));
  return { path, bytes: bytes.length, gzip: gzipSync(bytes).length, revision: sha256(bytes).slice(0, 16) };
});
function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
const version = sha256(JSON.stringify([template, entries.map((e) => [e.path, e.revision])])).slice(0, 12);

const total = entries.reduce((n, e) => n + e.bytes, 0);
const gzip = entries.reduce((n, e) => n + e.gzip, 0);
if (total > PRECACHE_BUDGET) {
  const largest = [...entries].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  fail(
    `the precache is ${total} B > ${PRECACHE_BUDGET} B; largest: ${largest.map((e) => `${e.path} ${e.bytes} B`).join(", ")}`,
  );
}

const build = {
  version,
  files: entries.map((e) => [e.path, e.revision]),
  offlinePage: OFFLINE_PAGE,
  neverKept: NEVER_KEPT,
};
if (!template.includes("__BUILD__;")) fail(`${TEMPLATE} has no \`__BUILD__;\` to fill in`);
writeFileSync(join(SITE, "sw.js"), template.replace("__BUILD__;", `${JSON.stringify(build)};`));
console.log(
  `service-worker: version ${version}, ${pages.length} pages and ${files.length - pages.length} files precached, ` +
    `${(total / 1024).toFixed(0)} KB (${(gzip / 1024).toFixed(0)} KB gzip to download) of ${PRECACHE_BUDGET / 1024} KB`,
);
