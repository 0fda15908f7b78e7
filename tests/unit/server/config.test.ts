import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION_MONTHS } from "../../../src/lib/inquiry/privacy.ts";
import { ConfigError, describeConfig, describeDatabaseUrl, loadConfig } from "../../../src/server/config.ts";

const smtp = {
  SMTP_URL: "smtps://user:hunter2@smtp.example.com:465",
  INQUIRY_COACH_EMAIL: "coach@runsmart.coach",
  INQUIRY_FROM_EMAIL: "inquiries@runsmart.coach",
};

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return "";
}

describe("configuration from the environment", () => {
  it("runs with nothing set: default database, no mail, no proxy, the normal limits", () => {
    expect(loadConfig({})).toEqual({
      dbPath: "./data/inquiries.db",
      databaseUrl: null,
      mail: null,
      siteUrl: "http://localhost:4321",
      allowedOrigins: ["http://localhost:4321", "http://127.0.0.1:4321", "http://[::1]:4321"],
      trustProxyHops: 0,
      formSecret: null,
      rateLimit: { max: 5, windowMs: 600_000 },
      minFillMs: 3000,
      mailRetryMs: 30_000,
      mailLeaseMs: 120_000,
      retentionMonths: DEFAULT_RETENTION_MONTHS,
    });
  });

  it("without SITE_URL allows only the loopback origins of PORT (plus any extra ones)", () => {
    const config = loadConfig({ PORT: "8080", INQUIRY_ALLOWED_ORIGINS: "https://staging.runsmart.coach" });
    expect(config.siteUrl).toBe("http://localhost:8080");
    expect(config.allowedOrigins).toEqual([
      "http://localhost:8080",
      "http://127.0.0.1:8080",
      "http://[::1]:8080",
      "https://staging.runsmart.coach",
    ]);
    expect(loadConfig({ PORT: "not a port" }).allowedOrigins[0]).toBe("http://localhost:4321");
    expect(loadConfig({ SITE_URL: "https://runsmart.coach", PORT: "8080" }).allowedOrigins).toEqual([
      "https://runsmart.coach",
    ]);
  });

  it.each([
    ["1", 1],
    ["24", 24],
    ["120", 120],
    [" ", 12],
  ])("reads INQUIRY_RETENTION_MONTHS=%j as %d months", (value, months) => {
    expect(loadConfig({ INQUIRY_RETENTION_MONTHS: value }).retentionMonths).toBe(months);
  });

  it.each(["0", "121", "6.5", "a year"])("refuses INQUIRY_RETENTION_MONTHS=%j", (value) => {
    expect(problems({ INQUIRY_RETENTION_MONTHS: value })).toMatch(/ {2}- INQUIRY_RETENTION_MONTHS: /);
  });

  it.each([
    "postgres://runsmart:pw@db.example.com:5432/runsmart",
    "postgresql://runsmart@10.0.0.5/runsmart?sslmode=require",
    "postgres:///runsmart?host=/var/run/postgresql",
  ])("accepts DATABASE_URL=%j", (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each(["mysql://db.example.com/runsmart", "pg.example.org:5432", "/var/lib/runsmart.db"])(
    "refuses DATABASE_URL=%j, naming the variable but not the value",
    (url) => {
      const message = problems({ DATABASE_URL: url });
      expect(message).toMatch(/ {2}- DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(message).not.toContain(url);
    },
  );

  it.each(["0", "3601", "ten"])("refuses INQUIRY_MAIL_LEASE_SECONDS=%j", (value) => {
    expect(problems({ INQUIRY_MAIL_LEASE_SECONDS: value })).toMatch(/ {2}- INQUIRY_MAIL_LEASE_SECONDS: /);
  });

  it("treats blank variables as unset", () => {
    expect(loadConfig({ SMTP_URL: "", INQUIRY_DB_PATH: " ", TRUST_PROXY: "", DATABASE_URL: " " })).toMatchObject({
      databaseUrl: null,
      mail: null,
      dbPath: "./data/inquiries.db",
      trustProxyHops: 0,
    });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      ...smtp,
      INQUIRY_DB_PATH: "/var/lib/runsmart/inquiries.db",
      INQUIRY_FROM_NAME: "Nicole at Run Smart",
      SITE_URL: "https://runsmart.coach/",
      INQUIRY_ALLOWED_ORIGINS: "https://www.runsmart.coach, https://staging.runsmart.coach/",
      TRUST_PROXY: "true",
      INQUIRY_FORM_SECRET: "k".repeat(32),
      INQUIRY_RATE_LIMIT_MAX: "100",
      INQUIRY_RATE_LIMIT_WINDOW_SECONDS: "60",
      INQUIRY_MIN_FILL_SECONDS: "0",
      INQUIRY_MAIL_RETRY_SECONDS: "2",
      INQUIRY_MAIL_LEASE_SECONDS: "45",
      INQUIRY_RETENTION_MONTHS: "6",
      DATABASE_URL: "postgres://runsmart:s3cret@db.internal:5433/runsmart",
      PORT: "8080",
    });
    expect(config).toEqual({
      dbPath: "/var/lib/runsmart/inquiries.db",
      databaseUrl: "postgres://runsmart:s3cret@db.internal:5433/runsmart",
      mail: {
        smtpUrl: smtp.SMTP_URL,
        coachAddress: "coach@runsmart.coach",
        fromAddress: "inquiries@runsmart.coach",
        fromName: "Nicole at Run Smart",
      },
      siteUrl: "https://runsmart.coach",
      allowedOrigins: ["https://runsmart.coach", "https://www.runsmart.coach", "https://staging.runsmart.coach"],
      trustProxyHops: 1,
      formSecret: "k".repeat(32),
      rateLimit: { max: 100, windowMs: 60_000 },
      minFillMs: 0,
      mailRetryMs: 2000,
      mailLeaseMs: 45_000,
      retentionMonths: 6,
    });
  });

  it.each([
    ["false", 0],
    ["0", 0],
    ["no", 0],
    ["TRUE", 1],
    ["2", 2],
  ])("reads TRUST_PROXY=%s as %d hop(s)", (value, hops) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxyHops).toBe(hops);
  });

  it("names every bad variable in one message, without repeating secret values", () => {
    const message = problems({
      SMTP_URL: "http://user:hunter2@mail.example.com",
      SITE_URL: "runsmart.coach",
      TRUST_PROXY: "sometimes",
      INQUIRY_FORM_SECRET: "short",
      INQUIRY_RATE_LIMIT_MAX: "five",
      INQUIRY_ALLOWED_ORIGINS: "ftp://x.example",
    });
    expect(message).toMatch(/^Invalid inquiry server configuration:/);
    for (const name of [
      "SMTP_URL",
      "INQUIRY_COACH_EMAIL",
      "INQUIRY_FROM_EMAIL",
      "SITE_URL",
      "TRUST_PROXY",
      "INQUIRY_FORM_SECRET",
      "INQUIRY_RATE_LIMIT_MAX",
      "INQUIRY_ALLOWED_ORIGINS",
    ]) {
      expect(message).toContain(`  - ${name}`);
    }
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("short");
  });

  it("requires the coach and sender addresses only with SMTP", () => {
    expect(problems({ SMTP_URL: smtp.SMTP_URL })).toMatch(/INQUIRY_COACH_EMAIL: is required when SMTP_URL is set/);
    expect(problems({ INQUIRY_COACH_EMAIL: "coach@runsmart.coach" })).toBe("");
    expect(problems({ ...smtp, INQUIRY_COACH_EMAIL: "coach" })).toMatch(/INQUIRY_COACH_EMAIL: must be an email/);
  });

  it("refuses a sender name that could break the From line", () => {
    expect(problems({ INQUIRY_FROM_NAME: "Run\r\nBcc: x@y.z" })).toMatch(/INQUIRY_FROM_NAME/);
    expect(problems({ INQUIRY_FROM_NAME: 'Run "Smart" <x@y.z>' })).toMatch(/INQUIRY_FROM_NAME/);
  });
});

describe("the start-up line", () => {
  it("says in one line that mail stays pending without SMTP", () => {
    const line = describeConfig(loadConfig({}));
    expect(line).not.toContain("\n");
    expect(line).toMatch(/SMTP_URL is not set, so inquiries are stored and their emails stay pending/);
    expect(line).toContain("inquiries kept 12 months");
  });

  it("shows the SMTP host but never the password", () => {
    const line = describeConfig(loadConfig(smtp));
    expect(line).toContain("smtp.example.com:465");
    expect(line).not.toContain("hunter2");
  });

  it("names the store in use and where: the SQLite file, or PostgreSQL without its password", () => {
    expect(describeConfig(loadConfig({ INQUIRY_DB_PATH: "/var/lib/runsmart/inquiries.db" }))).toMatch(
      /^inquiries: store SQLite \/var\/lib\/runsmart\/inquiries\.db;/,
    );
    const line = describeConfig(
      loadConfig({ DATABASE_URL: "postgres://runsmart:hunter2@db.internal:5433/run%20smart?password=hunter3" }),
    );
    expect(line).toMatch(/^inquiries: store PostgreSQL runsmart@db\.internal:5433\/run smart;/);
    expect(line).not.toMatch(/hunter|password/);
    expect(describeDatabaseUrl("postgres:///runsmart?host=/var/run/postgresql")).toBe(
      "PostgreSQL /var/run/postgresql/runsmart",
    );
  });

  it("calls out test overrides", () => {
    expect(describeConfig(loadConfig({ INQUIRY_RATE_LIMIT_MAX: "1000" }))).toContain("TEST OVERRIDES");
    expect(describeConfig(loadConfig({}))).not.toContain("TEST OVERRIDES");
  });
});
