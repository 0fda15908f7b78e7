/**
 * Which address an inquiry came from, for the rate limit. Without a trusted proxy it is the address
 * the route was given (the socket's). With `trustProxyHops` = n it is the n-th address from the right
 * of X-Forwarded-For: the entries a trusted proxy appended, never the left-hand ones a client can
 * write itself. IPv6 clients are grouped by their /64, since one subscriber usually holds a whole
 * /64. It knows nothing about rate limits or HTTP beyond one header.
 */
import { isIPv4, isIPv6 } from "node:net";

/** The client's address, or undefined when none can be determined. */
export function resolveClientAddress(
  headers: Headers,
  socketAddress: string | undefined,
  trustProxyHops: number,
): string | undefined {
  if (trustProxyHops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
    const forwarded = chain[chain.length - trustProxyHops];
    if (forwarded !== undefined) return forwarded;
  }
  return socketAddress;
}

function expandIPv6(address: string): string[] | undefined {
  const [head = "", tail] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
}

/** The rate-limit key for an address: IPv4 as is, IPv6 by its /64, other text as given, none as "unknown". */
export function rateLimitKey(address: string | undefined): string {
  if (address === undefined) return "unknown";
  let text = address.trim().replace(/^\[(.*)\]$/, "$1");
  text = text.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  if (isIPv4(text)) return text;
  if (isIPv6(text) && !text.includes(".")) {
    const groups = expandIPv6(text.toLowerCase());
    if (groups !== undefined)
      return `${groups
        .slice(0, 4)
        .map((g) => g.replace(/^0+(?=.)/, ""))
        .join(":")}::/64`;
  }
  return text.slice(0, 100);
}
