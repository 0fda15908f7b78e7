import { describe, expect, it } from "vitest";
import { mobilityDaySchema, programProblems } from "../../../src/lib/content/mobility-day-schema";

const exercise = {
  name: "Ankle rocks",
  dose: { kind: "reps", amount: 10, sides: "each" },
  how: "Face a wall and rock the knee forward over the toes, heel down.",
  cue: "Heel stays heavy.",
};
const day = (n: number, patch: Record<string, unknown> = {}) => ({
  day: n,
  title: "Find your hinge",
  focus: "Learn to push the hips back while the spine stays long.",
  minutes: 12,
  exercises: Array.from({ length: 5 }, () => exercise),
  ...patch,
});
const fields = (input: unknown) => {
  const r = mobilityDaySchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("mobility day schema", () => {
  it.each([1, 2, 5, 6, 24, 25])("accepts a well-formed day %i", (n) => {
    expect(fields(day(n))).toEqual([]);
  });

  it.each([
    { name: "day 0", patch: { day: 0 }, field: "day" },
    { name: "day 26", patch: { day: 26 }, field: "day" },
    { name: "a 9-minute session", patch: { minutes: 9 }, field: "minutes" },
    { name: "a 16-minute session", patch: { minutes: 16 }, field: "minutes" },
    { name: "four exercises", patch: { exercises: [exercise, exercise, exercise, exercise] }, field: "exercises" },
    {
      name: "an unknown dose kind",
      patch: { exercises: Array(5).fill({ ...exercise, dose: { kind: "laps", amount: 1, sides: "none" } }) },
      field: "exercises.0.dose.kind",
    },
    {
      name: "an exercise without a cue",
      patch: { exercises: Array(5).fill({ ...exercise, cue: undefined }) },
      field: "exercises.0.cue",
    },
  ])("rejects $name", ({ patch, field }) => {
    expect(fields(day(7, patch))).toContain(field);
  });

  it.each([{ block: 2 }, { selfTest: true }])("refuses %j: it follows from the day number", (patch) => {
    expect(mobilityDaySchema.safeParse(day(7, patch)).success).toBe(false);
  });
});

describe("programProblems", () => {
  const full = Array.from({ length: 25 }, (_, i) => ({ id: `day-${String(i + 1).padStart(2, "0")}`, day: i + 1 }));

  it("finds nothing wrong with a complete program", () => {
    expect(programProblems(full)).toEqual([]);
  });

  it("names a missing day", () => {
    expect(programProblems(full.filter((e) => e.day !== 7))).toEqual([
      "day 7 is missing: add content/mobility/day-07.md",
    ]);
  });

  it("names a repeated day and the misnamed file", () => {
    const broken = full.map((e) => (e.day === 8 ? { ...e, day: 9 } : e));
    const problems = programProblems(broken);
    expect(problems).toContain("day-08: says day 9, so the file should be named day-09.md");
    expect(problems).toContain("day 9 appears 2 times: day-08, day-09");
    expect(problems).toContain("day 8 is missing: add content/mobility/day-08.md");
  });
});
