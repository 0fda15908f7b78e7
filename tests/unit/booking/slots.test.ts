import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { WEEKDAYS, clearOf, freeSlots, nearestSlots, slotEnd } from "../../../src/lib/booking/slots.ts";
import type { Availability, HoursRange, Interval, Weekday } from "../../../src/lib/booking/slots.ts";
import { describeInstant } from "../../../src/lib/booking/when.ts";
import { addDays } from "../../../src/lib/calendar/date-arithmetic.ts";
import { instantOf, localDateTime } from "../../../src/lib/calendar/time-zone.ts";

const H = (from: string, to: string): HoursRange => {
  const minute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { startMinute: minute(from), endMinute: minute(to) };
};

const NO_HOURS: Record<Weekday, readonly HoursRange[]> = {
  monday: [],
  tuesday: [],
  wednesday: [],
  thursday: [],
  friday: [],
  saturday: [],
  sunday: [],
};

function availability(patch: Partial<Availability> & { hours?: Partial<Record<Weekday, HoursRange[]>> }): Availability {
  const { hours, ...rest } = patch;
  return {
    timeZone: "America/Denver",
    weeklyHours: { ...NO_HOURS, ...hours },
    bufferMinutes: 10,
    minimumNoticeHours: 0,
    horizonDays: 21,
    datesOff: [],
    ...rest,
  };
}

const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString());
/** The coach's wall clock for each slot: "2027-03-15 09:00". */
const coachClock = (dates: readonly Date[], zone = "America/Denver") =>
  dates.map((d) => {
    const local = localDateTime(d, zone);
    return `${local.date} ${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
  });

// Monday 2027-01-04, 06:00 in Denver (MST, UTC-7).
const MONDAY_EARLY = new Date("2027-01-04T13:00:00.000Z");

describe("free slots: table", () => {
  it("steps through each range by length plus buffer, keeping room for the whole consultation", () => {
    const slots = freeSlots(
      availability({ hours: { monday: [H("09:00", "10:00")] }, horizonDays: 1 }),
      20,
      [],
      MONDAY_EARLY,
    );
    expect(iso(slots)).toEqual(["2027-01-04T16:00:00.000Z", "2027-01-04T16:30:00.000Z"]);
  });

  it("takes several ranges a day, in time order whatever order they were written in", () => {
    const a = availability({ hours: { monday: [H("14:00", "14:30"), H("09:00", "09:30")] }, horizonDays: 1 });
    expect(coachClock(freeSlots(a, 20, [], MONDAY_EARLY))).toEqual(["2027-01-04 09:00", "2027-01-04 14:00"]);
  });

  it("repeats every week and skips the weekdays without hours", () => {
    const a = availability({
      hours: { monday: [H("09:00", "09:20")], thursday: [H("17:00", "17:20")] },
      horizonDays: 14,
    });
    expect(coachClock(freeSlots(a, 20, [], MONDAY_EARLY))).toEqual([
      "2027-01-04 09:00",
      "2027-01-07 17:00",
      "2027-01-11 09:00",
      "2027-01-14 17:00",
    ]);
  });

  it("leaves out the coach's dates off, in her own zone", () => {
    const a = availability({ hours: { monday: [H("09:00", "09:20")] }, horizonDays: 14, datesOff: ["2027-01-04"] });
    expect(coachClock(freeSlots(a, 20, [], MONDAY_EARLY))).toEqual(["2027-01-11 09:00"]);
  });

  it("keeps the minimum notice: nothing starts sooner than that after now", () => {
    // Sunday 2027-01-03 09:15 MST plus 24 hours is Monday 09:15: the 09:00 slot is too soon.
    const now = new Date("2027-01-03T16:15:00.000Z");
    const a = availability({ hours: { monday: [H("09:00", "10:00")] }, minimumNoticeHours: 24, horizonDays: 3 });
    expect(coachClock(freeSlots(a, 20, [], now))).toEqual(["2027-01-04 09:30"]);
  });

  it("stops at the horizon", () => {
    const a = availability({ hours: { monday: [H("09:00", "09:20")] }, horizonDays: 7 });
    // From Monday 06:00, seven days ahead ends next Monday 06:00: one Monday only.
    expect(coachClock(freeSlots(a, 20, [], MONDAY_EARLY))).toEqual(["2027-01-04 09:00"]);
  });

  it("keeps the buffer clear on both sides of a booked consultation", () => {
    const a = availability({ hours: { monday: [H("09:00", "11:00")] }, horizonDays: 1 });
    const booked: Interval[] = [
      { start: new Date("2027-01-04T16:30:00.000Z"), end: new Date("2027-01-04T16:50:00.000Z") }, // 09:30-09:50
    ];
    // 09:00 ends 09:20, ten minutes before; 10:00 starts ten minutes after 09:50.
    expect(coachClock(freeSlots(a, 20, booked, MONDAY_EARLY))).toEqual([
      "2027-01-04 09:00",
      "2027-01-04 10:00",
      "2027-01-04 10:30",
    ]);
    // A booking off the grid (made under other hours) blocks every slot it comes within the buffer of.
    const offGrid: Interval[] = [
      { start: new Date("2027-01-04T16:25:00.000Z"), end: new Date("2027-01-04T16:45:00.000Z") }, // 09:25-09:45
    ];
    expect(coachClock(freeSlots(a, 20, offGrid, MONDAY_EARLY))).toEqual(["2027-01-04 10:00", "2027-01-04 10:30"]);
  });

  it("ends a day at 24:00", () => {
    const a = availability({ hours: { monday: [H("23:00", "24:00")] }, bufferMinutes: 0, horizonDays: 1 });
    expect(coachClock(freeSlots(a, 20, [], MONDAY_EARLY))).toEqual([
      "2027-01-04 23:00",
      "2027-01-04 23:20",
      "2027-01-04 23:40",
    ]);
  });

  describe("daylight saving in the coach's zone (Denver, 2027)", () => {
    // Clocks go forward on Sunday 2027-03-14 at 02:00 MST and back on Sunday 2027-11-07 at 02:00 MDT.
    const sundays = availability({
      hours: { saturday: [H("09:00", "09:20")], sunday: [H("09:00", "09:20")], monday: [H("09:00", "09:20")] },
      horizonDays: 4,
    });

    it("keeps 09:00 at 09:00 on her clock across the spring change, one real hour earlier in UTC", () => {
      const slots = freeSlots(sundays, 20, [], new Date("2027-03-13T07:00:00.000Z"));
      expect(iso(slots)).toEqual([
        "2027-03-13T16:00:00.000Z", // Saturday 09:00 MST
        "2027-03-14T15:00:00.000Z", // Sunday 09:00 MDT
        "2027-03-15T15:00:00.000Z", // Monday 09:00 MDT
      ]);
      expect(coachClock(slots)).toEqual(["2027-03-13 09:00", "2027-03-14 09:00", "2027-03-15 09:00"]);
    });

    it("keeps 09:00 at 09:00 on her clock across the autumn change", () => {
      const slots = freeSlots(sundays, 20, [], new Date("2027-11-06T07:00:00.000Z"));
      expect(iso(slots)).toEqual([
        "2027-11-06T15:00:00.000Z", // Saturday 09:00 MDT
        "2027-11-07T16:00:00.000Z", // Sunday 09:00 MST
        "2027-11-08T16:00:00.000Z", // Monday 09:00 MST
      ]);
    });

    it("gives a range across the spring change its two real hours, never a slot in the missing hour", () => {
      const a = availability({ hours: { sunday: [H("01:00", "04:00")] }, horizonDays: 1 });
      const slots = freeSlots(a, 20, [], new Date("2027-03-14T06:00:00.000Z"));
      expect(coachClock(slots)).toEqual([
        "2027-03-14 01:00",
        "2027-03-14 01:30",
        "2027-03-14 03:00",
        "2027-03-14 03:30",
      ]);
      expect(iso(slots)).toEqual([
        "2027-03-14T08:00:00.000Z",
        "2027-03-14T08:30:00.000Z",
        "2027-03-14T09:00:00.000Z",
        "2027-03-14T09:30:00.000Z",
      ]);
    });

    it("gives a range across the autumn change its four real hours: 01:00 and 01:30 twice, once in each offset", () => {
      const a = availability({ hours: { sunday: [H("01:00", "04:00")] }, horizonDays: 1 });
      const slots = freeSlots(a, 20, [], new Date("2027-11-07T06:00:00.000Z"));
      expect(slots).toHaveLength(8);
      expect(new Set(iso(slots)).size).toBe(8);
      expect(slots.map((s) => describeInstant(s, "America/Denver", "time"))).toEqual([
        "1:00 AM MDT",
        "1:30 AM MDT",
        "1:00 AM MST",
        "1:30 AM MST",
        "2:00 AM MST",
        "2:30 AM MST",
        "3:00 AM MST",
        "3:30 AM MST",
      ]);
    });
  });

  describe("daylight saving in the visitor's zone", () => {
    const weekdays = availability({
      hours: { monday: [H("09:00", "09:20")], tuesday: [H("09:00", "09:20")], wednesday: [H("09:00", "09:20")] },
      horizonDays: 50,
    });
    // Denver changes on 2027-03-14; Berlin on 2027-03-28; Auckland goes back on 2027-04-04.
    const slots = freeSlots(weekdays, 20, [], new Date("2027-03-01T07:00:00.000Z"));
    const at = (date: string) => slots.find((s) => localDateTime(s, "America/Denver").date === date);
    const cases: [zone: string, date: string, reads: string][] = [
      ["UTC", "2027-03-08", "4:00 PM UTC"],
      ["UTC", "2027-03-15", "3:00 PM UTC"],
      ["America/Los_Angeles", "2027-03-08", "8:00 AM PST"],
      ["America/Los_Angeles", "2027-03-15", "8:00 AM PDT"],
      // Between the American and the European change Berlin is one hour closer to Denver.
      ["Europe/Berlin", "2027-03-08", "5:00 PM GMT+1"],
      ["Europe/Berlin", "2027-03-15", "4:00 PM GMT+1"],
      ["Europe/Berlin", "2027-03-29", "5:00 PM GMT+2"],
      ["Asia/Kolkata", "2027-03-08", "9:30 PM GMT+5:30"],
      ["Asia/Kolkata", "2027-03-15", "8:30 PM GMT+5:30"],
      // In Auckland it is already the next day: Tuesday 05:00 before both changes.
      ["Pacific/Auckland", "2027-03-08", "5:00 AM GMT+13"],
      ["Pacific/Auckland", "2027-03-15", "4:00 AM GMT+13"],
      ["Pacific/Auckland", "2027-04-05", "3:00 AM GMT+12"],
    ];
    it.each(cases)("in %s the slot of Denver's %s reads %s", (zone, date, reads) => {
      const slot = at(date);
      expect(slot).toBeDefined();
      if (slot !== undefined) expect(describeInstant(slot, zone, "time")).toBe(reads);
    });
  });

  it("finds the nearest free times either side of a wanted one", () => {
    const slots = ["09:00", "09:30", "10:00", "10:30", "11:00"].map((t) => new Date(`2027-01-04T${t}:00.000Z`));
    const wanted = new Date("2027-01-04T10:00:00.000Z");
    expect(
      iso(
        nearestSlots(
          slots.filter((s) => s.getTime() !== wanted.getTime()),
          wanted,
          3,
        ),
      ),
    ).toEqual(["2027-01-04T09:30:00.000Z", "2027-01-04T10:30:00.000Z", "2027-01-04T09:00:00.000Z"].sort());
  });
});

describe("free slots: properties", () => {
  const COACH_ZONES = [
    "America/Denver",
    "Europe/Berlin",
    "Pacific/Auckland",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "UTC",
  ];
  const VISITOR_ZONES = ["UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland"];
  const YEAR_2027 = Date.UTC(2027, 0, 1);
  const YEAR_MS = 365 * 24 * 3600 * 1000;

  const range = fc
    .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 16 }))
    .map(([start, length]) => ({ startMinute: start * 30, endMinute: Math.min(1440, (start + length) * 30) }));
  const dayHours = fc.array(range, { maxLength: 3 }).map((ranges) => {
    // Keep the ranges apart, as the configuration demands.
    let end = 0;
    return [...ranges]
      .sort((a, b) => a.startMinute - b.startMinute)
      .filter((r) => {
        if (r.startMinute < end) return false;
        end = r.endMinute;
        return true;
      });
  });
  const weeklyHours = fc
    .tuple(...WEEKDAYS.map(() => dayHours))
    .map((days) => Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i] ?? []])) as Record<Weekday, HoursRange[]>);
  const now = fc.integer({ min: YEAR_2027 - 30 * 86_400_000, max: YEAR_2027 + YEAR_MS }).map((ms) => new Date(ms));
  const setting = fc.record({
    timeZone: fc.constantFrom(...COACH_ZONES),
    weeklyHours,
    bufferMinutes: fc.constantFrom(0, 5, 10, 15),
    minimumNoticeHours: fc.integer({ min: 0, max: 72 }),
    horizonDays: fc.integer({ min: 1, max: 21 }),
    datesOffAt: fc.array(fc.integer({ min: -1, max: 22 }), { maxLength: 4 }),
  });
  const input = fc
    .tuple(
      setting,
      fc.constantFrom(10, 20, 30, 45),
      now,
      fc.array(fc.tuple(fc.integer({ min: 0, max: 22 * 96 }), fc.integer({ min: 1, max: 8 })), { maxLength: 6 }),
    )
    .map(([s, minutes, at, bookings]) => {
      const today = localDateTime(at, s.timeZone).date;
      const a: Availability = { ...s, datesOff: s.datesOffAt.map((d) => addDays(today, d)) };
      const booked: Interval[] = bookings.map(([quarter, quarters]) => {
        const start = new Date(at.getTime() + quarter * 15 * 60_000);
        return { start, end: new Date(start.getTime() + quarters * 15 * 60_000) };
      });
      return { a, minutes, at, booked };
    });

  it("no slot overlaps another or comes within the buffer of a booking; all lie between notice and horizon", () => {
    fc.assert(
      fc.property(input, ({ a, minutes, at, booked }) => {
        const slots = freeSlots(a, minutes, booked, at);
        slots.forEach((slot, i) => {
          const next = slots[i + 1];
          if (next !== undefined) expect(next.getTime()).toBeGreaterThanOrEqual(slotEnd(slot, minutes).getTime());
          expect(slot.getTime()).toBeGreaterThanOrEqual(at.getTime() + a.minimumNoticeHours * 3_600_000);
          expect(slot.getTime()).toBeLessThan(at.getTime() + a.horizonDays * 86_400_000);
          for (const b of booked) expect(clearOf(slot, minutes, a.bufferMinutes, b)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("every slot lies inside a range of the coach's hours on a working date of hers, never on a date off", () => {
    fc.assert(
      fc.property(input, ({ a, minutes, at, booked }) => {
        for (const slot of freeSlots(a, minutes, booked, at)) {
          // A slot may belong to the range of the date before when the day ends at 24:00.
          const date = localDateTime(slot, a.timeZone).date;
          const inside = [date, addDays(date, -1)].some((day) => {
            if (a.datesOff.includes(day)) return false;
            const weekday = WEEKDAYS[(new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7] ?? "monday";
            return a.weeklyHours[weekday].some((r) => {
              const from = instantOf(day, Math.floor(r.startMinute / 60), r.startMinute % 60, a.timeZone);
              const to =
                r.endMinute === 1440
                  ? instantOf(addDays(day, 1), 0, 0, a.timeZone)
                  : instantOf(day, Math.floor(r.endMinute / 60), r.endMinute % 60, a.timeZone);
              return from <= slot && slotEnd(slot, minutes) <= to;
            });
          });
          expect(inside, slot.toISOString()).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("bookings only take away the slots they come too close to: no slot shifts or disappears otherwise", () => {
    fc.assert(
      fc.property(input, ({ a, minutes, at, booked }) => {
        const open = freeSlots(a, minutes, [], at);
        const expected = open.filter((s) => booked.every((b) => clearOf(s, minutes, a.bufferMinutes, b)));
        expect(iso(freeSlots(a, minutes, booked, at))).toEqual(iso(expected));
      }),
      { numRuns: 150 },
    );
  });

  it("in every visitor's zone, each slot reads as a different time, and the coach's clock keeps it in her hours", () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...VISITOR_ZONES), ({ a, minutes, at }, zone) => {
        const slots = freeSlots(a, minutes, [], at);
        const labels = slots.map((s) => describeInstant(s, zone));
        expect(new Set(labels).size).toBe(slots.length);
      }),
      { numRuns: 80 },
    );
  });
});
