import { describe, expect, it } from "vitest";
import { rateLimitKey, resolveClientAddress } from "../../../src/server/client-address.ts";

const SOCKET = "127.0.0.1";
const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("the client address", () => {
  it("is the socket address unless a proxy is trusted, whatever X-Forwarded-For says", () => {
    const headers = xff("6.6.6.6, 203.0.113.9, 10.0.0.2");
    expect(resolveClientAddress(headers, SOCKET, 0)).toEqual({ address: SOCKET, source: "socket" });
    expect(resolveClientAddress(new Headers(), "::ffff:192.0.2.1", 0)).toEqual({
      address: "::ffff:192.0.2.1",
      source: "socket",
    });
  });

  it.each([
    { header: "6.6.6.6, 203.0.113.9, 10.0.0.2", hops: 1, address: "10.0.0.2" },
    { header: "6.6.6.6, 203.0.113.9, 10.0.0.2", hops: 2, address: "203.0.113.9" },
    { header: "6.6.6.6, 203.0.113.9, 10.0.0.2", hops: 3, address: "6.6.6.6" },
    { header: "6.6.6.6,203.0.113.9", hops: 1, address: "203.0.113.9" },
    { header: "  203.0.113.9  ", hops: 1, address: "203.0.113.9" },
    { header: "1.2.3.4, , 203.0.113.9,", hops: 1, address: "203.0.113.9" },
    { header: "1.2.3.4, 2001:db8::7", hops: 1, address: "2001:db8::7" },
    { header: "1.2.3.4, [2001:db8::7]", hops: 1, address: "2001:db8::7" },
    { header: "[2001:db8::7], 10.0.0.2", hops: 2, address: "2001:db8::7" },
  ])("takes the entry $hops from the right of $header: $address", ({ header, hops, address }) => {
    expect(resolveClientAddress(xff(header), SOCKET, hops)).toEqual({ address, source: "forwarded" });
  });

  it.each([
    { name: "no header", header: undefined, hops: 1 },
    { name: "an empty header", header: "", hops: 1 },
    { name: "fewer entries than hops", header: "1.2.3.4", hops: 2 },
    { name: "a name, not an address", header: "1.2.3.4, evil.example", hops: 1 },
    { name: "the word unknown", header: "1.2.3.4, unknown", hops: 1 },
    { name: "an address with a port", header: "1.2.3.4, 203.0.113.9:4711", hops: 1 },
    { name: "a bracketed address with a port", header: "1.2.3.4, [2001:db8::7]:443", hops: 1 },
    { name: "an out-of-range address", header: "1.2.3.4, 256.1.1.1", hops: 1 },
    { name: "markup", header: "1.2.3.4, <script>alert(1)</script>", hops: 1 },
    { name: "a very long string", header: `1.2.3.4, ${"9".repeat(10_000)}`, hops: 1 },
    { name: "an obfuscated address", header: "1.2.3.4, 0x7f.1", hops: 1 },
  ])("falls back to the socket for $name, never using a garbage entry", ({ header, hops }) => {
    const headers = header === undefined ? new Headers() : xff(header);
    expect(resolveClientAddress(headers, SOCKET, hops)).toEqual({ address: SOCKET, source: "no-forwarded-header" });
  });

  it("never takes the left-hand entries a client can write itself", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; one trusted proxy appended the real address.
    for (const forged of ["6.6.6.6", "6.6.6.6, 7.7.7.7", "garbage, 6.6.6.6"]) {
      const resolved = resolveClientAddress(xff(`${forged}, 198.51.100.23`), SOCKET, 1);
      expect(resolved.address).toBe("198.51.100.23");
    }
    // A forged right-most entry that is not an IP is never used, even as the rate-limit key.
    const resolved = resolveClientAddress(xff("198.51.100.23, x"), SOCKET, 1);
    expect(resolved.address).toBe(SOCKET);
  });

  it("reports no address rather than an invalid socket address", () => {
    expect(resolveClientAddress(new Headers(), undefined, 0)).toEqual({ address: undefined, source: "socket" });
    expect(resolveClientAddress(new Headers(), "not-an-ip", 0)).toEqual({ address: undefined, source: "socket" });
    expect(resolveClientAddress(new Headers(), "[::1]", 0)).toEqual({ address: "::1", source: "socket" });
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
  ])("keys %j as %j for the rate limit", (address, key) => {
    expect(rateLimitKey(address)).toBe(key);
  });
});
