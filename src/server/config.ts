/**
 * The inquiry server's configuration, read from environment variables once at start-up and checked
 * by a zod schema, so a mistake stops the server with a message naming each variable at fault. The
 * site runs with no variables at all: inquiries are stored and their notifications wait until
 * SMTP_URL is set. It knows nothing about how values are used; error messages never repeat a value,
 * because SMTP_URL may carry a password.
 */
import { z } from "astro/zod";
import { DEFAULT_RETENTION_MONTHS } from "../lib/inquiry/privacy.ts";

export const DEFAULT_DB_PATH = "./data/inquiries.db";
export const DEFAULT_SITE_URL = "http://localhost:4321";

const blankToUndefined = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const address = z.email("must be an email address such as coach@example.com");

const origin = z
  .url({ protocol: /^https?$/, error: "must list origins such as https://runsmart.coach, separated by commas" })
  .transform((url) => new URL(url).origin);

const count = (fallback: number, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

/** The environment variables, with their defaults. Unknown variables are ignored. */
export const envSchema = z.object({
  /** SQLite file holding inquiries and the mail outbox; created (with its folder) if missing. */
  INQUIRY_DB_PATH: z.preprocess(blankToUndefined, z.string().default(DEFAULT_DB_PATH)),
  /**
   * postgres:// (or postgresql://) URL of a PostgreSQL database: when set, the store lives there,
   * shared by every instance of the site, and INQUIRY_DB_PATH is not used.
   */
  DATABASE_URL: optional(
    z.url({
      protocol: /^postgres(ql)?$/,
      error: "must be a postgres:// URL such as postgres://runsmart:password@db.example.com:5432/runsmart",
    }),
  ),
  /** smtp:// or smtps:// URL with credentials. Unset: mail stays pending in the outbox. */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })),
  /** Where inquiry notifications go. Required with SMTP_URL. */
  INQUIRY_COACH_EMAIL: optional(address),
  /** The From address of every message. Required with SMTP_URL. */
  INQUIRY_FROM_EMAIL: optional(address),
  /** The display name on the From line. */
  INQUIRY_FROM_NAME: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(80, "must be at most 80 characters")
      .regex(/^[^\p{Cc}"<>]*$/u, "must be one line without quotes or angle brackets")
      .default("Run Smart"),
  ),
  /** The public address of the site, used in emails and as an allowed Origin. */
  SITE_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL such as https://runsmart.coach" })
      .default(DEFAULT_SITE_URL),
  ),
  /** More origins allowed to post inquiries, comma-separated (a staging host, for example). */
  INQUIRY_ALLOWED_ORIGINS: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((part) => part.trim())
            .filter((part) => part !== "")
        : [],
    z.array(origin),
  ),
  /**
   * How many reverse proxies to trust for the client address: "false"/"0" (default, use the
   * socket address), "true"/"1" (one proxy appends X-Forwarded-For), or a higher number of hops.
   */
  TRUST_PROXY: z.preprocess(
    (value) => {
      const text = typeof value === "string" ? value.trim().toLowerCase() : "";
      if (text === "" || text === "false" || text === "no") return 0;
      if (text === "true" || text === "yes") return 1;
      return /^\d{1,2}$/.test(text) ? Number(text) : value;
    },
    z.number({ error: 'must be "true", "false" or a number of proxy hops' }).int().min(0).max(10),
  ),
  /** HMAC key for the form's served-at token (32+ characters). Unset: generated and kept in the database. */
  INQUIRY_FORM_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  /**
   * Months an inquiry is kept before the daily purge deletes it (default 12, the privacy note's
   * promise: change the note in src/lib/inquiry/privacy.ts with it).
   */
  INQUIRY_RETENTION_MONTHS: count(DEFAULT_RETENTION_MONTHS, 1, 120),
  /** Test-only override: inquiries allowed per client address per window (default 5). */
  INQUIRY_RATE_LIMIT_MAX: count(5, 1, 100_000),
  /** Test-only override: the rate-limit window in seconds (default 600). */
  INQUIRY_RATE_LIMIT_WINDOW_SECONDS: count(600, 1, 86_400),
  /** Test-only override: the minimum seconds between serving the form and a real submission (default 3). */
  INQUIRY_MIN_FILL_SECONDS: count(3, 0, 3_600),
  /** Test-only override: seconds before the first retry of a failed email; it doubles each time (default 30). */
  INQUIRY_MAIL_RETRY_SECONDS: count(30, 1, 3_600),
  /**
   * Seconds an instance holds an email it has claimed for sending (default 120). If it dies, another
   * instance sends the email once this has passed; keep it well above the slowest SMTP answer (30 s).
   */
  INQUIRY_MAIL_LEASE_SECONDS: count(120, 1, 3_600),
});

/** Variables that must be set whenever SMTP_URL is. */
const REQUIRED_WITH_SMTP = ["INQUIRY_COACH_EMAIL", "INQUIRY_FROM_EMAIL"] as const;

export interface MailSettings {
  readonly smtpUrl: string;
  readonly coachAddress: string;
  readonly fromAddress: string;
  readonly fromName: string;
}

export interface ServerConfig {
  readonly dbPath: string;
  /** The PostgreSQL database (DATABASE_URL), or null for the SQLite file at `dbPath`. */
  readonly databaseUrl: string | null;
  /** Null when SMTP_URL is unset: mail is queued but not sent. */
  readonly mail: MailSettings | null;
  readonly siteUrl: string;
  /**
   * The origins allowed to post: SITE_URL's origin first (without SITE_URL, the loopback origins
   * of PORT), then INQUIRY_ALLOWED_ORIGINS.
   */
  readonly allowedOrigins: readonly string[];
  readonly trustProxyHops: number;
  readonly formSecret: string | null;
  readonly rateLimit: { readonly max: number; readonly windowMs: number };
  readonly minFillMs: number;
  /** Delay before the first retry of a failed email, in ms. */
  readonly mailRetryMs: number;
  /** How long a claimed email stays locked to the instance sending it, in ms. */
  readonly mailLeaseMs: number;
  /** Months inquiries are kept (the daily purge and `npm run inquiries -- purge`). */
  readonly retentionMonths: number;
}

/** Thrown by `loadConfig`; the message lists every variable at fault, one per line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The validated configuration, or a ConfigError naming each bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const parsed = envSchema.safeParse(env);
  const isBlank = (name: string) => (env[name] ?? "").trim() === "";
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`)),
    ...(isBlank("SMTP_URL")
      ? []
      : REQUIRED_WITH_SMTP.filter(isBlank).map((name) => `${name}: is required when SMTP_URL is set`)),
  ];
  if (!parsed.success || problems.length > 0) {
    const lines = [...new Set(problems)].map((problem) => `  - ${problem}`);
    throw new ConfigError(`Invalid inquiry server configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const siteOrigin = new URL(e.SITE_URL).origin;
  // Without SITE_URL the site runs locally (npm start): the browser may call it by any loopback name.
  const port = /^\d{1,5}$/.test(env["PORT"] ?? "") ? String(env["PORT"]) : "4321";
  const localOrigins = isBlank("SITE_URL")
    ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]
    : [];
  const mail: MailSettings | null =
    e.SMTP_URL !== undefined && e.INQUIRY_COACH_EMAIL !== undefined && e.INQUIRY_FROM_EMAIL !== undefined
      ? {
          smtpUrl: e.SMTP_URL,
          coachAddress: e.INQUIRY_COACH_EMAIL,
          fromAddress: e.INQUIRY_FROM_EMAIL,
          fromName: e.INQUIRY_FROM_NAME,
        }
      : null;
  return {
    dbPath: e.INQUIRY_DB_PATH,
    databaseUrl: e.DATABASE_URL ?? null,
    mail,
    siteUrl: isBlank("SITE_URL") ? `http://localhost:${port}` : e.SITE_URL.replace(/\/+$/, ""),
    allowedOrigins: [
      ...new Set([...(isBlank("SITE_URL") ? localOrigins : [siteOrigin]), ...e.INQUIRY_ALLOWED_ORIGINS]),
    ],
    trustProxyHops: e.TRUST_PROXY,
    formSecret: e.INQUIRY_FORM_SECRET ?? null,
    rateLimit: { max: e.INQUIRY_RATE_LIMIT_MAX, windowMs: e.INQUIRY_RATE_LIMIT_WINDOW_SECONDS * 1000 },
    minFillMs: e.INQUIRY_MIN_FILL_SECONDS * 1000,
    mailRetryMs: e.INQUIRY_MAIL_RETRY_SECONDS * 1000,
    mailLeaseMs: e.INQUIRY_MAIL_LEASE_SECONDS * 1000,
    retentionMonths: e.INQUIRY_RETENTION_MONTHS,
  };
}

/**
 * Where a postgres:// URL points, for logs: user, host, port and database, never the password or
 * parameters (which may carry one too). A Unix socket folder given as `?host=` is shown as it is.
 */
export function describeDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "PostgreSQL (unreadable address)";
  }
  const host = parsed.hostname !== "" ? parsed.hostname : (parsed.searchParams.get("host") ?? "localhost");
  const port = parsed.port === "" ? "" : `:${parsed.port}`;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  const user = parsed.username === "" ? "" : `${decodeURIComponent(parsed.username)}@`;
  return `PostgreSQL ${user}${host}${port}/${database === "" ? "(default database)" : database}`;
}

/** Which store is in use and where, without secrets (a database URL loses its password). */
export function describeStore(config: Pick<ServerConfig, "dbPath" | "databaseUrl">): string {
  return config.databaseUrl === null ? `SQLite ${config.dbPath}` : describeDatabaseUrl(config.databaseUrl);
}

/** The start-up summary: one line, no secrets (the SMTP URL is reduced to its host). */
export function describeConfig(config: ServerConfig): string {
  const parts = [`store ${describeStore(config)}`, `inquiries kept ${config.retentionMonths} months`];
  if (config.mail === null) {
    parts.push("SMTP_URL is not set, so inquiries are stored and their emails stay pending until it is");
  } else {
    parts.push(`mail to ${config.mail.coachAddress} via ${new URL(config.mail.smtpUrl).host}`);
  }
  parts.push(`forms accepted from ${config.allowedOrigins.join(", ")}`);
  parts.push(
    config.trustProxyHops === 0 ? "client address from the socket" : `trusting ${config.trustProxyHops} proxy hop(s)`,
  );
  const overridden =
    config.rateLimit.max !== 5 ||
    config.rateLimit.windowMs !== 600_000 ||
    config.minFillMs !== 3000 ||
    config.mailRetryMs !== 30_000;
  if (overridden) {
    parts.push(
      `TEST OVERRIDES: ${config.rateLimit.max} inquiries per ${config.rateLimit.windowMs / 1000} s, minimum fill ${config.minFillMs / 1000} s, first mail retry after ${config.mailRetryMs / 1000} s`,
    );
  }
  if (config.mailLeaseMs !== 120_000)
    parts.push(`emails held ${config.mailLeaseMs / 1000} s by the instance sending them`);
  return `inquiries: ${parts.join("; ")}`;
}
