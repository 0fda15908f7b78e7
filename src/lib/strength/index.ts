/**
 * The strength domain's public surface for islands and pages: one-rep-max estimates, the RTS chart,
 * weights with units, equipment and plate math, warm-ups, plans and the rest timer. Everything here
 * is pure; storage, clocks and rendering belong to the callers.
 */
export { ok, fail } from "./result";
export type { FieldError, Result } from "./result";

export {
  KG_PER_LB,
  MAX_WEIGHT_KG,
  WEIGHT_UNITS,
  convertWeight,
  formatWeight,
  isWeightUnit,
  kg,
  lb,
  toWeight,
  weight,
  weightAmount,
} from "./weight";
export type { FormatWeightOptions, Weight, WeightUnit } from "./weight";

export { MAX_ESTIMATE_REPS } from "./set-performance";
export type { SetPerformance } from "./set-performance";

export {
  DEFAULT_FORMULA,
  MAX_REPS_IN_RESERVE,
  ONE_REP_MAX_FORMULAS,
  effectiveReps,
  estimateOneRepMax,
  estimateOneRepMaxSpread,
  oneRepMaxFactor,
} from "./one-rep-max";
export type { OneRepMaxFormula, OneRepMaxInput, OneRepMaxSpread } from "./one-rep-max";

export {
  RTS_CHART,
  RTS_CHART_REPS,
  RTS_CHART_SOURCE,
  RTS_MAX_REPS_IN_RESERVE,
  loadForReps,
  oneRepMaxFromChart,
  percentOfMax,
} from "./rts-chart";
export type { RtsChartRow } from "./rts-chart";

export { EQUIPMENT_LIMITS, equipmentUnit, validateEquipment, withPlatePairs } from "./equipment";
export type { BarEquipment, DumbbellEquipment, Equipment, LoadSetup, PlateCount, PlatePairs } from "./equipment";
export { EQUIPMENT_PRESETS, dumbbellRack, trapBar } from "./equipment-presets";
export type { EquipmentPresetId } from "./equipment-presets";

export { loadRange, loadSetup, loadableWeights, nearestLoadable, nextLoadable } from "./plate-math";
export type { LoadStatus, Loading } from "./plate-math";

export { WARM_UP_START_REPS, WARM_UP_STEPS, warmUpRamp } from "./warm-up";
export type { WarmUpSet } from "./warm-up";

export { PLAN_DEFAULTS, PLAN_LIMITS } from "./plan-input";
export type { PlanInput, PlanOptions, PlanPhase } from "./plan-input";
export type { Plan, PlanRow, PlanRowKind } from "./plan-row";
export { BODYWEIGHT_WEEKS, DELOAD_PERCENT } from "./plan-phases";
export { NO_LIFTING_DAYS_BEFORE_RACE, TAPER_PERCENT } from "./plan-race";
export { WORKING_REPS, WORKING_REPS_IN_RESERVE, buildPlan } from "./plan";

export {
  REST_BETWEEN_SETS_SECONDS,
  createRestTimer,
  formatRestRemaining,
  isRestDone,
  pauseRestTimer,
  resetRestTimer,
  startRestTimer,
  tickRestTimer,
} from "./rest-timer";
export type { RestTimer, RestTimerStatus } from "./rest-timer";
