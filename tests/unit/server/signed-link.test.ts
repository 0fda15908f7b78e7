import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLinkSigner } from "../../../src/server/signed-link.ts";

const NOW = new Date("2027-03-01T12:00:00.000Z");
const LATER = new Date("2027-03-08T12:00:00.000Z");
const signer = createLinkSigner(["current-secret-of-at-least-32-chars!!", "older-secret-of-at-least-32-chars!!!"]);

describe("signed links", () => {
  it("verifies its own token for the same purpose and returns the subject", () => {
    const token = signer.sign("manage-booking", "ABCD-EFGH", LATER);
    expect(signer.verify("manage-booking", token, NOW)).toEqual({
      status: "ok",
      subject: "ABCD-EFGH",
      expiresAt: LATER,
    });
  });

  it("refuses a token for another purpose, a changed subject, a changed expiry or a forged signature", () => {
    const token = signer.sign("approve-comment", "42", LATER);
    expect(signer.verify("delete-comment", token, NOW).status).toBe("invalid");
    const [version, , stamp, signature] = token.split(".");
    const otherSubject = Buffer.from("43").toString("base64url");
    expect(signer.verify("approve-comment", `${version}.${otherSubject}.${stamp}.${signature}`, NOW).status).toBe(
      "invalid",
    );
    const laterStamp = (LATER.getTime() + 1).toString(36);
    expect(
      signer.verify(
        "approve-comment",
        `${version}.${Buffer.from("42").toString("base64url")}.${laterStamp}.${signature}`,
        NOW,
      ).status,
    ).toBe("invalid");
    const forged = createLinkSigner(["an-attacker-secret-of-32-characters!"]).sign("approve-comment", "42", LATER);
    expect(signer.verify("approve-comment", forged, NOW).status).toBe("invalid");
  });

  it("says expired after the expiry, still naming the subject", () => {
    const token = signer.sign("manage-booking", "ABCD-EFGH", NOW);
    expect(signer.verify("manage-booking", token, new Date(NOW.getTime() + 1))).toEqual({
      status: "expired",
      subject: "ABCD-EFGH",
    });
  });

  it("keeps links signed with an older secret working", () => {
    const old = createLinkSigner(["older-secret-of-at-least-32-chars!!!"]).sign("unsubscribe", "a@b.c", LATER);
    expect(signer.verify("unsubscribe", old, NOW).status).toBe("ok");
  });

  it("never throws on untrusted input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined)), (token) => {
        expect(["invalid", "expired", "ok"]).toContain(signer.verify("manage-booking", token, NOW).status);
      }),
    );
    expect(signer.verify("manage-booking", "l1.QUJD.zzzzzzzzzzzz." + "a".repeat(43), NOW).status).toBe("invalid");
  });

  it("refuses to be built without a secret or used with a malformed purpose", () => {
    expect(() => createLinkSigner([])).toThrow();
    expect(() => signer.sign("Bad Purpose", "x", LATER)).toThrow(RangeError);
  });
});
