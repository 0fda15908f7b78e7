import { describe, expect, it } from "vitest";
import { tableOfContents } from "../../../src/lib/content/toc";
import { tagCounts, tagLabel, tagPath } from "../../../src/lib/content/tags";

const h = (depth: number, text: string) => ({ depth, text, slug: text.toLowerCase().replace(/\s+/g, "-") });

describe("tableOfContents", () => {
  it("nests third-level headings under their section", () => {
    const toc = tableOfContents([h(2, "Why"), h(3, "Bones"), h(3, "Tendons"), h(2, "How"), h(2, "When"), h(4, "Deep")]);
    expect(toc).toEqual([
      {
        slug: "why",
        text: "Why",
        children: [
          { slug: "bones", text: "Bones" },
          { slug: "tendons", text: "Tendons" },
        ],
      },
      { slug: "how", text: "How", children: [] },
      { slug: "when", text: "When", children: [] },
    ]);
  });

  it("is empty with fewer than three sections", () => {
    expect(tableOfContents([h(2, "One"), h(3, "Sub"), h(2, "Two")])).toEqual([]);
  });

  it("ignores a third-level heading before the first section", () => {
    expect(tableOfContents([h(3, "Intro"), h(2, "A"), h(2, "B"), h(2, "C")]).flatMap((e) => e.children)).toEqual([]);
  });
});

describe("tags", () => {
  it("reads slugs as words and builds their URL", () => {
    expect(tagLabel("hip-hinge")).toBe("hip hinge");
    expect(tagPath("hip-hinge")).toBe("/tags/hip-hinge/");
  });

  it("counts each tag once per article, most used first, then alphabetical", () => {
    const counts = tagCounts([{ data: { tags: ["b", "a"] } }, { data: { tags: ["a", "a", "c"] } }]);
    expect(counts).toEqual([
      { tag: "a", count: 2 },
      { tag: "b", count: 1 },
      { tag: "c", count: 1 },
    ]);
  });
});
