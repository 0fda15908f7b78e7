/**
 * The warm-up ramp before a working load: the empty bar (or the lightest dumbbells) for 5 reps
 * twice, then about 40% × 5, 60% × 3 and 80% × 2 of the working load, each rounded to a loadable
 * weight. After the starting sets every load is heavier than the one before and lighter than the
 * working load, and within 10% of the working load from its percentage; a step that cannot be is
 * skipped. Bar warm-ups avoid plates under 5 kg / 10 lb whenever the big plates alone can make a
 * valid step (the nearer of the two big-plate loads around the target); otherwise the step is the
 * nearest loadable weight. It does not plan working sets or rest.
 */
import type { Equipment, LoadSetup } from "./equipment";
import { equipmentUnit, validateEquipment } from "./equipment";
import { loadablesOf, nearestLoad } from "./loadables";
import type { Loadables } from "./loadables";
import { fail, failWith, ok } from "./result";
import type { Result } from "./result";
import { convertWeight, formatWeight, weightProblem } from "./weight";
import type { Weight, WeightUnit } from "./weight";

/** One warm-up set. */
export interface WarmUpSet {
  readonly load: Weight;
  readonly reps: number;
  readonly setup: LoadSetup;
}

/** The ramp's percentage steps of the working load. */
export const WARM_UP_STEPS: readonly { readonly percent: number; readonly reps: number }[] = [
  { percent: 40, reps: 5 },
  { percent: 60, reps: 3 },
  { percent: 80, reps: 2 },
];

/** How far (in % of the working load) a step may land from its percentage after rounding. */
export const WARM_UP_TOLERANCE_PERCENT = 10;

/** Reps for each of the two starting sets with the empty bar or lightest dumbbells. */
export const WARM_UP_START_REPS = 5;

/** Smallest plate a warm-up uses when it can, per unit (hundredths). */
const SMALLEST_WARM_UP_PLATE: Readonly<Record<WeightUnit, number>> = { kg: 500, lb: 1000 };

/** The warm-up sets before `workingLoad` (converted to the equipment's unit). */
export function warmUpRamp(equipment: Equipment, workingLoad: Weight): Result<readonly WarmUpSet[]> {
  const valid = validateEquipment(equipment);
  if (!valid.ok) return failWith(valid.error);
  const problem = weightProblem(workingLoad, "working load");
  if (problem !== undefined) return fail("workingLoad", problem);
  const working = convertWeight(workingLoad, equipmentUnit(equipment)).hundredths;
  const all = loadablesOf(equipment);
  if (working < all.min) {
    const start = formatWeight({ unit: all.unit, hundredths: all.min });
    return fail("workingLoad", `The working load is lighter than the starting weight (${start}).`);
  }
  const preferred = bigPlatesOnly(equipment);
  const sets: WarmUpSet[] = [];
  const add = (loadables: Loadables, load: number, reps: number): void => {
    const setup = loadables.setup(load);
    if (setup !== undefined) sets.push({ load: { unit: all.unit, hundredths: load }, reps, setup });
  };
  add(all, all.min, WARM_UP_START_REPS);
  add(all, all.min, WARM_UP_START_REPS);
  let previous = all.min;
  for (const step of WARM_UP_STEPS) {
    const target = (working * step.percent) / 100;
    const fits = (load: number | undefined): load is number =>
      load !== undefined &&
      load > previous &&
      load < working &&
      Math.abs(load - target) * 100 <= working * WARM_UP_TOLERANCE_PERCENT;
    const big =
      preferred === undefined
        ? undefined
        : closest([preferred.atOrBelow(target), preferred.atOrAbove(target)].filter(fits), target);
    const nearest = nearestLoad(all, target);
    const chosen =
      big !== undefined && preferred !== undefined
        ? { loadables: preferred, load: big }
        : fits(nearest)
          ? { loadables: all, load: nearest }
          : undefined;
    if (chosen !== undefined) {
      previous = chosen.load;
      add(chosen.loadables, chosen.load, step.reps);
    }
  }
  return ok(sets);
}

function closest(loads: readonly number[], target: number): number | undefined {
  let best: number | undefined;
  for (const load of loads) {
    if (best === undefined || Math.abs(load - target) < Math.abs(best - target)) best = load;
  }
  return best;
}

function bigPlatesOnly(equipment: Equipment): Loadables | undefined {
  if (equipment.kind === "dumbbells") return undefined;
  const smallest = SMALLEST_WARM_UP_PLATE[equipment.bar.unit];
  const plates = equipment.plates.filter((entry) => entry.plate.hundredths >= smallest);
  return loadablesOf({ ...equipment, plates });
}
