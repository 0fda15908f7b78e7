/**
 * What the service worker keeps for offline use, decided from the built site: the pages a runner
 * needs at the gym (the tools, the mobility program and every one of its days, the offline page)
 * and every file those pages load, found by following the references in the built files (HTML
 * tags, CSS url(), module imports, the manifest's icons). Nothing here is a hand-kept file list,
 * so a new island chunk, stylesheet or image is picked up by the next build.
 *
 * Pure: the caller says which files exist and hands in their text (scripts/service-worker.mjs
 * reads dist/client); revisions and the build version are the caller's business.
 */

/** The page the worker answers with, status 200, for a page it has not kept while offline. */
export const OFFLINE_PAGE = "/offline/";

/** Pages kept from the first visit, by site path. Everything else is kept once opened. */
export const PRECACHED_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/tools\/load-calculator\/$/,
  /^\/tools\/rest-timer\/$/,
  /^\/mobility\/$/,
  /^\/mobility\/day-\d+\/$/,
  /^\/before-you-start\/$/,
  /^\/offline\/$/,
];

/** Pages that must be in every precache, or the build fails (the promise to runners). */
export function requiredPages(programDays: number): string[] {
  const days = Array.from({ length: programDays }, (_, i) => `/mobility/day-${i + 1}/`);
  return ["/tools/load-calculator/", "/mobility/", ...days, OFFLINE_PAGE];
}

/**
 * Pages never kept after a visit: search needs the network for its index (offline, the offline
 * page says so), the thanks page belongs to one submission, a booking's page to one visitor, and
 * comment pages (an article's comments, the pages behind the signed links in comment emails) are
 * rendered per request and must never be shown stale. A `*` stands for one path segment.
 */
export const NEVER_KEPT: readonly string[] = [
  "/search/",
  "/coaching/thanks/",
  "/coaching/booking/",
  "/articles/*/comments/",
  "/comments/*/",
];

/** Files that also go into the precache although no kept page links them (the installed app's). */
export const EXTRA_FILES: readonly string[] = ["/manifest.webmanifest"];

/** The site paths of built pages (`/x/` for x/index.html) that are kept from the first visit. */
export function precachedPages(pages: readonly string[]): string[] {
  return pages.filter((page) => PRECACHED_PAGES.some((rule) => rule.test(page))).sort();
}

/** Site path for a built file path relative to the site root (`mobility/index.html` -> `/mobility/`). */
export function pagePath(file: string): string {
  const path = `/${file.replace(/\\/g, "/")}`;
  return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
}

/** File path relative to the site root for a site path (`/mobility/` -> `mobility/index.html`). */
export function fileOf(path: string): string {
  const clean = decodeURIComponent(path).replace(/^\/+/, "");
  return clean === "" || clean.endsWith("/") ? `${clean}index.html` : clean;
}

/** A reference resolved against the file it appears in, as a site path; undefined if not on the site. */
export function resolveReference(reference: string, from: string): string | undefined {
  const value = reference.trim().replace(/&amp;/g, "&");
  if (value === "" || value.startsWith("#") || value.startsWith("//") || /^[a-z][a-z0-9+.-]*:/i.test(value)) {
    return undefined;
  }
  const url = new URL(value, `https://site.invalid${from}`);
  return url.host === "site.invalid" ? url.pathname : undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i").exec(tag);
  return match?.[1] ?? match?.[2];
}

/** The URLs of a srcset: each candidate's first word. */
const srcsetUrls = (srcset: string | undefined): string[] =>
  (srcset ?? "")
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");

/** `<link rel>` values whose target a page needs to render or run. */
const NEEDED_LINKS = new Set(["stylesheet", "modulepreload", "preload", "icon", "apple-touch-icon", "manifest"]);

/** References a page needs: stylesheets, scripts, island code, images, icons. Not its `<a>` links. */
export function htmlReferences(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    if (rel.some((value) => NEEDED_LINKS.has(value))) found.push(attribute(tag, "href") ?? "");
  }
  for (const [tag] of html.matchAll(/<(?:script|img|source|video|audio|track|input)\b[^>]*>/gi)) {
    found.push(attribute(tag, "src") ?? "", attribute(tag, "poster") ?? "", ...srcsetUrls(attribute(tag, "srcset")));
  }
  for (const [tag] of html.matchAll(/<astro-island\b[^>]*>/gi)) {
    found.push(attribute(tag, "component-url") ?? "", attribute(tag, "renderer-url") ?? "");
  }
  return found.filter((url) => url !== "");
}

/** url() references of a stylesheet (fonts, images), data: URIs left out by resolveReference. */
export function cssReferences(css: string): string[] {
  return [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? "")
    .filter((url) => url !== "");
}

/**
 * Module paths a script may load: every string literal that is a relative path or an /_astro/
 * path to a file (static and dynamic imports, and the lists Vite's preload helper keeps). Literals
 * that name no built file are dropped by the caller, so a false match costs nothing.
 */
export function scriptReferences(js: string): string[] {
  return [...js.matchAll(/["'`]((?:\.{1,2}\/|\/?_astro\/)[^"'`\s]+\.[a-z0-9]+)["'`]/g)].map((m) => {
    const path = m[1] ?? "";
    return path.startsWith("_astro/") ? `/${path}` : path;
  });
}

/** Icons (and screenshots) a web app manifest names. */
export function manifestReferences(json: string): string[] {
  const manifest = JSON.parse(json) as {
    icons?: { src?: unknown }[];
    screenshots?: { src?: unknown }[];
    shortcuts?: { icons?: { src?: unknown }[] }[];
  };
  const images = [
    ...(manifest.icons ?? []),
    ...(manifest.screenshots ?? []),
    ...(manifest.shortcuts ?? []).flatMap((shortcut) => shortcut.icons ?? []),
  ];
  return images.map((image) => image.src).filter((src): src is string => typeof src === "string");
}

/** The references in a built file, by its kind; binary files reference nothing. */
export function referencesOf(path: string, text: string): string[] {
  const file = fileOf(path);
  if (file.endsWith(".html")) return htmlReferences(text);
  if (file.endsWith(".css")) return cssReferences(text);
  if (/\.m?js$/.test(file)) return scriptReferences(text);
  if (file.endsWith(".webmanifest")) return manifestReferences(text);
  return [];
}

/** Whether `referencesOf` reads the file (the caller needs to hand in its text). */
export const hasReferences = (path: string): boolean => /\.(html|css|m?js|webmanifest)$/.test(fileOf(path));

export interface SiteFiles {
  /** Whether the built site has a file at this site path. */
  exists(path: string): boolean;
  /** The file's text (asked only when hasReferences says so). */
  text(path: string): string;
}

/**
 * Every site path the seeds need: the seeds themselves and everything they reference, followed
 * through stylesheets, scripts and the manifest. References to files the build does not have are
 * returned apart (`missing`), as "referenced from -> path".
 */
export function precacheClosure(seeds: readonly string[], site: SiteFiles): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const stack = seeds.map((path) => ({ path, from: "(seed)" }));
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { path, from } = next;
    if (files.has(path)) continue;
    if (!site.exists(path)) {
      missing.push(`${from} -> ${path}`);
      continue;
    }
    files.add(path);
    if (!hasReferences(path)) continue;
    for (const reference of referencesOf(path, site.text(path))) {
      const target = resolveReference(reference, path);
      if (target === undefined || files.has(target)) continue;
      // A script literal that names no file is not a reference (see scriptReferences).
      if (/\.m?js$/.test(path) && !site.exists(target)) continue;
      stack.push({ path: target, from: path });
    }
  }
  return { files: [...files].sort(), missing };
}
