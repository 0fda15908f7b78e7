// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import node from "@astrojs/node";
import tailwindcss from "@tailwindcss/vite";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { minify } from "vite";
import { REGISTER } from "./src/components/site/service-worker-registration.ts";
import { siteConfig } from "./src/site.config.ts";
import { preactIslands } from "./src/components/islands/renderer/integration.ts";

/**
 * Every image is built ahead of time, so a production build answers the image endpoint without doing
 * any work (resizing on request would be an open CPU sink); `astro dev` keeps Astro's own endpoint.
 * @returns {import("astro").AstroIntegration}
 */
function noImageEndpointInProduction() {
  return {
    name: "run-smart:no-image-endpoint",
    hooks: {
      "astro:config:setup": ({ command, updateConfig }) => {
        if (command !== "build") return;
        updateConfig({ image: { endpoint: { route: "/_image", entrypoint: "./src/server/no-image-endpoint.ts" } } });
      },
    },
  };
}

/**
 * Astro marks each MDX module "use astro:head-inject", and the bundler warns once per article that
 * it may not keep the directive. Astro reads the marker before bundling, so the warning is noise
 * (a known upstream issue) that buried real warnings under one line per article; every other log
 * is left alone. `onLog` is the bundler's documented plugin hook for filtering logs.
 * @returns {import("vite").Plugin}
 */
function quietHeadInjectWarnings() {
  return {
    name: "run-smart:quiet-head-inject",
    onLog(_level, log) {
      if (log.code === "MODULE_LEVEL_DIRECTIVE" && log.message.includes("astro:head-inject")) return false;
      return undefined;
    },
  };
}

/**
 * `import url from "./Part.tsx?chunk"` gives the URL of that module built as a chunk of the client
 * bundle (sharing Preact and the rest with the page's islands), for `import(/* @vite-ignore *\/ url)`
 * when a runner opens that part of a tool. Vite wraps every import() of a written path in its preload
 * helper, about 0.8 KB as sent, which the calculator's budget cannot carry; a part whose imports are
 * already on the page has nothing to preload. In dev, and in the server build (where such a part
 * is never imported), the URL is the module's own path. scripts/budgets.mjs counts these chunks as
 * lazy code.
 * @returns {import("vite").Plugin}
 */
function chunkUrls() {
  const suffix = "?chunk";
  const prefix = "\0chunk-url:";
  return {
    name: "run-smart:chunk-url",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!source.endsWith(suffix)) return null;
      const resolved = await this.resolve(source.slice(0, -suffix.length), importer, { skipSelf: true });
      return resolved ? prefix + resolved.id : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const file = id.slice(prefix.length);
      if (this.environment.mode === "dev" || this.environment.config.consumer === "server") {
        return `export default ${JSON.stringify(`/@fs${file}`)};`;
      }
      return `export default "__CHUNK_URL_${this.emitFile({ type: "chunk", id: file })}__";`;
    },
    renderChunk(code) {
      if (!code.includes("__CHUNK_URL_")) return null;
      const base = this.environment.config.base;
      return code.replace(/__CHUNK_URL_([\w$-]+)__/g, (_, ref) => `${base}${this.getFileName(ref)}`);
    },
  };
}

/**
 * `file`'s code minified, as the `?minified` import below gives it.
 * @param {string} file
 */
async function minifiedScript(file) {
  const result = await minify(file, await readFile(file, "utf8"), { compress: true, mangle: true });
  if (result.errors.length > 0) throw new Error(`${file}: ${result.errors.map((e) => e.message).join("; ")}`);
  return result.code.trim();
}

/**
 * The site's inline scripts (ThemeScript.astro and ServiceWorkerScript.astro) by their hashes, for
 * every page's policy. They are listed here rather than added while a page renders: a page rendered
 * on request (/coaching/) sends its policy as a header before the page has rendered.
 */
const INLINE_SCRIPT_HASHES = [
  await minifiedScript(fileURLToPath(new URL("./src/components/site/theme-script.js", import.meta.url))),
  REGISTER,
].map((code) => /** @type {const} */ (`sha256-${createHash("sha256").update(code).digest("base64")}`));

/**
 * `import code from "./script.js?minified"` gives that file's code minified (the bundler's own
 * minifier), as a string for an inline <script> such as the theme script: Astro leaves inline scripts
 * as written, and every byte of them is on every page.
 * @returns {import("vite").Plugin}
 */
function minifiedScripts() {
  const suffix = "?minified";
  const prefix = "\0minified:";
  return {
    name: "run-smart:minified-script",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!source.endsWith(suffix)) return null;
      const resolved = await this.resolve(source.slice(0, -suffix.length), importer, { skipSelf: true });
      return resolved ? prefix + resolved.id : null;
    },
    async load(id) {
      if (!id.startsWith(prefix)) return null;
      const file = id.slice(prefix.length);
      this.addWatchFile(file);
      return `export default ${JSON.stringify(await minifiedScript(file))};`;
    },
  };
}

// Every page is prerendered; only routes that say `prerender = false` run on the Node server.
export default defineConfig({
  site: siteConfig.url,
  output: "static",
  trailingSlash: "ignore",
  // Middleware mode: dist/server/entry.mjs exports Astro's request handler, and our own server
  // (src/server/http) owns listening, static files, headers, limits and shutdown around it. Bodies
  // are limited there and in the inquiry handler (32 KB, answered 413), not by the adapter.
  // Pages rendered on request are rendered whole before their headers are made (no streaming), so
  // the hash of the first-screen CSS that src/layouts/Document.astro adds while rendering is in the
  // page's Content-Security-Policy header; those pages are small, and compressed as one piece anyway.
  adapter: node({ mode: "middleware", bodySizeLimit: 0, experimentalDisableStreaming: true }),
  integrations: [
    noImageEndpointInProduction(),
    mdx(),
    preactIslands(),
    sitemap({
      // The offline page is what the service worker shows with no connection, not a page to find;
      // a booking's page opens only from the visitor's own signed link.
      filter: (page) => !page.endsWith("/404/") && !page.endsWith("/offline/") && !page.endsWith("/coaching/booking/"),
      // /coaching/ is rendered on request, so the sitemap cannot discover it by itself.
      customPages: [new URL("/coaching/", siteConfig.url).href],
    }),
  ],
  build: {
    // One cached stylesheet for every page keeps each page's HTML small; see scripts/budgets.mjs.
    inlineStylesheets: "never",
    // Three pages at a time: while share cards are rasterised and encoded off the main thread
    // (src/lib/og), the next is laid out, so a 1000-article build keeps both cores busy. Measured
    // cold at 1000 articles: 41.2-42.6 s with 2, 38.1-38.2 s with 3, 39.2 s with 4 (more memory).
    concurrency: 3,
  },
  security: {
    // A Content-Security-Policy on every page: scripts and styles only from this site or by hash
    // (Astro hashes its own inline scripts; ours are listed above; a page's inline first-screen CSS
    // adds its hash as it renders, src/layouts/Document.astro), never 'unsafe-inline'. It travels in
    // a <meta> element so any static host keeps it; frame-ancestors, which a <meta> cannot carry, is
    // sent as a header by src/server/http together with X-Frame-Options.
    csp: {
      directives: ["object-src 'none'", "base-uri 'self'", "form-action 'self'"],
      scriptDirective: { hashes: INLINE_SCRIPT_HASHES },
    },
    // One origin check, ours (src/server/handler.ts), against SITE_URL: Astro's compares with the
    // socket's scheme, which behind a TLS proxy is never the browser's.
    checkOrigin: false,
  },
  devToolbar: { enabled: false },
  experimental: {
    // A build reuses the previous build's output for a page whose code and data are unchanged: every
    // page made by getStaticPaths returns a cacheKey (src/lib/content/page-cache-key.ts), Astro hashes
    // the code, and the output is kept in node_modules/.astro. Articles carry a server island
    // (comments), so their pages are reused only while the island key is (scripts/astro-build.mjs).
    // A 1000-article rebuild after one changed article: docs/benchmarks.md.
    incrementalBuild: true,
  },
  // The articles have no code blocks, and Shiki's inline styles would need 'unsafe-inline' styles.
  markdown: { syntaxHighlight: false },
  vite: {
    plugins: [tailwindcss(), quietHeadInjectWarnings(), chunkUrls(), minifiedScripts()],
    build: {
      rollupOptions: {
        output: {
          // Preact, its JSX runtime and the island loader (./src/components/islands/renderer) are needed
          // by every island together: one file instead of three saves requests and gzip overhead. Hooks
          // and Vite's preload helper (for lazily loaded parts) stay apart: the calculator uses neither.
          manualChunks(id) {
            if (/node_modules\/preact\/(dist|jsx-runtime)\/|islands\/renderer\/client\.ts$/.test(id)) return "preact";
            return undefined;
          },
        },
      },
    },
  },
});
