import { describe, expect, it } from "vitest";
import { PROGRAM_DAY_NUMBERS, assertProgramDay, blockOf, daysOfBlock, isProgramDay } from "../../../src/lib/mobility";

describe("blockOf", () => {
  it.each([
    [1, 1],
    [5, 1],
    [6, 2],
    [10, 2],
    [11, 3],
    [15, 3],
    [16, 4],
    [20, 4],
    [21, 5],
    [25, 5],
  ])("day %i is in block %i", (day, block) => {
    expect(blockOf(day)).toBe(block);
  });

  it.each([0, 26, -1, 1.5, Number.NaN])("refuses %s", (day) => {
    expect(() => blockOf(day)).toThrow(RangeError);
  });
});

describe("daysOfBlock", () => {
  it("lists the five days of each block, and together the 25 days once each", () => {
    expect(daysOfBlock(1)).toEqual([1, 2, 3, 4, 5]);
    expect(daysOfBlock(5)).toEqual([21, 22, 23, 24, 25]);
    expect([1, 2, 3, 4, 5].flatMap(daysOfBlock)).toEqual(PROGRAM_DAY_NUMBERS);
  });

  it("agrees with blockOf", () => {
    for (const block of [1, 2, 3, 4, 5]) for (const day of daysOfBlock(block)) expect(blockOf(day)).toBe(block);
  });

  it.each([0, 6, 2.5])("refuses block %s", (block) => {
    expect(() => daysOfBlock(block)).toThrow(RangeError);
  });
});

describe("isProgramDay", () => {
  it.each([
    [1, true],
    [25, true],
    [0, false],
    [26, false],
    [3.5, false],
    ["3", false],
    [null, false],
  ])("%s -> %s", (value, expected) => {
    expect(isProgramDay(value)).toBe(expected);
  });

  it("assertProgramDay throws only outside 1-25", () => {
    expect(() => {
      assertProgramDay(25);
    }).not.toThrow();
    expect(() => {
      assertProgramDay(26);
    }).toThrow(RangeError);
  });
});
