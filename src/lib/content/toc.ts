/**
 * An article's table of contents from the headings Astro reports when it renders the body: its
 * second-level headings with their third-level headings nested. Shown only on articles with at
 * least three second-level headings. Pure: knows nothing of Markdown or HTML.
 */

/** The shape of one entry of Astro's `headings` from render(). */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocEntry {
  slug: string;
  text: string;
  children: { slug: string; text: string }[];
}

/** Articles with fewer second-level headings than this get no table of contents. */
export const TOC_MIN_SECTIONS = 3;

/** The nested contents, or [] when the article has fewer than three second-level headings. */
export function tableOfContents(headings: readonly Heading[]): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const { depth, slug, text } of headings) {
    if (depth === 2) entries.push({ slug, text, children: [] });
    else if (depth === 3) entries.at(-1)?.children.push({ slug, text });
  }
  return entries.length >= TOC_MIN_SECTIONS ? entries : [];
}
