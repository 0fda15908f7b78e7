/**
 * The warm-up ramp before a working load: the empty bar (or the lightest dumbbells) for 5 reps
 * twice, then about 40% × 5, 60% × 3 and 80% × 2 of the working load, each rounded to a loadable
 * weight. After the starting sets every load is heavier than the one before and lighter than the
 * working load, and within 10% of the working load from its percentage; a step that cannot be is
 * skipped. Bar warm-ups avoid plates under 5 kg / 10 lb whenever the big plates alone can make a
 * valid step (the nearer of the two big-plate loads around the target); otherwise the step is the
 * nearest loadable weight. The working load must be one the equipment can make, in its unit. It does
 * not plan working sets or rest.
 */
import type { Equipment, LoadSetup } from "./equipment";
import type { Loadables } from "./loadables";
import { loadablesOf, loadsAround, nearestLoad } from "./loadables";
import type { Weight } from "./weight";

/** One warm-up set. */
export interface WarmUpSet {
  readonly load: Weight;
  readonly reps: number;
  readonly setup: LoadSetup;
}

/** The ramp's percentage steps of the working load: [percent, reps]. */
export const WARM_UP_STEPS: readonly (readonly [number, number])[] = [
  [40, 5],
  [60, 3],
  [80, 2],
];

/** How far (in % of the working load) a step may land from its percentage after rounding. */
export const WARM_UP_TOLERANCE_PERCENT = 10;

/** Reps for each of the two starting sets with the empty bar or lightest dumbbells. */
export const WARM_UP_START_REPS = 5;

/** The warm-up sets before `workingLoad`. */
export function warmUpRamp(equipment: Equipment, workingLoad: Weight): WarmUpSet[] {
  const working = workingLoad.hundredths;
  const all = loadablesOf(equipment);
  // Plates from 5 kg or 10 lb up: a warm-up should not need the small change.
  const preferred =
    equipment.kind === "dumbbells"
      ? undefined
      : loadablesOf({
          ...equipment,
          plates: equipment.plates.filter((entry) => entry.plate.hundredths >= (all.unit === "kg" ? 500 : 1000)),
        });
  const sets: WarmUpSet[] = [];
  const add = (loadables: Loadables, load: number, reps: number) => {
    const setup = loadables.setup(load);
    if (setup) sets.push({ load: { unit: all.unit, hundredths: load }, reps, setup });
    return load;
  };
  let previous = add(all, add(all, all.loads[0] ?? 0, WARM_UP_START_REPS), WARM_UP_START_REPS);
  for (const [percent, reps] of WARM_UP_STEPS) {
    const target = (working * percent) / 100;
    const fits = (load: number | undefined): load is number =>
      load !== undefined &&
      load > previous &&
      load < working &&
      Math.abs(load - target) * 100 <= working * WARM_UP_TOLERANCE_PERCENT;
    const [big] = preferred
      ? loadsAround(preferred, target)
          .filter(fits)
          .sort((a, b) => Math.abs(a - target) - Math.abs(b - target))
      : [];
    const nearest = nearestLoad(all, target);
    if (preferred && big !== undefined) previous = add(preferred, big, reps);
    else if (fits(nearest)) previous = add(all, nearest, reps);
  }
  return sets;
}
