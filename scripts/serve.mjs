// Serves the built site (dist/) with the production Node server: static pages and the on-demand
// routes. HOST and PORT override the defaults; run `npm run build` first (npm start does both).
import { existsSync } from "node:fs";

const entry = new URL("../dist/server/entry.mjs", import.meta.url);
if (!existsSync(entry)) {
  console.error("No build found in dist/. Run `npm run build` first, or `npm start` to build and serve.");
  process.exit(1);
}
process.env.HOST ??= "127.0.0.1";
process.env.PORT ??= "4321";

await import(entry.href);
