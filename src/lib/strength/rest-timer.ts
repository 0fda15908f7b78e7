/**
 * Rest between working sets and a pure countdown a UI can drive: start, pause, reset, and tick by the
 * milliseconds that passed. It owns no clock, timer or sound; the caller measures elapsed time and
 * decides what to do when the rest is done.
 */

/** Rest between heavy working sets: about 3 minutes. */
export const REST_BETWEEN_SETS_SECONDS = 180;

export type RestTimerStatus = "ready" | "running" | "paused" | "done";

/** Countdown state. `remainingMs` runs from `durationMs` down to 0, where status becomes "done". */
export interface RestTimer {
  readonly durationMs: number;
  readonly remainingMs: number;
  readonly status: RestTimerStatus;
}

/** A ready timer of `durationMs` (3 minutes unless a positive finite duration is given). */
export function createRestTimer(durationMs = REST_BETWEEN_SETS_SECONDS * 1000): RestTimer {
  const duration = durationMs > 0 && durationMs < Infinity ? Math.round(durationMs) : REST_BETWEEN_SETS_SECONDS * 1000;
  return { durationMs: duration, remainingMs: duration, status: "ready" };
}

/** Runs the countdown; a finished timer starts over from the full duration. */
export function startRestTimer(timer: RestTimer): RestTimer {
  return timer.status === "done" ? { ...resetRestTimer(timer), status: "running" } : { ...timer, status: "running" };
}

/** Holds the remaining time; only a running timer pauses. */
export function pauseRestTimer(timer: RestTimer): RestTimer {
  return timer.status === "running" ? { ...timer, status: "paused" } : timer;
}

/** Back to the full duration, not running. */
export function resetRestTimer(timer: RestTimer): RestTimer {
  return { ...timer, remainingMs: timer.durationMs, status: "ready" };
}

/** Counts down by `elapsedMs` when running; negative or non-finite elapsed time counts as none. */
export function tickRestTimer(timer: RestTimer, elapsedMs: number): RestTimer {
  if (timer.status !== "running") return timer;
  const remainingMs = Math.max(0, timer.remainingMs - (elapsedMs > 0 && elapsedMs < Infinity ? elapsedMs : 0));
  return { ...timer, remainingMs, status: remainingMs === 0 ? "done" : "running" };
}

/** True once the countdown reached zero. */
export function isRestDone(timer: RestTimer): boolean {
  return timer.status === "done";
}

/** Remaining time as "m:ss", whole seconds rounded up (so "0:00" only when done). */
export function formatRestRemaining(timer: RestTimer): string {
  const seconds = Math.ceil(timer.remainingMs / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
