import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { chartRows, compareSelfTests, describeChart, formatMeasure } from "../../../src/lib/mobility";
import type { SelfTestResult } from "../../../src/lib/mobility";
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
        direction: "improved",
      },
      {
        test: "balanceLeft",
        label: "Balance, left leg",
        unit: "s",
        baseline: 12.3,
        retest: 15.1,
        change: 2.8,
        direction: "improved",
      },
      {
        test: "balanceRight",
        label: "Balance, right leg",
        unit: "s",
        baseline: 8,
        retest: 8,
        change: 0,
        direction: "unchanged",
      },
      {
        test: "squatHold",
        label: "Deep-squat hold",
        unit: "s",
        baseline: 30,
        retest: 25.5,
        change: -4.5,
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

  it("rounds a change of exactly half a tenth away from zero in either unit", () => {
    // 2.5 in = 6.35 cm against 6.3 cm: 0.05 cm, shown as 0.1.
    const [row] = compareSelfTests(
      { baseline: result({ value: 6.3, unit: "cm" }, 1, 1, 1), retest: result({ value: 2.5, unit: "in" }, 1, 1, 1) },
      "cm",
    );
    expect(row).toMatchObject({ retest: 6.4, change: 0.1, direction: "improved" });
  });

  it("shows no change between a result and itself, and opposite changes the other way round", () => {
    fc.assert(
      fc.property(selfTest, selfTest, fc.constantFrom("cm" as const, "in" as const), (a, b, unit) => {
        for (const row of compareSelfTests({ baseline: a, retest: a }, unit)) {
          expect(row).toMatchObject({ change: 0, direction: "unchanged" });
        }
        const forward = compareSelfTests({ baseline: a, retest: b }, unit);
        const backward = compareSelfTests({ baseline: b, retest: a }, unit);
        forward.forEach((row, i) => {
          expect(row.change).toBe(-(backward[i]?.change ?? 0) || 0);
        });
      }),
    );
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

describe("the chart of day 1 against day 25", () => {
  const rows = compareSelfTests({ baseline, retest }, "cm");

  it("scales each test's bars to the larger of its two values", () => {
    const [knee, left, right, squat] = chartRows(rows);
    expect(knee?.bars.map((b) => b.fraction)).toEqual([11.4 / 12, 1]);
    expect(left?.bars.map((b) => b.fraction)).toEqual([12.3 / 15.1, 1]);
    expect(right?.bars.map((b) => b.fraction)).toEqual([1, 1]);
    expect(squat?.bars.map((b) => b.fraction)).toEqual([1, 25.5 / 30]);
    expect(knee?.bars.map((b) => b.text)).toEqual(["11.4 cm", "12 cm"]);
    expect(chartRows(rows).map((r) => r.label)).toEqual([
      "Knee to wall",
      "Balance, left leg",
      "Balance, right leg",
      "Deep-squat hold",
    ]);
  });

  it("draws empty bars for zero and missing values", () => {
    const zero = result({ value: 0, unit: "cm" }, 0, 0, 0);
    for (const row of chartRows(compareSelfTests({ baseline: zero }))) {
      expect(row.bars).toEqual([
        { fraction: 0, text: row.bars[0].text },
        { fraction: 0, text: "not recorded" },
      ]);
    }
  });

  it("describes the chart in words", () => {
    expect(describeChart(rows)).toBe(
      "Knee to wall: 11.4 cm on day 1, 12 cm on day 25 (+0.6 cm). " +
        "Balance, left leg: 12.3 s on day 1, 15.1 s on day 25 (+2.8 s). " +
        "Balance, right leg: 8 s on day 1, 8 s on day 25 (0 s). " +
        "Deep-squat hold: 30 s on day 1, 25.5 s on day 25 (-4.5 s).",
    );
  });

  it("keeps every bar between nothing and the full length, with one full bar where anything was measured", () => {
    fc.assert(
      fc.property(selfTest, selfTest, (a, b) => {
        const compared = compareSelfTests({ baseline: a, retest: b });
        chartRows(compared).forEach((row, i) => {
          const fractions = row.bars.map((bar) => bar.fraction);
          for (const fraction of fractions) expect(fraction >= 0 && fraction <= 1).toBe(true);
          const measured = [compared[i]?.baseline ?? 0, compared[i]?.retest ?? 0].some((v) => v > 0);
          expect(Math.max(...fractions)).toBe(measured ? 1 : 0);
        });
      }),
    );
  });
});
