import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Countdown } from "../../../src/lib/timing/countdown";
import {
  createCountdown,
  formatCountdown,
  pauseCountdown,
  remainingMs,
  resetCountdown,
  settleCountdown,
  startCountdown,
} from "../../../src/lib/timing/countdown";

const T0 = 1_700_000_000_000;
const ten = () => createCountdown(10_000, 5_000);

describe("countdown from timestamps", () => {
  it("is ready at its full length until started; nonsense lengths take the fallback", () => {
    expect(remainingMs(ten(), T0)).toBe(10_000);
    expect(createCountdown(Number.NaN, 5_000).durationMs).toBe(5_000);
    expect(createCountdown(-1, 5_000).durationMs).toBe(5_000);
    expect(createCountdown(Infinity, 5_000).durationMs).toBe(5_000);
  });

  it("counts the wall-clock time that passed, however rarely it is read", () => {
    const running = startCountdown(ten(), T0);
    expect(remainingMs(running, T0 + 250)).toBe(9_750);
    expect(remainingMs(running, T0 + 6_000)).toBe(4_000);
  });

  it("backgrounded: no reads at all while hidden, then one read after the end says done", () => {
    const running = startCountdown(ten(), T0);
    // A locked phone: the page's timers did not run for 4 minutes.
    const back = settleCountdown(running, T0 + 240_000);
    expect(back.status).toBe("done");
    expect(remainingMs(back, T0 + 240_000)).toBe(0);
    expect(formatCountdown(remainingMs(back, T0 + 240_000))).toBe("0:00");
  });

  it("backgrounded before the end: the time left is what the clock says, not what ticks counted", () => {
    const running = startCountdown(ten(), T0);
    expect(settleCountdown(running, T0 + 7_500)).toBe(running);
    expect(remainingMs(running, T0 + 7_500)).toBe(2_500);
  });

  it("paused: holds what was left, however long the pause", () => {
    const paused = pauseCountdown(startCountdown(ten(), T0), T0 + 3_000);
    expect(paused.status).toBe("paused");
    expect(remainingMs(paused, T0 + 3_000)).toBe(7_000);
    expect(remainingMs(paused, T0 + 600_000)).toBe(7_000);
  });

  it("resumed: counts on from what was left, from the moment of resuming", () => {
    const paused = pauseCountdown(startCountdown(ten(), T0), T0 + 3_000);
    const resumed = startCountdown(paused, T0 + 60_000);
    expect(remainingMs(resumed, T0 + 60_000)).toBe(7_000);
    expect(remainingMs(resumed, T0 + 62_000)).toBe(5_000);
    expect(settleCountdown(resumed, T0 + 67_000).status).toBe("done");
  });

  it("a pause after the time ran out (the page was hidden) is the end, not a pause", () => {
    const running = startCountdown(ten(), T0);
    expect(pauseCountdown(running, T0 + 20_000)).toEqual({ ...running, status: "done", leftMs: 0 });
  });

  it("starting a running countdown changes nothing; starting a finished one runs it again in full", () => {
    const running = startCountdown(ten(), T0);
    expect(startCountdown(running, T0 + 1_000)).toBe(running);
    const again = startCountdown(settleCountdown(running, T0 + 10_000), T0 + 30_000);
    expect(remainingMs(again, T0 + 30_000)).toBe(10_000);
    expect(again.status).toBe("running");
  });

  it("a clock set backwards counts as no time passing", () => {
    const running = startCountdown(ten(), T0);
    expect(remainingMs(running, T0 - 50_000)).toBe(10_000);
  });

  it("resets to the full length, not running", () => {
    expect(resetCountdown(pauseCountdown(startCountdown(ten(), T0), T0 + 4_000))).toEqual(ten());
  });

  it.each([
    [10_000, "0:10"],
    [9_001, "0:10"],
    [9_000, "0:09"],
    [1, "0:01"],
    [0, "0:00"],
    [-5, "0:00"],
    [180_000, "3:00"],
    [299_500, "5:00"],
  ])("formats %i ms as %s (whole seconds, rounded up)", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it("whatever happens, the time left stays between 0 and the length and only done shows 0:00", () => {
    const event = fc.oneof(
      fc.record({
        at: fc.integer({ min: -1_000, max: 30_000 }),
        op: fc.constantFrom("start", "pause", "settle", "reset"),
      }),
    );
    fc.assert(
      fc.property(fc.array(event), (events) => {
        let c: Countdown = ten();
        let now = T0;
        for (const { at, op } of events) {
          now += at;
          if (op === "start") c = startCountdown(c, now);
          else if (op === "pause") c = pauseCountdown(c, now);
          else if (op === "settle") c = settleCountdown(c, now);
          else c = resetCountdown(c);
          const left = remainingMs(c, now);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left).toBeLessThanOrEqual(c.durationMs);
          if (c.status !== "running") expect(left === 0).toBe(c.status === "done");
        }
      }),
    );
  });
});
