import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  WORKING_PERMILLE,
  WORKING_REPS,
  WORKING_REPS_IN_RESERVE,
  buildPlan,
  convertWeight,
  kg,
  lb,
  loadablesOf,
  nextLoad,
  percentOfMax,
} from "../../../src/lib/strength";
import { parseIsoDate } from "../../../src/lib/calendar/civil-date";
import type { Equipment, Plan, PlanRow, Weight } from "../../../src/lib/strength";
import { ALL_EQUIPMENT, commercialKg, commercialLb, dumbbellsKg, homeKg } from "./equipment";

/** What a test asks for: the request's fields, with dates as ISO strings and the calculator's defaults. */
type Ask = {
  readonly equipment: Equipment;
  readonly weeks?: number;
  readonly sets?: number;
  readonly sessionsPerWeek?: number;
  readonly startDate?: string;
  readonly raceDate?: string;
} & ({ readonly phase: "base" | "inSeason"; readonly oneRepMax: Weight } | { readonly phase: "neverLifted" });

function day(text: string): number {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new Error(`not a date: ${text}`);
  return parsed;
}

function plan({ startDate = "2025-03-03", raceDate, ...ask }: Ask): Plan {
  return buildPlan({
    weeks: 8,
    sets: 3,
    sessionsPerWeek: 2,
    ...ask,
    start: day(startDate),
    race: raceDate === undefined ? null : day(raceDate),
  });
}

/** [week, kind, sessions, sets, reps, load] with the load in units (null when none). */
function summary(rows: readonly PlanRow[]): [number, string, number, number, number, number | null][] {
  return rows.map((row) => [
    row.week,
    row.kind,
    row.sessions,
    row.sets,
    row.reps,
    row.load === null ? null : row.load.hundredths / 100,
  ]);
}

describe("base phase", () => {
  it("works up 3×3, 3×4, 3×5 at W, a lighter fourth week, then one step heavier", () => {
    // W = 120 kg × 81.1 % = 97.32 kg → 97.5 kg; deload 90 % of 97.5 = 87.75 → 87.5 kg.
    const result = plan({ phase: "base", oneRepMax: kg(120), equipment: commercialKg });
    expect(result.workingLoad).toEqual(kg(97.5));
    expect(summary(result.rows)).toEqual([
      [1, "build", 2, 3, 3, 97.5],
      [2, "build", 2, 3, 4, 97.5],
      [3, "build", 2, 3, 5, 97.5],
      [4, "deload", 2, 2, 3, 87.5],
      [5, "build", 2, 3, 3, 100],
      [6, "build", 2, 3, 4, 100],
      [7, "build", 2, 3, 5, 100],
      [8, "deload", 2, 2, 3, 90],
    ]);
  });

  it("uses the sets and sessions asked for; the lighter week has one set fewer", () => {
    const result = plan({
      phase: "base",
      oneRepMax: kg(120),
      equipment: commercialKg,
      sets: 5,
      sessionsPerWeek: 3,
      weeks: 4,
    });
    expect(summary(result.rows)).toEqual([
      [1, "build", 3, 5, 3, 97.5],
      [2, "build", 3, 5, 4, 97.5],
      [3, "build", 3, 5, 5, 97.5],
      [4, "deload", 3, 4, 3, 87.5],
    ]);
  });

  it("raises by one step per block: 2.5 kg, 5 lb, one dumbbell", () => {
    const sixteen = plan({ phase: "base", oneRepMax: kg(120), equipment: commercialKg, weeks: 16 });
    expect(
      sixteen.rows.filter((row) => row.kind === "build" && row.reps === 3).map((row) => row.load?.hundredths),
    ).toEqual([9750, 10000, 10250, 10500]);
    // 300 lb × 81.1 % = 243.3 lb → 245 lb, then 250 lb.
    const pounds = plan({ phase: "base", oneRepMax: lb(300), equipment: commercialLb });
    expect(pounds.rows[0]?.load).toEqual(lb(245));
    expect(pounds.rows[4]?.load).toEqual(lb(250));
    // 30 kg × 81.1 % = 24.33 kg → 24 kg dumbbells, then 26 kg.
    const dumbbells = plan({ phase: "base", oneRepMax: kg(30), equipment: dumbbellsKg });
    expect(dumbbells.rows[0]?.setup).toEqual({ kind: "dumbbells", perHand: kg(24) });
    expect(dumbbells.rows[4]?.load).toEqual(kg(26));
  });

  it("stays at the heaviest load the equipment can make, and says so", () => {
    const result = plan({ phase: "base", oneRepMax: kg(210), equipment: homeKg });
    expect(result.rows[0]?.load).toEqual(kg(167.5));
    expect(result.rows[4]?.load).toEqual(kg(167.5));
    expect(result.rows[4]?.note).toMatch(/heaviest/);
  });

  it("takes W from the RTS chart's 5 reps leaving 2", () => {
    expect(percentOfMax(WORKING_REPS, WORKING_REPS_IN_RESERVE)).toBe(WORKING_PERMILLE / 10);
  });

  it("works from a one-rep max converted to the equipment's unit and shows plates per side", () => {
    const result = plan({ phase: "base", oneRepMax: convertWeight(lb(264.55), "kg"), equipment: commercialKg });
    expect(result.workingLoad).toEqual(kg(97.5));
    const setup = result.rows[0]?.setup;
    expect(
      setup?.kind === "plates" ? setup.perSide.map((e) => [e.plate.hundredths / 100, e.count]) : undefined,
    ).toEqual([
      [25, 1],
      [10, 1],
      [2.5, 1],
      [1.25, 1],
    ]);
  });
});

describe("in season", () => {
  it("is one session of 2×3 at W every week, without progression", () => {
    const result = plan({
      phase: "inSeason",
      oneRepMax: kg(120),
      equipment: commercialKg,
      weeks: 6,
      sets: 5,
      sessionsPerWeek: 3,
    });
    expect(summary(result.rows)).toEqual([1, 2, 3, 4, 5, 6].map((week) => [week, "maintain", 1, 2, 3, 97.5]));
  });
});

describe("with a goal race", () => {
  // Monday 2025-03-03 to a race on Sunday 2025-04-13: the last lifting day is Saturday 2025-04-05.
  const raceInput: Ask = {
    phase: "base",
    oneRepMax: kg(120),
    equipment: commercialKg,
    startDate: "2025-03-03",
    raceDate: "2025-04-13",
  };

  it("tapers the last lifting week to 2×3 at 90 %, rests the race week and plans nothing after", () => {
    const result = plan(raceInput);
    expect(summary(result.rows)).toEqual([
      [1, "build", 2, 3, 3, 97.5],
      [2, "build", 2, 3, 4, 97.5],
      [3, "build", 2, 3, 5, 97.5],
      [4, "deload", 2, 2, 3, 87.5],
      [5, "taper", 1, 2, 3, 90],
      [6, "rest", 0, 0, 0, null],
    ]);
    expect(result.rows.map((row) => row.startDate)).toEqual([
      "2025-03-03",
      "2025-03-10",
      "2025-03-17",
      "2025-03-24",
      "2025-03-31",
      "2025-04-07",
    ]);
    expect(result.rows[4]?.note).toContain("2025-04-05");
    expect(result.rows[5]?.note).toContain("2025-04-13");
  });

  it("keeps 7 lifting-free days even when the race falls early in a week", () => {
    // Race on Tuesday 2025-04-08: last lift by Monday 2025-03-31, which starts week 5.
    const result = plan({ ...raceInput, raceDate: "2025-04-08" });
    expect(summary(result.rows).map((row) => row[1])).toEqual(["build", "build", "build", "deload", "taper", "rest"]);
    expect(result.rows[4]?.note).toContain("2025-03-31");
  });

  it("tapers an in-season plan too", () => {
    const result = plan({ ...raceInput, phase: "inSeason" });
    expect(summary(result.rows).slice(3)).toEqual([
      [4, "maintain", 1, 2, 3, 97.5],
      [5, "taper", 1, 2, 3, 87.5],
      [6, "rest", 0, 0, 0, null],
    ]);
  });

  it("plans only rest when the race is too close to lift before it", () => {
    const result = plan({ ...raceInput, raceDate: "2025-03-08" });
    expect(summary(result.rows)).toEqual([[1, "rest", 0, 0, 0, null]]);
  });

  it("ends at the weeks asked for when the race is later", () => {
    const result = plan({ ...raceInput, raceDate: "2025-12-01" });
    expect(result.rows).toHaveLength(8);
    expect(result.rows.some((row) => row.kind === "taper" || row.kind === "rest")).toBe(false);
  });

  it("gives start dates without a race", () => {
    const result = plan({
      phase: "inSeason",
      oneRepMax: kg(100),
      equipment: commercialKg,
      startDate: "2024-12-30",
      weeks: 4,
    });
    expect(result.rows.map((row) => row.startDate)).toEqual(["2024-12-30", "2025-01-06", "2025-01-13", "2025-01-20"]);
  });
});

describe("never lifted", () => {
  it("practises bodyweight patterns for two weeks, then adds one step per session from the empty bar", () => {
    const result = plan({ phase: "neverLifted", equipment: commercialKg, weeks: 6 });
    expect(result.workingLoad).toEqual(kg(20));
    expect(summary(result.rows)).toEqual([
      [1, "bodyweight", 2, 3, 8, null],
      [2, "bodyweight", 2, 3, 8, null],
      [3, "technique", 2, 3, 5, 20],
      [4, "technique", 2, 3, 5, 25],
      [5, "technique", 2, 3, 5, 30],
      [6, "technique", 2, 3, 5, 35],
    ]);
    expect(result.rows[0]?.note).toMatch(/squat and hip hinge/i);
    expect(result.rows[2]?.note).toMatch(/empty bar/);
    expect(result.rows[2]?.note).toContain("20 kg, 22.5 kg");
    expect(result.rows[2]?.note).toMatch(/clean/);
    expect(result.rows[0]?.setup).toBeNull();
  });

  it("tapers a beginner too: easy unloaded sets, or 90% of the week's bar load", () => {
    const early = plan({
      phase: "neverLifted",
      equipment: commercialKg,
      startDate: "2025-03-03",
      raceDate: "2025-03-16",
    });
    expect(summary(early.rows)).toEqual([
      [1, "taper", 1, 2, 8, null],
      [2, "rest", 0, 0, 0, null],
    ]);
    // Week 5 would start at 30 kg; 90% is 27 kg, nearest loadable 27.5 kg.
    const later = plan({
      phase: "neverLifted",
      equipment: commercialKg,
      startDate: "2025-03-03",
      raceDate: "2025-04-13",
    });
    expect(summary(later.rows).slice(4)).toEqual([
      [5, "taper", 1, 2, 3, 27.5],
      [6, "rest", 0, 0, 0, null],
    ]);
  });

  it("starts dumbbell users at the lightest dumbbells", () => {
    const result = plan({ phase: "neverLifted", equipment: dumbbellsKg, weeks: 4, sessionsPerWeek: 3 });
    expect(summary(result.rows).slice(2)).toEqual([
      [3, "technique", 3, 3, 5, 2],
      [4, "technique", 3, 3, 5, 8],
    ]);
    expect(result.rows[2]?.note).toMatch(/lightest dumbbells/);
  });
});

describe("plan sizes", () => {
  it("plans the weeks asked for at the edges of every range", () => {
    const base: Ask = { phase: "base", oneRepMax: kg(120), equipment: commercialKg };
    for (const [change, rows] of [
      [{ weeks: 4 }, 4],
      [{ weeks: 16 }, 16],
      [{ sets: 3 }, 8],
      [{ sets: 5 }, 8],
      [{ sessionsPerWeek: 1 }, 8],
      [{ sessionsPerWeek: 3 }, 8],
    ] as const) {
      expect(plan({ ...base, ...change }).rows).toHaveLength(rows);
    }
  });
});

describe("plan properties", () => {
  const input: fc.Arbitrary<Ask> = fc
    .record({
      phase: fc.constantFrom<"base" | "inSeason" | "neverLifted">("base", "inSeason", "neverLifted"),
      equipment: fc.constantFrom(...ALL_EQUIPMENT),
      oneRepMax: fc.integer({ min: 1, max: 100000 }),
      weeks: fc.integer({ min: 4, max: 16 }),
      sets: fc.integer({ min: 3, max: 5 }),
      sessionsPerWeek: fc.integer({ min: 1, max: 3 }),
      raceInDays: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
    })
    .map(({ phase, equipment, oneRepMax, weeks, sets, sessionsPerWeek, raceInDays }): Ask => {
      const options = { equipment, weeks, sets, sessionsPerWeek, startDate: "2025-03-03" };
      const dated =
        raceInDays === undefined
          ? options
          : { ...options, raceDate: new Date(Date.UTC(2025, 2, 3 + raceInDays)).toISOString().slice(0, 10) };
      return phase === "neverLifted"
        ? { ...dated, phase }
        : { ...dated, phase, oneRepMax: { unit: loadablesOf(equipment).unit, hundredths: oneRepMax } };
    });

  it("every load is loadable, never negative, and its setup sums back to it", () => {
    fc.assert(
      fc.property(input, (request) => {
        const result = plan(request);
        expect(result.rows.length).toBeGreaterThan(0);
        for (const row of result.rows) {
          if (row.load === null) {
            expect(row.setup).toBeNull();
            continue;
          }
          expect(row.load.hundredths).toBeGreaterThan(0);
          expect(loadablesOf(request.equipment).loads).toContain(row.load.hundredths);
          expect(row.setup).toEqual(loadablesOf(request.equipment).setup(row.load.hundredths));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("follows the block pattern and never lifts in the 7 days before a race", () => {
    fc.assert(
      fc.property(input, (request) => {
        const result = plan(request);
        const race = request.raceDate === undefined ? undefined : Date.parse(request.raceDate);
        for (const row of result.rows) {
          if (race !== undefined && row.sessions > 0) {
            expect(Date.parse(row.startDate)).toBeLessThanOrEqual(race - 8 * 86_400_000);
          }
          if (request.phase === "base" && row.kind !== "taper" && row.kind !== "rest") {
            const position = (row.week - 1) % 4;
            expect(row.kind).toBe(position === 3 ? "deload" : "build");
            expect(row.reps).toBe(position === 3 ? 3 : 3 + position);
          }
        }
        const builds = result.rows.filter((row) => row.kind === "build" && row.reps === 3);
        for (let i = 1; i < builds.length; i += 1) {
          const previous = builds[i - 1]?.load;
          if (previous === null || previous === undefined) throw new Error("missing load");
          const step = nextLoad(loadablesOf(request.equipment), previous.hundredths) ?? previous.hundredths;
          expect(builds[i]?.load).toEqual({ unit: previous.unit, hundredths: step });
        }
        if (race === undefined) expect(result.rows).toHaveLength(request.weeks ?? 8);
        else {
          const last = result.rows[result.rows.length - 1];
          const lastStart = Date.parse(last?.startDate ?? "");
          if (result.rows.length < (request.weeks ?? 8)) {
            expect(race).toBeGreaterThanOrEqual(lastStart);
            expect(race).toBeLessThan(lastStart + 7 * 86_400_000);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never shows NaN or a negative load for any checked request", () => {
    fc.assert(
      fc.property(input, (request) => {
        for (const row of plan(request).rows) {
          expect(Number.isSafeInteger(row.load?.hundredths ?? 0)).toBe(true);
          expect(row.load?.hundredths ?? 1).toBeGreaterThan(0);
          expect(row.note).not.toMatch(/NaN|undefined/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
