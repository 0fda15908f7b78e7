/**
 * How a load is made, in the words a runner reads at the rack: "20 + 10 + 2.5" per side, "empty
 * bar", or "one 14 kg dumbbell in each hand". Pure text; no layout.
 */
import type { LoadSetup } from "./equipment";
import { formatWeight } from "./weight";

/** Plates on each side, heaviest first, numbers without the unit: "25 + 25 + 2.5". */
export function platesPerSideText(setup: LoadSetup): string {
  switch (setup.kind) {
    case "plates": {
      const plates = setup.perSide.flatMap(({ plate, count }) =>
        Array.from({ length: count }, () => formatWeight(plate).replace(/ (kg|lb)$/, "")),
      );
      return plates.length === 0 ? "empty bar" : `${plates.join(" + ")} ${setup.bar.unit}`;
    }
    case "dumbbells":
      return `${formatWeight(setup.perHand)} in each hand`;
  }
}
