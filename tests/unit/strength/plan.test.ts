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
} & (
  | { readonly phase: "base" | "inSeason"; readonly oneRepMax: Weight; readonly chartMax?: Weight }
  | { readonly phase: "neverLifted"; readonly bodyweightWeeks?: number }
);

function day(text: string): number {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new Error(`not a date: ${text}`);
  return parsed;
}

function plan(ask: Ask): Plan {
  const built = planOrNone(ask);
  if (built === undefined) throw new Error("no load fits under the chart's ceiling");
  return built;
}

function planOrNone({ startDate = "2025-03-03", raceDate, ...ask }: Ask): Plan | undefined {
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

/** Each row's reps in reserve. */
function reserves(rows: readonly PlanRow[]): (number | null)[] {
  return rows.map((row) => row.repsInReserve);
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
    // Against 120 kg: 97.5 kg is 81.25% (3 reps: 4 left, 4 reps: 3, 5 reps: 2), 87.5 kg is 72.9% (3 reps: 7.5 left);
    // 100 kg is 83.3% (3 reps: 3, 4 reps: 2, 5 reps: 1), 90 kg 75% (3 reps: 6.5).
    expect(reserves(result.rows)).toEqual([4, 3, 2, 7.5, 3, 2, 1, 6.5]);
    expect(result.chartMax).toBeNull();
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

  it("raises by one step per block (2.5 kg, 5 lb, one dumbbell) while sets of 5 keep 1 rep in reserve, then holds", () => {
    // 102.5 kg would be 85.4% of 120 kg: 5 reps at that leave about 0.5, so blocks 3 and 4 stay at 100 kg.
    const sixteen = plan({ phase: "base", oneRepMax: kg(120), equipment: commercialKg, weeks: 16 });
    expect(
      sixteen.rows.filter((row) => row.kind === "build" && row.reps === 3).map((row) => row.load?.hundredths),
    ).toEqual([9750, 10000, 10000, 10000]);
    expect(sixteen.rows[8]?.note).toMatch(/Same load.*Enter a recent set/);
    expect(Math.min(...sixteen.rows.map((row) => row.repsInReserve ?? 99))).toBe(1);
    // 300 lb × 81.1 % = 243.3 lb → 245 lb, then 250 lb (83.3%).
    const pounds = plan({ phase: "base", oneRepMax: lb(300), equipment: commercialLb });
    expect(pounds.rows[0]?.load).toEqual(lb(245));
    expect(pounds.rows[4]?.load).toEqual(lb(250));
    // 60 kg × 81.1 % = 48.66 kg → 48 kg dumbbells, then 50 kg (83.3%).
    const dumbbells = plan({ phase: "base", oneRepMax: kg(60), equipment: dumbbellsKg });
    expect(dumbbells.rows[0]?.setup).toEqual({ kind: "dumbbells", perHand: kg(48) });
    expect(dumbbells.rows[4]?.load).toEqual(kg(50));
    // 30 kg: 24 kg, but 26 kg would be 86.7% of it, sets of 5 to failure: it holds.
    expect(plan({ phase: "base", oneRepMax: kg(30), equipment: dumbbellsKg }).rows[4]?.load).toEqual(kg(24));
  });

  it("takes W from the chart's max where the formula's would be more than 2.5% heavier, and says so", () => {
    const result = plan({ phase: "base", oneRepMax: kg(111.44), chartMax: kg(104.71), equipment: commercialKg });
    expect(result.workingLoad).toEqual(kg(85));
    expect(result.chartMax).toEqual(kg(104.71));
    // 85 kg is 81.2% of 104.71 kg: sets of 5 leave about 2, not the set to failure 90 kg would have been.
    expect(result.rows[2]?.repsInReserve).toBe(2);
  });

  it("has no plan when even the empty bar is heavier than the chart allows as W", () => {
    expect(planOrNone({ phase: "base", oneRepMax: kg(20), equipment: commercialKg })).toBeUndefined();
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
  // Monday 2025-03-03 to a race on Sunday 2025-04-13. Weeks starting 21 days or fewer before it (week 4,
  // 2025-03-24, is 20 days out) have one session of 2×3; the last lift falls 8-10 days before the race
  // (2025-04-03 to 2025-04-05), in week 5, at 90% of that week's 100 kg; week 6 holds the race.
  const raceInput: Ask = {
    phase: "base",
    oneRepMax: kg(120),
    equipment: commercialKg,
    startDate: "2025-03-03",
    raceDate: "2025-04-13",
  };

  it("lifts once a week at 2×3 from three weeks out, last 8-10 days before, and not in the last 7 days", () => {
    const result = plan(raceInput);
    expect(summary(result.rows)).toEqual([
      [1, "build", 2, 3, 3, 97.5],
      [2, "build", 2, 3, 4, 97.5],
      [3, "build", 2, 3, 5, 97.5],
      [4, "maintain", 1, 2, 3, 97.5],
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
    expect(result.rows[3]?.note).toContain("2025-04-13");
    expect(result.rows[4]?.note).toContain("from 2025-04-03 to 2025-04-05");
    expect(result.rows[5]?.note).toContain("2025-04-13");
    expect(reserves(result.rows)).toEqual([4, 3, 2, 4, 6.5, null]);
  });

  it("keeps 7 lifting-free days even when the race falls early in a week", () => {
    // Race on Tuesday 2025-04-08: week 3 starts 22 days before it, week 4 15 days; the last lift is on
    // Monday 2025-03-31, the only day of week 5 that is 8-10 days out.
    const result = plan({ ...raceInput, raceDate: "2025-04-08" });
    expect(summary(result.rows).map((row) => row[1])).toEqual(["build", "build", "build", "maintain", "taper", "rest"]);
    expect(result.rows[4]?.note).toContain("from 2025-03-31 to 2025-03-31");
    expect(result.rows[3]?.note).toContain("2025-04-08");
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
  it("practises bodyweight patterns for four weeks by default, or the 4-8 weeks the runner chooses", () => {
    const result = plan({ phase: "neverLifted", equipment: commercialKg, weeks: 8 });
    expect(result.workingLoad).toEqual(kg(20));
    expect(summary(result.rows).slice(0, 5)).toEqual([
      [1, "bodyweight", 2, 3, 8, null],
      [2, "bodyweight", 2, 3, 8, null],
      [3, "bodyweight", 2, 3, 8, null],
      [4, "bodyweight", 2, 3, 8, null],
      [5, "technique", 2, 3, 6, 20],
    ]);
    expect(result.rows[0]?.note).toMatch(/squat and hip hinge/i);
    expect(result.rows[0]?.setup).toBeNull();
    expect(result.rows[4]?.note).toMatch(/empty bar.*about 2 clean reps left/);
    expect(reserves(result.rows).every((rir) => rir === null)).toBe(true);
    for (const bodyweightWeeks of [4, 5, 6, 7, 8]) {
      const chosen = plan({ phase: "neverLifted", equipment: commercialKg, weeks: 12, bodyweightWeeks });
      expect(chosen.rows.filter((row) => row.kind === "bodyweight")).toHaveLength(bodyweightWeeks);
    }
  });

  it("barbell, 3 sessions, 5 sets, 16 weeks: reps before load on the bar, one step a week at most, 45 kg at most", () => {
    const result = plan({ phase: "neverLifted", equipment: commercialKg, weeks: 16, sets: 5, sessionsPerWeek: 3 });
    // 22.5 kg is 12.5% more than 20 kg and 25 kg 11.1% more than 22.5 kg: reps climb first there. 27.5 kg is
    // 10% more than 25 kg, not more, so from 25 kg the load rises. Every fourth loaded week is lighter, and the
    // week after a lighter week goes no more than one step above it.
    expect(summary(result.rows).slice(4)).toEqual([
      [5, "technique", 3, 5, 6, 20],
      [6, "technique", 3, 5, 8, 20],
      [7, "technique", 3, 5, 10, 20],
      [8, "deload", 3, 4, 6, 20],
      [9, "technique", 3, 5, 6, 22.5],
      [10, "technique", 3, 5, 8, 22.5],
      [11, "technique", 3, 5, 10, 22.5],
      [12, "deload", 3, 4, 6, 20],
      [13, "technique", 3, 5, 10, 22.5],
      [14, "technique", 3, 5, 6, 25],
      [15, "technique", 3, 5, 6, 27.5],
      [16, "deload", 3, 4, 6, 25],
    ]);
    const loads = result.rows.map((row) => row.load?.hundredths ?? 0);
    expect(Math.max(...loads)).toBeLessThanOrEqual(4500);
    expect(result.rows[15]?.load?.hundredths).toBeLessThanOrEqual(4500);
    expectOneStepAWeek(result, commercialKg);
    expectLighterWeekInEveryBlock(result);
    expect(result.rows[4]?.note).toMatch(/Reps before load: 22.5 kg is over 10% heavier/);
    expect(result.rows[13]?.note).not.toMatch(/Reps before load/);
    expect(result.rows[8]?.note).toMatch(/every rep of your last full week was clean with about 2 left/);
    expect(result.rows[15]?.note).toMatch(/enter a recent set above to switch to the base plan/);
  });

  it("dumbbells: never more than one dumbbell a week, and reps rise to 10 before every jump of more than 10%", () => {
    const result = plan({ phase: "neverLifted", equipment: dumbbellsKg, weeks: 16, sets: 3, sessionsPerWeek: 2 });
    expect(summary(result.rows).slice(4, 9)).toEqual([
      [5, "technique", 2, 3, 6, 2],
      [6, "technique", 2, 3, 8, 2],
      [7, "technique", 2, 3, 10, 2],
      [8, "deload", 2, 2, 6, 2],
      [9, "technique", 2, 3, 6, 4],
    ]);
    expect(result.rows[4]?.note).toMatch(/lightest dumbbells/);
    expectOneStepAWeek(result, dumbbellsKg);
    expectRepsBeforeLoad(result);
  });

  it("ends with the bodyweight weeks when the plan is no longer than them", () => {
    const result = plan({ phase: "neverLifted", equipment: commercialKg, weeks: 4 });
    expect(result.rows.every((row) => row.kind === "bodyweight")).toBe(true);
    expect(result.rows[3]?.note).toMatch(/Plan ends: add load once the patterns feel natural/);
  });

  it("keeps a beginner's race weeks too: one light session, none in the last 7 days", () => {
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
    // Race on Sunday 2025-05-11, in week 10: week 8 starts 20 days before it, week 9 holds the last lift
    // (90% of 22.5 kg is 20.25 kg, nearest 20 kg).
    const later = plan({
      phase: "neverLifted",
      equipment: commercialKg,
      weeks: 12,
      startDate: "2025-03-03",
      raceDate: "2025-05-11",
    });
    expect(summary(later.rows).slice(6)).toEqual([
      [7, "technique", 2, 3, 10, 20],
      [8, "maintain", 1, 2, 3, 20],
      [9, "taper", 1, 2, 3, 20],
      [10, "rest", 0, 0, 0, null],
    ]);
    expect(later.rows[9]?.note).toMatch(/enter a recent set/);
  });
});

/** No loaded week is heavier than the week before it by more than one loadable step. */
function expectOneStepAWeek(result: Plan, equipment: Equipment) {
  const loadables = loadablesOf(equipment);
  let previous = loadables.loads[0] ?? 0;
  for (const row of result.rows) {
    if (row.load === null) continue;
    expect(row.load.hundredths).toBeLessThanOrEqual(nextLoad(loadables, previous) ?? previous);
    previous = row.load.hundredths;
  }
}

/** Every run of four loaded beginner weeks holds a lighter week: fewer sets, and no more weight than the week before. */
function expectLighterWeekInEveryBlock(result: Plan) {
  const loaded = result.rows.filter((row) => row.load !== null && row.kind !== "maintain" && row.kind !== "taper");
  for (let i = 0; i + 4 <= loaded.length; i += 4) {
    const block = loaded.slice(i, i + 4);
    const lighter = block.find((row) => row.kind === "deload");
    expect(lighter).toBeDefined();
    const heaviest = Math.max(...block.map((row) => row.load?.hundredths ?? 0));
    expect(lighter?.sets).toBeLessThan(block[0]?.sets ?? 0);
    expect(lighter?.load?.hundredths).toBeLessThanOrEqual(heaviest);
  }
}

/** Where the next load is more than 10% heavier, the last full week before it reached 10 reps and said so. */
function expectRepsBeforeLoad(result: Plan) {
  const full = result.rows.filter((row) => row.kind === "technique");
  for (let i = 1; i < full.length; i += 1) {
    const [before, after] = [full[i - 1], full[i]];
    if (!before?.load || !after?.load || after.load.hundredths <= before.load.hundredths) continue;
    if ((after.load.hundredths - before.load.hundredths) * 10 > before.load.hundredths) {
      expect(before.reps).toBe(10);
      expect(before.note).toMatch(/Reps before load/);
    }
  }
}

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
      bodyweightWeeks: fc.integer({ min: 4, max: 8 }),
      raceInDays: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
    })
    .map(({ phase, equipment, oneRepMax, weeks, sets, sessionsPerWeek, bodyweightWeeks, raceInDays }): Ask => {
      const options = { equipment, weeks, sets, sessionsPerWeek, startDate: "2025-03-03" };
      const dated =
        raceInDays === undefined
          ? options
          : { ...options, raceDate: new Date(Date.UTC(2025, 2, 3 + raceInDays)).toISOString().slice(0, 10) };
      return phase === "neverLifted"
        ? { ...dated, phase, bodyweightWeeks }
        : { ...dated, phase, oneRepMax: { unit: loadablesOf(equipment).unit, hundredths: oneRepMax } };
    });

  it("every load is loadable, never negative, and its setup sums back to it", () => {
    fc.assert(
      fc.property(input, (request) => {
        const result = planOrNone(request);
        if (result === undefined) {
          // Only a lifter's plan can be refused, and only when the lightest load is above W's ceiling.
          expect(request.phase).not.toBe("neverLifted");
          return;
        }
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

  it("follows the block pattern, lifts once a week from three weeks out and never in the 7 days before a race", () => {
    fc.assert(
      fc.property(input, (request) => {
        const result = planOrNone(request);
        if (result === undefined) return;
        const race = request.raceDate === undefined ? undefined : Date.parse(request.raceDate);
        for (const row of result.rows) {
          const start = Date.parse(row.startDate);
          if (race !== undefined && row.sessions > 0) {
            expect(start).toBeLessThanOrEqual(race - 8 * 86_400_000);
          }
          if (race !== undefined && race - start <= 21 * 86_400_000) expect(row.sessions).toBeLessThanOrEqual(1);
          if (request.phase === "base" && row.kind !== "taper" && row.kind !== "rest" && row.kind !== "maintain") {
            const position = (row.week - 1) % 4;
            expect(row.kind).toBe(position === 3 ? "deload" : "build");
            expect(row.reps).toBe(position === 3 ? 3 : 3 + position);
          }
        }
        // A new block is one step heavier or, once that step would leave under 1 rep in reserve on the
        // sets of 5, the same load; and it never climbs again after holding.
        const builds = result.rows.filter((row) => row.kind === "build" && row.reps === 3);
        let held = false;
        for (let i = 1; i < builds.length; i += 1) {
          const previous = builds[i - 1]?.load;
          if (previous === null || previous === undefined) throw new Error("missing load");
          const step = nextLoad(loadablesOf(request.equipment), previous.hundredths) ?? previous.hundredths;
          const load = builds[i]?.load?.hundredths;
          expect([previous.hundredths, step]).toContain(load);
          if (held) expect(load).toBe(previous.hundredths);
          held ||= load === previous.hundredths;
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

  it("keeps every lifter's row at 1 rep in reserve or more, and W within 2.5% of the chart's prescription", () => {
    fc.assert(
      fc.property(input, (request) => {
        if (request.phase === "neverLifted") return;
        const result = planOrNone(request);
        if (result === undefined) return;
        expect(result.workingLoad.hundredths).toBeLessThanOrEqual(request.oneRepMax.hundredths * 0.811 * 1.025 + 0.5);
        for (const row of result.rows) {
          if (row.load !== null) expect(row.repsInReserve).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never takes a beginner more than one step a week, and always ends by sending them to enter a set", () => {
    fc.assert(
      fc.property(input, (request) => {
        if (request.phase !== "neverLifted") return;
        const result = plan(request);
        expectOneStepAWeek(result, request.equipment);
        expectRepsBeforeLoad(result);
        expect(result.rows.at(-1)?.note).toMatch(/Plan ends/);
      }),
      { numRuns: 300 },
    );
  });

  it("never shows NaN or a negative load for any checked request", () => {
    fc.assert(
      fc.property(input, (request) => {
        for (const row of planOrNone(request)?.rows ?? []) {
          expect(Number.isSafeInteger(row.load?.hundredths ?? 0)).toBe(true);
          expect(row.load?.hundredths ?? 1).toBeGreaterThan(0);
          expect(row.note).not.toMatch(/NaN|undefined/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
