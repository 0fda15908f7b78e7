/**
 * How a load is made, in the words a runner reads at the rack: "20 + 10 + 2.5 kg" per side, "empty
 * bar", or "14 kg in each hand". Pure text; no layout.
 */
import type { LoadSetup } from "./equipment";
import { formatAmount, formatWeight } from "./weight";

/** Plates on each side, heaviest first, with the unit once at the end: "25 + 25 + 2.5 kg". */
export function platesPerSideText(setup: LoadSetup): string {
  if (setup.kind === "dumbbells") return `${formatWeight(setup.perHand)} in each hand`;
  const plates = setup.perSide.flatMap(({ plate, count }) => Array<string>(count).fill(formatAmount(plate.hundredths)));
  return plates.length === 0 ? "empty bar" : `${plates.join(" + ")} ${setup.bar.unit}`;
}
