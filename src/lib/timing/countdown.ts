/**
 * A countdown computed from timestamps, for the rest timer and the timed holds of the mobility
 * routine. It stores when a run started and how much was left then, never a count of ticks, so the
 * time shown is right however rarely the caller looks: a phone that locked or a tab the browser
 * throttled in the background reads the true remaining time as soon as it asks again. It owns no
 * clock: every function that needs the time takes `now` in milliseconds from one clock (the
 * caller's Date.now()). It knows nothing about sound, the screen or what the countdown is for.
 */

export type CountdownStatus = "ready" | "running" | "paused" | "done";

/**
 * Countdown state. `leftMs` is what remained at `sinceMs` (the moment of the last start or resume);
 * it stays put while ready, paused or done. Immutable: every function returns a new value.
 */
export interface Countdown {
  readonly durationMs: number;
  readonly status: CountdownStatus;
  readonly leftMs: number;
  readonly sinceMs: number;
}

/** A ready countdown of `durationMs`, or of `fallbackMs` when that is not a positive finite number. */
export function createCountdown(durationMs: number, fallbackMs: number): Countdown {
  const duration = durationMs > 0 && durationMs < Infinity ? Math.round(durationMs) : fallbackMs;
  return { durationMs: duration, status: "ready", leftMs: duration, sinceMs: 0 };
}

/** Milliseconds left at `now`: from the full duration down to 0, never below or above. */
export function remainingMs(countdown: Countdown, now: number): number {
  if (countdown.status !== "running") return countdown.leftMs;
  // A clock that went backwards (the runner changed the phone's time) counts as no time passing.
  const passed = Math.max(0, now - countdown.sinceMs);
  return Math.min(countdown.durationMs, Math.max(0, countdown.leftMs - (Number.isFinite(passed) ? passed : 0)));
}

/** The countdown as it stands at `now`: a running one whose time is up becomes done. */
export function settleCountdown(countdown: Countdown, now: number): Countdown {
  return countdown.status === "running" && remainingMs(countdown, now) === 0
    ? { ...countdown, status: "done", leftMs: 0 }
    : countdown;
}

/** Runs from what is left (resume) or, once done, from the full duration again. */
export function startCountdown(countdown: Countdown, now: number): Countdown {
  const settled = settleCountdown(countdown, now);
  if (settled.status === "running") return settled;
  const leftMs = settled.status === "done" ? settled.durationMs : settled.leftMs;
  return { ...settled, status: "running", leftMs, sinceMs: now };
}

/** Holds what is left at `now`; only a running countdown pauses (one whose time is up is done). */
export function pauseCountdown(countdown: Countdown, now: number): Countdown {
  const settled = settleCountdown(countdown, now);
  return settled.status === "running" ? { ...settled, status: "paused", leftMs: remainingMs(settled, now) } : settled;
}

/** Back to the full duration, not running. */
export function resetCountdown(countdown: Countdown): Countdown {
  return { ...countdown, status: "ready", leftMs: countdown.durationMs, sinceMs: 0 };
}

/** Milliseconds as "m:ss", whole seconds rounded up (so "0:00" only at the very end). */
export function formatCountdown(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
