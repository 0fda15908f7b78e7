/**
 * Renders a share card (src/lib/og/card.ts) to PNG bytes: satori lays the tree out as SVG with the
 * text turned into outlines, resvg rasterises it. The caller hands in the font files (TTF, OTF or
 * WOFF; satori cannot read WOFF2) for weights 500 and 700 of one family; this module reads no
 * files, loads no system fonts and makes no network request, so the same input gives the same
 * bytes on any machine.
 */
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";
import { CARD_FONT_FAMILY, OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH, cardTree, type CardText } from "./card";

/** One weight of the card's font family, as the file's bytes. */
export interface CardFont {
  weight: 500 | 700;
  data: Uint8Array;
}

/** The card as SVG (1200x630), text as outlines. */
export async function renderCardSvg(text: CardText, fonts: readonly CardFont[]): Promise<string> {
  if (fonts.length === 0) throw new Error("renderCardSvg: at least one font file is needed");
  return satori(cardTree(text), {
    width: OG_IMAGE_WIDTH,
    height: OG_IMAGE_HEIGHT,
    fonts: fonts.map((font) => ({
      name: CARD_FONT_FAMILY,
      weight: font.weight,
      style: "normal" as const,
      // A copy, so satori gets a plain ArrayBuffer whatever view (or Buffer pool) it came from.
      data: new Uint8Array(font.data).buffer,
    })),
  });
}

/** The card as PNG bytes, 1200x630. */
export async function renderCardPng(text: CardText, fonts: readonly CardFont[]): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await renderCardSvg(text, fonts);
  const png = new Resvg(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } }).render().asPng();
  return new Uint8Array(png);
}
