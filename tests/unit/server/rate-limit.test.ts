import { describe, expect, it } from "vitest";
import { rateLimitKey, resolveClientAddress } from "../../../src/server/client-address.ts";
import { createRateLimiter } from "../../../src/server/rate-limit.ts";
import { T0, minutes } from "./helpers.ts";

const at = (ms: number) => new Date(T0.getTime() + ms);

describe("the rate limiter", () => {
  it("allows 5 hits in 10 minutes, then says how long to wait", () => {
    const limiter = createRateLimiter({ max: 5, windowMs: minutes(10) });
    for (let i = 0; i < 5; i += 1) expect(limiter.hit("a", at(i * 1000))).toEqual({ allowed: true });
    expect(limiter.hit("a", at(5000))).toEqual({ allowed: false, retryAfterSeconds: 595 });
    expect(limiter.hit("a", at(minutes(10) - 1))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.hit("a", at(minutes(10)))).toEqual({ allowed: true });
    expect(limiter.hit("b", at(5000))).toEqual({ allowed: true });
  });

  it("does not count refused hits, so waiting is enough", () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 1000 });
    expect(limiter.hit("a", at(0)).allowed).toBe(true);
    for (let i = 1; i < 10; i += 1) expect(limiter.hit("a", at(i * 100)).allowed).toBe(false);
    expect(limiter.hit("a", at(1000)).allowed).toBe(true);
  });

  it("forgets expired keys when it tracks many", () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 1000, sweepAbove: 10 });
    for (let i = 0; i < 50; i += 1) limiter.hit(`k${i}`, at(0));
    expect(limiter.hit("k0", at(2000)).allowed).toBe(true);
  });
});

describe("the client address", () => {
  const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" });

  it("is the socket address unless a proxy is trusted", () => {
    expect(resolveClientAddress(headers, "127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("counts trusted hops from the right of X-Forwarded-For", () => {
    expect(resolveClientAddress(headers, "127.0.0.1", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress(headers, "127.0.0.1", 2)).toBe("203.0.113.9");
  });

  it("falls back to the socket when the header is missing or short", () => {
    expect(resolveClientAddress(new Headers(), "127.0.0.1", 1)).toBe("127.0.0.1");
    expect(resolveClientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }), "127.0.0.1", 2)).toBe("127.0.0.1");
  });

  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd:12::/64"],
    ["2001:db8:abcd:12::99", "2001:db8:abcd:12::/64"],
    ["[2001:0db8:0000:0012::1]", "2001:db8:0:12::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    [undefined, "unknown"],
  ])("keys %j as %j", (address, key) => {
    expect(rateLimitKey(address)).toBe(key);
  });
});
