/**
 * Everything the inquiry route needs, built once per process from the environment: validated config,
 * the open database, the rate limiter, the form-token secrets and (when SMTP_URL is set) the running
 * outbox loop. The route calls `handleInquiryRequest` and, to put a served-at token in the form,
 * `tryIssueFormToken()` (or `getServerContext().issueFormToken()`). Start-up logs one summary line (and says plainly when mail
 * will stay pending); a configuration error is logged with every bad variable named. It knows
 * nothing about Astro; `createServerContext` builds an independent context for tests.
 */
import { siteConfig } from "../site.config.ts";
import { handleInquiry, unavailableResult } from "./handler.ts";
import type { HandlerConfig, InquiryDeps } from "./handler.ts";
import type { InquiryResult } from "./result.ts";
import { systemClock } from "./clock.ts";
import type { Clock } from "./clock.ts";
import { describeConfig, loadConfig } from "./config.ts";
import type { MailSettings, ServerConfig } from "./config.ts";
import { issueFormToken } from "./form-token.ts";
import { consoleLogger, describeError } from "./logger.ts";
import type { Logger } from "./logger.ts";
import type { MailIdentity } from "./mail.ts";
import { startOutbox } from "./outbox.ts";
import type { Outbox, OutboxTiming } from "./outbox.ts";
import { createRateLimiter } from "./rate-limit.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { createSmtpTransport } from "./smtp.ts";
import type { MailTransport } from "./smtp.ts";
import { openStore } from "./store.ts";
import type { InquiryStore } from "./store.ts";

/** Where a plain-HTML submit lands after success. */
export const THANKS_PATH = "/coaching/thanks/";

export interface ServerContext {
  readonly config: ServerConfig;
  readonly store: InquiryStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly rateLimiter: RateLimiter;
  /** Null when SMTP_URL is unset: mail is queued and waits. */
  readonly outbox: Outbox | null;
  readonly deps: InquiryDeps;
  /** A fresh signed served-at token for the form's hidden FORM_TOKEN_FIELD. */
  issueFormToken(): string;
  /** Handles one submission (see handleInquiry). */
  handle(request: Request, clientAddress: string | undefined): Promise<InquiryResult>;
  /** Stops the outbox loop, closes the transport and the database. */
  close(): Promise<void>;
}

export interface ContextOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly transport?: (settings: MailSettings) => MailTransport;
  readonly timing?: Partial<OutboxTiming>;
}

/** Builds a context: throws ConfigError (after logging it) when the environment is invalid. */
export function createServerContext(options: ContextOptions): ServerContext {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  let config: ServerConfig;
  try {
    config = loadConfig(options.env);
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    throw error;
  }
  const store = openStore(config.dbPath);
  let formSecrets: string[];
  let transport: MailTransport | null = null;
  try {
    formSecrets = [...new Set([config.formSecret, store.formSecret()].filter((s) => s !== null))];
    if (config.mail !== null) {
      transport = (options.transport ?? ((mail: MailSettings) => createSmtpTransport(mail.smtpUrl)))(config.mail);
    }
  } catch (error) {
    store.close();
    throw error;
  }
  const rateLimiter = createRateLimiter(config.rateLimit);
  logger.info(describeConfig(config));

  let outbox: Outbox | null = null;
  if (config.mail !== null && transport !== null) {
    const identity: MailIdentity = {
      coachAddress: config.mail.coachAddress,
      coachName: siteConfig.coach.name,
      fromAddress: config.mail.fromAddress,
      fromName: config.mail.fromName,
      siteName: siteConfig.title,
      siteUrl: config.siteUrl,
    };
    outbox = startOutbox(store, transport, clock, logger, {
      identity,
      timing: { baseDelayMs: config.mailRetryMs, ...options.timing },
    });
  }

  const handlerConfig: HandlerConfig = {
    allowedOrigins: config.allowedOrigins,
    trustProxyHops: config.trustProxyHops,
    minFillMs: config.minFillMs,
    formSecrets,
    thanksPath: THANKS_PATH,
  };
  const deps: InquiryDeps = { store, config: handlerConfig, clock, rateLimiter, logger, outbox };
  const currentSecret = formSecrets[0] ?? store.formSecret();

  return {
    config,
    store,
    clock,
    logger,
    rateLimiter,
    outbox,
    deps,
    issueFormToken: () => issueFormToken(clock.now(), currentSecret),
    handle: (request, clientAddress) => handleInquiry(request, deps, { clientAddress }),
    async close() {
      await outbox?.stop();
      transport?.close();
      store.close();
    },
  };
}

// Kept on globalThis rather than in a module variable: the dev server may evaluate this module more
// than once, and a second context would mean a second database connection and outbox loop.
const holder = globalThis as typeof globalThis & { runSmartInquiryContext?: ServerContext | undefined };

/**
 * The process-wide context, created on first call from process.env (database opened, outbox loop
 * started). Throws ConfigError when the environment is invalid; the next call tries again.
 */
export function getServerContext(): ServerContext {
  holder.runSmartInquiryContext ??= createServerContext({ env: process.env });
  return holder.runSmartInquiryContext;
}

/**
 * Opens the process-wide context when the server starts, so a configuration error is reported at
 * once and mail left pending by an earlier run goes out without waiting for a visitor. Never
 * throws: with a bad configuration the site still serves pages and the form answers 503.
 */
export function startInquiryService(): void {
  try {
    getServerContext();
  } catch (error) {
    consoleLogger.error("the inquiry service could not start", { error: describeError(error) });
  }
}

/** Closes the process-wide context (for shutdown and tests); the next get creates a new one. */
export async function closeServerContext(): Promise<void> {
  const closing = holder.runSmartInquiryContext;
  holder.runSmartInquiryContext = undefined;
  await closing?.close();
}

/**
 * A served-at token for the form, or undefined (logged) when the inquiry service is unavailable; the
 * page then renders the form without one (such a submission is stored, flagged as spam).
 */
export function tryIssueFormToken(): string | undefined {
  try {
    return getServerContext().issueFormToken();
  } catch (error) {
    consoleLogger.error("could not issue a form token", { error: describeError(error) });
    return undefined;
  }
}

/**
 * What the route calls for a submission. Even when the context cannot be created (bad configuration,
 * unwritable database) the visitor gets a 503 with Retry-After, never an unexplained 500.
 */
export async function handleInquiryRequest(
  request: Request,
  clientAddress: string | undefined,
): Promise<InquiryResult> {
  let context: ServerContext;
  try {
    context = getServerContext();
  } catch (error) {
    consoleLogger.error("inquiry server unavailable", { error: describeError(error) });
    return unavailableResult(request);
  }
  return context.handle(request, clientAddress);
}
