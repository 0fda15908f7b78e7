import { describe, expect, it } from "vitest";
import satori from "satori";
import {
  CARD_FONT_FAMILY,
  MAX_TITLE_LINES,
  OG_IMAGE_HEIGHT,
  OG_IMAGE_WIDTH,
  TITLE_BOX_WIDTH,
  cardTree,
  titleFontSize,
  type CardText,
} from "../../../src/lib/og/card";
import { renderCardPng, renderCardSvg } from "../../../src/lib/og/render";
import { PNG_SIGNATURE, pngSize } from "../../support/png";
import { cardFonts } from "./fonts";

const fonts = cardFonts();
const card = (title: string): CardText => ({
  title,
  topic: "Strength",
  author: "Nicole Sifuentes",
  siteName: "Run Smart",
});

/** Titles of the lengths the schema allows, the last two heavy in wide capitals (W, M). */
const TITLES = [
  "Hips",
  "25 Days of Mobility",
  "How to Fit Lifting Into a Running Week",
  "Strength and Conditioning for Runners: 9 Exercises, Zero Equipment",
  "Why Marathon Women Must Master Heavy Weights: Week-by-Week Workouts, Warm-Ups and Mobility Work",
  "WWWW MMMM Wide Words: Maximum Width Mountain Marathon Workout, Women Who Win Marathons Weekly, Wow",
];

interface Glyphs {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** The card laid out with text kept as <text> elements, so positions can be read. */
async function layout(title: string): Promise<Glyphs[]> {
  const svg = await satori(cardTree(card(title)), {
    width: OG_IMAGE_WIDTH,
    height: OG_IMAGE_HEIGHT,
    embedFont: false,
    fonts: fonts.map((f) => ({
      name: CARD_FONT_FAMILY,
      weight: f.weight,
      style: "normal" as const,
      data: new Uint8Array(f.data).buffer,
    })),
  });
  return [
    ...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>([^<]*)</g),
  ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), fontSize: Number(m[4]), text: m[5] ?? "" }));
}

describe("renderCardPng", () => {
  it("makes a 1200x630 PNG", async () => {
    const png = await renderCardPng(card(TITLES[1] ?? ""), fonts);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  });

  it("gives the same bytes for the same card", async () => {
    const title = TITLES[2] ?? "";
    expect(await renderCardPng(card(title), fonts)).toEqual(await renderCardPng(card(title), fonts));
  });

  it("refuses to render without a font", async () => {
    await expect(renderCardSvg(card("Hips"), [])).rejects.toThrow(/font/);
  });
});

describe("title layout", () => {
  it.each(TITLES)("fits %j inside the title box, whole and above the byline", async (title) => {
    expect(title.length).toBeLessThanOrEqual(100);
    const glyphs = await layout(title);
    const size = titleFontSize(title);
    const titleGlyphs = glyphs.filter((g) => g.fontSize === size);
    const byline = glyphs.filter((g) => g.text === "Nicole");
    expect(
      titleGlyphs
        .map((g) => g.text)
        .join("")
        .replace(/\s+/g, " ")
        .trim(),
    ).toBe(title);
    const left = Math.min(...titleGlyphs.map((g) => g.x));
    const right = Math.max(...titleGlyphs.filter((g) => g.text.trim() !== "").map((g) => g.x + g.width));
    expect(right - left).toBeLessThanOrEqual(TITLE_BOX_WIDTH);
    const lines = new Set(titleGlyphs.map((g) => g.y));
    expect(lines.size).toBeLessThanOrEqual(MAX_TITLE_LINES);
    expect(byline).toHaveLength(1);
    expect(Math.max(...lines)).toBeLessThan((byline[0]?.y ?? 0) - 40);
  });
});
