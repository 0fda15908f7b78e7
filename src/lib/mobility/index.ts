/**
 * The mobility domain's public surface for the tracker island and pages: the 25-day program's
 * shape, training dates with the 4 a.m. cut-off, progress and its summary, self-tests and their
 * comparison chart, the storage codec and guarded store, export/import and the reminder calendar.
 * Everything here is pure: the clock, the time zone, storage and rendering belong to the callers.
 */
export { fail, ok } from "./result";
export type { FieldError, Result } from "./result";

export {
  BASELINE_DAY,
  DAYS_PER_BLOCK,
  PROGRAM_BLOCKS,
  PROGRAM_DAYS,
  PROGRAM_DAY_NUMBERS,
  RETEST_DAY,
  assertProgramDay,
  blockOf,
  daysOfBlock,
  isProgramDay,
} from "./program";

export { TRAINING_DAY_CUTOFF_HOUR, trainingDate, trainingDateOfLocal } from "./training-date";

export { parseMobilityState } from "./schema";
export type { DayCompletion, MobilityState, SelfTestResult, SelfTestSlot, SelfTests } from "./schema";

export {
  completedCount,
  completedDays,
  completionOf,
  emptyState,
  isDayDone,
  lastTrainingDate,
  markDayDone,
  setDayDone,
  shouldRequestPersistence,
  undoDay,
} from "./days";

export { blockProgress, nextDay, sessionsBetween, summarizeProgress } from "./progress";
export type { BlockProgress, ProgressSummary } from "./progress";
export { progressMessage } from "./message";
export type { MessageFacts } from "./message";

export { CM_PER_INCH, DISTANCE_UNITS, MAX_HOLD_SECONDS, MAX_KNEE_TO_WALL_CM, maxKneeToWall } from "./measures";
export type { Distance, DistanceUnit } from "./measures";
export { clearSelfTest, parseSelfTestInput, recordSelfTest } from "./self-test";
export type { SelfTestField, SelfTestInput, SelfTestMeasures } from "./self-test";
export { SELF_TEST_IDS, SELF_TEST_LABELS, compareSelfTests, formatMeasure } from "./self-test-compare";
export type { ChangeDirection, SelfTestComparison, SelfTestId } from "./self-test-compare";
export { chartRows, describeChart } from "./self-test-chart";
export type { ChartBar, ChartRow } from "./self-test-chart";

export { BACKUP_KEY, CURRENT_VERSION, PROGRESS_STORAGE_KEY, decodeDocument, load, save, documentOf } from "./codec";
export type { DecodeResult, LoadResult, MobilityDocument } from "./codec";
export { createStore } from "./store";
export type { MobilityStore, MobilityStoreOptions, NotPersistedReason, PersistStatus } from "./store";
export { decideStorageEvent } from "./storage-event";
export type { StorageChange, StorageEventDecision } from "./storage-event";

export {
  EXPORT_FORMAT,
  EXPORT_MIME_TYPE,
  EXPORT_VERSION,
  MAX_IMPORT_CHARS,
  describeReplacement,
  exportFileName,
  exportProgress,
  importProgress,
} from "./transfer";
export type { ImportError, ReplacementSummary } from "./transfer";

export {
  ICS_MIME_TYPE,
  REMINDER_FILE_NAME,
  REMINDER_MINUTES,
  firstReminderDate,
  parseReminderTime,
  reminderCalendar,
} from "./reminder";
export type { Reminder, ReminderError, ReminderRequest } from "./reminder";
