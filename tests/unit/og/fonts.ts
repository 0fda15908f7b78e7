/** The card font as the build reads it: Barlow Condensed from node_modules, weights 500 and 700. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { CardFont } from "../../../src/lib/og/render";

const require = createRequire(import.meta.url);

export function cardFonts(): CardFont[] {
  return ([500, 700] as const).map((weight) => ({
    weight,
    data: readFileSync(
      require.resolve(`@fontsource/barlow-condensed/files/barlow-condensed-latin-${weight}-normal.woff`),
    ),
  }));
}
