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
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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

/** The arguments to `node` that run `astro build` for the project in `dir` (default: this one). */
export const astroBuildArgs = (dir = join(import.meta.dirname, "..")) => [
  `--max-old-space-size=${heapLimitMiB(dir)}`,
  "--max-semi-space-size=8",
  join(dir, "node_modules", "astro", "bin", "astro.mjs"),
  "build",
];

/** The environment to build with: `env` (default: this process's) over ASTRO_BUILD_ENV. */
export const astroBuildEnv = (env = process.env) => ({ ...ASTRO_BUILD_ENV, ...env });

// Run as a script (not imported by bench-build.mjs); import.meta.main needs Node 22.18 or later.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = spawn(process.execPath, astroBuildArgs(), { stdio: "inherit", env: astroBuildEnv() });
  child.on("close", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
