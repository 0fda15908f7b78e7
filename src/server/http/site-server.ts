/**
 * The site's HTTP server: Node's own, owned by us, with Astro's request handler (the Node adapter's
 * documented middleware mode) inside it. In order, for every request: the security headers; a URL
 * that cannot be decoded gets 400; the client's address is resolved once (client-address.ts);
 * GET and HEAD for a built file are answered from dist/client by sirv (precompressed .br/.gz when
 * present, hashed assets cached as immutable, HTML revalidated); a body declared larger than the
 * limit gets 413 without being read; everything else goes to Astro, compressed on the fly
 * (`compression`), with the inquiry service and the client's address in `locals`.
 *
 * Limits suited to a small site, so slow or idle clients cannot hold it: see SERVER_LIMITS. It
 * knows nothing about inquiries beyond handing the service to the routes.
 */
import { STATUS_CODES, createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import compression from "compression";
import onHeaders from "on-headers";
import sirv from "sirv";
import type { ArticleIndex } from "../article-index.ts";
import { resolveClientAddress } from "../client-address.ts";
import type { Logger } from "../logger.ts";
import type { InquiryService } from "../context.ts";

/**
 * Header name to value, on every response. Framing is refused both ways: X-Frame-Options for old
 * browsers, and `frame-ancestors` in a header of its own, since a CSP in a <meta> element (as the
 * pages carry theirs, so they keep it on any static host) cannot set it.
 */
const FRAME_ANCESTORS = "frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": FRAME_ANCESTORS,
};

export interface ServerLimits {
  /** Time to receive a request's headers (Node's default is 60 s). */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, body included (Node's default is 300 s). */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept. */
  readonly keepAliveTimeoutMs: number;
  /** A socket with no activity for this long is closed. */
  readonly idleTimeoutMs: number;
  /** Connections at once; more are refused by closing them. */
  readonly maxConnections: number;
  /** A declared body larger than this gets 413 before any of it is read. */
  readonly maxBodyBytes: number;
}

export const SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxConnections: 512,
  maxBodyBytes: 64 * 1024,
};

/** What a route finds in `Astro.locals` (declared in src/env.d.ts). */
export interface RequestLocals {
  /** Undefined while the inquiry service cannot run (bad configuration): the form answers 503. */
  readonly inquiries: InquiryService | undefined;
  /** The client's IP address (X-Forwarded-For from trusted proxies, else the socket's). */
  readonly clientAddress: string | undefined;
  /** The published articles, from the build's index. */
  readonly articles: ArticleIndex;
}

/** The adapter's middleware-mode handler, as `dist/server/entry.mjs` exports it. */
export type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
  locals?: object,
) => void | Promise<void>;

export interface SiteServerOptions {
  /** dist/client: the built static files. */
  readonly clientDir: string;
  readonly astro: AstroHandler;
  readonly inquiries: () => InquiryService | undefined;
  /** The published articles, from the build's index (src/server/article-index.ts). */
  readonly articles: ArticleIndex;
  readonly trustProxyHops: number;
  readonly logger: Logger;
  readonly limits?: Partial<ServerLimits>;
}

export interface SiteServer {
  readonly server: Server;
  /**
   * Stops accepting connections, lets requests in flight finish (closing idle keep-alive
   * connections at once) and resolves when all are done, or after `graceMs`, when the rest are cut.
   */
  drain(graceMs: number): Promise<void>;
}

const HASHED_ASSET = /^\/_astro\//;

function cacheControl(pathname: string): string {
  if (HASHED_ASSET.test(pathname)) return "public, max-age=31536000, immutable";
  // A path without an extension is a page too (/about serves about/index.html). The service worker
  // names every file of its build: an hour-old copy would hold a deploy back.
  if (pathname.endsWith("/") || pathname.endsWith(".html") || !/\.[^/]+$/.test(pathname) || pathname === "/sw.js") {
    return "no-cache";
  }
  return "public, max-age=3600";
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, STATUS_CODES[status], {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function createSiteServer(options: SiteServerOptions): SiteServer {
  const limits: ServerLimits = { ...SERVER_LIMITS, ...options.limits };
  const serveStatic = sirv(options.clientDir, {
    dev: false,
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => {
      res.setHeader("Cache-Control", cacheControl(pathname));
    },
  });
  // On-demand pages are compressed as they are sent (Brotli or gzip by Accept-Encoding, with Vary);
  // static files come precompressed from the build (scripts/precompress.mjs) through sirv.
  // compression needs only Node's own request and response; its types name Express's.
  const compress = compression({ threshold: 1024 }) as unknown as (
    req: IncomingMessage,
    res: ServerResponse,
    next: () => void,
  ) => void;
  let warnedNoForwardedHeader = false;
  let active = 0;
  let draining = false;
  const idleWaiters = new Set<() => void>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // An on-demand page sets its own policy header, replacing ours: add frame-ancestors back to it.
    onHeaders(res, () => {
      const policy = res.getHeader("Content-Security-Policy");
      if (typeof policy === "string" && !policy.includes("frame-ancestors")) {
        res.setHeader("Content-Security-Policy", `${policy.replace(/;\s*$/, "")}; ${FRAME_ANCESTORS}`);
      }
    });
    if (draining) res.setHeader("Connection", "close");
    const url = req.url ?? "/";
    try {
      decodeURI(url);
    } catch {
      answer(res, 400, "Bad request: the address could not be read.");
      return;
    }
    const headers = new Headers();
    const forwardedFor = req.headers["x-forwarded-for"];
    if (forwardedFor !== undefined) headers.set("x-forwarded-for", [forwardedFor].flat().join(","));
    const client = resolveClientAddress(headers, req.socket.remoteAddress, options.trustProxyHops);
    if (client.source === "no-forwarded-header" && !warnedNoForwardedHeader) {
      warnedNoForwardedHeader = true;
      options.logger.warn(
        "TRUST_PROXY is set but a request came without a usable X-Forwarded-For; using the socket's address (is the proxy setting the header?)",
      );
    }

    if (req.method === "GET" || req.method === "HEAD") {
      // The site serves no partial content, and sirv mishandles some ranges (bytes=5-2 throws).
      delete req.headers.range;
      const served = await new Promise<boolean>((resolve) => {
        serveStatic(req, res, () => {
          resolve(false);
        });
        if (res.headersSent || res.writableEnded) resolve(true);
        else
          res.once("finish", () => {
            resolve(true);
          });
      });
      if (served) return;
    }
    const declared = Number(req.headers["content-length"] ?? "0");
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
      answer(res, 413, "The request is too large.", { Connection: "close" });
      return;
    }
    const locals: RequestLocals = {
      inquiries: options.inquiries(),
      clientAddress: client.address,
      articles: options.articles,
    };
    // A route that stops reading a body early (too large) leaves the rest unread on the connection,
    // and the client's next request on it would hang: close it after this response instead.
    req.once("aborted", () => {
      if (!res.headersSent) res.setHeader("Connection", "close");
    });
    await new Promise<void>((resolve, reject) => {
      compress(req, res, () => {
        Promise.resolve(options.astro(req, res, undefined, locals)).then(resolve, reject);
      });
    });
  }

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    (req, res) => {
      active += 1;
      res.once("close", () => {
        active -= 1;
        if (active === 0) for (const done of idleWaiters) done();
      });
      handle(req, res).catch((error: unknown) => {
        options.logger.error("request failed", { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) answer(res, 500, "Something went wrong on our side. Please try again.");
        else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleTimeoutMs, (socket) => {
    socket.destroy();
  });

  return {
    server,
    async drain(graceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      server.closeIdleConnections();
      const idle =
        active === 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              idleWaiters.add(resolve);
            });
      const timeout = new Promise<"timeout">((resolve) => {
        setTimeout(() => {
          resolve("timeout");
        }, graceMs).unref();
      });
      if ((await Promise.race([idle, timeout])) === "timeout") server.closeAllConnections();
      server.closeIdleConnections();
      await Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, 500).unref())]);
    },
  };
}
