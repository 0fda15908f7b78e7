import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  ARTICLE_INDEX_PATH,
  articleIndexJson,
  parseArticleIndex,
  readArticleIndex,
} from "../../../src/server/article-index.ts";

const ARTICLES = [
  { slug: "form-work", title: "Form Work Is Mostly a Waste of Time", description: "Drills rarely pay off." },
  { slug: "lift-heavy", title: 'Lift "Heavy" <Safely>', description: "" },
];

describe("the article index", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("gives back each article's title and description by slug, and nothing for an unknown slug", () => {
    const index = parseArticleIndex(articleIndexJson(ARTICLES));
    expect(index.get("form-work")).toEqual({ title: ARTICLES[0]?.title, description: ARTICLES[0]?.description });
    expect(index.get("lift-heavy")?.title).toBe('Lift "Heavy" <Safely>');
    expect(index.get("missing")).toBeUndefined();
    expect(index.size).toBe(2);
  });

  it("keeps only the fields it needs, whatever else an article carries", () => {
    const [first] = ARTICLES;
    if (first === undefined) throw new Error("no article to try");
    const json = articleIndexJson([{ ...first, body: "the whole text" } as typeof first]);
    expect(json).not.toContain("the whole text");
  });

  it("refuses what is not an index", () => {
    for (const json of ["", "[]", "{}", '{"articles":[{"slug":""}]}', '{"articles":[{"slug":"x","title":1}]}']) {
      expect(() => parseArticleIndex(json), json).toThrow();
    }
  });

  it("is read from the built static files, and its absence is an error", () => {
    const clientDir = mkdtempSync(join(tmpdir(), "article-index-"));
    dirs.push(clientDir);
    expect(() => readArticleIndex(clientDir)).toThrow();
    mkdirSync(join(clientDir, "comments"));
    writeFileSync(join(clientDir, ARTICLE_INDEX_PATH), articleIndexJson(ARTICLES));
    expect(readArticleIndex(clientDir).get("form-work")?.title).toBe("Form Work Is Mostly a Waste of Time");
  });
});
