// Build benchmark: how `astro build` scales with the number of articles. Not part of `npm test`.
// For each corpus it copies the project (without node_modules, dist, .git and test output) into a
// temporary folder, links the installed packages in, replaces content/articles with synthetic
// articles, and times a cold `astro build` there; the real content/ folder is never written. The
// corpora: the 7 real articles (the baseline), then N synthetic articles (default 100 and 1000)
// as MDX, 1 in 10 embedding the load calculator, and the same text as plain Markdown (the copy's
// articles glob is widened to `**/*.{md,mdx}`; Markdown cannot embed the component, so that line
// is dropped), and N copies of one real article ("Form Work Is Mostly a Waste of Time", each with
// its own slug and title: the same content other blogs are compared on). For each MDX corpus it
// also times a rebuild: one article's title and text changed, then `astro build` again in the same
// folder, with the caches the first build left (share cards are drawn again only when changed, and
// pages whose code and data are unchanged are copied from Astro's incremental build cache). It
// prints build time, milliseconds per extra page against the baseline, peak memory and the
// MDX/Markdown time ratio.
//
// Peak memory is the larger of GNU time's "Maximum resident set size" (the largest process, when
// /usr/bin/time exists) and the largest sum of VmRSS over the build's process tree, sampled every
// 50 ms from /proc.
//
// Targets (for builds of up to 1000 articles, on a 2-core machine): a cold MDX build within 35 s
// and 1.0 GiB, a rebuild after one changed article within 15 s.
// A missed target exits with status 1; `--no-fail` only reports. `--sizes 100,1000` picks the
// corpus sizes, `--corpora mdx,md,copies` the corpora (default all three), `--keep` leaves the
// temporary copies for inspection (or for profiling a build there).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { astroBuildArgs, astroBuildEnv } from "./astro-build.mjs";
import { copyProject, editOneArticle } from "./project-copy.mjs";
import { seededRandom } from "./seeded-random.ts";

const ROOT = resolve(import.meta.dirname, "..");
const TARGET = { maxArticles: 1000, seconds: 35, bytes: 1.0 * 1024 ** 3, rebuildSeconds: 15 };
/** The real article the "copies" corpus repeats. */
const COPIED_ARTICLE = "form-work-is-mostly-a-waste-of-time.mdx";
/** The calculator island, as the MDX files in content/articles import it. */
const CALCULATOR = "src/components/islands/LoadCalculator";
const ARTICLES_GLOB = 'pattern: "**/*.mdx"';
const { values: options } = parseArgs({
  options: {
    "no-fail": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    sizes: { type: "string", default: "100,1000" },
    corpora: { type: "string", default: "mdx,md,copies" },
  },
});
const CORPORA = new Set(options.corpora.split(","));
if ([...CORPORA].some((c) => !["mdx", "md", "copies"].includes(c))) {
  console.error("bench-build: --corpora takes mdx, md and copies, comma-separated");
  process.exit(2);
}
const SIZES = options.sizes.split(",").map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error("bench-build: --sizes takes whole numbers separated by commas, e.g. --sizes 100,1000");
  process.exit(2);
}
if (!existsSync(join(ROOT, "node_modules", "astro"))) {
  console.error("bench-build: astro is not installed. Run `npm install` first.");
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Synthetic articles: deterministic (seeded), ~900 words, headings, lists, links, valid frontmatter.

const TOPICS = ["strength", "mobility", "form", "training"];
const TAGS = [
  "strength",
  "lifting",
  "mobility",
  "hip-hinge",
  "squat",
  "deadlift",
  "endurance",
  "injury-prevention",
  "beginners",
  "marathon",
  "5k",
  "recovery",
  "running-economy",
  "single-leg",
  "core",
  "planning",
];
const SUBJECTS = [
  "A heavy set of five",
  "Your easy run",
  "The trap-bar deadlift",
  "A split squat",
  "Hip mobility work",
  "A well-planned block",
  "Most runners",
  "Your long run",
  "A deload week",
  "The second session of the week",
  "Good sleep",
  "A strong posterior chain",
  "Tendon stiffness",
  "A steady warm-up",
];
const PREDICATES = [
  "builds the kind of force that running alone never asks for",
  "costs less recovery than most people expect",
  "fits best on the same day as your hard session",
  "should leave two or three reps in reserve",
  "makes the same pace feel easier over a few months",
  "protects you from the overuse injuries that end a season",
  "rewards patience far more than intensity",
  "is easier to keep up when it takes less than an hour",
  "needs a clear plan for when the race gets close",
  "works only if you add weight in small, steady steps",
  "teaches your body to recruit its fast-twitch fibres",
  "keeps your hips moving through the range you actually use",
];
const QUALIFIERS = [
  "even in the middle of a marathon build",
  "as long as the load keeps creeping up",
  "which is why I put it first",
  "and the research backs this up",
  "for runners of every level",
  "when you give it eight to twelve weeks",
  "without adding a single extra mile",
  "if the form stays clean",
];
const HEADINGS = [
  "Why this matters for runners",
  "How to start",
  "Picking the load",
  "Where it fits in your week",
  "Common mistakes",
  "What progress looks like",
  "When the race gets close",
  "A sample session",
  "How to recover",
  "What the research says",
];
const LIST_ITEMS = [
  "Warm up with five minutes of dynamic mobility.",
  "Pick a weight you could lift three more times.",
  "Rest two to three minutes between heavy sets.",
  "Write down every set so next week has a target.",
  "Lift after your hard run, not before it.",
  "Add 2.5 kg when every rep looks the same.",
  "Keep one easy day between two lifting days.",
  "Stop a set when the form breaks down.",
  "Sleep at least seven hours on training days.",
  "Cut the volume, not the load, in race week.",
];
const LINKS = [
  ["the 25-day mobility program", "/mobility/"],
  ["the load calculator", "/tools/load-calculator/"],
  ["why strength comes first", "/articles/run-smart-strength-training/"],
  ["coaching", "/coaching/"],
  ["a 2018 review in Sports Medicine", "https://doi.org/10.1007/s40279-017-0835-7"],
];

const words = (text) => text.split(/\s+/).filter(Boolean).length;

/** The text of synthetic article `i` of `n`, as MDX (with the calculator every 10th) or Markdown. */
function article(i, n, format) {
  // Seeded, so every run benchmarks the same text.
  const next = seededRandom(i * 7919 + 17);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sentence = () => {
    const s = `${pick(SUBJECTS)} ${pick(PREDICATES)}${next() < 0.5 ? `, ${pick(QUALIFIERS)}` : ""}.`;
    return next() < 0.15 ? s.replace(/ (\w+)\.$/, " **$1**.") : s;
  };
  const paragraph = () => {
    const sentences = Array.from({ length: 3 + Math.floor(next() * 3) }, sentence);
    if (next() < 0.5) {
      const [label, href] = pick(LINKS);
      sentences.push(`Read more in [${label}](${href}).`);
    } else if (n > 1) {
      sentences.push(`This builds on [article ${(i + 1) % n}](/articles/bench-${(i + 1) % n}/).`);
    }
    return sentences.join(" ");
  };
  const list = () => {
    const items = [...LIST_ITEMS];
    for (let k = items.length - 1; k > 0; k--) {
      const j = Math.floor(next() * (k + 1));
      [items[k], items[j]] = [items[j], items[k]];
    }
    items.length = 3 + Math.floor(next() * 3);
    const ordered = next() < 0.4;
    return items.map((item, k) => `${ordered ? `${k + 1}.` : "-"} ${item}`).join("\n");
  };

  const topic = TOPICS[i % TOPICS.length];
  const tags = [...new Set([topic === "training" ? "planning" : topic, pick(TAGS), pick(TAGS), pick(TAGS)])];
  const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const embeds = format === "mdx" && i % 10 === 0;
  const frontmatter = [
    "---",
    `title: "Synthetic article ${i}: ${HEADINGS[i % HEADINGS.length]}"`,
    `description: "Benchmark article ${i} of ${n}: generated text about ${topic} for runners, with headings, lists and links."`,
    `pubDate: ${day}`,
    `topic: ${topic}`,
    `tags: [${tags.map((t) => `"${t}"`).join(", ")}]`,
    ...(i % 50 === 1 ? [`series: { name: "Benchmark series ${Math.floor(i / 50)}", order: 1 }`] : []),
    "---",
    "",
  ];
  const body = [];
  if (embeds) body.push(`import LoadCalculator from "../../${CALCULATOR}";`, "");
  body.push(paragraph(), "", paragraph(), "");
  let section = 0;
  while (words(body.join(" ")) < 860) {
    body.push(`## ${HEADINGS[(i + section) % HEADINGS.length]}`, "", paragraph(), "");
    if (section % 2 === 0) body.push(list(), "");
    if (section % 3 === 1) body.push(`### ${pick(HEADINGS)} in practice`, "", paragraph(), "");
    if (embeds && section === 1) body.push("<LoadCalculator client:visible />", "");
    section++;
  }
  return [...frontmatter, ...body].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Temporary project copies and measured builds.

/** `n` copies of COPIED_ARTICLE, each with its own title (frontmatter) and slug (file name). */
function copiesOf(n) {
  const source = readFileSync(join(ROOT, "content", "articles", COPIED_ARTICLE), "utf8");
  return (i) =>
    source.replace(/^title: *(["']?)(.*)\1$/m, (_line, _quote, title) => `title: "${title} (copy ${i + 1} of ${n})"`);
}

/** Replaces the copy's articles with `n` synthetic ones in `format` (mdx, md, or copies: mdx). */
function writeCorpus(dir, n, format) {
  const articles = join(dir, "content", "articles");
  rmSync(articles, { recursive: true, force: true });
  mkdirSync(articles, { recursive: true });
  const copy = format === "copies" ? copiesOf(n) : undefined;
  for (let i = 0; i < n; i++) {
    if (copy) writeFileSync(join(articles, `copy-${i}.mdx`), copy(i));
    else writeFileSync(join(articles, `bench-${i}.${format}`), article(i, n, format));
  }
  if (format === "md") {
    const config = join(dir, "src", "content.config.ts");
    const source = readFileSync(config, "utf8");
    if (!source.includes(ARTICLES_GLOB)) throw new Error(`src/content.config.ts no longer has ${ARTICLES_GLOB}`);
    writeFileSync(config, source.replace(ARTICLES_GLOB, 'pattern: "**/*.{md,mdx}"'));
  }
}

/** Resident memory of `root` and all its descendants, in bytes, from /proc. */
function treeRss(root) {
  let procs;
  try {
    procs = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const children = new Map();
  for (const pid of procs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    try {
      const kb = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      if (kb) total += Number(kb[1]) * 1024;
    } catch {
      // The process ended while we looked.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Where the time went, from Astro's build log: Vite bundling (the MDX and Markdown compile happens
 * here), then prerendering, split into HTML pages and the share-card PNGs (/og/*.png), and how
 * many pages and cards were copied from the previous build instead of rendered (incremental build).
 */
function phases(log) {
  const plain = log.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "");
  let bundleMs = 0;
  for (const m of plain.matchAll(/\[vite\] ✓ built in ([\d.]+)(ms|s)\b/g))
    bundleMs += Number(m[1]) * (m[2] === "s" ? 1000 : 1);
  const routes = { htmlMs: 0, ogMs: 0, otherMs: 0 };
  for (const m of plain.matchAll(/[├└]─ (\S+) \(\+(\d+)ms\)/g)) {
    const key = m[1].startsWith("/og/") ? "ogMs" : m[1].endsWith(".html") ? "htmlMs" : "otherMs";
    routes[key] += Number(m[2]);
  }
  const reused = [...plain.matchAll(/[├└]─ \S+ \((?:restored|cached)\)/g)].length;
  return { bundleMs, ...routes, reused };
}

const countHtml = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (n, entry) => n + (entry.isDirectory() ? countHtml(join(dir, entry.name)) : entry.name.endsWith(".html") ? 1 : 0),
    0,
  );

/** One cold `astro build` in `dir`: wall time, peak memory and the number of HTML pages. */
function build(dir) {
  const astro = astroBuildArgs(dir);
  const gnuTime = existsSync("/usr/bin/time");
  const [command, args] = gnuTime ? ["/usr/bin/time", ["-v", process.execPath, ...astro]] : [process.execPath, astro];
  return new Promise((resolveBuild, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: dir,
      env: astroBuildEnv({ ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" }, dir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let sampled = 0;
    const sampler = setInterval(() => (sampled = Math.max(sampled, treeRss(child.pid))), 50);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sampler);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      writeFileSync(join(dir, "bench-build.log"), output);
      if (code !== 0) {
        reject(new Error(`astro build failed in ${dir} (exit ${code}):\n${output.split("\n").slice(-30).join("\n")}`));
        return;
      }
      const maxRss = Number(output.match(/Maximum resident set size \(kbytes\): (\d+)/)?.[1] ?? 0) * 1024;
      const cpu = ["User", "System"].map(
        (kind) => output.match(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`))?.[1],
      );
      resolveBuild({
        ms,
        cpuMs: cpu.every(Boolean) ? (Number(cpu[0]) + Number(cpu[1])) * 1000 : Number.NaN,
        bytes: Math.max(maxRss, sampled),
        pages: countHtml(join(dir, "dist", "client")),
        load: loadavg()[0],
        ...phases(output),
      });
    });
  });
}

/** A cold build of the corpus; for MDX corpora also a rebuild after one article changed. */
async function measure(label, n, format) {
  process.stderr.write(`bench-build: ${label} ...\n`);
  const dir = copyProject("runsmart-bench-");
  try {
    if (n > 0) writeCorpus(dir, n, format);
    const cold = { label, articles: n, format, ...(await build(dir)) };
    if (n === 0 || format === "md") return [cold];
    process.stderr.write(`bench-build: ${label}, rebuild after one changed article ...\n`);
    editOneArticle(dir);
    return [cold, { label: `${label}, rebuild`, articles: n, format, rebuild: true, ...(await build(dir)) }];
  } finally {
    if (options.keep) process.stderr.write(`bench-build: kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

const realArticles = readdirSync(join(ROOT, "content", "articles")).filter((f) => f.endsWith(".mdx")).length;
const [baseline] = await measure(`baseline: ${realArticles} real articles`, 0, "mdx");
baseline.articles = realArticles;
const results = [baseline];
for (const n of SIZES) {
  if (CORPORA.has("mdx")) results.push(...(await measure(`${n} synthetic articles, MDX`, n, "mdx")));
  if (CORPORA.has("md")) results.push(...(await measure(`${n} synthetic articles, Markdown`, n, "md")));
  if (CORPORA.has("copies")) results.push(...(await measure(`${n} copies of one real article, MDX`, n, "copies")));
}

const MiB = 1024 ** 2;
const failures = [];
const rows = results.map((r) => {
  const extra = r.pages - baseline.pages;
  const perPage = r === baseline || r.rebuild || extra <= 0 ? "" : ((r.ms - baseline.ms) / extra).toFixed(1);
  const checked = r !== baseline && r.articles <= TARGET.maxArticles && r.format !== "md";
  const limit = (r.rebuild ? TARGET.rebuildSeconds : TARGET.seconds) * 1000;
  if (checked && r.ms > limit) failures.push(`${r.label}: ${(r.ms / 1000).toFixed(1)} s > ${limit / 1000} s`);
  if (checked && r.bytes > TARGET.bytes) failures.push(`${r.label}: ${Math.round(r.bytes / MiB)} MiB`);
  const s = (ms) => (Number.isNaN(ms) ? "n/a" : (ms / 1000).toFixed(1));
  return [
    r.label,
    r.pages,
    s(r.ms),
    s(r.cpuMs),
    perPage,
    s(r.bundleMs),
    s(r.htmlMs),
    s(r.ogMs),
    r.reused,
    Math.round(r.bytes / MiB),
    r.load.toFixed(1),
  ];
});

const headers = [
  "corpus",
  "html pages",
  "build s",
  "CPU s",
  "ms / extra page",
  "bundle s",
  "html s",
  "og png s",
  "reused",
  "peak RSS MiB",
  "load",
];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
const line = (cells) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
console.log(
  `\nastro build, cold, on ${availableParallelism()} core(s), ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.versions.node}\n`,
);
console.log(line(headers));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of rows) console.log(line(row));
console.log(
  [
    "",
    "build s: wall clock of `astro build`; CPU s: its user + system time (GNU time); ms / extra page: extra",
    "wall time per extra HTML page against the baseline (each article also gets a share-card PNG); bundle s:",
    "Vite bundling (MDX/Markdown compile); html s, og png s: Astro's per-route prerender times, summed;",
    "reused: pages and cards copied from the previous build's output, unchanged (Astro's incremental build);",
    "load: 1-minute load average at the end (other work on the machine inflates every wall-clock figure).",
    "",
  ].join("\n"),
);
for (const n of SIZES) {
  const mdx = results.find((r) => r.articles === n && r.format === "mdx" && !r.rebuild);
  const md = results.find((r) => r.articles === n && r.format === "md");
  if (mdx && md) console.log(`MDX / Markdown build time, ${n} articles: ${(mdx.ms / md.ms).toFixed(2)}`);
}
console.log(
  `\nTargets (MDX, up to ${TARGET.maxArticles} articles): cold build within ${TARGET.seconds} s and ${TARGET.bytes / MiB} MiB peak memory; rebuild within ${TARGET.rebuildSeconds} s.`,
);
if (failures.length === 0) {
  console.log("All targets met.");
} else {
  console.log(`Missed:\n- ${failures.join("\n- ")}`);
  if (!options["no-fail"]) process.exit(1);
}
