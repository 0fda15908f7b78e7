import { describe, expect, it } from "vitest";
import { countWords, proseOf, readingMinutes, WORDS_PER_MINUTE } from "../../../src/lib/content/reading-time";

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

describe("readingMinutes", () => {
  it.each([
    { n: 0, minutes: 1 },
    { n: 1, minutes: 1 },
    { n: WORDS_PER_MINUTE, minutes: 1 },
    { n: WORDS_PER_MINUTE + 1, minutes: 2 },
    { n: WORDS_PER_MINUTE * 5, minutes: 5 },
  ])("$n words take $minutes min", ({ n, minutes }) => {
    expect(readingMinutes(words(n))).toBe(minutes);
  });

  it("does not count code, imports, tags or link targets", () => {
    const body = [
      'import Calc from "../components/Calc.astro";',
      "Read [the long guide](/articles/some-very-long-slug-with-many-parts/) first.",
      "```js",
      Array(500).fill("code").join(" "),
      "```",
      '<LoadCalculator lift="back-squat" unit="kg" client:visible />',
    ].join("\n");
    expect(countWords(proseOf(body))).toBe(5);
  });

  it("counts contractions and numbers as single words", () => {
    expect(countWords("Don’t lift 102.5 kg on day one")).toBe(7);
  });
});
