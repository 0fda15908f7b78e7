// Builds the site search index: Pagefind reads the built pages in dist/client and writes
// dist/client/pagefind/ (run by `npm run build` after `astro build`). Only what pages mark with
// data-pagefind-body is indexed (articles, program days, tool introductions), so headers, footers
// and list pages stay out. The search page (src/components/search/) has its own interface and
// loads only pagefind.js and the index, so Pagefind's ready-made UI bundles are removed.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import * as pagefind from "pagefind";

const SITE = resolve(import.meta.dirname, "../dist/client");
const OUTPUT = join(SITE, "pagefind");
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

const filesIn = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : [path];
  });

/** Indexes the site and writes the bundle; returns Pagefind's errors (none on success). */
async function buildIndex() {
  const { index, errors } = await pagefind.createIndex();
  if (!index) return errors;
  const added = await index.addDirectory({ path: SITE });
  if (added.errors.length > 0) return added.errors;
  if (added.page_count === 0) return ["no page has data-pagefind-body: is the site built?"];
  rmSync(OUTPUT, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: OUTPUT });
  if (written.errors.length > 0) return written.errors;
  for (const name of readdirSync(OUTPUT)) if (UNUSED.test(name)) rmSync(join(OUTPUT, name));
  const entry = JSON.parse(readFileSync(join(OUTPUT, "pagefind-entry.json"), "utf8"));
  const pages = Object.values(entry.languages).reduce((n, language) => n + language.page_count, 0);
  const files = filesIn(OUTPUT);
  const kb = files.reduce((n, file) => n + statSync(file).size, 0) / 1024;
  console.log(
    `search-index: ${pages} of ${added.page_count} pages indexed; ${files.length} files, ${kb.toFixed(0)} KB`,
  );
  return [];
}

let errors;
try {
  errors = await buildIndex();
} finally {
  await pagefind.close();
}
if (errors.length > 0) {
  console.error(`search-index: Pagefind failed:\n- ${errors.join("\n- ")}`);
  process.exit(1);
}
