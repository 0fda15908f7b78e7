import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareSelfTests, formatMeasure, selfTestChart } from "../../../src/lib/mobility";
import type { SelfTestComparison, SelfTestResult } from "../../../src/lib/mobility";
import { distanceMicrometres } from "../../../src/lib/mobility/measures";
import { selfTest } from "./arbitraries";

function result(
  kneeToWall: SelfTestResult["kneeToWall"],
  left: number,
  right: number,
  squatHold: number,
): SelfTestResult {
  return { at: "2026-11-01T18:00:00.000Z", on: "2026-11-01", kneeToWall, balance: { left, right }, squatHold };
}

const baseline = result({ value: 4.5, unit: "in" }, 12.3, 8, 30);
const retest = result({ value: 12, unit: "cm" }, 15.1, 8, 25.5);

describe("compareSelfTests", () => {
  it("compares every test, converting distances exactly (2.54 cm per inch)", () => {
    expect(compareSelfTests({ baseline, retest }, "cm")).toEqual([
      {
        test: "kneeToWall",
        label: "Knee to wall",
        unit: "cm",
        baseline: 11.4, // 4.5 in = 11.43 cm
        retest: 12,
        change: 0.6, // 12 - 11.43 = 0.57, rounded once
        higherIsBetter: true,
        direction: "improved",
      },
      {
        test: "balanceLeft",
        label: "Balance, left leg",
        unit: "s",
        baseline: 12.3,
        retest: 15.1,
        change: 2.8,
        higherIsBetter: true,
        direction: "improved",
      },
      {
        test: "balanceRight",
        label: "Balance, right leg",
        unit: "s",
        baseline: 8,
        retest: 8,
        change: 0,
        higherIsBetter: true,
        direction: "unchanged",
      },
      {
        test: "squatHold",
        label: "Deep-squat hold",
        unit: "s",
        baseline: 30,
        retest: 25.5,
        change: -4.5,
        higherIsBetter: true,
        direction: "declined",
      },
    ]);
  });

  it("shows distances in the requested unit, defaulting to the baseline's", () => {
    const [inches] = compareSelfTests({ baseline, retest });
    expect(inches).toMatchObject({ unit: "in", baseline: 4.5, retest: 4.7, change: 0.2 }); // 12 cm = 4.724 in
  });

  it("treats 10 in and 25.4 cm as the same distance", () => {
    const [row] = compareSelfTests({
      baseline: result({ value: 10, unit: "in" }, 1, 1, 1),
      retest: result({ value: 25.4, unit: "cm" }, 1, 1, 1),
    });
    expect(row).toMatchObject({ unit: "in", baseline: 10, retest: 10, change: 0, direction: "unchanged" });
    expect(Object.is(row?.change, -0)).toBe(false);
  });

  it("measures distances in whole micrometres", () => {
    fc.assert(
      fc.property(selfTest, ({ kneeToWall }) => {
        expect(Number.isInteger(distanceMicrometres(kneeToWall))).toBe(true);
      }),
    );
    expect(distanceMicrometres({ value: 0.3, unit: "cm" })).toBe(3000);
    expect(distanceMicrometres({ value: 4.5, unit: "in" })).toBe(114_300);
  });

  it("calls a change that rounds to nothing unchanged", () => {
    // 4.0 in = 10.16 cm against 10.2 cm: 0.04 cm, shown as 0.
    const [row] = compareSelfTests(
      { baseline: result({ value: 4, unit: "in" }, 1, 1, 1), retest: result({ value: 10.2, unit: "cm" }, 1, 1, 1) },
      "cm",
    );
    expect(row).toMatchObject({ change: 0, direction: "unchanged" });
  });

  it("leaves the missing side empty", () => {
    const rows = compareSelfTests({ baseline });
    expect(rows.every((r) => r.retest === null && r.change === null && r.direction === "incomplete")).toBe(true);
    expect(rows[0]?.baseline).toBe(4.5);
    expect(compareSelfTests({}).every((r) => r.baseline === null && r.unit !== "in")).toBe(true);
  });

  it("gives changes that are exactly retest minus baseline for times", () => {
    fc.assert(
      fc.property(selfTest, selfTest, (a, b) => {
        const [, left] = compareSelfTests({ baseline: a, retest: b });
        expect(left?.change).toBe(Math.round(b.balance.left * 10 - a.balance.left * 10) / 10);
      }),
    );
  });

  it("formats values with their unit", () => {
    expect(formatMeasure(9.5, "cm")).toBe("9.5 cm");
    expect(formatMeasure(2.5, "cm", true)).toBe("+2.5 cm");
    expect(formatMeasure(-1, "s", true)).toBe("-1 s");
    expect(formatMeasure(0, "s", true)).toBe("0 s");
  });
});

describe("selfTestChart", () => {
  const rows = compareSelfTests({ baseline, retest }, "cm");

  it("lays out one group per test with bars scaled to the larger value of each", () => {
    const chart = selfTestChart(rows);
    expect(chart).toMatchObject({ width: 320, height: 242, viewBox: "0 0 320 242" });
    expect(chart.groups.map((g) => g.test)).toEqual(["kneeToWall", "balanceLeft", "balanceRight", "squatHold"]);

    const [knee, left, right, squat] = chart.groups;
    // The longest bar leaves 72 units for its value text.
    expect(knee?.bars[1].width).toBe(248);
    expect(knee?.bars[0].width).toBe(235.6); // 11.4 / 12 of 248
    expect(left?.bars.map((b) => b.width)).toEqual([202.01, 248]);
    expect(right?.bars.map((b) => b.width)).toEqual([248, 248]);
    expect(squat?.bars.map((b) => b.width)).toEqual([248, 210.8]);
    expect(knee?.bars.map((b) => b.text)).toEqual(["11.4 cm", "12 cm"]);
    expect(knee?.bars[0].textX).toBe(239.6);
  });

  it("stacks label, baseline bar and retest bar without overlap", () => {
    const chart = selfTestChart(rows, 400);
    let bottom = 0;
    for (const group of chart.groups) {
      expect(group.labelY).toBeGreaterThanOrEqual(bottom);
      const [first, second] = group.bars;
      expect(first.series).toBe("baseline");
      expect(second.series).toBe("retest");
      expect(first.y).toBeGreaterThan(group.labelY);
      expect(second.y).toBeGreaterThanOrEqual(first.y + first.height);
      bottom = second.y + second.height;
      for (const bar of group.bars) expect(bar.x + bar.width).toBeLessThanOrEqual(400 - 72);
    }
    expect(bottom).toBe(chart.height);
  });

  it("draws empty bars for zero and missing values", () => {
    const zero = result({ value: 0, unit: "cm" }, 0, 0, 0);
    const chart = selfTestChart(compareSelfTests({ baseline: zero }));
    for (const group of chart.groups) {
      expect(group.bars[0]).toMatchObject({ width: 0, value: 0 });
      expect(group.bars[1]).toMatchObject({ width: 0, value: null, text: "not recorded" });
    }
  });

  it("describes the chart in words", () => {
    expect(selfTestChart(rows).description).toBe(
      "Knee to wall: 11.4 cm on day 1, 12 cm on day 25 (+0.6 cm). " +
        "Balance, left leg: 12.3 s on day 1, 15.1 s on day 25 (+2.8 s). " +
        "Balance, right leg: 8 s on day 1, 8 s on day 25 (0 s). " +
        "Deep-squat hold: 30 s on day 1, 25.5 s on day 25 (-4.5 s).",
    );
  });

  it("keeps every bar inside the chart for any results", () => {
    fc.assert(
      fc.property(selfTest, selfTest, fc.integer({ min: 160, max: 1000 }), (a, b, width) => {
        const chart = selfTestChart(compareSelfTests({ baseline: a, retest: b }), width);
        const bars = chart.groups.flatMap((g) => [...g.bars]);
        for (const bar of bars) {
          expect(bar.width).toBeGreaterThanOrEqual(0);
          expect(bar.width).toBeLessThanOrEqual(width - 72);
          expect(bar.y + bar.height).toBeLessThanOrEqual(chart.height);
        }
        for (const group of chart.groups) {
          const widths = group.bars.map((bar) => bar.width);
          if (group.bars.some((bar) => (bar.value ?? 0) > 0)) expect(Math.max(...widths)).toBe(width - 72);
        }
      }),
    );
  });

  it("refuses a chart too narrow to read", () => {
    const none: SelfTestComparison[] = [];
    expect(() => selfTestChart(none, 100)).toThrow(RangeError);
    expect(selfTestChart(none).height).toBe(0);
  });
});
