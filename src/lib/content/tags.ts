/**
 * Tags as readers see them: a slug in the URL (/tags/hip-hinge/), words on the page ("hip hinge"),
 * and the list of every tag with how many published articles carry it. Pure.
 */

export function tagPath(tag: string): string {
  return `/tags/${tag}/`;
}

/** "hip-hinge" reads as "hip hinge". */
export function tagLabel(tag: string): string {
  return tag.replace(/-/g, " ");
}

/** Every tag of the given articles with its article count, most used first, then alphabetical. */
export function tagCounts(
  articles: readonly { data: { tags: readonly string[] } }[],
): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const article of articles)
    for (const tag of new Set(article.data.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
