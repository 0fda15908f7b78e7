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

const dose = z
  .object({
    /** Counted repetitions or a timed hold/movement. */
    kind: z.enum(["reps", "seconds"]),
    /** Reps or seconds per set (per side when `sides` is each or alternating). */
    amount: z.number().int().min(1).max(120),
    /** none: both sides at once; each: the amount on each side; alternating: sides take turns. */
    sides: z.enum(["none", "each", "alternating"]),
  })
  .strict();

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
