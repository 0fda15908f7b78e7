import { describe, expect, it } from "vitest";
import type { RoutineMovement } from "../../../src/lib/content/mobility-routine";
import { routineSteps } from "../../../src/lib/content/mobility-routine";

const movement = (name: string, dose: RoutineMovement["dose"]): RoutineMovement => ({
  name,
  dose,
  how: `How to do ${name}.`,
  cue: `Cue for ${name}.`,
});

describe("routine steps", () => {
  it("one step per counted movement, with its dose in words", () => {
    const steps = routineSteps([
      movement("Rock backs", { kind: "reps", amount: 10, sides: "none" }),
      movement("Ankle rocks", { kind: "reps", amount: 10, sides: "each" }),
      movement("Switches", { kind: "reps", amount: 8, sides: "alternating" }),
    ]);
    expect(steps.map((s) => [s.movement, s.name, s.dose, s.seconds])).toEqual([
      [1, "Rock backs", "10 reps", null],
      [2, "Ankle rocks", "10 reps each side", null],
      [3, "Switches", "8 reps, alternating sides", null],
    ]);
    expect(steps[1]?.cue).toBe("Cue for Ankle rocks.");
    expect(steps[1]?.how).toBe("How to do Ankle rocks.");
  });

  it("a timed hold on each side is two counted-down steps of the same movement", () => {
    const steps = routineSteps([
      movement("Couch stretch", { kind: "seconds", amount: 30, sides: "each" }),
      movement("Deep squat hold", { kind: "seconds", amount: 45, sides: "none" }),
    ]);
    expect(steps.map((s) => [s.movement, s.dose, s.seconds])).toEqual([
      [1, "30 s, first side", 30],
      [1, "30 s, second side", 30],
      [2, "45 s", 45],
    ]);
  });
});
