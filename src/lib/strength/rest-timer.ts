/**
 * Rest between working sets: the length the plan prescribes, the lengths a runner may pick instead,
 * and the countdown that times it (src/lib/timing, computed from timestamps so a locked phone still
 * shows the right time). It owns no clock, timer, screen or sound; the island passes the time in and
 * decides what to do when the rest is done.
 */
import type { Countdown } from "../timing/countdown";
import { createCountdown } from "../timing/countdown";

/** Rest between heavy working sets: about 3 minutes (the plan's notes say so). */
export const REST_BETWEEN_SETS_SECONDS = 180;

/** The rest lengths a runner can choose, in seconds: 1 to 5 minutes in 15-second steps. */
export const REST_LENGTH = { min: 60, max: 300, step: 15 } as const;

/** Every rest length a runner can choose, shortest first. */
export function restLengthChoices(): number[] {
  const { min, max, step } = REST_LENGTH;
  return Array.from({ length: (max - min) / step + 1 }, (_, i) => min + i * step);
}

/**
 * A whole rest length in seconds from something a person or a page passed in: within 60-300 s and
 * on a 15-second step (rounded to the nearest), or the plan's 3 minutes when it is not a number.
 */
export function restLength(seconds: unknown): number {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return REST_BETWEEN_SETS_SECONDS;
  const stepped = Math.round(seconds / REST_LENGTH.step) * REST_LENGTH.step;
  return Math.min(REST_LENGTH.max, Math.max(REST_LENGTH.min, stepped));
}

/** A ready rest countdown of `seconds` (made a valid rest length first). */
export function createRestTimer(seconds: number = REST_BETWEEN_SETS_SECONDS): Countdown {
  const length = restLength(seconds) * 1000;
  return createCountdown(length, length);
}
