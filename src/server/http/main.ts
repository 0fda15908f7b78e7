/**
 * The production server process (`npm run serve`, `npm start`): checks the configuration, starts
 * the inquiry service (its database in a worker thread, the outbox and the daily purge), loads the
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
import { systemClock } from "../clock.ts";
import { describeConfig, loadConfig } from "../config.ts";
import type { ServerConfig } from "../config.ts";
import { createInquiryService } from "../context.ts";
import type { InquiryService } from "../context.ts";
import { consoleLogger, describeError } from "../logger.ts";
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

async function startInquiries(
  env: NodeJS.ProcessEnv,
): Promise<{ config: ServerConfig; service: InquiryService } | null> {
  let config: ServerConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    consoleLogger.error(error instanceof Error ? error.message : String(error));
    consoleLogger.error("the inquiry service is not running: the form answers 503 until the configuration is fixed");
    return null;
  }
  consoleLogger.info(describeConfig(config));
  const store = openWorkerStore(config.dbPath);
  try {
    const { schemaVersion } = await store.diagnostics();
    consoleLogger.info("database ready", { schemaVersion });
  } catch (error) {
    consoleLogger.error("the database cannot be opened yet; inquiries answer 503 until it can", {
      error: describeError(error),
    });
  }
  const service = await createInquiryService({ config, store, clock: systemClock, logger: consoleLogger });
  return { config, service };
}

/** Starts the server; resolves once it listens. */
export async function main(options: MainOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const distDir = resolve(options.distDir ?? "dist");
  const host = env["HOST"] || "127.0.0.1";
  const port = Number(env["PORT"] || 4321);
  const astro = await loadAstroHandler(distDir);
  const inquiries = await startInquiries(env);
  const site = createSiteServer({
    clientDir: join(distDir, "client"),
    astro,
    inquiries: () => inquiries?.service,
    trustProxyHops: inquiries?.config.trustProxyHops ?? 0,
    logger: consoleLogger,
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    consoleLogger.info(`${signal}: finishing requests in flight, then stopping`);
    const deadline = setTimeout(() => {
      consoleLogger.error("shutdown took too long; exiting");
      process.exit(0);
    }, SHUTDOWN_MS);
    deadline.unref();
    void (async () => {
      await site.drain(SHUTDOWN_MS - 3000);
      try {
        await inquiries?.service.close();
      } catch (error) {
        consoleLogger.error("closing the inquiry service failed", { error: describeError(error) });
      }
      consoleLogger.info("stopped");
      process.exit(0);
    })();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);

  await new Promise<void>((done) => {
    site.server.once("error", (error: NodeJS.ErrnoException) => {
      consoleLogger.error(
        `The server cannot listen on ${host}:${port} (${error.code ?? error.message}). Set HOST and PORT to a free address.`,
      );
      process.exit(1);
    });
    site.server.listen(port, host, () => {
      const shown = host.includes(":") ? `[${host}]` : host;
      console.info(`Run Smart is listening on http://${shown}:${port}`);
      done();
    });
  });
}
