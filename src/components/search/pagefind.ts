/**
 * The part of Pagefind's browser API the search page uses, and a loader for it. The API lives in
 * /pagefind/pagefind.js, which `npm run build` writes next to the pages (scripts/search-index.mjs),
 * so it exists in a built site only. This module knows nothing about the page.
 */

/** What Pagefind stored about one matching page. */
export interface PagefindResultData {
  /** Site path of the page, e.g. /articles/x/ */
  url: string;
  /** Page text around the best match: `<` and `>` escaped, each matched word wrapped in <mark>. */
  excerpt: string;
  /** `title` (the page's first h1) and whatever the page marks with data-pagefind-meta, e.g. `topic`. */
  meta: Readonly<Partial<Record<string, string>>>;
}

/** One matching page, best first; its stored data is fetched only when asked for. */
export interface PagefindResult {
  data(): Promise<PagefindResultData>;
}

export interface Pagefind {
  /** Takes effect on the first search when called before it (as loadPagefind does). */
  options(options: { excerptLength?: number; noWorker?: boolean }): Promise<void>;
  /** Resolves to null when a later call replaced this one while it waited `waitMs`. */
  debouncedSearch(
    term: string,
    options?: Record<string, never>,
    waitMs?: number,
  ): Promise<{ results: PagefindResult[] } | null>;
}

const PAGEFIND_URL = "/pagefind/pagefind.js";

function isPagefind(module: unknown): module is Pagefind {
  return (
    typeof module === "object" &&
    module !== null &&
    ["options", "debouncedSearch"].every((name) => typeof Reflect.get(module, name) === "function")
  );
}

/**
 * Imports Pagefind: one script; its WebAssembly and the parts of the index a search needs follow
 * with the first search. Pagefind searches on the main thread here: the index of a few dozen pages
 * is searched in milliseconds, and its web worker would be a second 12 KB (gzip) script.
 */
export async function loadPagefind(excerptLength: number): Promise<Pagefind> {
  const module: unknown = await import(/* @vite-ignore */ PAGEFIND_URL);
  if (!isPagefind(module)) throw new Error(`${PAGEFIND_URL} does not look like Pagefind's search API`);
  await module.options({ excerptLength, noWorker: true });
  return module;
}
