/**
 * The contract of one day of the 25-day mobility program (content/mobility/day-NN.md), and the
 * check that the program as a whole has every day exactly once. Astro validates each file against
 * the schema at build time; the whole-program check runs after the files are loaded, so a missing
 * or repeated day stops the build with the day named. A day's block and whether it holds the
 * self-tests follow from its number (src/lib/mobility/program.ts), so a file does not state them.
 * Knows nothing about progress or storage.
 */
import { z } from "astro/zod";
import { PROGRAM_DAYS } from "../mobility/program";

/** none: both sides at once; each: the amount on each side; alternating: sides take turns. */
const sides = z.enum(["none", "each", "alternating"]);

/**
 * How much of a movement to do: counted reps, or a timed hold or movement in seconds that the
 * follow-along routine counts down (once per side when `sides` is each). The limits are the
 * program's: a set of mobility work is 1-30 reps, a hold 10 s to 3 minutes in 5-second steps.
 */
const dose = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("reps"),
      /** Reps in the set (per side when `sides` is each or alternating). */
      amount: z.number().int().min(1).max(30),
      sides,
    })
    .strict(),
  z
    .object({
      kind: z.literal("seconds"),
      /** Seconds of the hold or movement (per side when `sides` is each or alternating). */
      amount: z.number().int().min(10).max(180).multipleOf(5),
      sides,
    })
    .strict(),
]);

/** A movement's dose: reps or seconds, and whether it is per side. */
export type Dose = z.infer<typeof dose>;

const exercise = z
  .object({
    /** The movement's name as a runner would say it. */
    name: z.string().min(3).max(60),
    dose,
    /** How to do it, plainly enough to follow without a video. */
    how: z.string().min(20).max(300),
    /** The one thing to think about while doing it. */
    cue: z.string().min(5).max(140),
  })
  .strict();

export const mobilityDaySchema = z
  .object({
    /** Day number 1-25; must match the file name (day-07.md is day 7). */
    day: z.number().int().min(1).max(PROGRAM_DAYS),
    /** Short title of the day's session. */
    title: z.string().min(3).max(60),
    /** One sentence: what today trains. */
    focus: z.string().min(10).max(140),
    /** Expected length of the session in minutes. */
    minutes: z.number().int().min(10).max(15),
    /** The routine in order: five to eight movements. */
    exercises: z.array(exercise).min(5).max(8),
  })
  .strict();

export type MobilityDay = z.infer<typeof mobilityDaySchema>;

/**
 * Problems with the program as a whole, in words that name the day and file; empty when every
 * day 1-25 appears exactly once and each file's name matches its day.
 */
export function programProblems(entries: readonly { id: string; day: number }[]): string[] {
  const problems: string[] = [];
  const filesByDay = new Map<number, string[]>();
  for (const { id, day } of entries) {
    filesByDay.set(day, [...(filesByDay.get(day) ?? []), id]);
    const expectedId = `day-${String(day).padStart(2, "0")}`;
    if (id !== expectedId) problems.push(`${id}: says day ${day}, so the file should be named ${expectedId}.md`);
  }
  for (let day = 1; day <= PROGRAM_DAYS; day++) {
    const files = filesByDay.get(day) ?? [];
    if (files.length === 0)
      problems.push(`day ${day} is missing: add content/mobility/day-${String(day).padStart(2, "0")}.md`);
    if (files.length > 1) problems.push(`day ${day} appears ${files.length} times: ${files.join(", ")}`);
  }
  return problems;
}
