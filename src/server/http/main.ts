/**
 * The production server process (`npm run serve`, `npm start`): checks the configuration, starts
 * the inquiry service (its SQLite database in a worker thread, or PostgreSQL when DATABASE_URL is
 * set; the outbox and the daily purge), loads the
 * built Astro handler from dist/server/entry.mjs and listens on HOST:PORT.
 *
 * It exits 1 with a reason when it cannot listen. On SIGTERM or SIGINT it stops accepting
 * connections, finishes the requests in flight, lets the outbox finish the send in progress,
 * closes the database and exits 0, all within SHUTDOWN_MS. A bad inquiry configuration is logged
 * with each variable named and the site still serves its pages (the form answers 503). Node runs
 * this file directly (type stripping), so it uses only erasable TypeScript.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { readArticleIndex } from "../article-index.ts";
import type { ArticleIndex } from "../article-index.ts";
import { systemClock } from "../clock.ts";
import { describeConfig, loadConfig } from "../config.ts";
import type { ServerConfig } from "../config.ts";
import { createInquiryService } from "../context.ts";
import type { InquiryService } from "../context.ts";
import { consoleLogger, describeError } from "../logger.ts";
import { openConfiguredStore } from "../database.ts";
import { openWorkerStore } from "../worker-store.ts";
import { createSiteServer } from "./site-server.ts";
import type { AstroHandler } from "./site-server.ts";

/** The whole shutdown, from the signal to exit. */
export const SHUTDOWN_MS = 10_000;

export interface MainOptions {
  /** The build folder (default ./dist). */
  readonly distDir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

async function loadAstroHandler(distDir: string): Promise<AstroHandler> {
  const entry = join(distDir, "server", "entry.mjs");
  if (!existsSync(entry)) {
    throw new Error(`No build found at ${entry}. Run \`npm run build\` first, or \`npm start\` to build and serve.`);
  }
  const module = (await import(pathToFileURL(entry).href)) as { handler?: AstroHandler };
  if (typeof module.handler !== "function") {
    throw new Error(`${entry} exports no handler: the Node adapter must be in middleware mode (astro.config.mjs).`);
  }
  return module.handler;
}

/** The build's article index, which the comment pages rendered on request read. */
function loadArticleIndex(clientDir: string): ArticleIndex {
  try {
    return readArticleIndex(clientDir);
  } catch (error) {
    throw new Error(
      `The build in ${clientDir} has no readable article index (${describeError(error)}). Run \`npm run build\` again.`,
      { cause: error },
    );
  }
}

/** The configuration, or null (logged, every variable at fault named) when it is invalid. */
function inquiryConfig(env: NodeJS.ProcessEnv): ServerConfig | null {
  try {
    const config = loadConfig(env);
    consoleLogger.info(describeConfig(config));
    return config;
  } catch (error) {
    consoleLogger.error(error instanceof Error ? error.message : String(error));
    consoleLogger.error("the inquiry service is not running: the form answers 503 until the configuration is fixed");
    return null;
  }
}

/**
 * Opens the store (SQLite in its worker thread, or PostgreSQL) and starts the service; a database
 * not ready yet is logged.
 */
async function startInquiries(config: ServerConfig): Promise<InquiryService> {
  const { store, dailyJobs, description } = openConfiguredStore(config, {
    openSqlite: (path) => openWorkerStore(path),
    logger: consoleLogger,
  });
  try {
    const diagnostics = await store.diagnostics();
    consoleLogger.info(
      "database ready",
      diagnostics.store === "postgres"
        ? {
            store: description,
            schemaVersion: diagnostics.schemaVersion,
            server: diagnostics.serverVersion,
            instance: diagnostics.instance,
          }
        : { store: description, schemaVersion: diagnostics.schemaVersion },
    );
  } catch (error) {
    consoleLogger.error("the database cannot be opened yet; inquiries answer 503 until it can", {
      store: description,
      error: describeError(error),
    });
  }
  return createInquiryService({ config, store, dailyJobs, clock: systemClock, logger: consoleLogger });
}

/**
 * Starts the server; resolves once it listens. The signal handlers are in place from the start;
 * the server listens once the inquiry service is ready (its database checks are bounded, and a
 * database that is not ready only makes the form answer 503), so a first post never finds it
 * missing.
 */
export async function main(options: MainOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const distDir = resolve(options.distDir ?? "dist");
  const host = env["HOST"] || "127.0.0.1";
  const port = Number(env["PORT"] || 4321);
  const astro = await loadAstroHandler(distDir);
  const clientDir = join(distDir, "client");
  const articles = loadArticleIndex(clientDir);
  const config = inquiryConfig(env);
  const running: { service?: InquiryService | undefined } = {};
  const site = createSiteServer({
    clientDir,
    astro,
    articles,
    inquiries: () => running.service,
    trustProxyHops: config?.trustProxyHops ?? 0,
    logger: consoleLogger,
  });
  const starting = config === null ? Promise.resolve(undefined) : startInquiries(config);
  void starting.then(
    (service) => {
      running.service = service;
    },
    (error: unknown) => {
      consoleLogger.error("the inquiry service could not start", { error: describeError(error) });
    },
  );

  let stopping = false;
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    consoleLogger.info(`${reason}: finishing requests in flight, then stopping`);
    const deadline = setTimeout(() => {
      consoleLogger.error("shutdown took too long; exiting");
      process.exit(code);
    }, SHUTDOWN_MS);
    deadline.unref();
    void (async () => {
      const service = await starting.catch(() => undefined);
      // No new email is started while requests finish; the one being sent completes.
      await Promise.all([site.drain(SHUTDOWN_MS - 3000), service?.stopBackground()]);
      try {
        await service?.close();
      } catch (error) {
        consoleLogger.error("closing the inquiry service failed", { error: describeError(error) });
      }
      consoleLogger.info("stopped");
      process.exit(code);
    })();
  };
  process.once("SIGTERM", () => {
    stop("SIGTERM", 0);
  });
  process.once("SIGINT", () => {
    stop("SIGINT", 0);
  });
  // A fault nothing else caught (a file vanishing under the static server, say): stop the way a
  // signal does, so requests in flight finish and the database closes, and let the supervisor restart.
  process.on("uncaughtException", (error) => {
    consoleLogger.error("unexpected error; stopping", { error: describeError(error) });
    stop("unexpected error", 1);
  });

  await starting.catch(() => undefined);
  // A signal may have come while the service was starting.
  if (stopping as boolean) return;
  await new Promise<void>((done) => {
    const cannotListen = (error: NodeJS.ErrnoException) => {
      consoleLogger.error(
        `The server cannot listen on ${host}:${port} (${error.code ?? error.message}). Set HOST and PORT to a free address.`,
      );
      process.exit(1);
    };
    site.server.once("error", cannotListen);
    site.server.listen(port, host, () => {
      site.server.off("error", cannotListen);
      site.server.on("error", (error) => {
        consoleLogger.error("server error", { error: describeError(error) });
      });
      const shown = host.includes(":") ? `[${host}]` : host;
      console.info(`Run Smart is listening on http://${shown}:${port}`);
      done();
    });
  });
}
