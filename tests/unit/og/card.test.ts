import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  CARD_COLORS,
  MIN_TITLE_FONT_SIZE,
  OG_IMAGE_HEIGHT,
  OG_IMAGE_WIDTH,
  cardTree,
  ogImage,
  ogImageAlt,
  ogImagePath,
  titleFontSize,
  type CardChild,
  type CardText,
} from "../../../src/lib/og/card";

const text: CardText = {
  title: "Get Faster Without Running More",
  topic: "Training",
  author: "Nicole Sifuentes",
  siteName: "Run Smart",
};

/** Every node of the tree, depth first. */
function nodes(child: CardChild): CardChild[] {
  if (typeof child === "string") return [child];
  const children = child.props.children;
  const list = children === undefined ? [] : Array.isArray(children) ? children : [children];
  return [child, ...(list as CardChild[]).flatMap(nodes)];
}

describe("titleFontSize", () => {
  it("shrinks from short to long titles", () => {
    const short = titleFontSize("25 Days of Mobility");
    const medium = titleFontSize("Strength and Conditioning for Runners: 9 Exercises, Zero Equipment");
    const long = titleFontSize("x".repeat(100));
    expect(short).toBeGreaterThan(medium);
    expect(medium).toBeGreaterThan(long);
    expect(long).toBe(MIN_TITLE_FONT_SIZE);
  });

  it("never grows when a title gets longer", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 120 }), fc.string({ maxLength: 60 }), (title, more) => {
        expect(titleFontSize(title + more)).toBeLessThanOrEqual(titleFontSize(title));
      }),
    );
  });

  it("counts characters as a reader sees them, and ignores surrounding space", () => {
    expect(titleFontSize("  Ten Rules  ")).toBe(titleFontSize("Ten Rules"));
    // "é" written as e + combining accent is one character on the card.
    expect(titleFontSize("e\u0301".repeat(24))).toBe(titleFontSize("e".repeat(24)));
  });
});

describe("cardTree", () => {
  const tree = cardTree(text);
  const all = nodes(tree);

  it("fills the 1200x630 card with the site's ink", () => {
    expect(tree.props.style).toMatchObject({
      width: OG_IMAGE_WIDTH,
      height: OG_IMAGE_HEIGHT,
      backgroundColor: CARD_COLORS.ink,
    });
  });

  it("says the title, topic, coach and site name and nothing else", () => {
    const strings = all.filter((n): n is string => typeof n === "string");
    expect(strings).toEqual([text.topic, text.title, text.author, "·", text.siteName]);
  });

  it("sets the title at the size titleFontSize chooses", () => {
    const long = { ...text, title: "A ".repeat(50).trim() };
    for (const t of [text, long]) {
      const title = nodes(cardTree(t)).find((n) => typeof n !== "string" && n.props.children === t.title);
      expect(title && typeof title !== "string" ? title.props.style["fontSize"] : undefined).toBe(
        titleFontSize(t.title),
      );
    }
  });

  it("uses the accent colour for the shapes", () => {
    const accents = all.filter((n) => typeof n !== "string" && n.props.style["backgroundColor"] === CARD_COLORS.accent);
    expect(accents.length).toBeGreaterThanOrEqual(2);
  });
});

describe("ogImage", () => {
  it("points at the card of the article, with its size and alt text", () => {
    expect(ogImagePath("strength-basics")).toBe("/og/strength-basics.png");
    expect(ogImage("strength-basics", text)).toEqual({
      url: "/og/strength-basics.png",
      width: 1200,
      height: 630,
      alt: ogImageAlt(text),
    });
    expect(ogImageAlt(text)).toBe(
      "Get Faster Without Running More: a training article by Nicole Sifuentes on Run Smart",
    );
  });
});
