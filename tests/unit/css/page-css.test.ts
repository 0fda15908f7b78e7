import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { randomBytes } from "node:crypto";
import { blockingReason, fitsFirstWindow, pageCss, parsePage, readStylesheet } from "../../../src/lib/css/page-css";

/** A stylesheet shaped like Tailwind's output: layers, custom properties, variants, prose rules. */
const SHEET = readStylesheet(
  [
    "@layer properties{@supports (not (x:y)){*,:before,:after{--tw-border-style:solid;--tw-shadow:0 0 #0000}}}",
    "@layer theme{:root,:host{--color-ink:var(--rs-ink);--color-unused:red;--spacing:.25rem}}",
    "@layer base{:root{--rs-ink:#123;--rs-unread:#fff}:root[data-theme=dark]{color-scheme:dark}html{color:var(--color-ink)}}",
    "@layer components{[data-tool]{padding:1rem}}",
    "@layer utilities{",
    ".p-4{padding:calc(var(--spacing)*4)}",
    ".border{border-style:var(--tw-border-style);border-width:1px}",
    ".shadow{box-shadow:var(--tw-shadow)}",
    ".hover\\:underline:hover{text-decoration:underline}",
    ".theme-toggle{display:none}:root.js .theme-toggle{display:inline-flex}",
    ".prose :where(p):not(:where([class~=not-prose] *)){margin:1em 0}",
    ".prose :where(table):not(:where([class~=not-prose] *)){width:100%}",
    ".after\\:block:after{display:block}",
    ".group-open\\:block:is(:where(.group):is([open]) *){display:block}",
    "@media (width>=40rem){.sm\\:p-6{padding:1.5rem}.sm\\:grid{display:grid}}",
    ".spin{animation:spin 1s}",
    "}",
    "@media print{.no-print{display:none!important}}",
    "@property --tw-border-style{syntax:'*';inherits:false;initial-value:solid}",
    "@property --tw-shadow{syntax:'*';inherits:false;initial-value:0 0 #0000}",
    "@keyframes spin{to{rotate:1turn}}",
  ].join(""),
);

const page = (main: string, header = "") =>
  `<body class="p-4">${header}<main>${main}</main><footer class="shadow">Footer</footer></body>`;
const cssFor = (html: string, chars = 20_000) => pageCss(SHEET, parsePage(html, chars), html);

describe("a page's inline CSS", () => {
  it("keeps the rules of elements on the page and drops the others", () => {
    const css = cssFor(page(`<div class="prose"><p>Hello</p></div>`));
    expect(css).toContain(".p-4{");
    expect(css).toContain(".prose :where(p)");
    expect(css).not.toContain(".prose :where(table)");
    expect(css).not.toContain(".sm\\:grid");
    expect(css).not.toContain("[data-tool]");
  });

  it("declares every cascade layer first, in the stylesheet's order, even layers with no rule kept", () => {
    expect(cssFor(page("<p>Hi</p>"))).toMatch(/^@layer properties,theme,base,components,utilities;/);
  });

  it("keeps a responsive variant inside its media query", () => {
    expect(cssFor(page(`<div class="sm:p-6">x</div>`))).toContain("@media (width>=40rem){.sm\\:p-6{padding:1.5rem}}");
  });

  it("counts states that come later as matching: hover, pseudo-elements, an open disclosure, <html>'s marks", () => {
    const css = cssFor(
      page(
        `<a class="hover:underline after:block">x</a><button class="theme-toggle">t</button>` +
          `<details class="group"><summary>m</summary><span class="group-open:block">o</span></details>`,
      ),
    );
    expect(css).toContain(".hover\\:underline:hover");
    expect(css).toContain(".after\\:block:after");
    expect(css).toContain(":root.js .theme-toggle{display:inline-flex}");
    expect(css).toContain(":root[data-theme=dark]{color-scheme:dark}");
    expect(css).toContain(".group-open\\:block");
  });

  it("leaves print rules to the stylesheet", () => {
    expect(cssFor(page(`<div class="no-print">x</div>`))).not.toContain("@media print");
  });

  it("drops custom properties nothing reads, and keeps the chain the kept rules read", () => {
    const css = cssFor(page(`<div>x</div>`));
    expect(css).toContain("--color-ink:var(--rs-ink)");
    expect(css).toContain("--rs-ink:#123");
    expect(css).toContain("--spacing:.25rem");
    expect(css).not.toContain("--color-unused");
    expect(css).not.toContain("--rs-unread");
    expect(css).not.toContain("@property --tw-border-style");
  });

  it("keeps a custom property an inline style or attribute reads", () => {
    const html = page(`<svg><rect fill="var(--rs-unread)"></rect></svg>`);
    expect(cssFor(html)).toContain("--rs-unread:#fff");
  });

  it("keeps @property and @keyframes that kept rules use", () => {
    const css = cssFor(page(`<div class="border spin">x</div>`));
    expect(css).toContain("--tw-border-style:solid");
    expect(css).toContain("@property --tw-border-style");
    expect(css).toContain("@keyframes spin");
  });

  it("stops after the given length of text, so a list of a thousand articles costs no more than a long one", () => {
    const long = page(`<p>${"a".repeat(3000)}</p><div class="prose"><table><tr><td>late</td></tr></table></div>`);
    const cut = cssFor(long, 2500);
    expect(cut).not.toContain(".prose :where(table)");
    expect(cut).not.toContain("--tw-shadow"); // the footer comes after the cut
  });

  it("covers the whole page, far below its first screen too, so the stylesheet arriving changes nothing", () => {
    const long = page(`<p>${"a".repeat(3000)}</p><div class="prose"><table><tr><td>late</td></tr></table></div>`);
    const css = cssFor(long);
    expect(css).toContain(".prose :where(table)");
    expect(css).toContain("box-shadow:var(--tw-shadow)"); // the footer, after all the text
  });

  it("keeps a selector the matcher cannot read", () => {
    const sheet = readStylesheet("@layer utilities{p:future-state(1){color:red}.y{color:blue}}");
    const html = page("<p>x</p>");
    expect(pageCss(sheet, parsePage(html, 20_000), html)).toContain("p:future-state(1)");
  });
});

describe("which pages keep the blocking stylesheet", () => {
  it("an island that hydrates at load, when it is in the first screen", () => {
    const html = page(`<p>intro</p><astro-island client="load"></astro-island>`);
    expect(blockingReason(parsePage(html, 20_000), 2500)).toBe("an island is in view");
  });

  it("not an island that hydrates at load far below the first screen", () => {
    const html = page(`<p>${"a".repeat(3000)}</p><astro-island client="load"></astro-island>`);
    expect(blockingReason(parsePage(html, 20_000), 2500)).toBeUndefined();
  });

  it("an island that hydrates when visible, when it is in the first screen", () => {
    const html = page(`<p>intro</p><astro-island client="visible"></astro-island>`);
    expect(blockingReason(parsePage(html, 20_000), 2500)).toBe("an island is in view");
  });

  it("does not count the text of scripts, nor the header, toward the first screen", () => {
    const html = page(
      `<script>${"x".repeat(5000)}</script><astro-island client="visible"></astro-island>`,
      `<header>${"h".repeat(5000)}</header>`,
    );
    expect(blockingReason(parsePage(html, 20_000), 100)).toBe("an island is in view");
  });

  it("not an island that hydrates when visible far below the first screen", () => {
    const html = page(`<p>${"a".repeat(3000)}</p><astro-island client="visible"></astro-island>`);
    expect(blockingReason(parsePage(html, 20_000), 2500)).toBeUndefined();
  });
});

describe("whether a page arrives in the first round trip", () => {
  it("a page of ordinary text does, however long its markup repeats", () => {
    expect(fitsFirstWindow(page(`<p class="prose">${"Squat, hinge and carry. ".repeat(400)}</p>`))).toBe(true);
  });

  it("a page with more than the window of bytes that do not compress does not", () => {
    expect(fitsFirstWindow(page(`<p>${randomBytes(20_000).toString("base64")}</p>`))).toBe(false);
    expect(fitsFirstWindow(page(`<p>${randomBytes(8000).toString("base64")}</p>`))).toBe(true);
  });
});

describe("trying a selector on one element of each path", () => {
  it("gives the CSS that trying every element gives, for any page", () => {
    // Few names, class lists and attributes, all of them ones the sheet's selectors read, so that
    // paths repeat (a paragraph in and out of .prose) and rules match.
    const element: fc.Memo<string> = fc.memo((depth) =>
      fc
        .tuple(
          fc.constantFrom("p", "div", "table", "a", "details", "astro-island"),
          fc.constantFrom("", "", "prose", "p-4 border", "group", "group-open:block", "sm:p-6 hover:underline"),
          fc.constantFrom("", "", ' data-tool=""', " open"),
          depth > 1 ? fc.array(element(depth - 1), { maxLength: 4 }) : fc.constant([]),
        )
        .map(
          ([name, classes, attribute, children]) =>
            `<${name} class="${classes}"${attribute}>${children.length > 0 ? children.join("") : "x"}</${name}>`,
        ),
    );
    fc.assert(
      fc.property(fc.array(element(4), { minLength: 1, maxLength: 6 }), (children) => {
        const html = page(children.join(""));
        const dom = parsePage(html, 20_000);
        expect(pageCss(SHEET, dom, html)).toBe(pageCss(SHEET, dom, html, { exact: true }));
      }),
    );
  });
});
