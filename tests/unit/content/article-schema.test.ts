import { describe, expect, it } from "vitest";
import { z } from "astro/zod";
import { createArticleSchema } from "../../../src/lib/content/article-schema";

// Astro supplies the real image validator at build time; a string stands in for it here.
const schema = createArticleSchema(z.string());

const valid = {
  title: "Run Smart: Strength Training",
  description: "Why strength work is the one addition a consistent runner should make first, and how to start.",
  pubDate: "2026-03-02",
  topic: "strength",
  tags: ["strength", "getting-started"],
};

function issuesOf(input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("article frontmatter", () => {
  it("accepts a minimal valid article and fills the defaults", () => {
    const parsed = schema.parse(valid);
    expect(parsed.draft).toBe(false);
    expect(parsed.pubDate).toEqual(new Date("2026-03-02"));
  });

  it.each([
    {
      name: "series and hero with alt",
      patch: { series: { name: "Run Smart", order: 2 }, hero: { image: "x.jpg", alt: "A runner lifting" } },
    },
    { name: "updated after published", patch: { updatedDate: "2026-04-01" } },
    { name: "six tags", patch: { tags: ["a", "b", "c", "d", "e", "f"] } },
    { name: "a draft", patch: { draft: true } },
  ])("accepts $name", ({ patch }) => {
    expect(issuesOf({ ...valid, ...patch })).toEqual([]);
  });

  it.each([
    { name: "a short description", patch: { description: "Too short." }, field: "description" },
    { name: "a long description", patch: { description: "x".repeat(161) }, field: "description" },
    { name: "an unknown topic", patch: { topic: "nutrition" }, field: "topic" },
    { name: "no tags", patch: { tags: [] }, field: "tags" },
    { name: "seven tags", patch: { tags: ["a", "b", "c", "d", "e", "f", "g"] }, field: "tags" },
    { name: "an upper-case tag", patch: { tags: ["Strength"] }, field: "tags.0" },
    { name: "a tag with spaces", patch: { tags: ["hip hinge"] }, field: "tags.0" },
    { name: "a repeated tag", patch: { tags: ["a", "a"] }, field: "tags" },
    { name: "an impossible date", patch: { pubDate: "2026-13-45" }, field: "pubDate" },
    { name: "updated before published", patch: { updatedDate: "2026-01-01" }, field: "updatedDate" },
    { name: "a hero without alt text", patch: { hero: { image: "x.jpg" } }, field: "hero.alt" },
    { name: "a series without order", patch: { series: { name: "Run Smart" } }, field: "series.order" },
    { name: "a series order of 0", patch: { series: { name: "Run Smart", order: 0 } }, field: "series.order" },
    { name: "a misspelt key", patch: { tittle: "Typo" }, field: "" },
    { name: "draft as a string", patch: { draft: "yes" }, field: "draft" },
  ])("rejects $name and names the field", ({ patch, field }) => {
    expect(issuesOf({ ...valid, ...patch })).toContain(field);
  });

  it.each(["title", "description", "pubDate", "topic", "tags"])("requires %s", (key) => {
    const input = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));
    expect(issuesOf(input)).toContain(key);
  });
});
