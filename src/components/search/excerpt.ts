/**
 * Splits a Pagefind excerpt into plain-text parts, each highlighted or not, so the page builds the
 * highlight from text nodes and <mark> elements and never parses result HTML. Pagefind escapes `<`
 * and `>` in page text and wraps each matched word in `<mark>…</mark>`: that is the only markup an
 * excerpt holds, and any other tag-like text stays text. Pagefind's words carry their punctuation
 * ("calves,"); the highlight is trimmed to the letters and digits.
 */

export interface ExcerptPart {
  text: string;
  highlighted: boolean;
}

const unescapeAngles = (text: string) => text.replaceAll("&lt;", "<").replaceAll("&gt;", ">");
const EDGES = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

function highlight(text: string): ExcerptPart[] {
  const [, before = "", word = "", after = ""] = EDGES.exec(text) ?? [];
  if (word === "") return [{ text, highlighted: true }];
  return [
    { text: before, highlighted: false },
    { text: word, highlighted: true },
    { text: after, highlighted: false },
  ];
}

export function excerptParts(excerpt: string): ExcerptPart[] {
  // With a capturing group, split() puts each highlighted word at an odd index.
  return excerpt
    .split(/<mark>(.*?)<\/mark>/s)
    .flatMap((text, index) =>
      index % 2 === 1 ? highlight(unescapeAngles(text)) : [{ text: unescapeAngles(text), highlighted: false }],
    )
    .filter((part) => part.text !== "");
}
