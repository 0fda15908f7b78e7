/**
 * The share card of an article: the Open Graph image that link previews show. This module decides
 * the card's size, colours, the title's font size and the element tree that satori lays out, and
 * nothing else: it reads no files, knows no DOM and does not render. The caller passes the card's
 * text (title, topic label, coach and site name); src/lib/og/render.ts turns the tree into a PNG
 * with the font files the caller supplies.
 */

/** Open Graph's recommended large-image size; link previews crop anything else. */
export const OG_IMAGE_WIDTH = 1200;
export const OG_IMAGE_HEIGHT = 630;

/** The family name the tree asks for; render.ts registers the caller's font files under it. */
export const CARD_FONT_FAMILY = "Card Sans";

/** The site's light palette (src/styles/global.css), so the card looks like the site. */
export const CARD_COLORS = {
  ink: "#14202e",
  accent: "#b93d0f",
  canvas: "#f7f7f4",
  white: "#ffffff",
  /** Secondary text on ink: the canvas colour dimmed, still well above AA contrast. */
  mutedOnInk: "#b8c0ca",
} as const;

/** What a card says. Every field is plain text; the card adds no words of its own. */
export interface CardText {
  /** The article's headline (the schema allows 5-100 characters). */
  title: string;
  /** The topic's label, e.g. "Strength". */
  topic: string;
  /** The coach's full name. */
  author: string;
  /** The site's name. */
  siteName: string;
}

/** A node of the tree satori lays out: the same shape as a React element, with inline styles. */
export interface CardElement {
  type: "div";
  props: {
    style: Readonly<Record<string, string | number>>;
    children?: CardChild | readonly CardChild[];
  };
}
export type CardChild = CardElement | string;

/** Left and top padding of the content. */
const PADDING = 72;
/** The accent stripes on the right take this much of the width; the title stays clear of them. */
const STRIPES_WIDTH = 230;
/** Width of the title's box. */
export const TITLE_BOX_WIDTH = OG_IMAGE_WIDTH - PADDING - STRIPES_WIDTH;
export const TITLE_LINE_HEIGHT = 1.04;

/**
 * Title font sizes by length in characters, the first row that holds the title wins: a short title
 * fills the card in one or two lines, a 100-character one takes four lines at the smallest size.
 * tests/unit/og/render.test.ts lays out titles up to 100 characters, heavy in wide letters (W, M),
 * and checks they fit whole.
 */
const TITLE_SIZES: readonly { maxChars: number; px: number }[] = [
  { maxChars: 24, px: 112 },
  { maxChars: 40, px: 96 },
  { maxChars: 60, px: 84 },
  { maxChars: 80, px: 72 },
];
/** For anything longer than the table's last row (up to the schema's 100 characters and beyond). */
export const MIN_TITLE_FONT_SIZE = 64;
/** Lines the title box can hold at the smallest size; longer titles are cut with an ellipsis. */
export const MAX_TITLE_LINES = 4;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The title's font size in pixels: never larger for a longer title. Counts what a reader sees as characters. */
export function titleFontSize(title: string): number {
  const length = [...graphemes.segment(title.trim())].length;
  return TITLE_SIZES.find((row) => length <= row.maxChars)?.px ?? MIN_TITLE_FONT_SIZE;
}

/** The site path of an article's card, e.g. /og/strength-basics.png. */
export function ogImagePath(articleId: string): string {
  return `/og/${articleId}.png`;
}

/** The card's alt text: what the image shows, for screen readers in link previews. */
export function ogImageAlt(text: CardText): string {
  return `${text.title}: a ${text.topic.toLowerCase()} article by ${text.author} on ${text.siteName}`;
}

/** What a page's head says about an article's card: site path, pixel size and alt text. */
export function ogImage(
  articleId: string,
  text: CardText,
): { url: string; width: number; height: number; alt: string } {
  return { url: ogImagePath(articleId), width: OG_IMAGE_WIDTH, height: OG_IMAGE_HEIGHT, alt: ogImageAlt(text) };
}

function div(style: CardElement["props"]["style"], children?: CardElement["props"]["children"]): CardElement {
  return children === undefined ? { type: "div", props: { style } } : { type: "div", props: { style, children } };
}

/** Three slanted accent bands on the right edge, like lane lines seen at speed. */
function stripes(): CardElement {
  const band = (width: number, right: number, opacity: number): CardElement =>
    div({
      position: "absolute",
      top: -40,
      bottom: -40,
      right,
      width,
      backgroundColor: CARD_COLORS.accent,
      opacity,
      transform: "skewX(-14deg)",
    });
  return div({ position: "absolute", top: 0, right: 0, bottom: 0, width: STRIPES_WIDTH, display: "flex" }, [
    band(96, -20, 1),
    band(28, 118, 0.85),
    band(12, 172, 0.6),
  ]);
}

/** The whole card as a satori element tree. */
export function cardTree(text: CardText): CardElement {
  const titleSize = titleFontSize(text.title);
  const topicLabel = div(
    {
      display: "flex",
      alignSelf: "flex-start",
      backgroundColor: CARD_COLORS.accent,
      color: CARD_COLORS.white,
      fontSize: 28,
      fontWeight: 700,
      letterSpacing: 3,
      textTransform: "uppercase",
      padding: "6px 18px",
      borderRadius: 6,
    },
    text.topic,
  );
  const title = div(
    {
      display: "block",
      width: TITLE_BOX_WIDTH,
      color: CARD_COLORS.white,
      fontSize: titleSize,
      fontWeight: 700,
      lineHeight: TITLE_LINE_HEIGHT,
      letterSpacing: -0.5,
      lineClamp: MAX_TITLE_LINES,
    },
    text.title.trim(),
  );
  const byline = div({ display: "flex", alignItems: "center", fontSize: 34, fontWeight: 500 }, [
    div({ display: "flex", width: 48, height: 6, backgroundColor: CARD_COLORS.accent, marginRight: 20 }),
    div({ display: "flex", color: CARD_COLORS.canvas }, text.author),
    div({ display: "flex", color: CARD_COLORS.mutedOnInk, margin: "0 14px" }, "·"),
    div({ display: "flex", color: CARD_COLORS.mutedOnInk }, text.siteName),
  ]);
  return div(
    {
      position: "relative",
      display: "flex",
      flexDirection: "column",
      justifyContent: "space-between",
      width: OG_IMAGE_WIDTH,
      height: OG_IMAGE_HEIGHT,
      boxSizing: "border-box",
      padding: `${PADDING - 8}px 0 ${PADDING - 8}px ${PADDING}px`,
      backgroundColor: CARD_COLORS.ink,
      fontFamily: CARD_FONT_FAMILY,
      // No overflow: hidden here: the picture's own edges already cut the stripes, and satori turns
      // overflow into a mask over every element, which took resvg about 20 ms of a card's 24.
    },
    [stripes(), topicLabel, title, byline],
  );
}
