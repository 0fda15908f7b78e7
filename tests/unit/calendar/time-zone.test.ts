import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { instantOf, isValidTimeZone, localDateTime, resolveTimeZone } from "../../../src/lib/calendar/time-zone";
import { LOCAL_TIME_ZONE, runtimeDateTime } from "../../../src/lib/calendar/civil-date";
import { addDays, isoWeekday } from "../../../src/lib/calendar/date-arithmetic";

describe("localDateTime", () => {
  it("reads the wall clock, not the instant minus four hours, on a daylight-saving day", () => {
    // 04:00 PDT on the spring-forward day is only three real hours after midnight.
    expect(localDateTime(new Date("2026-03-08T11:00:00Z"), "America/Los_Angeles")).toEqual({
      date: "2026-03-08",
      hour: 4,
      minute: 0,
    });
  });

  it("reports midnight as hour 0", () => {
    expect(localDateTime(new Date("2026-05-05T00:00:00Z"), "UTC")).toEqual({ date: "2026-05-05", hour: 0, minute: 0 });
  });
});

describe("instantOf (a civil date and wall time in a zone)", () => {
  // Each row: zone, local date, local time, the instant, and what happens on the zone's clocks.
  const cases: [zone: string, date: string, time: [number, number], instant: string, note: string][] = [
    ["UTC", "2026-03-10", [9, 30], "2026-03-10T09:30:00.000Z", "no offset"],
    ["Europe/London", "2026-01-15", [9, 0], "2026-01-15T09:00:00.000Z", "GMT"],
    ["Europe/London", "2026-07-15", [9, 0], "2026-07-15T08:00:00.000Z", "BST"],
    ["Asia/Kolkata", "2026-06-01", [9, 0], "2026-06-01T03:30:00.000Z", "+5:30"],
    ["Asia/Kathmandu", "2026-06-01", [0, 0], "2026-05-31T18:15:00.000Z", "+5:45, the day before in UTC"],
    ["Pacific/Kiritimati", "2026-01-01", [0, 0], "2025-12-31T10:00:00.000Z", "+14"],
    // 2026-03-08: Los Angeles springs forward at 02:00 PST to 03:00 PDT.
    ["America/Los_Angeles", "2026-03-08", [1, 59], "2026-03-08T09:59:00.000Z", "01:59 PST, just before"],
    ["America/Los_Angeles", "2026-03-08", [2, 0], "2026-03-08T10:00:00.000Z", "02:00 never happens: 03:00 PDT"],
    ["America/Los_Angeles", "2026-03-08", [2, 30], "2026-03-08T10:30:00.000Z", "02:30 never happens: 03:30 PDT"],
    ["America/Los_Angeles", "2026-03-08", [3, 0], "2026-03-08T10:00:00.000Z", "03:00 PDT"],
    // 2026-11-01: Los Angeles falls back at 02:00 PDT to 01:00 PST; 01:00-01:59 happens twice.
    ["America/Los_Angeles", "2026-11-01", [0, 59], "2026-11-01T07:59:00.000Z", "00:59 PDT"],
    ["America/Los_Angeles", "2026-11-01", [1, 30], "2026-11-01T08:30:00.000Z", "01:30 twice: the earlier, PDT"],
    ["America/Los_Angeles", "2026-11-01", [2, 0], "2026-11-01T10:00:00.000Z", "02:00 PST"],
    // 2026-03-29: London springs forward at 01:00 GMT to 02:00 BST; 2026-10-25 back at 02:00 BST.
    ["Europe/London", "2026-03-29", [1, 30], "2026-03-29T01:30:00.000Z", "01:30 never happens: 02:30 BST"],
    ["Europe/London", "2026-10-25", [1, 30], "2026-10-25T00:30:00.000Z", "01:30 twice: the earlier, BST"],
    // Lord Howe moves its clocks by half an hour: 2026-04-05 02:00 +11 becomes 01:30 +10:30.
    ["Australia/Lord_Howe", "2026-04-05", [1, 45], "2026-04-04T14:45:00.000Z", "01:45 twice: the earlier, +11"],
    // The southern hemisphere springs forward in October: Sydney 2026-10-04 02:00 AEST to 03:00 AEDT.
    ["Australia/Sydney", "2026-10-04", [2, 15], "2026-10-03T16:15:00.000Z", "02:15 never happens: 03:15 AEDT"],
    // Samoa skipped 2011-12-30 entirely, moving from -10 to +14.
    ["Pacific/Apia", "2011-12-30", [12, 0], "2011-12-30T22:00:00.000Z", "a day that never happened"],
  ];

  it.each(cases)("%s %s %j is %s (%s)", (zone, date, [hour, minute], instant) => {
    expect(instantOf(date, hour, minute, zone).toISOString()).toBe(instant);
  });

  const zones = [
    "UTC",
    "America/Los_Angeles",
    "America/St_Johns",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
  ];
  const minuteInstants = fc
    .integer({ min: 946_684_800_000 / 60_000, max: 2_871_763_200_000 / 60_000 })
    .map((minutes) => new Date(minutes * 60_000));

  it("gives back an instant that reads the same on the zone's clocks", () => {
    fc.assert(
      fc.property(minuteInstants, fc.constantFrom(...zones), (instant, zone) => {
        const local = localDateTime(instant, zone);
        const back = instantOf(local.date, local.hour, local.minute, zone);
        expect(localDateTime(back, zone)).toEqual(local);
        // The same instant, or an hour or less earlier where the reading happened twice.
        expect(instant.getTime() - back.getTime()).toBeGreaterThanOrEqual(0);
        expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
      }),
    );
  });

  it("moves forward as the wall time does, across every clock change", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 1438 }),
        fc.constantFrom(...zones),
        (dayOffset, minuteOfDay, zone) => {
          const date = addDays("2020-01-01", dayOffset);
          const earlier = instantOf(date, Math.floor(minuteOfDay / 60), minuteOfDay % 60, zone);
          const later = instantOf(date, Math.floor((minuteOfDay + 1) / 60), (minuteOfDay + 1) % 60, zone);
          expect(later.getTime()).toBeGreaterThanOrEqual(earlier.getTime());
        },
      ),
    );
  });

  it("is midnight the same weekday in every zone", () => {
    const date = "2026-11-18";
    for (const zone of zones) {
      const midnight = instantOf(date, 0, 0, zone);
      expect(isoWeekday(localDateTime(midnight, zone).date)).toBe(3);
    }
  });

  it.each([
    ["2026-02-30", 9, 0, "UTC"],
    ["2026-03-10", 24, 0, "UTC"],
    ["2026-03-10", 9, 60, "UTC"],
    ["2026-03-10", 9.5, 0, "UTC"],
    ["2026-03-10", 9, 0, "Mars/Olympus_Mons"],
  ])("throws a RangeError for %s %s:%s in %s", (date, hour, minute, zone) => {
    expect(() => instantOf(date, hour, minute, zone)).toThrow(RangeError);
  });
});

describe("time zones", () => {
  it("knows real zones", () => {
    expect(isValidTimeZone("Australia/Adelaide")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
  });

  it("falls back to UTC", () => {
    expect(resolveTimeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(resolveTimeZone("nowhere")).toBe("UTC");
    expect(resolveTimeZone(undefined)).toBe("UTC");
  });
});

describe("the runtime's own zone (LOCAL_TIME_ZONE), read without Intl", () => {
  // Node applies a change of process.env.TZ at once, so the runtime can be put in each zone in turn.
  // Each zone, and whether its clocks change in 2026 (Lord Howe's by half an hour).
  const zones = [
    { zone: "UTC", clocksChange: false },
    { zone: "America/Los_Angeles", clocksChange: true },
    { zone: "Europe/London", clocksChange: true },
    { zone: "Asia/Kolkata", clocksChange: false },
    { zone: "Australia/Lord_Howe", clocksChange: true },
    { zone: "Pacific/Chatham", clocksChange: true },
  ];
  const withRuntimeZone = (zone: string, check: () => void) => {
    const before = process.env["TZ"];
    process.env["TZ"] = zone;
    try {
      check();
    } finally {
      if (before === undefined) delete process.env["TZ"];
      else process.env["TZ"] = before;
    }
  };

  it("is a valid zone", () => {
    expect(isValidTimeZone(LOCAL_TIME_ZONE)).toBe(true);
  });

  it("reads the runtime's wall clock with Date's local getters", () => {
    const instant = new Date("2026-07-15T10:59:00Z");
    expect(runtimeDateTime(instant)).toEqual(localDateTime(instant, LOCAL_TIME_ZONE));
  });

  it.each(zones)(
    "reads the same wall clock as the IANA zone when the runtime is in $zone",
    ({ zone, clocksChange }) => {
      withRuntimeZone(zone, () => {
        // Any instant from 1990 to 2060, and each hour around this zone's 2026 clock changes.
        const instants = fc.sample(fc.integer({ min: 631_152_000_000, max: 2_871_763_200_000 }), 300);
        for (let hour = 0; hour < 24 * 366; hour += 1) {
          const instant = Date.UTC(2026, 0, 1) + hour * 3_600_000 + 17 * 60_000;
          const prev = localDateTime(new Date(instant - 3_600_000), zone);
          const next = localDateTime(new Date(instant + 3_600_000), zone);
          const gapMinutes = (next.hour - prev.hour) * 60 + (next.minute - prev.minute);
          if (prev.date === next.date && gapMinutes !== 120) instants.push(instant);
        }
        // Each clock change shows up as an hour pair that is not two wall-clock hours apart.
        expect(instants.length > 300).toBe(clocksChange);
        for (const instant of instants) {
          const date = new Date(instant);
          const local = localDateTime(date, zone);
          expect(localDateTime(date, LOCAL_TIME_ZONE), `${zone} at ${date.toISOString()}`).toEqual(local);
          expect(instantOf(local.date, local.hour, local.minute, LOCAL_TIME_ZONE).getTime()).toBe(
            instantOf(local.date, local.hour, local.minute, zone).getTime(),
          );
        }
      });
    },
  );
});
