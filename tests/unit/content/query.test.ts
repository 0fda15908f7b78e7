import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  adjacentArticles,
  articlesOfTopic,
  compareNewestFirst,
  pagePath,
  paginate,
  publishedArticles,
  type ArticleLike,
} from "../../../src/lib/content/query";
import { TOPICS, type Topic } from "../../../src/lib/content/article-schema";

function entry(id: string, date: string, extra: Partial<ArticleLike["data"]> = {}): ArticleLike {
  return { id, data: { title: id, pubDate: new Date(date), draft: false, topic: "strength", ...extra } };
}

describe("publishedArticles", () => {
  const entries = [
    entry("old", "2026-01-01"),
    entry("draft", "2026-06-01", { draft: true }),
    entry("new", "2026-05-01"),
  ];

  it("leaves drafts out of a production list", () => {
    expect(publishedArticles(entries, { includeDrafts: false }).map((e) => e.id)).toEqual(["new", "old"]);
  });

  it("shows drafts in development, in date order", () => {
    expect(publishedArticles(entries, { includeDrafts: true }).map((e) => e.id)).toEqual(["draft", "new", "old"]);
  });

  it("does not reorder the caller's array", () => {
    const copy = [...entries];
    publishedArticles(entries, { includeDrafts: true });
    expect(entries).toEqual(copy);
  });

  it("breaks a date tie by title, then by id, whatever the input order", () => {
    const tied = [
      entry("b-id", "2026-03-03", { title: "Same title" }),
      entry("zebra", "2026-03-03", { title: "Alpha" }),
      entry("a-id", "2026-03-03", { title: "Same title" }),
    ];
    const expected = ["zebra", "a-id", "b-id"];
    fc.assert(
      fc.property(fc.shuffledSubarray(tied, { minLength: 3, maxLength: 3 }), (shuffled) => {
        expect(publishedArticles(shuffled, { includeDrafts: false }).map((e) => e.id)).toEqual(expected);
      }),
    );
  });

  it("always yields a newest-first order that the comparator agrees with", () => {
    const arb = fc.array(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }),
        day: fc.integer({ min: 0, max: 20 }),
        draft: fc.boolean(),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const list = publishedArticles(
          rows.map((r) => entry(r.id, new Date(Date.UTC(2026, 0, 1 + r.day)).toISOString(), { draft: r.draft })),
          { includeDrafts: false },
        );
        expect(list.every((e) => !e.data.draft)).toBe(true);
        for (let i = 1; i < list.length; i++) {
          const prev = list[i - 1];
          const cur = list[i];
          if (!prev || !cur) throw new Error("index out of range");
          expect(compareNewestFirst(prev, cur)).toBeLessThanOrEqual(0);
          expect(prev.data.pubDate.getTime()).toBeGreaterThanOrEqual(cur.data.pubDate.getTime());
        }
      }),
    );
  });
});

describe("articlesOfTopic", () => {
  it("keeps only the topic asked for, in the given order", () => {
    const list = [
      entry("a", "2026-03-01", { topic: "form" }),
      entry("b", "2026-02-01", { topic: "strength" }),
      entry("c", "2026-01-01", { topic: "form" }),
    ];
    expect(articlesOfTopic(list, "form").map((e) => e.id)).toEqual(["a", "c"]);
    expect(articlesOfTopic(list, "mobility")).toEqual([]);
  });

  it("partitions a list: every article lands in exactly one topic", () => {
    const list = TOPICS.flatMap((t: Topic, i) => [entry(`${t}-1`, `2026-0${i + 1}-01`, { topic: t })]);
    const total = TOPICS.reduce((n, t) => n + articlesOfTopic(list, t).length, 0);
    expect(total).toBe(list.length);
  });
});

describe("adjacentArticles", () => {
  const list = [entry("c", "2026-03-01"), entry("b", "2026-02-01"), entry("a", "2026-01-01")];

  it("gives the newer and older neighbours", () => {
    const { newer, older } = adjacentArticles(list, "b");
    expect(newer?.id).toBe("c");
    expect(older?.id).toBe("a");
  });

  it("has no newer article for the newest and no older for the oldest", () => {
    expect(adjacentArticles(list, "c").newer).toBeUndefined();
    expect(adjacentArticles(list, "a").older).toBeUndefined();
  });

  it("returns nothing for an unknown id", () => {
    expect(adjacentArticles(list, "missing")).toEqual({ newer: undefined, older: undefined });
  });
});

describe("paginate", () => {
  const items = Array.from({ length: 23 }, (_, i) => i);

  it.each([
    { length: 0, size: 10, pages: 1, last: 0 },
    { length: 1, size: 10, pages: 1, last: 1 },
    { length: 10, size: 10, pages: 1, last: 10 },
    { length: 11, size: 10, pages: 2, last: 1 },
    { length: 23, size: 10, pages: 3, last: 3 },
    { length: 23, size: 1, pages: 23, last: 1 },
  ])("$length items by $size make $pages pages, the last holding $last", ({ length, size, pages, last }) => {
    const result = paginate(items.slice(0, length), size);
    expect(result).toHaveLength(pages);
    expect(result.at(-1)?.items).toHaveLength(last);
    expect(result.every((p, i) => p.number === i + 1 && p.count === pages)).toBe(true);
  });

  it("keeps every item exactly once, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 12 }), (list, size) => {
        expect(paginate(list, size).flatMap((p) => p.items)).toEqual(list);
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects a page size of %s", (size) => {
    expect(() => paginate(items, size)).toThrow(RangeError);
  });
});

describe("pagePath", () => {
  it("puts page 1 at the list's own path and later pages under it", () => {
    expect(pagePath("/articles/", 1)).toBe("/articles/");
    expect(pagePath("/articles/", 2)).toBe("/articles/2/");
    expect(pagePath("/articles/", 0)).toBe("/articles/");
  });
});
