// Size budgets for the built site as the server sends it (run after `npm run build`; part of
// `npm test`). It starts the production server and, for every page (the HTML files in dist/client
// and the on-demand pages), counts the bytes that go over the wire to a browser that accepts
// Brotli and gzip: the page itself, the JavaScript it loads (<script src>, modulepreload links,
// island components and renderers, and every module those import statically) and its stylesheets:
// render-blocking ones, and the one a page with its first screen's CSS inline loads without
// blocking (named by <noscript data-stylesheet>, see src/layouts/Document.astro), which is
// reported apart.
// Every text response over 1 KB must arrive compressed: each file is also fetched without
// Accept-Encoding, and a response that is not smaller compressed fails the run. Code a tool fetches
// later through import() is reported in its own column and not budgeted. Prints a table and fails
// on any budget.
import { readFileSync, readdirSync, statSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { join, relative, resolve } from "node:path";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";

const ROOT = resolve(import.meta.dirname, "../dist/client");
/** Pages rendered on request: fetched from the built server, which is started for the purpose. */
const ON_DEMAND_PAGES = ["/coaching/", "/coaching/thanks/"];
const KB = 1024;
/** Budgets in bytes as sent (compressed) unless named raw. Pages are site paths as in the sitemap. */
const BUDGETS = {
  // Theme script 924 B (minified at build; it also adds the stylesheet of an inline-CSS page once
  // the first screen is painted) + service worker registration 113 B on every page (1,037 B);
  // /search/ adds its 143 B starter (1,180 B). The budget leaves room for little more.
  noIslandInlineScriptRaw: Math.round(1.2 * KB),
  // Articles also carry the comments' server island: Astro's loader (the shared replacer plus one
  // fetch of the island with its encrypted props) measured 870-904 B more than the inline script
  // above; 2 KB leaves room for a longer slug.
  articleInlineScriptRaw: 2 * KB,
  // Each tool's budget sits a little above what it measures, so growth is a decision, not an
  // accident (docs/benchmarks.md says what the calculator's bytes are).
  jsByPage: {
    "/tools/load-calculator/": 13.5 * KB,
    // The timer keeps the screen awake, beeps, vibrates and offers 1-5 minutes: about 1.2 KB more.
    "/tools/rest-timer/": 7 * KB,
    "/mobility/": 15 * KB,
    "/coaching/": 15 * KB,
  },
  // Pages matched by pattern: every program day (the routine player loads when started, so it is lazy).
  jsByPattern: [[/^\/mobility\/day-\d+\/$/, 15 * KB]],
  // Home and articles: the HTML, with its inline CSS, fits the first round trip (TCP's initial
  // window, about 14 KB). Those without an island paint without a blocking stylesheet; one with an
  // island carries its CSS inline only when that still fits (src/layouts/Document.astro).
  htmlWithInlineCss: 14_000,
  externalCss: 15 * KB,
};

if (!existsSync(ROOT)) {
  console.error("budgets: no build in dist/client. Run `npm run build` first.");
  process.exit(1);
}

/** Text responses at least this large must be sent compressed. */
const COMPRESS_ABOVE = 1024;
const htmlFiles = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith(".html") ? [path] : [];
  });
const pathOf = (file) => {
  const rel = "/" + relative(ROOT, file).replace(/\\/g, "/");
  return rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel;
};
const fileOf = (url) => join(ROOT, decodeURIComponent(url.split(/[?#]/)[0]));

let origin = "";
/** GET `path` from the server; the raw body bytes (still compressed) and the Content-Encoding. */
function get(path, acceptEncoding) {
  return new Promise((done, fail) => {
    const headers = acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding };
    const req = request(`${origin}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () =>
        done({ status: res.statusCode, body: Buffer.concat(chunks), encoding: res.headers["content-encoding"] }),
      );
      res.on("error", fail);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${path}: no answer within 10 s`)));
    req.on("error", fail);
    req.end();
  });
}

const failures = [];
/** The bytes a browser accepting Brotli and gzip receives for `path`; checks it was compressed. */
async function sentSize(path) {
  const [sent, plain] = await Promise.all([get(path, "br, gzip"), get(path)]);
  if (sent.status !== 200) throw new Error(`${path} answered ${sent.status}`);
  if (plain.body.length >= COMPRESS_ABOVE && (sent.encoding === undefined || sent.body.length >= plain.body.length)) {
    failures.push(`${path}: sent uncompressed (${plain.body.length} B, Content-Encoding ${sent.encoding ?? "none"})`);
  }
  return sent.body.length;
}

/** A built file's text (from dist/client) and size as sent, fetched once however many pages load it. */
const assets = new Map();
function asset(url) {
  const entry = assets.get(url);
  if (entry === undefined) throw new Error(`${url} was not fetched`);
  return entry;
}
async function fetchAsset(url) {
  if (assets.has(url)) return;
  assets.set(url, { text: readFileSync(fileOf(url), "utf8"), sent: await sentSize(url) });
}

/** Every module a script loads before it can run: itself and its static imports, recursively. */
async function moduleClosure(urls) {
  const seen = new Set();
  const stack = [...urls];
  while (stack.length > 0) {
    const url = stack.pop();
    if (seen.has(url) || !url.startsWith("/")) continue;
    seen.add(url);
    await fetchAsset(url);
    for (const m of asset(url).text.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[^"'`;]*?\bfrom\s*)?["']([^"']+)["']/g,
    )) {
      stack.push(new URL(m[1], `http://x${url}`).pathname);
    }
  }
  return [...seen];
}

/**
 * The modules `url` imports with import(), resolved to site paths: written paths, and the URLs of
 * chunks a tool imports by URL (`?chunk` imports, see astro.config.mjs), which appear as strings.
 */
const dynamicImports = (url) => [
  ...[...asset(url).text.matchAll(/\bimport\(\s*[`"']([^`"']+)[`"']\s*\)/g)].map(
    (m) => new URL(m[1], `http://x${url}`).pathname,
  ),
  ...[...asset(url).text.matchAll(/[`"'](\/_astro\/[^`"'\s]+\.js)[`"']/g)].map((m) => m[1]),
];

const attr = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const rows = [];

async function analyse(page) {
  const html = (await get(page)).body.toString("utf8");
  const htmlSent = await sentSize(page);
  const islands = [...html.matchAll(/<astro-island\b[^>]*>/g)].map((m) => m[0]);
  const entries = [
    ...[...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)].map((m) => attr(m[0], "href")),
    ...islands.flatMap((tag) => [attr(tag, "component-url"), attr(tag, "renderer-url")]),
  ].filter(Boolean);
  const modules = await moduleClosure(entries);
  const js = modules.reduce((n, url) => n + asset(url).sent, 0);
  // Code that loads only when the runner opens a part of the tool (import()); reported, not budgeted.
  const lazy = (await moduleClosure(modules.flatMap(dynamicImports))).filter((url) => !modules.includes(url));
  const jsLazy = lazy.reduce((n, url) => n + asset(url).sent, 0);
  const inlineScript = [
    ...html.matchAll(/<script\b(?![^>]*\ssrc=)(?![^>]*type="application\/ld\+json")[^>]*>([\s\S]*?)<\/script>/g),
  ]
    .map((m) => Buffer.byteLength(m[1]))
    .reduce((a, b) => a + b, 0);
  // Stylesheets outside <noscript> are render-blocking; the deferred one is added after first paint.
  const links = [
    ...html.replace(/<noscript\b[^>]*>[\s\S]*?<\/noscript>/g, "").matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g),
  ];
  const cssUrls = links.map((m) => attr(m[0], "href"));
  const deferredUrls = [...html.matchAll(/<noscript\b[^>]*\sdata-stylesheet="([^"]+)"/g)].map((m) => m[1]);
  for (const url of [...cssUrls, ...deferredUrls]) await fetchAsset(url);
  const css = cssUrls.reduce((n, url) => n + asset(url).sent, 0);
  const cssDeferred = deferredUrls.reduce((n, url) => n + asset(url).sent, 0);
  const inlineCss = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].reduce(
    (n, m) => n + Buffer.byteLength(m[1]),
    0,
  );
  rows.push({
    page,
    islands: islands.length,
    js,
    jsLazy,
    modules: modules.length,
    inlineScript,
    htmlSent,
    inlineCss,
    css,
    cssDeferred,
  });

  const fail = (why) => failures.push(`${page}: ${why}`);
  const scripted = islands.length > 0;
  if (!scripted && modules.length > 0) fail(`has no island but loads ${modules.join(", ")}`);
  const isArticle = /^\/articles\/[a-z0-9-]+\/$/.test(page) && html.includes("/_server-islands/");
  const inlineBudget = isArticle ? BUDGETS.articleInlineScriptRaw : BUDGETS.noIslandInlineScriptRaw;
  if (!scripted && inlineScript > inlineBudget) fail(`inline script ${inlineScript} B > ${inlineBudget} B`);
  const jsBudget = BUDGETS.jsByPage[page] ?? BUDGETS.jsByPattern.find(([pattern]) => pattern.test(page))?.[1];
  if (jsBudget !== undefined && js > jsBudget) fail(`JavaScript ${js} B as sent > ${jsBudget} B`);
  const isHomeOrArticle = page === "/" || /^\/articles\/[a-z0-9-]+\/$/.test(page);
  if (isHomeOrArticle && htmlSent > BUDGETS.htmlWithInlineCss)
    fail(`HTML with inline CSS ${htmlSent} B as sent > ${BUDGETS.htmlWithInlineCss} B`);
  // /coaching/ is where a visitor becomes a client: its first screen paints from inline CSS too.
  if (((isHomeOrArticle && !scripted) || page === "/coaching/") && cssUrls.length > 0)
    fail(`a render-blocking stylesheet (${cssUrls.join(", ")})`);
  if (css > BUDGETS.externalCss) fail(`render-blocking CSS ${css} B as sent > ${BUDGETS.externalCss} B`);
  for (const url of modules) {
    if (/preact\/compat|react-dom|__SECRET_INTERNALS/.test(asset(url).text)) fail(`${url} is React or preact/compat`);
  }
}

/** Starts the production server on a spare port with a throwaway database; resolves once it answers. */
async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), "runsmart-budgets-"));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  origin = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [resolve(import.meta.dirname, "serve.mjs")], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: port, INQUIRY_DB_PATH: join(dataDir, "budgets.db") },
    stdio: "ignore",
  });
  const stop = () => {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    const ready = await get("/robots.txt").then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return stop;
    if (attempt === 150 || server.exitCode !== null) {
      stop();
      throw new Error("budgets: the server did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stopServer = await startServer();
try {
  for (const file of htmlFiles(ROOT).sort()) await analyse(pathOf(file));
  for (const page of ON_DEMAND_PAGES) await analyse(page);
} finally {
  stopServer();
}

const pad = (value, width) => String(value).padStart(width);
console.log(
  `${"page (bytes as sent; inline script and CSS raw)".padEnd(58)} ${pad("islands", 7)} ${pad("JS", 7)} ${pad("lazy JS", 7)} ${pad("inline", 6)} ${pad("HTML", 7)} ${pad("in CSS", 6)} ${pad("CSS", 6)} ${pad("later", 6)}`,
);
for (const r of rows) {
  console.log(
    `${r.page.padEnd(58)} ${pad(r.islands, 7)} ${pad(r.js, 7)} ${pad(r.jsLazy, 7)} ${pad(r.inlineScript, 6)} ${pad(r.htmlSent, 7)} ${pad(r.inlineCss, 6)} ${pad(r.css, 6)} ${pad(r.cssDeferred, 6)}`,
  );
}
console.log(
  "\nHTML: the page as sent, inline CSS included; in CSS: its inline CSS (raw); CSS: render-blocking\nstylesheets as sent; later: the stylesheet loaded without blocking the first paint.",
);
for (const [page, budget] of Object.entries(BUDGETS.jsByPage)) {
  if (!rows.some((r) => r.page === page))
    console.log(`(no page ${page} in this build: its ${budget} B budget was not checked)`);
}
for (const [pattern, budget] of BUDGETS.jsByPattern) {
  if (!rows.some((r) => pattern.test(r.page)))
    console.log(`(no page matches ${pattern} in this build: its ${budget} B budget was not checked)`);
}
if (failures.length > 0) {
  console.error(`\n${failures.length} budget(s) exceeded:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`\nAll ${rows.length} pages within budget.`);
