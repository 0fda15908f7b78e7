/**
 * The share card of every published article, rendered to /og/<slug>.png at build time. The font
 * is read from the @fontsource/barlow-condensed package in node_modules (SIL Open Font License),
 * so the build needs no network.
 *
 * Cards are cached across builds in node_modules/.cache/run-smart-og/, keyed by a hash of
 * everything that decides the picture: the card's layout tree (text and template alike), the font
 * files, the versions of satori, resvg and sharp and the PNG settings. Only a card whose key changed is drawn again; a cache
 * file that cannot be read or written is simply drawn again.
 */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from "astro";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { cardTree, type CardText } from "../../lib/og/card";
import { getArticles } from "../../data/articles";
import { pageCacheKey } from "../../lib/content/page-cache-key";
import { TOPIC_LABELS } from "../../lib/content/article-schema";
import sharp from "sharp";
import { PNG_ENCODING, renderCardPng, type CardFont } from "../../lib/og/render";
import { siteConfig } from "../../site.config";

export const getStaticPaths = (async () =>
  (await getArticles()).map((article) => ({
    params: { slug: article.id },
    props: { article },
    cacheKey: pageCacheKey([article]),
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

const require = createRequire(import.meta.url);
const fontFile = (weight: CardFont["weight"]): string =>
  require.resolve(`@fontsource/barlow-condensed/files/barlow-condensed-latin-${weight}-normal.woff`);

// Read once per build, shared by every card.
let fonts: Promise<CardFont[]> | undefined;
function loadFonts(): Promise<CardFont[]> {
  fonts ??= Promise.all(
    ([500, 700] as const).map(async (weight) => ({ weight, data: await readFile(fontFile(weight)) })),
  );
  return fonts;
}

const CACHE_DIR = join(process.cwd(), "node_modules", ".cache", "run-smart-og");
const rendererVersions = [
  ...["satori", "@resvg/resvg-js"].map(
    (name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`,
  ),
  // sharp exports no package.json; it reports its own and libvips's versions (with libpng and zlib).
  JSON.stringify(sharp.versions),
  JSON.stringify(PNG_ENCODING),
].join(",");

function cacheKey(text: CardText, fonts: readonly CardFont[]): string {
  const hash = createHash("sha256")
    .update(rendererVersions)
    .update(JSON.stringify(cardTree(text)));
  for (const font of fonts) hash.update(String(font.weight)).update(font.data);
  return hash.digest("hex");
}

/** The card's PNG from the cache, or drawn and then kept there. */
async function cardPng(text: CardText): Promise<Uint8Array> {
  const fonts = await loadFonts();
  const file = join(CACHE_DIR, `${cacheKey(text, fonts)}.png`);
  try {
    return await readFile(file);
  } catch {
    // Not cached yet (or unreadable): draw it below.
  }
  const png = await renderCardPng(text, fonts);
  try {
    await mkdir(CACHE_DIR, { recursive: true });
    // Written under a temporary name and renamed, so a build stopped halfway leaves no broken card.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, png);
    await rename(partial, file);
  } catch {
    // A read-only or full disk only costs the next build a redraw.
  }
  return png;
}

export const GET: APIRoute<Props> = async ({ props }) => {
  const { title, topic } = props.article.data;
  const png = await cardPng({
    title,
    topic: TOPIC_LABELS[topic],
    author: siteConfig.coach.name,
    siteName: siteConfig.title,
  });
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
