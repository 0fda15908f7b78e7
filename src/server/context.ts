/**
 * The inquiry service: everything the inquiry route needs, built once per process from validated
 * configuration and an open store: the rate limiter, the form-token secrets, the outbox loop (when
 * SMTP_URL is set) and the daily retention purge. The production server (src/server/http) builds it
 * with the worker-thread store and hands it to each request as `Astro.locals.inquiries`; the dev
 * server builds one lazily with the store in its own thread (see locals.ts). Form tokens are issued
 * from a secret held in memory, so serving the form never touches the database. It knows nothing
 * about Astro or how requests arrive. Comments (comments.ts) are a sibling service built here with the
 * same store, outbox, secrets and clock.
 */
import { randomBytes } from "node:crypto";
import { availabilityOf } from "../lib/booking/hours.ts";
import { siteConfig } from "../site.config.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import { createBookingService } from "./booking-service.ts";
import type { BookingService } from "./booking-service.ts";
import { startDailySummary } from "./booking-summary.ts";
import { handleManage, manageState } from "./booking-manage.ts";
import type { ManageDeps, ManageOutcome, ManageState } from "./booking-manage.ts";
import type { DailySummary } from "./booking-summary.ts";
import type { Clock } from "./clock.ts";
import { createCommentService } from "./comments.ts";
import type { CommentService } from "./comments.ts";
import { composeDue } from "./compose.ts";
import type { MailSettings, ServerConfig } from "./config.ts";
import { issueFormToken } from "./form-token.ts";
import { handleInquiry } from "./handler.ts";
import type { HandlerConfig, InquiryDeps } from "./handler.ts";
import { describeError } from "./logger.ts";
import type { Logger } from "./logger.ts";
import type { MailIdentity } from "./mail.ts";
import { startOutbox } from "./outbox.ts";
import type { Outbox, OutboxTiming } from "./outbox.ts";
import { createRateLimiter } from "./rate-limit.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { InquiryResult } from "./result.ts";
import { startRetention } from "./retention.ts";
import type { Retention } from "./retention.ts";
import { createLinkSigner } from "./signed-link.ts";
import type { LinkSigner } from "./signed-link.ts";
import { createSmtpTransport } from "./smtp.ts";
import type { MailTransport } from "./smtp.ts";

/** Where a plain-HTML submit lands after success. */
export const THANKS_PATH = "/coaching/thanks/";

export interface InquiryService {
  readonly config: ServerConfig;
  readonly store: AsyncInquiryStore;
  readonly rateLimiter: RateLimiter;
  readonly clock: Clock;
  /** Signs and checks the links in emails (manage a booking, moderate a comment), with the form secrets. */
  readonly links: LinkSigner;
  /** Null when SMTP_URL is unset: mail is queued and waits. */
  readonly outbox: Outbox | null;
  /** The free consultation times, the thanks-page token and the visitor's manage links. */
  readonly bookings: BookingService;
  /** Comments under articles: the same store, outbox, secrets and abuse rules, its own rate limit. */
  readonly comments: CommentService;
  /** A fresh signed served-at token for the form's hidden field; never touches the database. */
  issueFormToken(): string;
  /** Handles one submission from the client at `clientAddress` (see handleInquiry). */
  handle(request: Request, clientAddress: string | undefined): Promise<InquiryResult>;
  /** What the visitor's manage link with `token` shows (booking-manage.ts). */
  manageState(token: string | null): Promise<ManageState>;
  /** The manage page's POST: cancel or move (booking-manage.ts). */
  manageBooking(request: Request, clientAddress: string | undefined): Promise<ManageOutcome>;
  /** Stops the purge and outbox loops, letting a send in progress finish; the store stays open. */
  stopBackground(): Promise<void>;
  /** stopBackground, then closes the transport and the store. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly config: ServerConfig;
  readonly store: AsyncInquiryStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly transport?: (settings: MailSettings) => MailTransport;
  readonly timing?: Partial<OutboxTiming>;
  /** Run the daily purge (default true). */
  readonly retention?: boolean;
  /** Run the daily consultation summary (default true). */
  readonly dailySummary?: boolean;
  /** The coach's availability and consultation length (default: site.config.ts). */
  readonly availability?: BookingService["availability"];
  readonly consultationMinutes?: number;
}

/**
 * The form-token secrets, current first: INQUIRY_FORM_SECRET, then the one kept in the database.
 * When neither can be had (the database is unavailable at start) a random one lives in memory:
 * forms still work, and tokens issued before a restart earn a "send once more", never a loss.
 */
async function formSecrets(config: ServerConfig, store: AsyncInquiryStore, logger: Logger): Promise<string[]> {
  let stored: string | null = null;
  try {
    stored = await store.formSecret();
  } catch (error) {
    logger.warn("form-token secret not readable from the database; using one kept in memory", {
      error: describeError(error),
    });
  }
  const secrets = [config.formSecret, stored].filter((secret) => secret !== null);
  return secrets.length > 0 ? [...new Set(secrets)] : [randomBytes(32).toString("hex")];
}

/** Builds the service and starts its loops. */
export async function createInquiryService(options: ServiceOptions): Promise<InquiryService> {
  const { config, store, clock, logger } = options;
  const secrets = await formSecrets(config, store, logger);
  const transport =
    config.mail === null
      ? null
      : (options.transport ?? ((mail: MailSettings) => createSmtpTransport(mail.smtpUrl)))(config.mail);
  const rateLimiter = createRateLimiter(config.rateLimit);
  const links = createLinkSigner(secrets);

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
      compose: (due) => composeDue(due, { identity, links, clock }),
      timing: { baseDelayMs: config.mailRetryMs, ...options.timing },
    });
  }
  const retention: Retention | null =
    options.retention === false ? null : startRetention(store, clock, logger, config.retentionMonths);
  const availability = options.availability ?? availabilityOf(siteConfig.availability);
  const bookings = createBookingService({
    availability,
    minutes: options.consultationMinutes ?? siteConfig.offer.consultationMinutes,
    store,
    links,
    clock,
    siteUrl: config.siteUrl,
  });
  const summary: DailySummary | null =
    options.dailySummary === false
      ? null
      : startDailySummary(store, clock, logger, {
          timeZone: availability.timeZone,
          hour: siteConfig.availability.dailySummaryHour,
          queued: () => outbox?.wake(),
        });

  const handlerConfig: HandlerConfig = {
    allowedOrigins: config.allowedOrigins,
    minFillMs: config.minFillMs,
    formSecrets: secrets,
    thanksPath: THANKS_PATH,
  };
  const deps: InquiryDeps = { store, config: handlerConfig, clock, rateLimiter, logger, outbox, bookings };
  const manageDeps: ManageDeps = {
    store,
    bookings,
    links,
    clock,
    rateLimiter,
    allowedOrigins: config.allowedOrigins,
    logger,
    outbox,
  };
  const currentSecret = secrets[0] ?? "";
  const stopBackground = async (): Promise<void> => {
    retention?.stop();
    summary?.stop();
    await outbox?.stop();
  };

  return {
    config,
    store,
    rateLimiter,
    clock,
    links,
    outbox,
    bookings,
    comments: createCommentService({
      store,
      clock,
      logger,
      links,
      rateLimiter: createRateLimiter(config.rateLimit),
      allowedOrigins: config.allowedOrigins,
      formSecrets: secrets,
      minFillMs: config.minFillMs,
      coachName: siteConfig.coach.name,
      outbox,
    }),
    issueFormToken: () => issueFormToken(clock.now(), currentSecret),
    handle: (request, clientAddress) => handleInquiry(request, deps, { clientAddress }),
    manageState: (token) => manageState(manageDeps, token),
    manageBooking: (request, clientAddress) => handleManage(request, manageDeps, clientAddress),
    stopBackground,
    async close() {
      await stopBackground();
      transport?.close();
      await store.close();
    },
  };
}
