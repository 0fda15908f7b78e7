import fc from "fast-check";
import { parseFragment } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { COMMENT_LINK_REL, countLinks, escapeHtml, renderComment } from "../../../src/lib/comments/render.ts";

type Node = DefaultTreeAdapterMap["childNode"];

/** Every element in `html` as the browser's parser builds it: tag name and attributes. */
function elements(html: string): { tag: string; attrs: Record<string, string> }[] {
  const found: { tag: string; attrs: Record<string, string> }[] = [];
  const walk = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if ("tagName" in node) {
        found.push({ tag: node.tagName, attrs: Object.fromEntries(node.attrs.map((a) => [a.name, a.value])) });
        walk(node.childNodes);
      }
    }
  };
  walk(parseFragment(html).childNodes);
  return found;
}

/** The text a reader sees, as the parser decodes it. */
function textOf(html: string): string {
  const parts: string[] = [];
  const walk = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (node.nodeName === "#text" && "value" in node) parts.push(node.value);
      if ("childNodes" in node) walk(node.childNodes);
    }
  };
  walk(parseFragment(html).childNodes);
  return parts.join("");
}

describe("renderComment", () => {
  it("escapes markup so it shows as typed", () => {
    const html = renderComment(`<script>alert("x")</script> & <b onmouseover='y'>bold</b>`);
    expect(html).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onmouseover=&#39;y&#39;&gt;bold&lt;/b&gt;</p>",
    );
    expect(elements(html).map((e) => e.tag)).toEqual(["p"]);
  });

  it("makes paragraphs of blank-line-separated text and <br> of single line breaks", () => {
    expect(renderComment("First line\nsecond line\r\n\r\n  \n\nNew paragraph\n")).toBe(
      "<p>First line<br>second line</p><p>New paragraph</p>",
    );
    expect(renderComment("   \n\n  ")).toBe("");
  });

  it("links bare http and https addresses, and nothing else", () => {
    const html = renderComment(
      "See https://example.com/squat?x=1&y=2. Also (http://runs.example/a_(b)) but not javascript:alert(1), ftp://x.example, mailto:a@b.example or www.example.com",
    );
    const links = elements(html).filter((e) => e.tag === "a");
    expect(links.map((a) => a.attrs)).toEqual([
      { href: "https://example.com/squat?x=1&y=2", rel: COMMENT_LINK_REL },
      { href: "http://runs.example/a_(b)", rel: COMMENT_LINK_REL },
    ]);
    expect(textOf(html)).toContain("javascript:alert(1)");
    expect(countLinks("https://a.example https://b.example http://c.example")).toBe(3);
  });

  it("keeps a quote or angle bracket in an address from leaving the attribute", () => {
    const html = renderComment(`https://evil.example/"onmouseover="alert(1)'<x>`);
    for (const element of elements(html)) {
      expect(Object.keys(element.attrs).sort()).toEqual(element.tag === "a" ? ["href", "rel"] : []);
    }
  });

  it("escapes every HTML-significant character", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

describe("renderComment with hostile input", () => {
  const fragments = fc.constantFrom(
    "<",
    ">",
    "&",
    '"',
    "'",
    "<script>",
    "</p>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>",
    "-->",
    "<!--",
    "<![CDATA[",
    "<svg/onload=alert(1)>",
    "<iframe srcdoc=",
    "&lt;",
    "&#x3C;",
    "https://ok.example/",
    "http://a.example/?q=<b>",
    'https://x.example/"onclick="',
    "javascript:",
    "data:text/html,",
    "\n",
    "\n\n",
    "\r\n",
    "\u2028",
    "\u0000",
    " ",
    "(",
    ")",
    "`",
    "=",
  );
  const hostile = fc.array(fc.oneof(fragments, fc.string(), fc.string({ unit: "binary", maxLength: 8 })), {
    maxLength: 40,
  });

  it("never produces an element other than p, a and br, nor an attribute other than a link's", () => {
    fc.assert(
      fc.property(hostile, (parts) => {
        const html = renderComment(parts.join(""));
        for (const element of elements(html)) {
          expect(["p", "a", "br"]).toContain(element.tag);
          if (element.tag === "a") {
            expect(Object.keys(element.attrs).sort()).toEqual(["href", "rel"]);
            expect(element.attrs["href"]).toMatch(/^https?:\/\//);
            expect(element.attrs["rel"]).toBe(COMMENT_LINK_REL);
          } else expect(element.attrs).toEqual({});
        }
      }),
      { numRuns: 200 },
    );
  });
});
