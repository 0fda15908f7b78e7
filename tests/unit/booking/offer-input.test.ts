import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_OFFERED_SLOTS, isUtcInstant, toBookingOffer } from "../../../src/lib/booking/offer-input.ts";

describe("isUtcInstant", () => {
  it("accepts ISO 8601 UTC instants with seconds", () => {
    for (const text of ["2027-03-29T15:00:00.000Z", "2027-03-29T15:00:00Z", "2028-02-29T23:59:59.5Z"]) {
      expect(isUtcInstant(text), text).toBe(true);
    }
  });

  it("refuses other text, other offsets and days a calendar does not have", () => {
    for (const value of [
      "2027-03-29",
      "2027-03-29T15:00Z",
      "2027-03-29T15:00:00+02:00",
      "2027-03-29T15:00:00.000",
      "2027-02-30T10:00:00.000Z",
      "2027-02-29T10:00:00Z",
      "2027-13-01T10:00:00Z",
      "2027-03-29T25:00:00Z",
      " 2027-03-29T15:00:00Z",
      "",
      1_806_000_000_000,
      null,
    ]) {
      expect(isUtcInstant(value), String(value)).toBe(false);
    }
  });
});

describe("toBookingOffer", () => {
  const good = { coachTimeZone: "America/Denver", minutes: 20, slots: ["2027-03-29T15:00:00.000Z"] };

  it("keeps a well-formed offer as it is", () => {
    expect(toBookingOffer(good)).toEqual(good);
  });

  it("sorts the times and keeps each instant once, in the form it came first", () => {
    const offer = toBookingOffer({
      ...good,
      slots: [
        "2027-03-30T15:00:00.000Z",
        "2027-03-29T15:00:00Z",
        "2027-03-29T15:00:00.000Z",
        "2027-03-30T15:00:00.000Z",
      ],
    });
    expect(offer?.slots).toEqual(["2027-03-29T15:00:00Z", "2027-03-30T15:00:00.000Z"]);
  });

  it("drops times that are not instants and keeps the rest", () => {
    expect(toBookingOffer({ ...good, slots: [5, "soon", null, ...good.slots, { at: 1 }] })?.slots).toEqual(good.slots);
  });

  it("refuses an offer with an unknown zone, a length that is not whole minutes, or no list", () => {
    for (const bad of [
      null,
      "offer",
      [],
      { ...good, coachTimeZone: "Denver" },
      { ...good, coachTimeZone: 7 },
      { ...good, minutes: 0 },
      { ...good, minutes: 20.5 },
      { ...good, minutes: "20" },
      { ...good, minutes: Number.NaN },
      { ...good, slots: "2027-03-29T15:00:00.000Z" },
      { coachTimeZone: "UTC", minutes: 20 },
    ]) {
      expect(toBookingOffer(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it("reads at most MAX_OFFERED_SLOTS times", () => {
    const slots = Array.from({ length: MAX_OFFERED_SLOTS + 50 }, (_, i) =>
      new Date(Date.UTC(2027, 0, 1) + i * 600_000).toISOString(),
    );
    expect(toBookingOffer({ ...good, slots })?.slots).toHaveLength(MAX_OFFERED_SLOTS);
  });

  it("never throws, whatever arrives", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const offer = toBookingOffer(value);
        if (offer) expect(offer.slots.every(isUtcInstant)).toBe(true);
      }),
    );
  });
});
