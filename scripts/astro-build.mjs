// Runs `astro build` in a child process with the environment this project builds with (`npm run
// build` and scripts/bench-build.mjs both use it, so the benchmark measures the real build).
//
// MIMALLOC_PURGE_DELAY=0: Vite's bundler (Rolldown) allocates through mimalloc, which by default
// keeps freed memory for reuse instead of returning it. Bundling 1000 MDX articles then leaves
// ~900 MiB of freed-but-held memory under the prerender that follows, and the build peaked at
// ~1.8 GiB; returning it at once peaks at 1.2-1.35 GiB for about 5 s more (measured with
// `npm run bench:build`). The allocator reads the variable when the bundler loads, so it is set
// in the child's environment from the start rather than on process.env of a running process.
//
// --max-old-space-size: V8 lets its heap grow far past what a build keeps alive when the machine has
// memory to spare (the 1000-article build peaked at 1.5 GiB, yet finishes, slower, with the old
// generation held to 320 MiB). The limit is 384 MiB plus 0.4 MiB per article, at least 2.4 times
// that measured need, so a bigger site gets a bigger limit; it took the peak to about 1.2 GiB at
// the same build time (docs/benchmarks.md).
//
// --max-semi-space-size=8 (MiB): a smaller young generation is collected more often, which frees
// sooner the native memory behind short-lived objects V8 cannot see the size of, chiefly each share
// card's rasterised pixels, held by resvg until its JS object is collected (about 3 MiB a card).
// 1000 articles cold: peak 1,076 MiB to 922-977 MiB, build time unchanged within run-to-run spread.
//
// ASTRO_KEY: the key Astro encrypts server islands' props with (each article's comments). Astro makes
// a new one for every build unless ASTRO_KEY is set, and then no article page can be reused by the
// next build (astro.config.mjs, experimental.incrementalBuild), and the comments of the article
// pages a reader's service worker kept from the previous deploy no longer load. So the build takes
// ASTRO_KEY from the environment when it is set (a deploy built on several machines sets one), and
// otherwise keeps its own in Astro's cache folder, node_modules/.astro/server-island.key, made by
// the first build. The built server carries the key it was built with.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(import.meta.dirname, "..");

export const ASTRO_BUILD_ENV = { MIMALLOC_PURGE_DELAY: "0" };

/** The heap limit in MiB for building the project in `dir`, from its number of articles. */
export function heapLimitMiB(dir) {
  let articles = 0;
  try {
    const files = readdirSync(join(dir, "content", "articles"), { recursive: true, encoding: "utf8" });
    articles = files.filter((name) => /\.mdx?$/.test(name)).length;
  } catch {
    // No articles folder: the base limit.
  }
  return Math.ceil(384 + 0.4 * articles);
}

/** The server-island key kept for the project in `dir`: read, or made and kept on first use. */
export function keptServerIslandKey(dir) {
  const file = join(dir, "node_modules", ".astro", "server-island.key");
  try {
    const kept = readFileSync(file, "utf8").trim();
    // An AES-256 key, base64: what `astro create-key` prints. Anything else is made again.
    if (Buffer.from(kept, "base64").length === 32) return kept;
  } catch {
    // None yet.
  }
  const key = randomBytes(32).toString("base64");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** The arguments to `node` that run `astro build` for the project in `dir` (default: this one). */
export const astroBuildArgs = (dir = ROOT) => [
  `--max-old-space-size=${heapLimitMiB(dir)}`,
  "--max-semi-space-size=8",
  join(dir, "node_modules", "astro", "bin", "astro.mjs"),
  "build",
];

/**
 * The environment to build the project in `dir` with: `env` (default: this process's) over
 * ASTRO_BUILD_ENV, with env's ASTRO_KEY or else the project's kept one.
 */
export const astroBuildEnv = (env = process.env, dir = ROOT) => ({
  ...ASTRO_BUILD_ENV,
  ...env,
  ASTRO_KEY: env.ASTRO_KEY || keptServerIslandKey(dir),
});

// Run as a script (not imported by bench-build.mjs); import.meta.main needs Node 22.18 or later.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = spawn(process.execPath, astroBuildArgs(), { stdio: "inherit", env: astroBuildEnv() });
  child.on("close", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
