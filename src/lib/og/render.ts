/**
 * Renders a share card (src/lib/og/card.ts) to PNG bytes: satori lays the tree out as SVG with the
 * text turned into outlines, resvg rasterises it and sharp encodes the PNG. The caller hands in the font files (TTF, OTF or
 * WOFF; satori cannot read WOFF2) for weights 500 and 700 of one family; this module reads no
 * files, loads no system fonts and makes no network request, so the same input gives the same
 * bytes on any machine.
 */
import satori from "satori";
import { renderAsync } from "@resvg/resvg-js";
import sharp from "sharp";
import { CARD_FONT_FAMILY, OG_IMAGE_HEIGHT, OG_IMAGE_WIDTH, cardTree, type CardText } from "./card";

/** One weight of the card's font family, as the file's bytes. */
export interface CardFont {
  weight: 500 | 700;
  data: Uint8Array;
}

type SatoriFonts = Parameters<typeof satori>[1]["fonts"];

/**
 * Satori parses a font list on first use and keeps the result for as long as it is given the same
 * array, so each list of font files is turned into satori's form once: re-parsing the fonts for
 * every card took about 40% of a card's time.
 */
const satoriFonts = new WeakMap<readonly CardFont[], SatoriFonts>();
function fontsFor(fonts: readonly CardFont[]): SatoriFonts {
  let converted = satoriFonts.get(fonts);
  if (converted === undefined) {
    converted = fonts.map((font) => ({
      name: CARD_FONT_FAMILY,
      weight: font.weight,
      style: "normal" as const,
      // A copy, so satori gets a plain ArrayBuffer whatever view (or Buffer pool) it came from.
      data: new Uint8Array(font.data).buffer,
    }));
    satoriFonts.set(fonts, converted);
  }
  return converted;
}

/** The card as SVG (1200x630), text as outlines. Pass the same `fonts` array for every card. */
export async function renderCardSvg(text: CardText, fonts: readonly CardFont[]): Promise<string> {
  if (fonts.length === 0) throw new Error("renderCardSvg: at least one font file is needed");
  return satori(cardTree(text), { width: OG_IMAGE_WIDTH, height: OG_IMAGE_HEIGHT, fonts: fontsFor(fonts) });
}

// Every card is new pixels, so sharp's operation cache only holds memory; one libvips thread per
// card (two are drawn at a time) keeps the build's peak memory lower (about 80 MiB with 1000 cards).
sharp.cache(false);
sharp.concurrency(1);

/** How the PNG is encoded: part of what decides a card's bytes (the build's card cache keys on it). */
export const PNG_ENCODING = { encoder: "sharp", compressionLevel: 6 } as const;

/**
 * The card as PNG bytes, 1200x630. Rasterising (resvg) and encoding (sharp) both run on libuv's
 * thread pool, so while one card is drawn the main thread lays out the next (the build renders
 * two pages at a time). resvg's own encoder runs on the main thread, about 35 ms a card: with 1000
 * articles, most of a cold build's main-thread time.
 */
export async function renderCardPng(text: CardText, fonts: readonly CardFont[]): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await renderCardSvg(text, fonts);
  const image = await renderAsync(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
  const png = await sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png({ compressionLevel: PNG_ENCODING.compressionLevel })
    .toBuffer();
  return new Uint8Array(png);
}
