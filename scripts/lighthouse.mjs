// Lighthouse, mobile settings, against the built site served by the real server (run after
// `npm run build`; not part of `npm test`). It starts `node scripts/serve.mjs` on a free loopback
// port with a throwaway inquiry database, audits each page RUNS times in a fresh headless Chromium,
// and prints the median of each category score and of FCP, LCP, CLS and TBT per page, with the
// machine's load average before and after (Lighthouse simulates a slow network and CPU, but a busy
// machine still lengthens the measured tasks). For every page that misses the target (100 in each
// category, CLS 0, TBT 0 ms) it lists the audits that cost points, with their details.
//
// CHROMIUM_PATH picks the browser (default /usr/bin/chromium). `--runs N` changes the number of
// runs per page (default 3); `--json DIR` also writes every Lighthouse report to DIR; `--pages
// /,/coaching/` audits only the listed paths.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
// chrome-launcher is Lighthouse's own launcher (a dependency of the lighthouse package).
import { launch } from "chrome-launcher";

// Home, a plain article, an article with the calculator, and the three tool pages.
const PAGES = [
  "/",
  "/articles/form-work-is-mostly-a-waste-of-time/",
  "/articles/run-smart-strength-training/",
  "/tools/load-calculator/",
  "/mobility/",
  "/coaching/",
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const { values: options } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    json: { type: "string" },
    pages: { type: "string" },
  },
});
const pages = options.pages === undefined ? PAGES : options.pages.split(",").filter((path) => path !== "");
if (pages.length === 0 || pages.some((path) => !path.startsWith("/"))) {
  console.error("lighthouse: --pages takes paths that start with /, separated by commas");
  process.exit(2);
}
const RUNS = Number(options.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error("lighthouse: --runs must be a positive whole number");
  process.exit(2);
}

// The site's own server: dist/server/entry.mjs only exports the handler it wraps, and never listens.
const ENTRY = resolve(import.meta.dirname, "serve.mjs");
if (!existsSync(resolve(import.meta.dirname, "../dist/server/entry.mjs"))) {
  console.error("lighthouse: no build in dist/. Run `npm run build` first.");
  process.exit(1);
}
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromePath)) {
  console.error(`lighthouse: no browser at ${chromePath}. Set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  process.exit(1);
}

/** A port nobody listens on right now, asked of the OS. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === "object") resolvePort(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

/** Starts the built server with a throwaway database; resolves once it answers. */
async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), "runsmart-lighthouse-"));
  const port = await freePort();
  const child = spawn(process.execPath, [ENTRY], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), INQUIRY_DB_PATH: join(dataDir, "inquiries.db") },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) return { origin, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`the built server did not start on ${origin}\n${stderr}`);
}

/** One Lighthouse run in a fresh browser, so no run inherits another's cache or storage. */
async function audit(url) {
  const chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: "error",
      output: "json",
      onlyCategories: CATEGORIES,
    });
    if (result === undefined) throw new Error(`Lighthouse returned no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    chrome.kill();
  }
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const score = (lhr, id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const metric = (lhr, id) => lhr.audits[id]?.numericValue ?? Number.NaN;

/** Audits that cost points in a category below 100, or that explain CLS/TBT above 0. */
function problems(lhr) {
  const found = new Map();
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    if (category === undefined || category.score === 1) continue;
    for (const ref of category.auditRefs) {
      const result = lhr.audits[ref.id];
      if (result === undefined || ref.weight === 0) continue;
      if (result.score !== null && result.score < 1) found.set(ref.id, { category: id, result });
    }
  }
  if (metric(lhr, "cumulative-layout-shift") > 0) {
    for (const id of ["cumulative-layout-shift", "layout-shifts"])
      found.set(id, { category: "CLS", result: lhr.audits[id] });
  }
  if (metric(lhr, "total-blocking-time") > 0) {
    for (const id of ["total-blocking-time", "long-tasks", "bootup-time", "mainthread-work-breakdown"])
      found.set(id, { category: "TBT", result: lhr.audits[id] });
  }
  return found;
}

/** A few lines that say what an audit found: its display value and its first detail rows. */
function describe(result) {
  const lines = [];
  if (result.displayValue) lines.push(`value: ${result.displayValue}`);
  const items = result.details?.items ?? [];
  for (const item of items.slice(0, 5)) {
    const parts = [];
    for (const [key, value] of Object.entries(item)) {
      if (value === null || value === undefined || key === "subItems") continue;
      if (typeof value === "object") {
        const node = value.snippet ?? value.selector ?? value.url ?? value.nodeLabel;
        if (node !== undefined) parts.push(`${key}=${String(node).slice(0, 160)}`);
      } else parts.push(`${key}=${String(value).slice(0, 160)}`);
    }
    if (parts.length > 0) lines.push(parts.join("  "));
  }
  if (items.length > 5) lines.push(`... ${items.length - 5} more`);
  return lines;
}

function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])));
  console.log(line(headers).join("  "));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row).join("  "));
}

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
const loadBefore = loadAverage();
const { origin, stop } = await startServer();
const rows = [];
const misses = [];
const about = { lighthouse: "", browser: "" };
try {
  if (options.json) mkdirSync(options.json, { recursive: true });
  for (const page of pages) {
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      process.stderr.write(`lighthouse: ${page} run ${run}/${RUNS}\n`);
      const lhr = await audit(origin + page);
      runs.push(lhr);
      about.lighthouse = lhr.lighthouseVersion;
      about.browser = lhr.environment.hostUserAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? "";
      if (options.json) {
        const name = `${page.replace(/^\/|\/$/g, "").replace(/\//g, "_") || "home"}-${run}.json`;
        writeFileSync(join(options.json, name), JSON.stringify(lhr));
      }
    }
    const scores = CATEGORIES.map((id) => median(runs.map((lhr) => score(lhr, id))));
    const fcp = median(runs.map((lhr) => metric(lhr, "first-contentful-paint")));
    const lcp = median(runs.map((lhr) => metric(lhr, "largest-contentful-paint")));
    const cls = median(runs.map((lhr) => metric(lhr, "cumulative-layout-shift")));
    const tbt = median(runs.map((lhr) => metric(lhr, "total-blocking-time")));
    rows.push([
      page,
      ...scores,
      `${Math.round(fcp)} ms`,
      `${Math.round(lcp)} ms`,
      cls.toFixed(3),
      `${Math.round(tbt)} ms`,
    ]);

    // Any run that missed explains itself: the union of the audits that cost points.
    const found = new Map();
    for (const lhr of runs) for (const [id, entry] of problems(lhr)) if (!found.has(id)) found.set(id, entry);
    if (found.size > 0) misses.push({ page, found });
  }
} finally {
  stop();
}

console.log(`\nLighthouse ${about.lighthouse}, mobile, ${about.browser}: median of ${RUNS} run(s) per page`);
console.log(`load average (1, 5, 15 min): ${loadBefore} at the start, ${loadAverage()} at the end\n`);
printTable(["page", "perf", "a11y", "best-pr", "seo", "FCP", "LCP", "CLS", "TBT"], rows);

if (misses.length === 0) {
  console.log("\nEvery page: 100 in each category, CLS 0, TBT 0 ms.");
} else {
  console.log("\nWhere a page misses (audits that cost points in any run):");
  for (const { page, found } of misses) {
    console.log(`\n${page}`);
    for (const [id, { category, result }] of found) {
      const shown = result.score === null ? "" : ` score ${result.score}`;
      console.log(`  [${category}] ${id}: ${result.title}${shown}`);
      for (const line of describe(result)) console.log(`      ${line}`);
    }
  }
}
