import { describe, expect, it } from "vitest";
import {
  emptyState,
  exportProgress,
  load,
  markDayDone,
  recordSelfTest,
  save,
  undoDay,
} from "../../../src/lib/mobility";
import type { MobilityState } from "../../../src/lib/mobility";

const DAY_MS = 86_400_000;

describe("stored size", () => {
  it("stays under 4 KB after three years of worst-case use", () => {
    let s: MobilityState = emptyState();
    let largest = 0;
    const start = Date.UTC(2026, 0, 1);
    for (let d = 0; d < 3 * 366; d++) {
      // Every day of the program done and undone three times, then left done, every single day.
      for (let round = 0; round < 3; round++) {
        for (let day = 1; day <= 25; day++) {
          const now = new Date(start + d * DAY_MS + round * 3_600_000 + day * 1000 + 999);
          s = markDayDone(s, day, now, "Australia/Adelaide");
          if (round < 2) s = undoDay(s, day);
        }
      }
      // Longest possible self-test numbers, recorded again each day.
      const measures = {
        kneeToWall: { value: 11.8, unit: "in" as const },
        balance: { left: 599.9, right: 599.9 },
        squatHold: 599.9,
      };
      s = recordSelfTest(s, "baseline", measures, new Date(start + d * DAY_MS), "America/St_Johns");
      s = recordSelfTest(s, "retest", measures, new Date(start + d * DAY_MS), "America/St_Johns");
      largest = Math.max(largest, new TextEncoder().encode(save(s)).length);
    }
    // Only current completions are kept, so the size is bounded by 25 days and two self-tests.
    expect(largest).toBeLessThan(4 * 1024);
    expect(new TextEncoder().encode(exportProgress(s, new Date(start))).length).toBeLessThan(8 * 1024);
    expect(load(save(s))).toMatchObject({ kind: "ok", state: s });
  });
});
