import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  RTS_CHART,
  RTS_CHART_REPS,
  kg,
  lb,
  loadForReps,
  oneRepMaxFromChart,
  percentOfMax,
  repsInReserveAt,
} from "../../../src/lib/strength";

// The reference chart, copied cell by cell: RPE, then percent for 1 … 10 reps.
const REFERENCE = `
10  | 100 | 95.5 | 92.2 | 89.2 | 86.3 | 83.7 | 81.1 | 78.6 | 76.2 | 73.9
9.5 | 97.8 | 93.9 | 90.7 | 87.8 | 85.0 | 82.4 | 79.9 | 77.4 | 75.1 | 72.3
9   | 95.5 | 92.2 | 89.2 | 86.3 | 83.7 | 81.1 | 78.6 | 76.2 | 73.9 | 70.7
8.5 | 93.9 | 90.7 | 87.8 | 85.0 | 82.4 | 79.9 | 77.4 | 75.1 | 72.3 | 69.4
8   | 92.2 | 89.2 | 86.3 | 83.7 | 81.1 | 78.6 | 76.2 | 73.9 | 70.7 | 68.0
7.5 | 90.7 | 87.8 | 85.0 | 82.4 | 79.9 | 77.4 | 75.1 | 72.3 | 69.4 | 66.7
7   | 89.2 | 86.3 | 83.7 | 81.1 | 78.6 | 76.2 | 73.9 | 70.7 | 68.0 | 65.3
6.5 | 87.8 | 85.0 | 82.4 | 79.9 | 77.4 | 75.1 | 72.3 | 69.4 | 66.7 | 64.0
`
  .trim()
  .split("\n")
  .map((line) => line.split("|").map((cell) => Number(cell.trim())));

describe("the RTS chart data", () => {
  it("matches the reference table cell for cell", () => {
    expect(RTS_CHART.map((row) => [row.rpe, ...row.percents])).toEqual(REFERENCE);
    expect(RTS_CHART_REPS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("labels each row with reps in reserve = 10 − RPE", () => {
    for (const row of RTS_CHART) expect(row.repsInReserve).toBe(10 - row.rpe);
  });

  it("is one curve: every cell with the same reps + RIR holds the same percent", () => {
    const byTotal = new Map<number, number>();
    for (const row of RTS_CHART) {
      row.percents.forEach((percent, index) => {
        const total = index + 1 + row.repsInReserve;
        const seen = byTotal.get(total);
        if (seen !== undefined) expect(percent).toBe(seen);
        byTotal.set(total, percent);
      });
    }
    const curve = [...byTotal.entries()].sort((a, b) => a[0] - b[0]).map(([, percent]) => percent);
    for (let i = 1; i < curve.length; i += 1) expect(curve[i]).toBeLessThan(curve[i - 1] ?? 0);
  });
});

describe("percentOfMax", () => {
  it.each([
    [1, 0, 100],
    [5, 2, 81.1],
    [3, 2, 86.3],
    [5, 3, 78.6],
    [10, 3.5, 64.0],
    [10, 0, 73.9],
    [4, 1.5, 85.0],
    [8, 0.5, 77.4],
  ])("%i reps leaving %d in reserve → %d %%", (reps, rir, percent) => {
    expect(percentOfMax(reps, rir)).toBe(percent);
  });

  it("covers the coach's zone: 5 reps at RIR 2-3 is about 79-81 %, 3 reps about 84-86 %", () => {
    for (const rir of [2, 2.5, 3]) {
      const five = percentOfMax(5, rir) ?? 0;
      const three = percentOfMax(3, rir) ?? 0;
      expect(five >= 78.6 && five <= 81.1).toBe(true);
      expect(three >= 83.7 && three <= 86.3).toBe(true);
    }
  });

  it.each([
    [0, 0],
    [11, 0],
    [2.5, 0],
    [Number.NaN, 0],
    [5, 4],
    [5, -0.5],
    [5, 1.25],
    [5, Number.NaN],
  ])("%d reps, %d in reserve is off the chart", (reps, rir) => {
    expect(percentOfMax(reps, rir)).toBeUndefined();
  });
});

describe("loads from the chart and the inverse", () => {
  it("load = 1RM × percent", () => {
    expect(loadForReps(kg(150), 5, 2)).toEqual({ unit: "kg", hundredths: 12165 });
    expect(loadForReps(lb(315), 3, 2)).toEqual({ unit: "lb", hundredths: 27185 });
    expect(loadForReps(kg(100), 1, 0)).toEqual(kg(100));
  });

  it("a set's 1RM = load ÷ percent", () => {
    expect(oneRepMaxFromChart(kg(121.65), 5, 2)).toEqual(kg(150));
    expect(oneRepMaxFromChart(kg(100), 1, 0)).toEqual(kg(100));
  });

  it("gives nothing for a cell off the chart", () => {
    expect(loadForReps(kg(100), 11, 2)).toBeUndefined();
    expect(oneRepMaxFromChart(kg(100), 5, 4)).toBeUndefined();
  });

  it("load → 1RM → load comes back within a hundredth", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 60000 }),
        fc.constantFrom(...RTS_CHART_REPS),
        fc.integer({ min: 0, max: 7 }).map((n) => n / 2),
        (hundredths, reps, rir) => {
          const max = oneRepMaxFromChart({ unit: "kg", hundredths }, reps, rir);
          if (max === undefined) throw new Error("off the chart");
          expect(max.hundredths).toBeGreaterThanOrEqual(hundredths);
          const back = loadForReps(max, reps, rir);
          if (back === undefined) throw new Error("off the chart");
          expect(Math.abs(back.hundredths - hundredths)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe("repsInReserveAt", () => {
  it.each([
    // [reps, percent of max, reps in reserve]: cells of the chart read backwards.
    [5, 81.1, 2],
    [3, 86.3, 2],
    [1, 100, 0],
    [10, 64.0, 3.5],
    // Past the chart's 3.5 row, along the same curve: 3 reps at 81.1% is 7 reps to failure.
    [3, 81.1, 4],
    [1, 73.9, 9],
    // Between cells, the nearer: 83.3% for 5 reps lies nearer 83.7% (1 left) than 82.4% (1.5 left).
    [5, 83.3, 1],
    [5, 81.25, 2],
    // Heavier than failure reads 0; lighter than the curve's end reads the end.
    [5, 95, 0],
    [3, 40, 10.5],
  ])("%i reps at %d%% leave about %d", (reps, percent, rir) => {
    expect(repsInReserveAt(reps, percent)).toBe(rir);
  });

  it("reads every chart cell back to its own reps in reserve", () => {
    for (const row of RTS_CHART) {
      row.percents.forEach((percent, index) => {
        expect(repsInReserveAt(index + 1, percent)).toBe(row.repsInReserve);
      });
    }
  });

  it("gives fewer reps in reserve for a heavier load, never a negative number", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RTS_CHART_REPS),
        fc.double({ min: 30, max: 110, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (reps, percent, more) => {
          const light = repsInReserveAt(reps, percent);
          expect(light).toBeGreaterThanOrEqual(0);
          expect(repsInReserveAt(reps, percent + more)).toBeLessThanOrEqual(light);
        },
      ),
    );
  });
});
