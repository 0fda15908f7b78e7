import { describe, expect, it } from "vitest";
import { BLOCKS, dayPath, formatDose } from "../../../src/lib/content/mobility-program";
import { PROGRAM_BLOCKS, PROGRAM_DAY_NUMBERS, blockOf } from "../../../src/lib/mobility/program";

describe("formatDose", () => {
  it.each([
    { dose: { kind: "reps", amount: 10, sides: "each" }, text: "10 reps each side" },
    { dose: { kind: "reps", amount: 1, sides: "none" }, text: "1 rep" },
    { dose: { kind: "seconds", amount: 30, sides: "none" }, text: "30 s" },
    { dose: { kind: "seconds", amount: 20, sides: "each" }, text: "20 s each side" },
    { dose: { kind: "reps", amount: 8, sides: "alternating" }, text: "8 reps, alternating sides" },
  ] as const)("reads $text", ({ dose, text }) => {
    expect(formatDose(dose)).toBe(text);
  });
});

describe("program presentation", () => {
  it("gives every program day a block with a name and a summary to show", () => {
    expect(BLOCKS).toHaveLength(PROGRAM_BLOCKS);
    for (const day of PROGRAM_DAY_NUMBERS) {
      const block = BLOCKS.find((b) => b.number === blockOf(day));
      expect(block?.name, `day ${day}`).toMatch(/\w/);
      expect(block?.summary, `day ${day}`).toMatch(/\w/);
    }
  });
  it("puts day n at /mobility/day-n/", () => {
    expect(dayPath(7)).toBe("/mobility/day-7/");
  });
});
