import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Topic } from "../../../src/lib/content/article-schema";
import { TOPICS } from "../../../src/lib/content/article-schema";
import { compareNewestFirst } from "../../../src/lib/content/query";
import {
  relatedArticles,
  relatedness,
  seriesParts,
  toolsFor,
  type RelatableArticle,
} from "../../../src/lib/content/reading-next";

function article(
  id: string,
  topic: Topic,
  tags: string[],
  date = "2026-01-01",
  series?: { name: string; order: number },
): RelatableArticle {
  return { id, data: { title: id, pubDate: new Date(date), draft: false, topic, tags, series } };
}

const library = [
  article("squat", "strength", ["strength", "squat"], "2026-03-01", { name: "Run Smart", order: 1 }),
  article("form", "form", ["form"], "2026-06-01", { name: "Run Smart", order: 2 }),
  article("mobility", "mobility", ["mobility", "squat"], "2026-07-01", { name: "Run Smart", order: 3 }),
  article("heavy", "strength", ["strength", "lifting"], "2026-04-01"),
  article("faster", "strength", ["strength"], "2026-05-01"),
  article("schedule", "training", ["scheduling"], "2026-09-01"),
];

/** Generated articles: an id, a topic, one to three of four tags, and a day of February 2026. */
const articleRows = ({ days, maxLength }: { days: number; maxLength: number }) =>
  fc.array(
    fc.record({
      id: fc.uuid(),
      topic: fc.constantFrom(...TOPICS),
      tags: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { minLength: 1, maxLength: 3 }),
      day: fc.integer({ min: 1, max: days }),
    }),
    { minLength: 1, maxLength },
  );

describe("relatedArticles", () => {
  it("prefers the same series, then the same topic, then shared tags", () => {
    expect(relatedArticles(library[0] as RelatableArticle, library).map((a) => a.id)).toEqual([
      "mobility",
      "form",
      "faster",
    ]);
  });

  it("breaks equal scores by date, newest first", () => {
    const heavy = library[3] as RelatableArticle;
    expect(relatedArticles(heavy, library).map((a) => a.id)).toEqual(["faster", "squat"]);
  });

  it("offers nothing that shares nothing", () => {
    expect(relatedArticles(library[5] as RelatableArticle, library)).toEqual([]);
  });

  it("never returns the article itself, never more than three, and the same answer for any order", () => {
    const arb = articleRows({ days: 28, maxLength: 12 });
    fc.assert(
      fc.property(arb, (rows) => {
        const list = rows.map((r) => article(r.id, r.topic, r.tags, `2026-02-${String(r.day).padStart(2, "0")}`));
        const current = list[0] as RelatableArticle;
        const related = relatedArticles(current, list);
        expect(related.length).toBeLessThanOrEqual(3);
        expect(related.some((a) => a.id === current.id)).toBe(false);
        expect(relatedArticles(current, [...list].reverse()).map((a) => a.id)).toEqual(related.map((a) => a.id));
      }),
    );
  });
});

describe("relatedArticles keeps the best few in one pass", () => {
  it("returns what sorting every other article by score, then newest first, and taking the first few returns", () => {
    // Three days only, so that many articles tie on score and date.
    const arb = fc.record({ rows: articleRows({ days: 3, maxLength: 30 }), limit: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(arb, ({ rows, limit }) => {
        const list = rows.map((r) => article(r.id, r.topic, r.tags, `2026-02-${String(r.day).padStart(2, "0")}`));
        const current = list[0] as RelatableArticle;
        const sorted = list
          .filter((a) => a.id !== current.id)
          .map((a) => ({ a, score: relatedness(current, a) }))
          .filter(({ score }) => score > 0)
          .sort((x, y) => y.score - x.score || compareNewestFirst(x.a, y.a))
          .slice(0, limit)
          .map(({ a }) => a.id);
        expect(relatedArticles(current, list, limit).map((a) => a.id)).toEqual(sorted);
      }),
    );
  });
});

describe("seriesParts", () => {
  it("lists the series in reading order, whatever the input order", () => {
    const shuffled = [library[2], library[4], library[0], library[1]] as RelatableArticle[];
    expect(seriesParts(library[1] as RelatableArticle, shuffled).map((a) => a.id)).toEqual([
      "squat",
      "form",
      "mobility",
    ]);
  });

  it("is empty for an article outside any series", () => {
    expect(seriesParts(library[3] as RelatableArticle, library)).toEqual([]);
  });
});

describe("toolsFor", () => {
  it("puts strength readers onto the calculator and mobility readers onto the program, coaching for all", () => {
    expect(toolsFor("strength").map((t) => t.href)).toEqual(["/tools/load-calculator/", "/coaching/"]);
    expect(toolsFor("mobility").map((t) => t.href)).toEqual(["/mobility/", "/coaching/"]);
    expect(toolsFor("form").map((t) => t.href)).toEqual(["/coaching/"]);
  });
});
