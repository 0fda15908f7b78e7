/**
 * Presentation rules for the mobility program's content: block names, how a dose reads, and the
 * URL of a day. Pure; knows nothing about a runner's progress.
 */
import type { Dose } from "./mobility-day-schema";

/** The five blocks' names, in order (the tracker needs only these). */
export const BLOCK_NAMES = [
  "Find your hinge and squat",
  "Open the hips",
  "Lunge and rotate",
  "Stand on one leg",
  "Own your range",
] as const;

const BLOCK_SUMMARIES = [
  "Ankles, hips and the two patterns every lift is built on.",
  "Rotation and range at the hip, in every direction a stride asks for.",
  "Split stances and an upper back that turns freely.",
  "Balance and single-leg control, the way running loads you.",
  "Strength at the end of your range, then the final tests.",
] as const;

export const BLOCKS = BLOCK_NAMES.map((name, i) => ({ number: i + 1, name, summary: BLOCK_SUMMARIES[i] ?? "" }));

export function dayPath(day: number): string {
  return `/mobility/day-${day}/`;
}

/** "10 reps each side", "30 s", "8 reps, alternating sides". */
export function formatDose(dose: Dose): string {
  const amount = dose.kind === "reps" ? `${dose.amount} ${dose.amount === 1 ? "rep" : "reps"}` : `${dose.amount} s`;
  switch (dose.sides) {
    case "none":
      return amount;
    case "each":
      return `${amount} each side`;
    case "alternating":
      return `${amount}, alternating sides`;
  }
}
