import { describe, expect, it } from "vitest";
import { describeOffer, workingDays } from "../../../src/lib/coaching/offer";
import type { CoachingOffer } from "../../../src/lib/coaching/offer";
import { composeAutoReply } from "../../../src/server/mail.ts";
import type { StoredInquiry } from "../../../src/server/store.ts";
import { siteConfig, siteConfigSchema } from "../../../src/site.config";
import { identity } from "../server/helpers.ts";

const offer: CoachingOffer = {
  consultationMinutes: 30,
  consultationBy: "video",
  checkIns: "every week, with a written review of your training",
  replyWithinWorkingDays: 2,
};

describe("the coaching offer in words", () => {
  it("says how long the consultation is, how it happens, how often the coach checks in and how soon she replies", () => {
    expect(describeOffer(offer, "Nicole Sifuentes")).toEqual({
      consultation: "The free consultation takes 30 minutes, by video call.",
      checkIns: "Once you are coached, Nicole checks in every week, with a written review of your training.",
      reply: "Every inquiry gets a personal reply within 2 working days.",
    });
    expect(describeOffer({ ...offer, consultationBy: "either" }, "Nicole Sifuentes").consultation).toBe(
      "The free consultation takes 30 minutes, by phone or video call, as you prefer.",
    );
    expect(workingDays(1)).toBe("1 working day");
  });

  it("shows a price only when the owner sets one", () => {
    expect(describeOffer(offer, "Nicole").price).toBeUndefined();
    const priced = describeOffer({ ...offer, price: { amount: 180, currency: "USD", per: "month" } }, "Nicole");
    expect(priced.price).toBe("Coaching costs $180.00 a month.");
  });

  it("is checked with the rest of the site config, naming the field", () => {
    const issues = (patch: Partial<CoachingOffer>) => {
      const result = siteConfigSchema.safeParse({ ...siteConfig, offer: { ...siteConfig.offer, ...patch } });
      return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
    };
    expect(issues({})).toEqual([]);
    expect(issues({ consultationMinutes: 5 })).toEqual(["offer.consultationMinutes"]);
    expect(issues({ replyWithinWorkingDays: 0 })).toEqual(["offer.replyWithinWorkingDays"]);
    expect(issues({ price: { amount: 100, currency: "dollars", per: "month" } })).toEqual(["offer.price.currency"]);
    expect(issues({ price: { amount: 100, currency: "EUR", per: "week" } })).toEqual([]);
  });
});

describe("the auto-reply", () => {
  const inquiry: StoredInquiry = {
    id: 7,
    reference: "RS-7K3Q-92XD",
    createdAt: "2026-11-25T10:00:00.000Z",
    name: "Zoë",
    email: "zoe@example.com",
    goal: "return-from-injury",
    goalRace: null,
    goalRaceDate: null,
    yearsRunning: 2,
    weeklyVolume: 30,
    volumeUnit: "km",
    lifting: "none",
    message: "My knee hurts when I run downhill.",
    timeZone: null,
    consentAt: "2026-11-25T10:00:00.000Z",
    privacyVersion: "2026-11-25",
    newsletter: false,
    spamReason: null,
  };

  it("tells the visitor the consultation's length and form, the check-ins and the reply time", () => {
    const { text } = composeAutoReply(inquiry, identity, 1, offer);
    expect(text).toContain("replies within 2 working days");
    expect(text).toContain("30 minutes, by video call.");
    expect(text).toContain("Nicole checks in every week, with a written review of your training.");
    expect(text).toContain("physiotherapist or doctor first");
    expect(text).not.toMatch(/costs/);
    expect(
      composeAutoReply(inquiry, identity, 1, { ...offer, price: { amount: 50, currency: "EUR", per: "week" } }).text,
    ).toContain("Coaching costs €50.00 a week.");
  });

  it("follows the site config by default", () => {
    expect(composeAutoReply(inquiry, identity, 1).text).toContain(`${siteConfig.offer.consultationMinutes} minutes`);
  });
});
