// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import preact from "@astrojs/preact";
import sitemap from "@astrojs/sitemap";
import node from "@astrojs/node";
import tailwindcss from "@tailwindcss/vite";
import { siteConfig } from "./src/site.config.ts";

// Every page is prerendered; only routes that say `prerender = false` run on the Node server.
export default defineConfig({
  site: siteConfig.url,
  output: "static",
  trailingSlash: "ignore",
  adapter: node({ mode: "standalone" }),
  integrations: [mdx(), preact(), sitemap({ filter: (page) => !page.endsWith("/404/") })],
  // One cached stylesheet for every page keeps each page's HTML small; see scripts/budgets.mjs.
  build: { inlineStylesheets: "never" },
  devToolbar: { enabled: false },
  vite: { plugins: [tailwindcss()] },
});
