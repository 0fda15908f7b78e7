import { defineConfig } from "vitest/config";
import type { Plugin } from "vite";

/**
 * `import url from "./Part.ts?chunk"` (see astro.config.mjs) gives the module's own file path under
 * test, as in `astro dev`, so an island's `import(url)` loads the part directly.
 */
function chunkUrlsAsPaths(): Plugin {
  const prefix = "\0chunk-path:";
  return {
    name: "run-smart:chunk-path",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!source.endsWith("?chunk")) return null;
      const resolved = await this.resolve(source.slice(0, -"?chunk".length), importer, { skipSelf: true });
      return resolved ? prefix + resolved.id : null;
    },
    load(id) {
      return id.startsWith(prefix) ? `export default ${JSON.stringify(id.slice(prefix.length))};` : null;
    },
  };
}

export default defineConfig({
  plugins: [chunkUrlsAsPaths()],
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}"],
    environment: "node",
  },
});
