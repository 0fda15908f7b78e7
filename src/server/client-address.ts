/**
 * Which address an inquiry came from, for the rate limit. Without a trusted proxy it is the address
 * the route was given (the socket's). With `trustProxyHops` = n it is the n-th address from the right
 * of X-Forwarded-For: the entries a trusted proxy appended, never the left-hand ones a client can
 * write itself, and only when that entry is a valid IP address. IPv6 clients are grouped by their /64, since one subscriber usually holds a whole
 * /64. It knows nothing about rate limits or HTTP beyond one header.
 */
import { isIP, isIPv4, isIPv6 } from "node:net";

export interface ClientAddress {
  /** A valid IP address, or undefined when none is known. */
  readonly address: string | undefined;
  /**
   * "forwarded": taken from X-Forwarded-For; "socket": no proxy is trusted; "no-forwarded-header":
   * a proxy is trusted but the request carried no usable entry, so the socket's address is used
   * (the proxy is not appending the header, or the request did not come through it).
   */
  readonly source: "forwarded" | "socket" | "no-forwarded-header";
}

/** The address without IPv6 brackets or zone, or undefined when it is not an IP address. */
function validIp(text: string | undefined): string | undefined {
  const bare = text
    ?.trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "");
  return bare !== undefined && isIP(bare) !== 0 ? bare : undefined;
}

/**
 * The client's address: with `trustProxyHops` = n, the n-th entry from the right of X-Forwarded-For
 * (what the trusted proxies appended) when it is a valid IP address; otherwise the socket's.
 */
export function resolveClientAddress(
  headers: Headers,
  socketAddress: string | undefined,
  trustProxyHops: number,
): ClientAddress {
  const socket = validIp(socketAddress);
  if (trustProxyHops === 0) return { address: socket, source: "socket" };
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  const forwarded = validIp(chain[chain.length - trustProxyHops]);
  return forwarded === undefined
    ? { address: socket, source: "no-forwarded-header" }
    : { address: forwarded, source: "forwarded" };
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
