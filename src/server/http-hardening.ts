/**
 * What the built Node server does for every request before any route runs: it adds the security
 * headers to every response (pages, static files, the inquiry route, error answers), and it closes
 * a connection whose request body was abandoned part-way. It also makes a server that cannot
 * listen fail loudly instead of exiting with status 0. The standalone server of @astrojs/node
 * serves files from dist/client before Astro's middleware could run, and `server.headers` in the
 * Astro config only reaches `astro dev` and `astro preview`, so both hook in where Node starts
 * handling a request: the public `http.server.request.start` diagnostics channel, which every
 * HTTP(S) server in the process reports to before its request handler runs. A route may still
 * replace a header for its own response. The build installs it in the server entry (see
 * server-entry-plugin.ts), so `node dist/server/entry.mjs` needs no wrapper. It knows nothing about
 * routes or what a response contains.
 */
import { subscribe } from "node:diagnostics_channel";
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Server as HttpsServer } from "node:https";

/**
 * Header name to value. Framing is refused with X-Frame-Options, which, unlike a CSP
 * `frame-ancestors`, cannot collide with a Content-Security-Policy the site may add later.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

const INSTALLED = Symbol.for("run-smart.http-hardening");

interface RequestStart {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

function isRequestStart(message: unknown): message is RequestStart {
  if (typeof message !== "object" || message === null) return false;
  const { request, response } = message as Partial<Record<"request" | "response", unknown>>;
  return typeof request === "object" && request !== null && typeof response === "object" && response !== null;
}

function harden({ request, response }: RequestStart): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  // A route that stops reading a body early (too large) destroys the request stream, but Node keeps
  // the connection open with the rest of the body unread, and the client's next request on it
  // would hang. Announcing "Connection: close" makes Node close it after this response instead.
  // "aborted" is emitted during the destroy, before the route can answer; "close" comes later.
  const closeConnection = () => {
    if (!request.complete && !response.headersSent) response.setHeader("Connection", "close");
  };
  request.once("aborted", closeConnection);
  request.once("close", closeConnection);
}

/**
 * The adapter's server swallows a failed listen (its own unhandled-rejection handler drops it) and
 * the process then ends with status 0, as if it had served and stopped. A web server that cannot
 * listen (port taken, address not on this machine, a HOST that does not resolve) has nothing to
 * do: say why and exit with status 1, so a supervisor sees the failure. Only HTTP(S) servers are
 * watched, and only until they listen.
 */
function exitIfListenFails(message: unknown): void {
  const { server, options } = message as { server?: unknown; options?: { host?: string; port?: number } };
  if (!(server instanceof HttpServer || server instanceof HttpsServer)) return;
  const where = `${options?.host ?? "*"}:${options?.port ?? "?"}`;
  const onError = (error: NodeJS.ErrnoException) => {
    console.error(
      `The server cannot listen on ${where} (${error.code ?? error.message}). Set HOST and PORT to a free address.`,
    );
    process.exit(1);
  };
  server.once("error", onError);
  server.once("listening", () => server.off("error", onError));
}

/** Starts hardening every HTTP server in this process (once per process). */
export function installHttpHardening(): void {
  const holder = globalThis as typeof globalThis & { [INSTALLED]?: true };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  subscribe("http.server.request.start", (message) => {
    if (isRequestStart(message)) harden(message);
  });
  subscribe("tracing:net.server.listen:asyncStart", exitIfListenFails);
}
