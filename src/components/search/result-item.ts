/**
 * Fills one search result from the page's <template data-result-template>: the topic, the title as
 * a link, and the excerpt with matched words in <mark>. Text goes in as text nodes, so nothing a page
 * says can become markup here. Styling stays in the template (SearchPage.astro).
 */
import type { PagefindResultData } from "./pagefind";
import { excerptParts } from "./excerpt";

/** Pages without a `topic` meta are named by their section of the site. */
const SECTIONS: readonly (readonly [prefix: string, label: string])[] = [
  ["/mobility/", "Mobility program"],
  ["/tools/", "Tool"],
  ["/articles/", "Article"],
];

function topicOf(data: PagefindResultData): string {
  return data.meta["topic"] ?? SECTIONS.find(([prefix]) => data.url.startsWith(prefix))?.[1] ?? "Page";
}

function part<T extends Element>(root: Element, selector: string, type: new () => T): T {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`search result template: no ${selector}`);
  return element;
}

/** A new list item for `data`, built from `template`; the caller inserts it. */
export function resultItem(template: HTMLTemplateElement, data: PagefindResultData): HTMLLIElement {
  const item = template.content.firstElementChild?.cloneNode(true);
  if (!(item instanceof HTMLLIElement)) throw new Error("search result template: no <li>");
  part(item, "[data-result-topic]", HTMLElement).textContent = topicOf(data);
  const link = part(item, "[data-result-link]", HTMLAnchorElement);
  link.href = data.url;
  link.textContent = data.meta["title"] ?? data.url;
  part(item, "[data-result-excerpt]", HTMLElement).append(
    ...excerptParts(data.excerpt).map(({ text, highlighted }) => {
      if (!highlighted) return text;
      const mark = document.createElement("mark");
      mark.textContent = text;
      return mark;
    }),
  );
  return item;
}
