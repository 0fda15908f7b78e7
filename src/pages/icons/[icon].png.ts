/**
 * The app icons (src/lib/pwa/icons.ts), rasterised from the mark's SVG with resvg at build time.
 */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from "astro";
import { renderAsync } from "@resvg/resvg-js";
import { APPLE_TOUCH_ICON, APP_ICONS, iconSvg } from "../../lib/pwa/icons";
import { pageCacheKey } from "../../lib/content/page-cache-key";

export const getStaticPaths = (() =>
  [...APP_ICONS, APPLE_TOUCH_ICON].map((icon) => ({
    params: { icon: icon.src.replace(/^\/icons\//, "").replace(/\.png$/, "") },
    props: { icon },
    // Drawn from code alone, which Astro tracks itself.
    cacheKey: pageCacheKey([], icon),
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = async ({ props }) => {
  const { size, purpose } = props.icon;
  const image = await renderAsync(iconSvg(size, purpose), { font: { loadSystemFonts: false } });
  return new Response(new Uint8Array(image.asPng()), { headers: { "Content-Type": "image/png" } });
};
