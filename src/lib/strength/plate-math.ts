/**
 * Plate math for runners: the loadable weight nearest a target (a tie goes to the lighter load), how
 * to make it from the inventory actually on hand, and an honest remainder when the target cannot be
 * made. Works for any inventory (searches exact sums, not "biggest plate first"). A target in the
 * other unit is converted first, rounding to the hundredth. It does not decide what to lift.
 */
import type { Equipment, LoadSetup } from "./equipment";
import { equipmentUnit, validateEquipment } from "./equipment";
import { loadablesOf, nearestLoad, nextLoad } from "./loadables";
import { fail, failWith, ok } from "./result";
import type { Result } from "./result";
import { convertWeight, weightProblem } from "./weight";
import type { Weight } from "./weight";

/** How a target relates to what could be loaded. */
export type LoadStatus = "exact" | "rounded" | "belowMinimum" | "aboveMaximum";

/** The nearest loadable weight to a target and how to make it. */
export interface Loading {
  /** The target in the equipment's unit. */
  readonly target: Weight;
  /** What to lift: bar + plates, or the weight of each dumbbell. */
  readonly load: Weight;
  /** target − load, signed: positive when the load is lighter than the target. */
  readonly remainder: Weight;
  readonly status: LoadStatus;
  readonly setup: LoadSetup;
}

/** The loadable weight nearest `target` (ties to the lighter), with plates per side or per-hand dumbbell. */
export function nearestLoadable(equipment: Equipment, target: Weight): Result<Loading> {
  const checked = checkTarget(equipment, target, "target", true);
  if (!checked.ok) return failWith(checked.error);
  const unit = equipmentUnit(equipment);
  const loadables = loadablesOf(equipment);
  const wanted = checked.value.hundredths;
  const load = nearestLoad(loadables, wanted);
  const setup = loadables.setup(load);
  if (setup === undefined) return fail("target", "That load cannot be made with this equipment.");
  return ok({
    target: checked.value,
    load: { unit, hundredths: load },
    remainder: { unit, hundredths: wanted - load },
    status: statusOf(wanted, load, loadables.min, loadables.max),
    setup,
  });
}

/** Plates per side (or the dumbbell) for exactly `load`; a field error when it cannot be made. */
export function loadSetup(equipment: Equipment, load: Weight): Result<LoadSetup> {
  const checked = checkTarget(equipment, load, "load", false);
  if (!checked.ok) return failWith(checked.error);
  const setup = loadablesOf(equipment).setup(checked.value.hundredths);
  return setup === undefined
    ? fail("load", "That exact load cannot be made with this equipment: use the nearest loadable weight.")
    : ok(setup);
}

/** One step up: the smallest loadable weight above `load`, or null when `load` is the heaviest. */
export function nextLoadable(equipment: Equipment, load: Weight): Result<Weight | null> {
  const checked = checkTarget(equipment, load, "load", true);
  if (!checked.ok) return failWith(checked.error);
  const next = nextLoad(loadablesOf(equipment), checked.value.hundredths);
  return ok(next === undefined ? null : { unit: checked.value.unit, hundredths: next });
}

/** The lightest and heaviest loads the equipment can make. */
export function loadRange(equipment: Equipment): Result<{ readonly min: Weight; readonly max: Weight }> {
  const valid = validateEquipment(equipment);
  if (!valid.ok) return failWith(valid.error);
  const { min, max, unit } = loadablesOf(equipment);
  return ok({ min: { unit, hundredths: min }, max: { unit, hundredths: max } });
}

/** Every loadable weight from the lightest up to `upTo` (inclusive), lightest first. */
export function loadableWeights(equipment: Equipment, upTo: Weight): Result<readonly Weight[]> {
  const checked = checkTarget(equipment, upTo, "upTo", false);
  if (!checked.ok) return failWith(checked.error);
  const loadables = loadablesOf(equipment);
  const weights: Weight[] = [];
  for (let load: number | undefined = loadables.min; load !== undefined && load <= checked.value.hundredths;) {
    weights.push({ unit: loadables.unit, hundredths: load });
    load = nextLoad(loadables, load);
  }
  return ok(weights);
}

function checkTarget(equipment: Equipment, value: Weight, field: string, allowZero: boolean): Result<Weight> {
  const valid = validateEquipment(equipment);
  if (!valid.ok) return failWith(valid.error);
  const problem = weightProblem(value, "weight", { allowZero });
  if (problem !== undefined) return fail(field, problem);
  const converted = convertWeight(value, equipmentUnit(equipment));
  const againstLimit = weightProblem(converted, "weight", { allowZero });
  return againstLimit === undefined ? ok(converted) : fail(field, againstLimit);
}

function statusOf(target: number, load: number, min: number, max: number): LoadStatus {
  if (target < min) return "belowMinimum";
  if (target > max) return "aboveMaximum";
  return target === load ? "exact" : "rounded";
}
