import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { localDateTime } from "../../../src/lib/calendar/time-zone";
import { TRAINING_DAY_CUTOFF_HOUR, trainingDate } from "../../../src/lib/mobility";

// Each row: zone, the UTC instant, the local wall time it is (for the reader), the training date.
const cases: [zone: string, instant: string, local: string, expected: string][] = [
  ["UTC", "2026-03-10T03:59:00Z", "03:59", "2026-03-09"],
  ["UTC", "2026-03-10T04:00:00Z", "04:00", "2026-03-10"],
  ["UTC", "2026-03-10T00:00:00Z", "00:00", "2026-03-09"],
  ["UTC", "2026-03-10T23:59:59Z", "23:59", "2026-03-10"],
  ["UTC", "2027-01-01T01:00:00Z", "01:00 on New Year's Day", "2026-12-31"],
  ["America/Los_Angeles", "2026-07-15T10:59:00Z", "03:59 PDT", "2026-07-14"],
  ["America/Los_Angeles", "2026-07-15T11:00:00Z", "04:00 PDT", "2026-07-15"],
  ["America/Los_Angeles", "2026-01-15T11:59:00Z", "03:59 PST", "2026-01-14"],
  ["America/Los_Angeles", "2026-01-15T12:00:00Z", "04:00 PST", "2026-01-15"],
  ["America/Los_Angeles", "2026-01-16T06:30:00Z", "22:30 PST the day before in UTC terms", "2026-01-15"],
  ["Asia/Tokyo", "2026-04-30T18:59:00Z", "03:59 JST", "2026-04-30"],
  ["Asia/Tokyo", "2026-04-30T19:00:00Z", "04:00 JST", "2026-05-01"],
  ["Asia/Tokyo", "2026-04-30T16:00:00Z", "01:00 JST", "2026-04-30"],
  ["Australia/Adelaide", "2026-01-19T17:29:00Z", "03:59 ACDT (+10:30)", "2026-01-19"],
  ["Australia/Adelaide", "2026-01-19T17:30:00Z", "04:00 ACDT (+10:30)", "2026-01-20"],
  ["Australia/Adelaide", "2026-07-19T18:29:00Z", "03:59 ACST (+9:30)", "2026-07-19"],
  ["Australia/Adelaide", "2026-07-19T18:30:00Z", "04:00 ACST (+9:30)", "2026-07-20"],
  // 2026-03-08: Los Angeles springs forward at 02:00 PST to 03:00 PDT.
  ["America/Los_Angeles", "2026-03-08T09:59:00Z", "01:59 PST", "2026-03-07"],
  ["America/Los_Angeles", "2026-03-08T10:00:00Z", "03:00 PDT", "2026-03-07"],
  ["America/Los_Angeles", "2026-03-08T10:59:00Z", "03:59 PDT", "2026-03-07"],
  ["America/Los_Angeles", "2026-03-08T11:00:00Z", "04:00 PDT", "2026-03-08"],
  // 2026-11-01: Los Angeles falls back at 02:00 PDT to 01:00 PST; 01:30 happens twice.
  ["America/Los_Angeles", "2026-11-01T08:30:00Z", "01:30 PDT", "2026-10-31"],
  ["America/Los_Angeles", "2026-11-01T09:30:00Z", "01:30 PST", "2026-10-31"],
  ["America/Los_Angeles", "2026-11-01T11:59:00Z", "03:59 PST", "2026-10-31"],
  ["America/Los_Angeles", "2026-11-01T12:00:00Z", "04:00 PST", "2026-11-01"],
  // 2026-03-29: London springs forward at 01:00 GMT to 02:00 BST.
  ["Europe/London", "2026-03-29T02:59:00Z", "03:59 BST", "2026-03-28"],
  ["Europe/London", "2026-03-29T03:00:00Z", "04:00 BST", "2026-03-29"],
  ["Asia/Kolkata", "2026-06-01T22:29:00Z", "03:59 IST (+5:30)", "2026-06-01"],
  ["Asia/Kolkata", "2026-06-01T22:30:00Z", "04:00 IST (+5:30)", "2026-06-02"],
];

describe("trainingDate (4 a.m. cut-off)", () => {
  it.each(cases)("%s %s (%s) counts for %s", (zone, instant, _local, expected) => {
    expect(trainingDate(new Date(instant), zone)).toBe(expected);
  });

  const fixedOffsets: [string, number][] = [
    ["UTC", 0],
    ["Asia/Tokyo", 9 * 60],
    ["Asia/Kolkata", 5 * 60 + 30],
    ["Asia/Kathmandu", 5 * 60 + 45],
    ["Pacific/Kiritimati", 14 * 60],
    ["Pacific/Pago_Pago", -11 * 60],
  ];

  it("matches the arithmetic answer in zones without daylight saving", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...fixedOffsets),
        (instant, [zone, offsetMinutes]) => {
          const shifted = instant.getTime() + (offsetMinutes - TRAINING_DAY_CUTOFF_HOUR * 60) * 60_000;
          expect(trainingDate(instant, zone)).toBe(new Date(shifted).toISOString().slice(0, 10));
        },
      ),
    );
  });

  it("never goes backwards as time passes, in any zone", () => {
    const zones = ["America/Los_Angeles", "Europe/London", "Australia/Adelaide", "America/St_Johns", "Asia/Tokyo"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 48 * 60 }),
        fc.constantFrom(...zones),
        (instant, minutes, zone) => {
          const later = new Date(instant.getTime() + minutes * 60_000);
          expect(trainingDate(later, zone) >= trainingDate(instant, zone)).toBe(true);
        },
      ),
    );
  });

  it("is the local date from 04:00 and the day before until then", () => {
    const zones = ["America/Los_Angeles", "Australia/Adelaide", "Europe/Berlin", "UTC"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const local = localDateTime(instant, zone);
          const date = trainingDate(instant, zone);
          if (local.hour >= 4) expect(date).toBe(local.date);
          else expect(date < local.date).toBe(true);
        },
      ),
    );
  });

  it("throws a RangeError for an invalid date or zone", () => {
    expect(() => trainingDate(new Date(Number.NaN), "UTC")).toThrow(RangeError);
    expect(() => trainingDate(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
