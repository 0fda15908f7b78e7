/**
 * The CSS a page's own markup needs, cut from the site's one stylesheet, so the page can carry it
 * inline and load the stylesheet without blocking its first paint.
 *
 * All of the page counts (up to a length no article reaches), not only its first screen: when the
 * stylesheet arrives it then changes
 * the style of no element already there, and the browser does not lay the whole page out again
 * (for a long article, a task of 60-110 ms at Lighthouse's 4x CPU slowdown, after first paint,
 * when only the first screen's rules are inline). A rule is kept when one of its
 * selectors matches an element of the page, with the states a visitor or a script gives an element
 * later (hover, focus, an open disclosure, the theme and `js` marks on <html>) counted as matching;
 * a selector the matcher cannot read is kept. Print rules are left to the stylesheet. Custom
 * properties that no kept declaration and no inline style reads are dropped, and every cascade
 * layer of the stylesheet is declared first, in its order.
 *
 * The first screen still decides whether a page can do without the blocking stylesheet: an island
 * there may draw markup its server HTML does not have (blockingReason). The first screen is the
 * page's markup from the start of <body> until the text of <main> and what follows it passes
 * `chars` characters.
 *
 * Pure: strings in, strings and answers out. It does not know where the stylesheet or the page come
 * from, or how the result reaches the page (src/layouts/Document.astro).
 */
import { brotliCompressSync, constants as zlib } from "node:zlib";
import postcss, { type ChildNode as CssNode, type Container } from "postcss";
import { compile } from "css-select";
import { AttributeAction, parse as parseSelector, SelectorType, type Selector } from "css-what";
import { DomUtils, ElementType, parseDocument } from "htmlparser2";

type Dom = ReturnType<typeof parseDocument>;
type DomNode = Dom["children"][number];
type DomElement = Extract<DomNode, { type: "tag" | "script" | "style" }>;

/** States set after the HTML is parsed, by the visitor or a script: a selector needing one may match. */
const LATER_STATES = new Set([
  "hover",
  "focus",
  "focus-visible",
  "focus-within",
  "active",
  "visited",
  "target",
  "checked",
  "open",
  "popover-open",
  "modal",
  "fullscreen",
  "placeholder-shown",
  "autofill",
  "invalid",
  "valid",
  "user-invalid",
  "user-valid",
  "indeterminate",
  "default",
  "disabled",
  "enabled",
  "read-only",
  "read-write",
  // Legacy one-colon pseudo-elements.
  "before",
  "after",
  "first-line",
  "first-letter",
  "marker",
  "placeholder",
  "backdrop",
  "selection",
]);
/** Attributes scripts change on elements that are already there. */
const LATER_ATTRIBUTES = new Set(["open", "aria-pressed", "aria-expanded", "aria-invalid", "aria-busy", "hidden"]);

interface KeptRule {
  kind: "rule";
  selectors: string[];
  /** Each declaration as written, with the custom property it sets and those it reads. */
  decls: { text: string; sets: string | undefined; reads: string[] }[];
}
interface Block {
  kind: "block";
  /** `@media (...)`, `@layer utilities`, `@supports (...)`, `@container (...)` */
  prelude: string;
  children: Node[];
}
/** An at-rule kept whole when what it names is used: `@property --x`, `@keyframes x`. */
interface Named {
  kind: "named";
  text: string;
  property: string | undefined;
  keyframes: string | undefined;
}
type Node = KeptRule | Block | Named | { kind: "other"; text: string };

interface SheetRule {
  kind: "rule";
  alternatives: { selector: string; test: Test }[];
  decls: KeptRule["decls"];
}
interface SheetBlock {
  kind: "block";
  prelude: string;
  children: SheetNode[];
}
type SheetNode = SheetRule | SheetBlock | Named | { kind: "other"; text: string };

/** What an element must have for a selector to match: a fast check first, then the real one. */
interface Test {
  classes: string[];
  tags: string[];
  ids: string[];
  matches: ((element: DomElement) => boolean) | "always";
  /**
   * Whether the answer depends only on the element and its ancestors (their names, classes and
   * the attributes the stylesheet names): no sibling combinator, no structural pseudo-class.
   */
  byPath: boolean;
}

/** A stylesheet read once, to cut the CSS of many pages from. */
export interface Stylesheet {
  nodes: SheetNode[];
  /** The stylesheet's cascade layers in the order it first names them. */
  layers: string[];
  /** Every attribute a selector reads, besides class. */
  attributes: string[];
}

const VAR_READ = /var\(\s*(--[\w-]+)/g;
const readsOf = (value: string) => [...value.matchAll(VAR_READ)].map((m) => m[1] as string);

/** Parses `css` (the site's built stylesheet) for pageCss. */
export function readStylesheet(css: string): Stylesheet {
  const layers: string[] = [];
  const attributes = new Set<string>();
  const addLayers = (params: string) => {
    for (const name of params.split(",").map((n) => n.trim()))
      if (name !== "" && !layers.includes(name)) layers.push(name);
  };
  const convert = (container: Container): SheetNode[] =>
    (container.nodes ?? []).flatMap((node: CssNode): SheetNode[] => {
      if (node.type === "rule") {
        const decls: KeptRule["decls"] = [];
        node.each((child) => {
          if (child.type !== "decl") return;
          const text = `${child.prop}:${child.value}${child.important ? "!important" : ""}`;
          decls.push({ text, sets: child.prop.startsWith("--") ? child.prop : undefined, reads: readsOf(child.value) });
        });
        const alternatives = node.selectors.map((s) => ({ selector: s, test: testFor(s, attributes) }));
        return [{ kind: "rule", alternatives, decls }];
      }
      if (node.type !== "atrule") return [];
      const name = node.name.toLowerCase();
      if (name === "layer") addLayers(node.params);
      if (name === "media" && /^\s*print\s*$/i.test(node.params)) return [];
      if (name === "property") {
        return [{ kind: "named", text: node.toString(), property: node.params.trim(), keyframes: undefined }];
      }
      if (/^(-\w+-)?keyframes$/.test(name)) {
        return [{ kind: "named", text: node.toString(), property: undefined, keyframes: node.params.trim() }];
      }
      if (node.nodes === undefined) return [{ kind: "other", text: `${node.toString()};` }];
      if (["media", "layer", "supports", "container"].includes(name)) {
        return [{ kind: "block", prelude: `@${node.name} ${node.params}`.trim(), children: convert(node) }];
      }
      return [{ kind: "other", text: node.toString() }];
    });
  const nodes = convert(postcss.parse(css));
  return { nodes, layers, attributes: [...attributes].filter((name) => name !== "class") };
}

/** Drops what a selector needs that only a visitor or a script brings; keeps the rest. */
function withoutLaterStates(compound: Selector[]): Selector[] {
  const onRoot = compound.some(
    (t) => (t.type === SelectorType.Tag && t.name === "html") || (t.type === SelectorType.Pseudo && t.name === "root"),
  );
  return compound.flatMap((token): Selector[] => {
    if (token.type === SelectorType.PseudoElement) return [];
    if (token.type === SelectorType.Pseudo) {
      if (LATER_STATES.has(token.name)) return [];
      if (Array.isArray(token.data)) {
        // :not() is left out: matching more is safe, and the typography plugin's :not(.not-prose *)
        // on every rule would cost a walk up the tree per element. :is(), :where(), :has(): their
        // alternatives lose the later states like any selector.
        if (token.name === "not") return [];
        return [{ ...token, data: token.data.map(withoutLaterStatesInSelector) }];
      }
      return [token];
    }
    if (token.type === SelectorType.Attribute) {
      // The theme and `js` marks on <html> are set before first paint by the theme script.
      if (onRoot && token.name !== "lang") return [];
      if (LATER_ATTRIBUTES.has(token.name)) return [];
    }
    return [token];
  });
}

const isTraversal = (token: Selector) =>
  token.type === SelectorType.Descendant ||
  token.type === SelectorType.Child ||
  token.type === SelectorType.Sibling ||
  token.type === SelectorType.Adjacent ||
  token.type === SelectorType.Parent ||
  token.type === SelectorType.ColumnCombinator;

const UNIVERSAL: Selector = { type: SelectorType.Universal, namespace: null };

/** One selector (no commas) as tokens, its later states dropped compound by compound. */
function withoutLaterStatesInSelector(tokens: Selector[]): Selector[] {
  const out: Selector[] = [];
  let compound: Selector[] = [];
  const flush = () => {
    const kept = withoutLaterStates(compound);
    out.push(...(kept.length > 0 || compound.length === 0 ? kept : [UNIVERSAL]));
    compound = [];
  };
  for (const token of tokens) {
    if (isTraversal(token)) {
      flush();
      out.push(token);
    } else compound.push(token);
  }
  flush();
  return out;
}

const isElement = (node: DomNode): node is DomElement =>
  node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;

/** Whether a selector's tokens look only at the element and its ancestors. */
function byPath(tokens: Selector[]): boolean {
  return tokens.every((token) => {
    if (token.type === SelectorType.Descendant || token.type === SelectorType.Child) return true;
    if (isTraversal(token) || token.type === SelectorType.PseudoElement) return false;
    if (token.type !== SelectorType.Pseudo) return true;
    if (token.name === "root") return true;
    return (token.name === "is" || token.name === "where") && Array.isArray(token.data) && token.data.every(byPath);
  });
}

/** Adds the names of the attributes `tokens` read to `names`. */
function collectAttributes(tokens: Selector[], names: Set<string>) {
  for (const token of tokens) {
    if (token.type === SelectorType.Attribute) names.add(token.name);
    if (token.type === SelectorType.Pseudo && Array.isArray(token.data))
      for (const inner of token.data) collectAttributes(inner, names);
  }
}

function testFor(selector: string, attributes: Set<string>): Test {
  const always: Test = { classes: [], tags: [], ids: [], matches: "always", byPath: false };
  let tokens: Selector[];
  try {
    const parsed = parseSelector(selector);
    if (parsed.length !== 1 || parsed[0] === undefined) return always;
    tokens = withoutLaterStatesInSelector(parsed[0]);
  } catch {
    return always;
  }
  collectAttributes(tokens, attributes);
  // The compound that must match the element itself: the tokens after the last combinator.
  let start = tokens.length;
  while (start > 0 && !isTraversal(tokens[start - 1] as Selector)) start--;
  const subject = tokens.slice(start);
  const test: Test = { classes: [], tags: [], ids: [], matches: "always", byPath: byPath(tokens) };
  const require = (compound: Selector[]) => {
    for (const token of compound) {
      if (token.type === SelectorType.Tag) test.tags.push(token.name.toLowerCase());
      if (token.type === SelectorType.Attribute && token.name === "class" && token.action === AttributeAction.Element)
        test.classes.push(token.value);
      if (token.type === SelectorType.Attribute && token.name === "id" && token.action === AttributeAction.Equals)
        test.ids.push(token.value);
      // `:where(p)`, as the typography plugin writes every rule: what is inside must match too.
      if (token.type !== SelectorType.Pseudo || (token.name !== "where" && token.name !== "is")) continue;
      const [only, ...others] = Array.isArray(token.data) ? token.data : [];
      if (only !== undefined && others.length === 0 && !only.some(isTraversal)) require(only);
    }
  };
  require(subject);
  try {
    // The tokens themselves: a class written back out loses escapes its name needs ("aria-[x=y]:z").
    const query = compile<DomNode, DomElement>([tokens]);
    test.matches = (element) => query(element);
  } catch {
    // A selector the matcher cannot evaluate (a newer pseudo-class): kept, which is always safe.
  }
  return test;
}

/**
 * A page's <body> element as a DOM (with <html> around it), cut after `chars` characters of text
 * from the start of <main>: enough to take any article whole, while a list of a thousand articles
 * is taken only so far (its CSS would otherwise cost seconds of a build, for rules the first
 * hundred cards already need).
 */
export function parsePage(body: string, chars: number): Dom {
  const dom = parseDocument(`<html>${roughCut(body, chars)}</html>`);
  let last: DomNode | undefined;
  for (const node of firstText(dom.children, chars)) last = node;
  // What follows the node where the text ran out goes, at every level up from it.
  for (let node = last; node?.parent; node = node.parent) while (node.next) DomUtils.removeElement(node.next);
  return dom;
}

/**
 * The nodes of `nodes` in document order (elements' children followed, scripts' and styles' not),
 * up to the text node where `chars` characters of text from the start of <main> have gone by; all
 * of them on a shorter page.
 */
function* firstText(nodes: readonly DomNode[], chars: number): Generator<DomNode, void> {
  const state = { counting: false, left: chars };
  function* walk(list: readonly DomNode[]): Generator<DomNode, boolean> {
    for (const node of list) {
      yield node;
      if (node.type === ElementType.Text) {
        if (state.counting) state.left -= node.data.replace(/\s+/g, " ").trim().length;
        if (state.left <= 0) return true;
      } else if (node.type === ElementType.Tag) {
        if (node.name === "main") state.counting = true;
        if (yield* walk(node.children)) return true;
      }
    }
    return false;
  }
  yield* walk(nodes);
}

/**
 * `body` up to well past `chars` characters of text from <main>, found by scanning the text
 * (without parsing) so that only that part is parsed. Entities count as written, so the scan runs
 * 50% further than `chars` to stay past the exact cut that parsePage then makes.
 */
function roughCut(body: string, chars: number): string {
  const main = body.indexOf("<main");
  if (main === -1) return body;
  let left = chars * 1.5;
  const tokens = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1>|<[^>]*>|[^<]+/g;
  tokens.lastIndex = main;
  for (let token = tokens.exec(body); token !== null; token = tokens.exec(body)) {
    if (!token[0].startsWith("<")) left -= token[0].replace(/\s+/g, " ").trim().length;
    if (left <= 0) return body.slice(0, tokens.lastIndex);
  }
  return body;
}

/**
 * Why `page` keeps the blocking stylesheet; undefined when its CSS can be inline. An island may
 * draw markup its server HTML does not show, styled only by the whole stylesheet: in the first
 * screen (the first `chars` characters of text from <main>) that would be seen, and could move.
 * Below it (even one that hydrates at load), it is styled by the time a reader scrolls there: the
 * stylesheet is asked for at first paint.
 */
export function blockingReason(page: Dom, chars: number): string | undefined {
  for (const node of firstText(page.children, chars))
    if (node.type === ElementType.Tag && node.name === "astro-island") return "an island is in view";
  return undefined;
}

/**
 * Brotli at quality 5 of a whole page, above which the page would not arrive in TCP's first window
 * (14,000 B, as `npm run budgets` counts it) once served. The server sends HTML at quality 11,
 * which measured 10-11% smaller than quality 5 on this site's pages, and Astro adds the policy
 * <meta> after this is measured: its hashes do not compress, about 600 B as sent.
 */
export const FIRST_WINDOW_AT_QUALITY_5 = 14_500;

/**
 * Whether `html` (the page with its inline CSS) would arrive in the first round trip. Quality 5
 * takes 1-2 ms for a page, quality 11 about 45 ms.
 */
export const fitsFirstWindow = (html: string): boolean =>
  brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }).length <= FIRST_WINDOW_AT_QUALITY_5;

/**
 * The CSS of `sheet` that the elements of `page` need, as one string. `inlineStyles` is any
 * markup whose style attributes may read custom properties (the page's source).
 *
 * Elements with the same path (the same name, classes and named attributes, each of their
 * ancestors too) answer every selector that looks only at ancestors the same way, so such a selector
 * is tried on one element of each path: an article's hundred paragraphs are mostly one. `exact`
 * tries every element, for tests that compare the two.
 */
export function pageCss(sheet: Stylesheet, page: Dom, inlineStyles = "", { exact = false } = {}): string {
  // Every element in document order, each with its path as a number: equal numbers, equal paths.
  const elements: DomElement[] = [];
  const pathIds = new Map<string, number>();
  const pathOf = new Map<DomElement, number>();
  const number = (element: DomElement, parent: number) => {
    elements.push(element);
    const key = JSON.stringify([
      parent,
      element.name,
      element.attribs["class"] ?? null,
      ...sheet.attributes.map((name) => element.attribs[name] ?? null),
    ]);
    let id = pathIds.get(key);
    if (id === undefined) {
      id = pathIds.size;
      pathIds.set(key, id);
    }
    pathOf.set(element, id);
    for (const child of element.children) if (isElement(child)) number(child, id);
  };
  for (const child of page.children) if (isElement(child)) number(child, -1);
  /** A list of elements with one element for each path in it, made once per list. */
  const distinct = new Map<DomElement[], DomElement[]>();
  const onePerPath = (list: DomElement[]) => {
    let one = distinct.get(list);
    if (one === undefined) {
      const seen = new Set<number | undefined>();
      one = list.filter((element) => !seen.has(pathOf.get(element)) && seen.add(pathOf.get(element)));
      distinct.set(list, one);
    }
    return one;
  };
  // The elements by class, tag and id: a selector is tried only on those its subject names.
  const byClass = new Map<string, DomElement[]>();
  const byTag = new Map<string, DomElement[]>();
  const byId = new Map<string, DomElement[]>();
  const add = (map: Map<string, DomElement[]>, key: string, element: DomElement) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [element]);
    else list.push(element);
  };
  for (const element of elements) {
    add(byTag, element.name, element);
    for (const name of (element.attribs["class"] ?? "").split(/\s+/)) if (name) add(byClass, name, element);
    if (element.attribs["id"]) add(byId, element.attribs["id"], element);
  }
  // Called for every selector of the stylesheet on every page: no allocation here.
  const matches = (test: Test) => {
    let candidates: DomElement[] = elements;
    for (const key of test.classes) {
      const found = byClass.get(key);
      if (found === undefined) return false;
      if (found.length < candidates.length) candidates = found;
    }
    for (const key of test.tags) {
      const found = byTag.get(key);
      if (found === undefined) return false;
      if (found.length < candidates.length) candidates = found;
    }
    for (const key of test.ids) {
      const found = byId.get(key);
      if (found === undefined) return false;
      if (found.length < candidates.length) candidates = found;
    }
    const query = test.matches;
    if (query === "always") return true;
    return (test.byPath && !exact ? onePerPath(candidates) : candidates).some((element) => query(element));
  };

  const keep = (nodes: SheetNode[]): Node[] =>
    nodes.flatMap((node): Node[] => {
      if (node.kind === "rule") {
        const selectors = node.alternatives.filter((alt) => matches(alt.test)).map((alt) => alt.selector);
        return selectors.length > 0 ? [{ kind: "rule", selectors, decls: [...node.decls] }] : [];
      }
      if (node.kind === "block") {
        const children = keep(node.children);
        return children.length > 0 ? [{ kind: "block", prelude: node.prelude, children }] : [];
      }
      // A copy: pruning blanks what this page does not use, and the sheet serves every page.
      return [{ ...node }];
    });
  const kept = keep(sheet.nodes);
  pruneCustomProperties(kept, readsOf(inlineStyles));
  const body = kept.map(serialize).join("");
  return sheet.layers.length > 0 ? `@layer ${sheet.layers.join(",")};${body}` : body;
}

/** Removes custom properties nothing kept reads, and @property / @keyframes nothing kept uses. */
function pruneCustomProperties(nodes: Node[], extraReads: string[]) {
  const rules: KeptRule[] = [];
  const named: Named[] = [];
  const collect = (list: Node[]) => {
    for (const node of list) {
      if (node.kind === "rule") rules.push(node);
      else if (node.kind === "block") collect(node.children);
      else if (node.kind === "named") named.push(node);
    }
  };
  collect(nodes);
  for (;;) {
    const read = new Set(extraReads);
    for (const rule of rules) for (const decl of rule.decls) for (const name of decl.reads) read.add(name);
    let removed = false;
    for (const rule of rules) {
      const before = rule.decls.length;
      rule.decls = rule.decls.filter((decl) => decl.sets === undefined || read.has(decl.sets));
      removed ||= rule.decls.length !== before;
    }
    if (!removed) {
      const animations = rules.flatMap((r) => r.decls.filter((d) => /^(-\w+-)?animation(-name)?:/.test(d.text)));
      for (const node of named) {
        const used =
          node.property !== undefined
            ? read.has(node.property)
            : animations.some((d) => new RegExp(`[:\\s,]${node.keyframes}([\\s,;!]|$)`).test(d.text));
        if (!used) node.text = "";
      }
      return;
    }
  }
}

function serialize(node: Node): string {
  switch (node.kind) {
    case "rule":
      return node.decls.length === 0 ? "" : `${node.selectors.join(",")}{${node.decls.map((d) => d.text).join(";")}}`;
    case "block": {
      const inner = node.children.map(serialize).join("");
      return inner === "" ? "" : `${node.prelude}{${inner}}`;
    }
    case "named":
    case "other":
      return node.text;
  }
}
