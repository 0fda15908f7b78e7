// Checks that a build which reuses the previous build's pages (Astro's incremental build,
// astro.config.mjs) gives the same site as a build that renders every page. In a throwaway copy of
// the project (the real one is never written): a cold build, then one article's title and text
// changed and a second build, which reuses what it can, then a third build with `--force`, which
// renders everything. The second and third outputs must be the same file for file. What differs by
// build on its own is set aside first: the encrypted props of server islands (AES-GCM with a fresh
// IV each time), the island ids, and the hashes of the inline scripts that carry them in the
// page's Content-Security-Policy. It also fails when the second build reused nothing (the cache
// stopped working) or reused the edited article's page.
//
// A page that shows data its getStaticPaths cacheKey leaves out (src/lib/content/page-cache-key.ts)
// keeps the old title in the second build, and fails here. Part of `npm test`; about 30 s.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { astroBuildArgs, astroBuildEnv } from "./astro-build.mjs";
import { copyProject, editOneArticle } from "./project-copy.mjs";

/** Runs `astro build` (with `extra` arguments) in `dir`; resolves with its log. */
function build(dir, extra = []) {
  return new Promise((resolveBuild, reject) => {
    const child = spawn(process.execPath, [...astroBuildArgs(dir), ...extra], {
      cwd: dir,
      env: astroBuildEnv({ ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" }, dir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (chunk) => (log += chunk));
    child.stderr.on("data", (chunk) => (log += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolveBuild(log);
      else reject(new Error(`astro build ${extra.join(" ")} failed in ${dir} (exit ${code}):\n${log.slice(-3000)}`));
    });
  });
}

const files = (root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();

const sha256 = (text) => createHash("sha256").update(text).digest("base64");

/** An HTML page without what differs between two builds of the same site by design (see above). */
function comparable(html) {
  const islandScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? "")
    .filter((code) => code.includes("/_server-islands/"));
  let out = html;
  for (const code of islandScripts) out = out.replaceAll(`'sha256-${sha256(code)}'`, "'sha256-ISLAND'");
  return out
    .replace(/(\/_server-islands\/[\w-]+)\?[^"]*/g, "$1?PROPS")
    .replace(/data-island-id="[^"]*"/g, 'data-island-id="ID"')
    .replace(/replaceServerIsland\("[^"]*"/g, 'replaceServerIsland("ID"');
}

const problems = [];
const dir = copyProject("runsmart-incremental-");
try {
  await build(dir);
  const edited = editOneArticle(dir);
  const slug = edited.file.replace(/\.mdx?$/, "");
  const log = (await build(dir)).replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "");
  const reused = [...log.matchAll(/[├└]─ (\S+) \((?:restored|cached)\)/g)].map((m) => m[1]);
  const rendered = [...log.matchAll(/[├└]─ (\S+) \(\+[\d.]+m?s\)/g)].map((m) => m[1]);
  const editedPage = `/articles/${slug}/index.html`;
  if (reused.length === 0) problems.push("the second build reused no page: the incremental cache is not working");
  if (reused.includes(editedPage)) problems.push(`the second build reused ${editedPage}, whose article changed`);
  // Kept outside the project: Tailwind reads every file there that git would not ignore for class names.
  const incremental = `${dir}-incremental`;
  renameSync(join(dir, "dist", "client"), incremental);
  await build(dir, ["--force"]);
  const full = join(dir, "dist", "client");

  const a = files(incremental);
  const b = files(full);
  for (const file of a.filter((f) => !b.includes(f))) problems.push(`${file}: only in the incremental build`);
  for (const file of b.filter((f) => !a.includes(f))) problems.push(`${file}: only in the full build`);
  for (const file of a.filter((f) => b.includes(f))) {
    const x = readFileSync(join(incremental, file));
    const y = readFileSync(join(full, file));
    if (x.equals(y)) continue;
    if (file.endsWith(".html") && comparable(x.toString("utf8")) === comparable(y.toString("utf8"))) continue;
    problems.push(`${file}: differs from the full build`);
  }
  const editedHtml = readFileSync(join(incremental, editedPage), "utf8");
  const escaped = edited.title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replaceAll("&#38;", "&amp;");
  if (!editedHtml.includes(edited.title) && !editedHtml.includes(escaped))
    problems.push(`${editedPage} does not show the new title "${edited.title}"`);

  console.log(
    `check-incremental-build: after editing ${edited.file}, the second build rendered ${rendered.length} pages ` +
      `and reused ${reused.length}; its ${a.length} files match a full build's ${b.length}` +
      (problems.length > 0 ? ", except:" : "."),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}-incremental`, { recursive: true, force: true });
}
if (problems.length > 0) {
  for (const problem of problems.slice(0, 40)) console.error(`- ${problem}`);
  if (problems.length > 40) console.error(`- ... and ${problems.length - 40} more`);
  process.exit(1);
}
