/**
 * The strength domain's public surface: one-rep-max estimates, the RTS chart, weights with units,
 * equipment and plate math, warm-ups, plans and the rest timer, and the calculator that is their one
 * boundary for what a runner types. Everything here is pure; storage, clocks and rendering belong to
 * the callers.
 */
export {
  KG_PER_LB,
  MAX_WEIGHT_KG,
  amountToHundredths,
  convertWeight,
  formatAmount,
  formatWeight,
  kg,
  lb,
  maxHundredths,
  weight,
} from "./weight";
export type { Weight, WeightUnit } from "./weight";

export {
  MAX_ESTIMATE_REPS,
  MAX_REPS_IN_RESERVE,
  ONE_REP_MAX_FORMULAS,
  effectiveReps,
  estimateOneRepMax,
  estimateOneRepMaxSpread,
  oneRepMaxFactor,
} from "./one-rep-max";
export type { OneRepMaxFormula, OneRepMaxSpread, SetPerformance } from "./one-rep-max";

export {
  RTS_CHART,
  RTS_CHART_REPS,
  RTS_CHART_SOURCE,
  loadForReps,
  oneRepMaxFromChart,
  percentOfMax,
  repsInReserveAt,
} from "./rts-chart";
export type { RtsChartRow } from "./rts-chart";

export type { BarEquipment, DumbbellEquipment, Equipment, LoadSetup, PlateCount, PlatePairs } from "./equipment";
export { DUMBBELL_STEP, HEAVIEST_DUMBBELL, USUAL_BAR, dumbbellRack, gymPlates } from "./equipment-presets";
export type { Gym } from "./equipment-presets";

export { loadablesOf, loadsAround, nearestLoad, nextLoad } from "./loadables";
export type { Loadables } from "./loadables";
export { platesPerSideText } from "./setup-text";

export { WARM_UP_START_REPS, WARM_UP_STEPS, WARM_UP_TOLERANCE_PERCENT, warmUpRamp } from "./warm-up";
export type { WarmUpSet } from "./warm-up";

export type { Plan, PlanPhase, PlanRow, PlanRowKind } from "./plan-row";
export { BEGINNER_REPS, BODYWEIGHT_WEEKS, DELOAD_PERCENT, REPS_FIRST_STEP_PERCENT } from "./plan-phases";
export { LAST_LIFT_EARLIEST_DAYS, NO_LIFTING_DAYS_BEFORE_RACE, RACE_WEEKS_DAYS, TAPER_PERCENT } from "./plan-race";
export {
  WORKING_PERMILLE,
  WORKING_REPS,
  WORKING_REPS_IN_RESERVE,
  WORKING_TOLERANCE_PERMILLE,
  chartOneRepMax,
  workingLoad,
  workingLoadCeiling,
} from "./working-load";
export type { WorkingLoad } from "./working-load";
export { BEGINNER_NEXT, BLOCK_MIN_REPS_IN_RESERVE, buildPlan } from "./plan";
export type { PlanRequest } from "./plan";

export { REST_BETWEEN_SETS_SECONDS, REST_LENGTH, createRestTimer, restLength, restLengthChoices } from "./rest-timer";

// The whole input codec: the calculator island imports the same names from the module itself.
export * from "./calculator-inputs";
export { calculate, defaultBar, defaultStep, parseNumber, plateInventory } from "./calculator";
export type { CalculatorOutcome, CalculatorResult, CalculatorErrors } from "./calculator";
