/**
 * The web app manifest: what makes the site installable (src/lib/pwa/manifest.ts), its colours
 * read from the tokens in global.css.
 */
import type { APIRoute } from "astro";
import css from "../styles/global.css?raw";
import { siteConfig } from "../site.config";
import { APP_ICONS } from "../lib/pwa/icons";
import { webAppManifest } from "../lib/pwa/manifest";
import { appColors } from "../lib/pwa/tokens";

export const GET: APIRoute = () => {
  const manifest = webAppManifest({
    name: siteConfig.title,
    description: siteConfig.description,
    lang: siteConfig.lang,
    colors: appColors(css),
    icons: APP_ICONS,
  });
  return new Response(JSON.stringify(manifest), { headers: { "Content-Type": "application/manifest+json" } });
};
