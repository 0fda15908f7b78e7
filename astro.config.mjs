// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import node from "@astrojs/node";
import tailwindcss from "@tailwindcss/vite";
import { siteConfig } from "./src/site.config.ts";
import { serverEntryPlugin } from "./src/server/server-entry-plugin.ts";
import { preactIslands } from "./src/components/islands/renderer/integration.ts";

// Every page is prerendered; only routes that say `prerender = false` run on the Node server.
export default defineConfig({
  site: siteConfig.url,
  output: "static",
  trailingSlash: "ignore",
  // The only on-demand routes take small form posts; anything larger is refused before it is read.
  adapter: node({ mode: "standalone", bodySizeLimit: 64 * 1024 }),
  integrations: [
    mdx(),
    preactIslands(),
    sitemap({
      filter: (page) => !page.endsWith("/404/"),
      // /coaching/ is rendered on request, so the sitemap cannot discover it by itself.
      customPages: [new URL("/coaching/", siteConfig.url).href],
    }),
  ],
  build: {
    // One cached stylesheet for every page keeps each page's HTML small; see scripts/budgets.mjs.
    inlineStylesheets: "never",
    // Two pages at a time: while one share card is rasterised off the main thread (src/lib/og), the
    // next is laid out, so a 1000-article build uses both cores (scripts/bench-build.mjs).
    concurrency: 2,
  },
  // A Content-Security-Policy on every page: scripts only from this site or by hash (Astro hashes
  // its own inline scripts; ThemeScript adds its hash), never 'unsafe-inline'.
  security: { csp: true },
  devToolbar: { enabled: false },
  vite: {
    // The built Node server starts its security headers and the inquiry service itself.
    plugins: [tailwindcss(), serverEntryPlugin()],
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
