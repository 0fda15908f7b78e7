/**
 * Presentation rules for the mobility program's content: block names, how a dose reads, and the
 * URL of a day. Pure; knows nothing about a runner's progress.
 */
import type { MobilityDay } from "./mobility-day-schema";

export const BLOCKS = [
  {
    number: 1,
    name: "Find your hinge and squat",
    summary: "Ankles, hips and the two patterns every lift is built on.",
  },
  { number: 2, name: "Open the hips", summary: "Rotation and range at the hip, in every direction a stride asks for." },
  { number: 3, name: "Lunge and rotate", summary: "Split stances and an upper back that turns freely." },
  { number: 4, name: "Stand on one leg", summary: "Balance and single-leg control, the way running loads you." },
  { number: 5, name: "Own your range", summary: "Strength at the end of your range, then the final tests." },
] as const;

export function dayPath(day: number): string {
  return `/mobility/day-${day}/`;
}

/** "10 reps each side", "30 s", "8 reps, alternating sides". */
export function formatDose(dose: MobilityDay["exercises"][number]["dose"]): string {
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
