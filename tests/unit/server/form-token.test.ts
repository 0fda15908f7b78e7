import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { issueFormToken, verifyFormToken } from "../../../src/server/form-token.ts";
import { T0 } from "./helpers.ts";

const SECRET = "a-long-enough-secret-for-the-form-token-hmac";
const later = (ms: number) => new Date(T0.getTime() + ms);

describe("form tokens", () => {
  it("accept a form submitted after the minimum fill time and report how long it took", () => {
    const token = issueFormToken(T0, SECRET);
    expect(verifyFormToken(token, later(45_000), [SECRET], 3000)).toEqual({
      status: "ok",
      servedAt: T0,
      fillMs: 45_000,
    });
  });

  it("flag a form submitted too fast, including from a clock in the future", () => {
    const token = issueFormToken(T0, SECRET);
    expect(verifyFormToken(token, later(2999), [SECRET], 3000)).toEqual({ status: "too-fast", fillMs: 2999 });
    expect(verifyFormToken(token, later(-5000), [SECRET], 3000).status).toBe("too-fast");
  });

  it("never expire: a tab left open for days still counts as a real visitor", () => {
    const token = issueFormToken(T0, SECRET);
    expect(verifyFormToken(token, later(7 * 24 * 3600 * 1000), [SECRET], 3000).status).toBe("ok");
  });

  it("accept any of several secrets, for rotation", () => {
    const token = issueFormToken(T0, "old-secret-old-secret-old-secret-1");
    expect(verifyFormToken(token, later(10_000), [SECRET, "old-secret-old-secret-old-secret-1"], 3000).status).toBe(
      "ok",
    );
  });

  it.each([
    ["missing", undefined],
    ["missing", ""],
    ["invalid", "v1.abc"],
    ["invalid", "v2.mh8xk000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["invalid", "garbage"],
  ])("report %s for %j", (status, token) => {
    expect(verifyFormToken(token, T0, [SECRET], 3000).status).toBe(status);
  });

  it("reject a token whose time was changed, or signed with another secret", () => {
    const token = issueFormToken(T0, SECRET);
    const [version, stamp, signature] = token.split(".");
    const earlier = (Number.parseInt(stamp ?? "", 36) - 60_000).toString(36);
    expect(verifyFormToken(`${version}.${earlier}.${signature}`, later(10_000), [SECRET], 3000).status).toBe("invalid");
    expect(verifyFormToken(issueFormToken(T0, "x".repeat(40)), later(10_000), [SECRET], 3000).status).toBe("invalid");
  });

  it("never throw on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string(), (token) => {
        expect(["missing", "invalid"]).toContain(verifyFormToken(token, T0, [SECRET], 3000).status);
      }),
    );
  });
});
