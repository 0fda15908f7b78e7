import { describe, expect, it } from "vitest";
import { availabilityOf, parseHoursRange, rangesApart } from "../../../src/lib/booking/hours.ts";
import { siteConfig, siteConfigSchema } from "../../../src/site.config.ts";

describe("working hours as the coach writes them", () => {
  it.each([
    ["09:00-12:30", { startMinute: 540, endMinute: 750 }],
    ["00:00-24:00", { startMinute: 0, endMinute: 1440 }],
    [" 23:30-24:00 ", { startMinute: 1410, endMinute: 1440 }],
  ])("reads %j", (text, range) => {
    expect(parseHoursRange(text)).toEqual(range);
  });

  it.each(["12:00-09:00", "09:00-09:00", "9:00-12:00", "09:00-24:30", "24:00-24:00", "09:00 - 12:00", "", 900])(
    "refuses %j",
    (text) => {
      expect(parseHoursRange(text)).toBeUndefined();
    },
  );

  it("lets ranges touch but not overlap", () => {
    const r = (a: string) => parseHoursRange(a) ?? { startMinute: 0, endMinute: 0 };
    expect(rangesApart([r("09:00-12:00"), r("12:00-13:00")])).toBe(true);
    expect(rangesApart([r("12:00-14:00"), r("09:00-12:30")])).toBe(false);
  });
});

describe("the availability settings in site.config.ts", () => {
  type Settings = Record<string, unknown>;
  const issues = (patch: Settings) => {
    const result = siteConfigSchema.safeParse({
      ...siteConfig,
      availability: { ...siteConfig.availability, ...patch },
    });
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("accept the shipped settings and turn them into minutes", () => {
    expect(issues({})).toEqual([]);
    const availability = availabilityOf(siteConfig.availability);
    expect(availability.timeZone).toBe(siteConfig.availability.timeZone);
    expect(availability.weeklyHours.monday.length).toBe(siteConfig.availability.weeklyHours.monday.length);
  });

  it("name the field of a zone Intl does not know, a bad range, overlapping ranges and a date that does not exist", () => {
    expect(issues({ timeZone: "Mars/Olympus" })).toEqual([
      expect.stringMatching(/^availability\.timeZone: must be an IANA/),
    ]);
    expect(issues({ weeklyHours: { monday: ["17:00-09:00"] } })).toEqual([
      expect.stringMatching(/^availability\.weeklyHours\.monday\.0: must be a range/),
    ]);
    expect(issues({ weeklyHours: { monday: ["09:00-12:00", "11:00-13:00"] } })).toEqual([
      "availability.weeklyHours.monday: ranges on one day must not overlap",
    ]);
    expect(issues({ datesOff: ["2027-02-30"] })).toEqual(["availability.datesOff.0: must be a real calendar date"]);
    expect(issues({ horizonDays: 0 })).toEqual([expect.stringMatching(/^availability\.horizonDays/)]);
  });

  it("fill in the defaults the issue names: 20 minutes, 24 hours' notice, 21 days ahead", () => {
    const parsed = siteConfigSchema.parse({
      ...siteConfig,
      offer: { ...siteConfig.offer, consultationMinutes: undefined },
      availability: { timeZone: "Europe/Berlin", weeklyHours: {} },
    });
    expect(parsed.offer.consultationMinutes).toBe(20);
    expect(parsed.availability).toMatchObject({
      minimumNoticeHours: 24,
      horizonDays: 21,
      bufferMinutes: 10,
      datesOff: [],
    });
    expect(parsed.availability.weeklyHours.sunday).toEqual([]);
  });
});

describe("a visitor's time zone", () => {
  it("is kept as the visitor knows it, in the runtime's letter case, and refused when unknown", async () => {
    const { knownZone } = await import("../../../src/lib/booking/when.ts");
    expect(knownZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(knownZone(" europe/berlin ")).toBe("Europe/Berlin");
    expect(knownZone("Mars/Olympus")).toBeNull();
    expect(knownZone("local")).toBeNull();
    expect(knownZone("")).toBeNull();
    expect(knownZone(42)).toBeNull();
  });
});
