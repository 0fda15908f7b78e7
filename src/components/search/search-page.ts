/**
 * What the search page does once a search starts. SearchPage.astro's starter script imports this
 * module only when there is a ?q= in the address or the reader types, so the page loads no script
 * file before that. It loads Pagefind, searches as the reader types (and at once on submit), keeps
 * the query in the address so a search can be linked, announces the count in the status region and
 * shows results ten at a time. Without it the form still submits ?q= to the page.
 */
import { loadPagefind, type Pagefind, type PagefindResult } from "./pagefind";
import { resultItem } from "./result-item";

const PAGE_SIZE = 10;
const EXCERPT_WORDS = 24;
const TYPING_PAUSE_MS = 250;

function element<T extends Element>(selector: string, type: new () => T): T {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`search page: no ${selector}`);
  return found;
}

const form = element("[data-search-form]", HTMLFormElement);
const input = element("[data-search-input]", HTMLInputElement);
const status = element("[data-search-status]", HTMLElement);
const list = element("[data-search-results]", HTMLOListElement);
const more = element("[data-search-more]", HTMLButtonElement);
const empty = element("[data-search-empty]", HTMLElement);
const template = element("[data-result-template]", HTMLTemplateElement);

let pagefind: Promise<Pagefind> | undefined;
let results: PagefindResult[] = [];
/** Increases with every search; a search whose number is no longer current drops its results. */
let generation = 0;

const plural = (count: number) => (count === 1 ? "result" : "results");

function keepInAddress(term: string): void {
  const url = new URL(location.href);
  if (term === "") url.searchParams.delete("q");
  else url.searchParams.set("q", term);
  history.replaceState(history.state, "", url);
}

/** List items for `page`, or undefined when a newer search started while their data loaded. */
async function itemsFor(page: PagefindResult[], current: number): Promise<HTMLLIElement[] | undefined> {
  const data = await Promise.all(page.map((result) => result.data()));
  return current === generation ? data.map((entry) => resultItem(template, entry)) : undefined;
}

function showItems(items: HTMLLIElement[], replace: boolean): void {
  if (replace) list.replaceChildren(...items);
  else list.append(...items);
  list.hidden = list.children.length === 0;
  more.hidden = list.children.length >= results.length;
}

async function search(query: string, waitMs: number): Promise<void> {
  const current = ++generation;
  const term = query.trim();
  if (term === "") {
    keepInAddress(term);
    results = [];
    showItems([], true);
    empty.hidden = true;
    status.textContent = "";
    return;
  }
  try {
    pagefind ??= loadPagefind(EXCERPT_WORDS);
    const found = await (await pagefind).debouncedSearch(term, {}, waitMs);
    if (found === null || current !== generation) return;
    const items = await itemsFor(found.results.slice(0, PAGE_SIZE), current);
    if (items === undefined) return;
    keepInAddress(term);
    results = found.results;
    showItems(items, true);
    empty.hidden = results.length > 0;
    status.textContent =
      results.length === 0 ? `No results for “${term}”` : `${results.length} ${plural(results.length)} for “${term}”`;
  } catch (error) {
    pagefind = undefined;
    if (current !== generation) return;
    // The index is not kept for offline use (src/lib/pwa/precache.ts): say so rather than "try again".
    status.textContent = navigator.onLine
      ? "Search could not load. Check your connection and try again."
      : "Search needs a connection: you are offline. The load calculator, the rest timer and the mobility program work without one.";
    console.error(error);
  }
}

async function showMore(): Promise<void> {
  const shown = list.children.length;
  const items = await itemsFor(results.slice(shown, shown + PAGE_SIZE), generation);
  if (items === undefined) return;
  showItems(items, false);
  // The button disappears with the last page, so focus moves to the first new result either way.
  items[0]?.querySelector("a")?.focus();
}

form.oninput = null; // the page's starter script, which loaded this module
input.addEventListener("input", () => void search(input.value, TYPING_PAUSE_MS));
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void search(input.value, 0);
});
let loadingMore = false;
more.addEventListener("click", () => {
  if (loadingMore) return;
  loadingMore = true;
  void showMore().finally(() => (loadingMore = false));
});

input.value ||= new URLSearchParams(location.search).get("q") ?? "";
void search(input.value, 0);
