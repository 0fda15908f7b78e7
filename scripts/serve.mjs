// Serves the built site (dist/) with the production Node server: static pages and the on-demand
// routes. HOST and PORT override the defaults; run `npm run build` first (npm start does both).
import { existsSync } from "node:fs";
import { createServer } from "node:net";

const entry = new URL("../dist/server/entry.mjs", import.meta.url);
if (!existsSync(entry)) {
  console.error("No build found in dist/. Run `npm run build` first, or `npm start` to build and serve.");
  process.exit(1);
}
process.env.HOST ??= "127.0.0.1";
process.env.PORT ??= "4321";

// The adapter's server exits quietly with status 0 when its port is taken; say so and fail instead.
await new Promise((resolve) => {
  const probe = createServer();
  probe.once("error", (error) => {
    console.error(`Cannot listen on ${process.env.HOST}:${process.env.PORT} (${error.code}). Set PORT to a free port.`);
    process.exit(1);
  });
  probe.listen(Number(process.env.PORT), process.env.HOST, () => probe.close(resolve));
});

await import(entry.href);
