import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { manualClock } from "../../../src/server/clock.ts";
import { ConfigError } from "../../../src/server/config.ts";
import {
  closeServerContext,
  createServerContext,
  getServerContext,
  handleInquiryRequest,
  tryIssueFormToken,
} from "../../../src/server/context.ts";
import type { ServerContext } from "../../../src/server/context.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import type { MailMessage } from "../../../src/server/mail.ts";
import { T0, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let context: ServerContext | undefined;

beforeEach(() => {
  tmp = tempDir();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  await closeServerContext();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  tmp.cleanup();
});

function body(token: string, message = "Please help me get stronger for my first marathon."): string {
  return JSON.stringify({
    name: "Sam",
    email: "sam@example.com",
    goal: "get-stronger",
    yearsRunning: 1,
    weeklyVolume: 20,
    volumeUnit: "km",
    lifting: "none",
    message,
    consent: true,
    formToken: token,
  });
}

function post(json: string): Request {
  return new Request("http://localhost:4321/coaching/inquiry/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: json,
  });
}

describe("a server context", () => {
  it("runs without SMTP: stores inquiries, keeps mail pending and says so in one start-up line", async () => {
    const logger = memoryLogger();
    const clock = manualClock(T0);
    context = createServerContext({ env: { INQUIRY_DB_PATH: tmp.dbPath }, logger, clock });
    expect(context.outbox).toBeNull();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]?.message).toMatch(/^inquiries: .*SMTP_URL is not set.*stay pending/);

    const token = context.issueFormToken();
    clock.advance(10_000);
    const result = await context.handle(post(body(token)), "192.0.2.1");
    expect(result.status).toBe(201);
    const stored = context.store.list({ includeSpam: true });
    expect(stored.map((i) => i.spamReason)).toEqual([null]);
    expect(context.store.messagesFor(stored[0]?.id ?? 0).map((m) => m.status)).toEqual(["pending", "pending"]);
  });

  it("sends mail through the configured transport when SMTP is set", async () => {
    const sent: MailMessage[] = [];
    context = createServerContext({
      env: {
        INQUIRY_DB_PATH: tmp.dbPath,
        SMTP_URL: "smtp://127.0.0.1:1",
        INQUIRY_COACH_EMAIL: "coach@runsmart.test",
        INQUIRY_FROM_EMAIL: "inquiries@runsmart.test",
        INQUIRY_MIN_FILL_SECONDS: "0",
      },
      logger: memoryLogger(),
      transport: () => ({
        send: (message) => {
          sent.push(message);
          return Promise.resolve();
        },
        close: () => undefined,
      }),
    });
    const result = await context.handle(post(body(context.issueFormToken())), "192.0.2.1");
    expect(result.status).toBe(201);
    await expect.poll(() => sent.length, { timeout: 2000 }).toBe(2);
    expect(sent.map((m) => m.to.address).sort()).toEqual(["coach@runsmart.test", "sam@example.com"]);
    expect(sent.find((m) => m.to.address === "coach@runsmart.test")?.to.name).toBe("Nicole Sifuentes");
  });

  it("keeps the generated form secret across restarts, so open forms stay valid", async () => {
    const clock = manualClock(T0);
    context = createServerContext({ env: { INQUIRY_DB_PATH: tmp.dbPath }, logger: memoryLogger(), clock });
    const token = context.issueFormToken();
    await context.close();
    context = createServerContext({ env: { INQUIRY_DB_PATH: tmp.dbPath }, logger: memoryLogger(), clock });
    clock.advance(10_000);
    await context.handle(post(body(token)), "192.0.2.1");
    expect(context.store.list({ includeSpam: true }).map((i) => i.spamReason)).toEqual([null]);
  });

  it("refuses to start on a bad environment, naming the variable", () => {
    const logger = memoryLogger();
    expect(() => createServerContext({ env: { INQUIRY_DB_PATH: tmp.dbPath, TRUST_PROXY: "maybe" }, logger })).toThrow(
      ConfigError,
    );
    expect(logger.lines[0]).toMatchObject({
      level: "error",
      message: expect.stringContaining("TRUST_PROXY") as string,
    });
  });
});

describe("the process-wide context", () => {
  it("is created once from process.env", async () => {
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    vi.stubEnv("INQUIRY_DB_PATH", tmp.dbPath);
    vi.stubEnv("INQUIRY_MIN_FILL_SECONDS", "0");
    expect(getServerContext()).toBe(getServerContext());
    const token = tryIssueFormToken();
    expect(token).toMatch(/^v1\./);
    const result = await handleInquiryRequest(post(body(token ?? "")), "192.0.2.1");
    expect(result.status).toBe(201);
  });

  it("answers 503 (and logs) when it cannot be created, and tries again on the next request", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    vi.stubEnv("INQUIRY_DB_PATH", tmp.dbPath);
    vi.stubEnv("SMTP_URL", "smtp://mail.example.com");
    const result = await handleInquiryRequest(post(body("x")), "192.0.2.1");
    expect(result).toMatchObject({ status: 503, headers: { "Retry-After": "60" } });
    expect(tryIssueFormToken()).toBeUndefined();
    expect(errors.mock.calls.some(([line]) => String(line).includes("INQUIRY_COACH_EMAIL"))).toBe(true);

    vi.stubEnv("SMTP_URL", "");
    expect((await handleInquiryRequest(post(body("x")), "192.0.2.1")).status).toBe(201);
  });
});
