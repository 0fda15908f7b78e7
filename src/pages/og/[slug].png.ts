/**
 * The share card of every published article, rendered to /og/<slug>.png at build time. The font
 * is read from the @fontsource/barlow-condensed package in node_modules (SIL Open Font License),
 * so the build needs no network.
 */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from "astro";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { getArticles } from "../../data/articles";
import { TOPIC_LABELS } from "../../lib/content/article-schema";
import { renderCardPng, type CardFont } from "../../lib/og/render";
import { siteConfig } from "../../site.config";

export const getStaticPaths = (async () =>
  (await getArticles()).map((article) => ({
    params: { slug: article.id },
    props: { article },
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

export const GET: APIRoute<Props> = async ({ props }) => {
  const { title, topic } = props.article.data;
  const png = await renderCardPng(
    { title, topic: TOPIC_LABELS[topic], author: siteConfig.coach.name, siteName: siteConfig.title },
    await loadFonts(),
  );
  return new Response(png, { headers: { "Content-Type": "image/png" } });
};
