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

  const withDose = (dose: unknown) => day(7, { exercises: Array(5).fill({ ...exercise, dose }) });
  it.each([
    { kind: "reps", amount: 1, sides: "each" },
    { kind: "reps", amount: 30, sides: "alternating" },
    { kind: "seconds", amount: 10, sides: "none" },
    { kind: "seconds", amount: 45, sides: "each" },
    { kind: "seconds", amount: 180, sides: "none" },
  ])("accepts the dose %j", (dose) => {
    expect(fields(withDose(dose))).toEqual([]);
  });

  it.each([
    { name: "zero reps", dose: { kind: "reps", amount: 0, sides: "none" }, field: "exercises.0.dose.amount" },
    { name: "31 reps", dose: { kind: "reps", amount: 31, sides: "none" }, field: "exercises.0.dose.amount" },
    { name: "half a rep", dose: { kind: "reps", amount: 7.5, sides: "none" }, field: "exercises.0.dose.amount" },
    { name: "a 5-second hold", dose: { kind: "seconds", amount: 5, sides: "none" }, field: "exercises.0.dose.amount" },
    {
      name: "a 4-minute hold",
      dose: { kind: "seconds", amount: 240, sides: "each" },
      field: "exercises.0.dose.amount",
    },
    {
      name: "a 32-second hold",
      dose: { kind: "seconds", amount: 32, sides: "none" },
      field: "exercises.0.dose.amount",
    },
    { name: "a dose without sides", dose: { kind: "reps", amount: 8 }, field: "exercises.0.dose.sides" },
    { name: "unknown sides", dose: { kind: "reps", amount: 8, sides: "left" }, field: "exercises.0.dose.sides" },
    {
      name: "an amount as text",
      dose: { kind: "seconds", amount: "30", sides: "none" },
      field: "exercises.0.dose.amount",
    },
    {
      name: "an extra field",
      dose: { kind: "reps", amount: 8, sides: "none", tempo: "slow" },
      field: "exercises.0.dose",
    },
    { name: "no dose", dose: undefined, field: "exercises.0.dose" },
  ])("rejects $name, naming the field", ({ dose, field }) => {
    expect(fields(withDose(dose))).toContain(field);
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
