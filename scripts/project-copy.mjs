// Throwaway copies of the project for measuring or checking builds (scripts/bench-build.mjs,
// scripts/check-incremental-build.mjs): the sources are copied, the installed packages linked in,
// and the copy keeps its own caches, so its first build is cold and the real project is never written.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
/** Top-level entries of the project that a build does not read (or that must not be shared). */
const NOT_COPIED = new Set([
  ".git",
  "node_modules",
  "dist",
  ".astro",
  ".tools",
  "data",
  "test-results",
  "playwright-report",
]);
/** Caches Astro and Vite keep under node_modules: each copy gets its own. */
const NOT_LINKED = new Set([".astro", ".vite", ".cache"]);

/** A copy of the project in a new temporary folder named after `prefix`; the caller removes it. */
export function copyProject(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (source) => {
      const rel = relative(ROOT, source);
      return rel === "" || !NOT_COPIED.has(rel.split(sep)[0]);
    },
  });
  mkdirSync(join(dir, "node_modules"));
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (!NOT_LINKED.has(name)) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  }
  return dir;
}

/**
 * Changes the title and one sentence of the first article (by file name) in the copy at `dir`, as
 * an author editing one post would. Returns the article's file name and its new title.
 */
export function editOneArticle(dir) {
  const articles = join(dir, "content", "articles");
  const first = readdirSync(articles).sort()[0];
  const path = join(articles, first);
  let title = "";
  const text = readFileSync(path, "utf8")
    .replace(/^title: *(["']?)(.*)\1$/m, (_line, _quote, old) => {
      title = `${old}, revised`;
      return `title: "${title}"`;
    })
    .replace(/\n\n([A-Z])/, "\n\nRevised for the rebuild benchmark. $1");
  writeFileSync(path, text);
  return { file: first, title };
}
