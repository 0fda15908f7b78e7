/**
 * The colours an installed app and the browser's chrome take from the site: read from the colour
 * tokens in src/styles/global.css (each token is `light-dark(<light>, <dark>)`), so the manifest and
 * the theme-color tags cannot drift from the stylesheet. Knows nothing about files: the caller
 * hands in the stylesheet's text.
 */

/** One token's value in each scheme, as written in the stylesheet (a hex colour). */
export interface SchemeColors {
  readonly light: string;
  readonly dark: string;
}

/** The page background (splash screen) and the header surface (title bar). */
export interface AppColors {
  readonly background: SchemeColors;
  readonly theme: SchemeColors;
}

const HEX = "#[0-9a-fA-F]{3,8}";

/** The light and dark values of `--rs-<name>` in `css`; throws when the token is missing or not hex. */
export function tokenColors(css: string, name: string): SchemeColors {
  const match = new RegExp(`--rs-${name}:\\s*light-dark\\(\\s*(${HEX})\\s*,\\s*(${HEX})\\s*\\)`).exec(css);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new Error(`global.css: --rs-${name} must be light-dark(<hex>, <hex>)`);
  }
  return { light: match[1].toLowerCase(), dark: match[2].toLowerCase() };
}

/** The canvas colour behind every page, and the surface colour of the header. */
export function appColors(css: string): AppColors {
  return { background: tokenColors(css, "canvas"), theme: tokenColors(css, "surface") };
}
