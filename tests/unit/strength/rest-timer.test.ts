import { describe, expect, it } from "vitest";
import {
  REST_BETWEEN_SETS_SECONDS,
  REST_LENGTH,
  createRestTimer,
  restLength,
  restLengthChoices,
} from "../../../src/lib/strength";
import { remainingMs, settleCountdown, startCountdown } from "../../../src/lib/timing/countdown";

describe("rest timer", () => {
  it("rests 3 minutes between working sets by default, as the plan's notes say", () => {
    expect(REST_BETWEEN_SETS_SECONDS).toBe(180);
    expect(createRestTimer()).toEqual({ durationMs: 180_000, status: "ready", leftMs: 180_000, sinceMs: 0 });
  });

  it("offers 1 to 5 minutes in 15-second steps", () => {
    const choices = restLengthChoices();
    expect(choices[0]).toBe(60);
    expect(choices.at(-1)).toBe(300);
    expect(choices).toHaveLength((REST_LENGTH.max - REST_LENGTH.min) / REST_LENGTH.step + 1);
    expect(choices).toContain(REST_BETWEEN_SETS_SECONDS);
  });

  it.each([
    [180, 180],
    [60, 60],
    [300, 300],
    [30, 60],
    [900, 300],
    [100, 105],
    [97, 90],
    [Number.NaN, 180],
    ["120", 180],
    [undefined, 180],
  ])("takes %s seconds as a rest of %i", (given, seconds) => {
    expect(restLength(given)).toBe(seconds);
    expect(createRestTimer(restLength(given)).durationMs).toBe(seconds * 1000);
  });

  it("is done after its length even when nothing read it in between (a locked phone)", () => {
    const t0 = 1_000_000;
    const running = startCountdown(createRestTimer(90), t0);
    expect(remainingMs(running, t0 + 89_000)).toBe(1_000);
    expect(settleCountdown(running, t0 + 90_000).status).toBe("done");
  });
});
