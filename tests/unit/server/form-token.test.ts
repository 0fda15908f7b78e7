import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FORM_TOKEN_MAX_AGE_MS, issueFormToken, verifyFormToken } from "../../../src/server/form-token.ts";
import { T0 } from "./helpers.ts";

const SECRET = "a-long-enough-secret-for-the-form-token-hmac";
const later = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 60 * 60 * 1000;

/** The four dot-separated parts of a v2 token. */
function parts(token: string): { version: string; stamp: string; nonce: string; signature: string } {
  const [version = "", stamp = "", nonce = "", signature = ""] = token.split(".");
  return { version, stamp, nonce, signature };
}

describe("form tokens (v2)", () => {
  it("accept a form submitted after the minimum fill time and report how long it took and its nonce", () => {
    const token = issueFormToken(T0, SECRET, "nonce-for-tests0");
    expect(verifyFormToken(token, later(45_000), [SECRET], 3000)).toEqual({
      status: "ok",
      servedAt: T0,
      fillMs: 45_000,
      nonce: "nonce-for-tests0",
    });
  });

  it("carry a fresh random nonce each time, so each token can carry one inquiry", () => {
    const tokens = Array.from({ length: 50 }, () => issueFormToken(T0, SECRET));
    const nonces = tokens.map((token) => parts(token).nonce);
    expect(new Set(nonces).size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^v2\.[0-9a-z]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
      const check = verifyFormToken(token, later(10_000), [SECRET], 3000);
      expect(check.status === "ok" && check.nonce).toBe(parts(token).nonce);
    }
  });

  it("flag a form submitted too fast, keeping when it was served, including from a clock in the future", () => {
    const token = issueFormToken(T0, SECRET);
    expect(verifyFormToken(token, later(2999), [SECRET], 3000)).toEqual({
      status: "too-fast",
      servedAt: T0,
      fillMs: 2999,
    });
    expect(verifyFormToken(token, later(-5000), [SECRET], 3000)).toEqual({
      status: "too-fast",
      servedAt: T0,
      fillMs: -5000,
    });
    expect(verifyFormToken(token, later(3000), [SECRET], 3000).status).toBe("ok");
  });

  it.each([
    { age: 0, minFill: 0, status: "ok" },
    { age: 24 * HOUR, minFill: 3000, status: "ok" },
    { age: FORM_TOKEN_MAX_AGE_MS, minFill: 3000, status: "ok" },
    { age: FORM_TOKEN_MAX_AGE_MS + 1, minFill: 3000, status: "expired" },
    { age: 7 * 24 * HOUR, minFill: 3000, status: "expired" },
  ])("a tab left open $age ms is $status", ({ age, minFill, status }) => {
    expect(FORM_TOKEN_MAX_AGE_MS).toBe(48 * HOUR);
    const check = verifyFormToken(issueFormToken(T0, SECRET), later(age), [SECRET], minFill);
    expect(check.status).toBe(status);
    if (check.status === "expired") expect(check.servedAt).toEqual(T0);
  });

  it("accept any of several secrets, for rotation", () => {
    const token = issueFormToken(T0, "old-secret-old-secret-old-secret-1");
    expect(verifyFormToken(token, later(10_000), [SECRET, "old-secret-old-secret-old-secret-1"], 3000).status).toBe(
      "ok",
    );
    expect(verifyFormToken(token, later(10_000), [SECRET], 3000).status).toBe("invalid");
  });

  it.each([
    ["missing", undefined],
    ["missing", ""],
    ["missing", "   "],
    ["invalid", "v1.abc"],
    ["invalid", "v2.mh8xk000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["invalid", "v2.mh8xk000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["invalid", "garbage"],
  ])("report %s for %j", (status, token) => {
    expect(verifyFormToken(token, T0, [SECRET], 3000).status).toBe(status);
  });

  const forgeries: { name: string; forge: (token: string) => string }[] = [
    {
      name: "its time moved earlier (to look filled in slowly)",
      forge: (token) => {
        const p = parts(token);
        const earlier = (Number.parseInt(p.stamp, 36) - 60_000).toString(36);
        return [p.version, earlier, p.nonce, p.signature].join(".");
      },
    },
    {
      name: "its nonce swapped (to replay it as a new token)",
      forge: (token) => {
        const p = parts(token);
        return [p.version, p.stamp, "BBBBBBBBBBBBBBBB", p.signature].join(".");
      },
    },
    {
      name: "the signature of another token",
      forge: (token) => {
        const other = parts(issueFormToken(T0, SECRET));
        const p = parts(token);
        return [p.version, p.stamp, p.nonce, other.signature].join(".");
      },
    },
    {
      name: "a v1-style token (time and signature only)",
      forge: (token) => {
        const p = parts(token);
        return ["v1", p.stamp, p.signature].join(".");
      },
    },
    { name: "another secret", forge: () => issueFormToken(T0, "x".repeat(40)) },
  ];

  it.each(forgeries)("reject a token with $name", ({ forge }) => {
    const forged = forge(issueFormToken(T0, SECRET));
    expect(verifyFormToken(forged, later(10_000), [SECRET], 3000).status).toBe("invalid");
  });

  it("never throw on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string(), (token) => {
        expect(["missing", "invalid"]).toContain(verifyFormToken(token, T0, [SECRET], 3000).status);
      }),
    );
    const genuine = parts(issueFormToken(T0, SECRET));
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ minLength: 16, maxLength: 16 }), (stamp, nonce) => {
        const token = ["v2", stamp, nonce, genuine.signature].join(".");
        expect(["missing", "invalid"]).toContain(verifyFormToken(token, later(10_000), [SECRET], 3000).status);
      }),
    );
  });
});
