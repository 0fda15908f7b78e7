import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  REST_BETWEEN_SETS_SECONDS,
  createRestTimer,
  formatRestRemaining,
  isRestDone,
  pauseRestTimer,
  resetRestTimer,
  startRestTimer,
  tickRestTimer,
} from "../../../src/lib/strength";

describe("rest timer", () => {
  it("rests 3 minutes between working sets by default", () => {
    expect(REST_BETWEEN_SETS_SECONDS).toBe(180);
    expect(createRestTimer()).toEqual({ durationMs: 180_000, remainingMs: 180_000, status: "ready" });
    expect(formatRestRemaining(createRestTimer())).toBe("3:00");
  });

  it("counts down only while running", () => {
    const ready = createRestTimer(10_000);
    expect(tickRestTimer(ready, 4_000)).toBe(ready);
    const running = tickRestTimer(startRestTimer(ready), 4_000);
    expect(running).toEqual({ durationMs: 10_000, remainingMs: 6_000, status: "running" });
    expect(formatRestRemaining(tickRestTimer(running, 500))).toBe("0:06");
    const paused = pauseRestTimer(running);
    expect(tickRestTimer(paused, 5_000).remainingMs).toBe(6_000);
    expect(tickRestTimer(startRestTimer(paused), 1_000).remainingMs).toBe(5_000);
  });

  it("is done at zero and never goes below it; start again restarts", () => {
    const done = tickRestTimer(startRestTimer(createRestTimer(10_000)), 60_000);
    expect(done).toEqual({ durationMs: 10_000, remainingMs: 0, status: "done" });
    expect(isRestDone(done)).toBe(true);
    expect(formatRestRemaining(done)).toBe("0:00");
    expect(pauseRestTimer(done)).toBe(done);
    expect(startRestTimer(done)).toEqual({ durationMs: 10_000, remainingMs: 10_000, status: "running" });
  });

  it("resets to the full duration, not running", () => {
    const ticking = tickRestTimer(startRestTimer(createRestTimer()), 90_000);
    expect(resetRestTimer(ticking)).toEqual(createRestTimer());
  });

  it("ignores nonsense durations and elapsed times", () => {
    expect(createRestTimer(Number.NaN).durationMs).toBe(180_000);
    expect(createRestTimer(-5).durationMs).toBe(180_000);
    const running = startRestTimer(createRestTimer(10_000));
    expect(tickRestTimer(running, Number.NaN).remainingMs).toBe(10_000);
    expect(tickRestTimer(running, -3_000).remainingMs).toBe(10_000);
  });

  it("remaining time stays between 0 and the duration for any ticks", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.constantFrom("pause", "start", "reset"))), (events) => {
        let timer = startRestTimer(createRestTimer());
        for (const event of events) {
          if (event === "pause") timer = pauseRestTimer(timer);
          else if (event === "start") timer = startRestTimer(timer);
          else if (event === "reset") timer = resetRestTimer(timer);
          else timer = tickRestTimer(timer, event);
          expect(timer.remainingMs).toBeGreaterThanOrEqual(0);
          expect(timer.remainingMs).toBeLessThanOrEqual(timer.durationMs);
          expect(isRestDone(timer)).toBe(timer.remainingMs === 0);
          expect(formatRestRemaining(timer)).toMatch(/^\d+:[0-5]\d$/);
        }
      }),
    );
  });
});
