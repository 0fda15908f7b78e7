/**
 * A Vite plugin for the production build that makes the Node adapter's server entry start what the
 * site needs before it serves anything: the HTTP hardening (security headers, abandoned-body
 * connections) and the inquiry service (configuration checked, database opened, pending mail sent).
 * `node dist/server/entry.mjs` therefore needs no wrapper. The build fails if that entry was never
 * seen, so neither can silently go missing after an adapter upgrade.
 */
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

/** The adapter's server entry, which every build of the Node server starts from. */
const SERVER_ENTRY = /[\\/]@astrojs[\\/]node[\\/]dist[\\/]server\.js$/;

const here = (file: string) => JSON.stringify(fileURLToPath(new URL(file, import.meta.url)));

export function serverEntryPlugin(): Plugin {
  let installed = false;
  return {
    name: "run-smart:server-entry",
    apply: "build",
    applyToEnvironment: (environment) => environment.name === "ssr",
    transform(code, id) {
      if (!SERVER_ENTRY.test(id)) return null;
      installed = true;
      const prelude = [
        `import { installHttpHardening } from ${here("./http-hardening.ts")};`,
        `import { startInquiryService } from ${here("./context.ts")};`,
        "installHttpHardening();",
        "startInquiryService();",
      ].join("\n");
      return { code: `${prelude}\n${code}`, map: null };
    },
    buildEnd(error) {
      if (error === undefined && !installed) {
        this.error("server entry: the @astrojs/node server entry was not part of the server build");
      }
    },
  };
}
