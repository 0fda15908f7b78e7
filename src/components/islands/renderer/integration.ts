/**
 * @astrojs/preact with this site's leaner browser half (./client.ts) in production builds. Everything
 * else (the server renderer, JSX, the Vite preset) is the official integration's; `astro dev` keeps
 * the official client with its debugging aids.
 */
import type { AstroIntegration } from "astro";
import preact from "@astrojs/preact";
import { fileURLToPath } from "node:url";

const CLIENT = fileURLToPath(new URL("./client.ts", import.meta.url));

export function preactIslands(): AstroIntegration {
  // JSX files only: the official integration always hands its Vite preset a Babel config, which
  // then parses every .js and .ts module of the site as well (about 1.4 s of a 1000-article build)
  // although only files with JSX need it. Every island is a .tsx file.
  const official = preact({ include: [/\.[jt]sx$/] });
  const setup = official.hooks["astro:config:setup"];
  if (!setup) throw new Error("@astrojs/preact no longer has a config:setup hook: check the renderer it adds.");
  return {
    ...official,
    hooks: {
      ...official.hooks,
      "astro:config:setup": (options) =>
        setup({
          ...options,
          addRenderer: (renderer) => {
            if (renderer.name !== "@astrojs/preact") throw new Error(`Unexpected renderer ${renderer.name}.`);
            options.addRenderer(options.command === "build" ? { ...renderer, clientEntrypoint: CLIENT } : renderer);
          },
        }),
    },
  };
}
