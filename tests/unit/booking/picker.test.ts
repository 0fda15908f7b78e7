import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { BookingOffer } from "../../../src/lib/booking/offer.ts";
import type { PickerDay } from "../../../src/lib/booking/picker.ts";
import { canonicalTimeZone, dateIn, listedDays, pickerDays, zoneCity } from "../../../src/lib/booking/picker.ts";

const DENVER = "America/Denver";
const ZONES = ["UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland"] as const;

const offer = (slots: string[], coachTimeZone = DENVER): BookingOffer => ({ coachTimeZone, minutes: 20, slots });

/** Days as plain text (Intl puts a narrow no-break space before AM/PM): "date: time (coach)". */
function readable(days: readonly PickerDay[]): string[] {
  const plain = (text: string) => text.replace(/\s/g, " ");
  return days.map(
    (day) =>
      `${day.date} ${plain(day.label)}: ${day.times
        .map((t) => plain(t.time) + (t.coachTime === undefined ? "" : ` (${plain(t.coachTime)})`))
        .join(", ")}`,
  );
}

describe("canonicalTimeZone", () => {
  it("accepts IANA names in any letter case and UTC, trimmed", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("  europe/berlin ")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("Pacific/Auckland")).toBe("Pacific/Auckland");
  });

  it("refuses text that names no zone", () => {
    for (const text of ["", "   ", "Denver", "Mars/Olympus_Mons", "x".repeat(65), "Europe/Berlin x"]) {
      expect(canonicalTimeZone(text), JSON.stringify(text)).toBeUndefined();
    }
    for (const value of [undefined, null, 5, {}, ["UTC"]]) expect(canonicalTimeZone(value)).toBeUndefined();
  });
});

describe("zoneCity", () => {
  it("is the last part of the name, with spaces", () => {
    expect(zoneCity(DENVER)).toBe("Denver");
    expect(zoneCity("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    expect(zoneCity("UTC")).toBe("UTC");
  });
});

describe("pickerDays across the coach's spring change (Denver, 14 March 2027)", () => {
  // Friday 9:00 and 16:30 in Denver (MST, UTC-7), Monday 9:00 and 9:20 (MDT, UTC-6).
  const spring = offer([
    "2027-03-12T16:00:00.000Z",
    "2027-03-12T23:30:00.000Z",
    "2027-03-15T15:00:00.000Z",
    "2027-03-15T15:20:00.000Z",
  ]);
  const cases: Record<(typeof ZONES)[number], string[]> = {
    UTC: [
      "2027-03-12 Friday, March 12: 4:00 PM (9:00 AM), 11:30 PM (4:30 PM)",
      "2027-03-15 Monday, March 15: 3:00 PM (9:00 AM), 3:20 PM (9:20 AM)",
    ],
    "America/Los_Angeles": [
      "2027-03-12 Friday, March 12: 8:00 AM (9:00 AM), 3:30 PM (4:30 PM)",
      "2027-03-15 Monday, March 15: 8:00 AM (9:00 AM), 8:20 AM (9:20 AM)",
    ],
    "Europe/Berlin": [
      "2027-03-12 Friday, March 12: 5:00 PM (9:00 AM)",
      "2027-03-13 Saturday, March 13: 12:30 AM (Fri 4:30 PM)",
      "2027-03-15 Monday, March 15: 4:00 PM (9:00 AM), 4:20 PM (9:20 AM)",
    ],
    "Asia/Kolkata": [
      "2027-03-12 Friday, March 12: 9:30 PM (9:00 AM)",
      "2027-03-13 Saturday, March 13: 5:00 AM (Fri 4:30 PM)",
      "2027-03-15 Monday, March 15: 8:30 PM (9:00 AM), 8:50 PM (9:20 AM)",
    ],
    "Pacific/Auckland": [
      "2027-03-13 Saturday, March 13: 5:00 AM (Fri 9:00 AM), 12:30 PM (Fri 4:30 PM)",
      "2027-03-16 Tuesday, March 16: 4:00 AM (Mon 9:00 AM), 4:20 AM (Mon 9:20 AM)",
    ],
  };
  for (const zone of ZONES) {
    it(`groups and labels the times for a visitor in ${zone}`, () => {
      expect(readable(pickerDays(spring, zone))).toEqual(cases[zone]);
    });
  }

  it("shows no second time to a visitor in the coach's own zone", () => {
    expect(readable(pickerDays(spring, DENVER))).toEqual([
      "2027-03-12 Friday, March 12: 9:00 AM, 4:30 PM",
      "2027-03-15 Monday, March 15: 9:00 AM, 9:20 AM",
    ]);
  });

  it("keeps the hour around the skipped one in order: 1:30 MST, then 3:30 MDT", () => {
    const night = offer(["2027-03-14T08:30:00.000Z", "2027-03-14T09:30:00.000Z"]);
    expect(readable(pickerDays(night, DENVER))).toEqual(["2027-03-14 Sunday, March 14: 1:30 AM, 3:30 AM"]);
  });
});

describe("pickerDays across the coach's autumn change (Denver, 7 November 2027)", () => {
  // Friday 9:00 MDT (UTC-6), Monday 9:00 MST (UTC-7).
  const autumn = offer(["2027-11-05T15:00:00.000Z", "2027-11-08T16:00:00.000Z"]);
  const cases: Record<(typeof ZONES)[number], string[]> = {
    UTC: ["2027-11-05 Friday, November 5: 3:00 PM (9:00 AM)", "2027-11-08 Monday, November 8: 4:00 PM (9:00 AM)"],
    "America/Los_Angeles": [
      "2027-11-05 Friday, November 5: 8:00 AM (9:00 AM)",
      "2027-11-08 Monday, November 8: 8:00 AM (9:00 AM)",
    ],
    "Europe/Berlin": [
      "2027-11-05 Friday, November 5: 4:00 PM (9:00 AM)",
      "2027-11-08 Monday, November 8: 5:00 PM (9:00 AM)",
    ],
    "Asia/Kolkata": [
      "2027-11-05 Friday, November 5: 8:30 PM (9:00 AM)",
      "2027-11-08 Monday, November 8: 9:30 PM (9:00 AM)",
    ],
    "Pacific/Auckland": [
      "2027-11-06 Saturday, November 6: 4:00 AM (Fri 9:00 AM)",
      "2027-11-09 Tuesday, November 9: 5:00 AM (Mon 9:00 AM)",
    ],
  };
  for (const zone of ZONES) {
    it(`groups and labels the times for a visitor in ${zone}`, () => {
      expect(readable(pickerDays(autumn, zone))).toEqual(cases[zone]);
    });
  }

  it("keeps both 1:30 AMs of the repeated hour as two times", () => {
    const twice = offer(["2027-11-07T07:30:00.000Z", "2027-11-07T08:30:00.000Z"]);
    expect(readable(pickerDays(twice, "UTC"))).toEqual([
      "2027-11-07 Sunday, November 7: 7:30 AM (1:30 AM), 8:30 AM (1:30 AM)",
    ]);
  });
});

describe("pickerDays across the visitor's own changes", () => {
  it("Auckland's repeated 2:30 AM (4 April 2027) stays two times on one day", () => {
    const twice = offer(["2027-04-03T13:30:00.000Z", "2027-04-03T14:30:00.000Z"], "UTC");
    expect(readable(pickerDays(twice, "Pacific/Auckland"))).toEqual([
      "2027-04-04 Sunday, April 4: 2:30 AM (Sat 1:30 PM), 2:30 AM (Sat 2:30 PM)",
    ]);
  });

  it("Berlin's spring change (28 March 2027) moves a Denver 9:00 from 4 PM to 5 PM", () => {
    const weeks = offer(["2027-03-26T15:00:00.000Z", "2027-03-29T15:00:00.000Z"]);
    expect(readable(pickerDays(weeks, "Europe/Berlin"))).toEqual([
      "2027-03-26 Friday, March 26: 4:00 PM (9:00 AM)",
      "2027-03-29 Monday, March 29: 5:00 PM (9:00 AM)",
    ]);
  });
});

describe("pickerDays properties", () => {
  const year2027 = fc
    .integer({ min: Date.UTC(2027, 0, 1), max: Date.UTC(2028, 0, 1) })
    .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString());

  it("shows every offered time exactly once, in time order, each on its own date in the zone", () => {
    fc.assert(
      fc.property(fc.uniqueArray(year2027, { maxLength: 40 }), fc.constantFrom(...ZONES, DENVER), (slots, zone) => {
        const days = pickerDays(offer(slots), zone);
        const shown = days.flatMap((day) => day.times.map((t) => t.instant));
        expect(shown).toEqual([...slots].sort());
        for (const day of days) {
          for (const time of day.times) expect(dateIn(new Date(time.instant), zone)).toBe(day.date);
        }
        const dates = days.map((day) => day.date);
        expect(dates).toEqual([...new Set(dates)].sort());
      }),
    );
  });

  it("leaves out strings that are not instants", () => {
    const days = pickerDays(offer(["nonsense", "2027-03-12T16:00:00.000Z", ""]), "UTC");
    expect(days.flatMap((day) => day.times.map((t) => t.instant))).toEqual(["2027-03-12T16:00:00.000Z"]);
  });
});

describe("listedDays", () => {
  const day = (date: string, count: number): PickerDay => ({
    date,
    label: date,
    short: date,
    times: Array.from({ length: count }, (_, i) => ({ instant: `${date}#${i}`, time: `${i}`, coachTime: undefined })),
  });
  const days = [day("d1", 10), day("d2", 10), day("d3", 45), day("d4", 5), day("d5", 5), day("d6", 5), day("d7", 5)];

  it("lists whole days from the first, stopping at the first day that would pass a limit", () => {
    // d3 would make 65 times: neither it nor the small days after it are listed.
    expect(listedDays(days, { days: 5, times: 60 }).map((d) => d.date)).toEqual(["d1", "d2"]);
    expect(listedDays(days, { days: 5, times: 100 }).map((d) => d.date)).toEqual(["d1", "d2", "d3", "d4", "d5"]);
    expect(listedDays(days, { days: 1, times: 100 }).map((d) => d.date)).toEqual(["d1"]);
  });

  it("always lists the first day whole, however many times it has", () => {
    expect(listedDays([day("big", 90)], { days: 5, times: 60 }).map((d) => d.times.length)).toEqual([90]);
  });

  it("adds the day of the chosen time when it is beyond the limits", () => {
    expect(listedDays(days, { days: 2, times: 60 }, "d6#3").map((d) => d.date)).toEqual(["d1", "d2", "d6"]);
  });
});
