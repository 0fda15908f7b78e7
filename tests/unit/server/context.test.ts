import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inlineStore } from "../../../src/server/async-store.ts";
import type { AsyncInquiryStore } from "../../../src/server/async-store.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { loadConfig } from "../../../src/server/config.ts";
import { THANKS_PATH, createInquiryService } from "../../../src/server/context.ts";
import type { InquiryService } from "../../../src/server/context.ts";
import { issueFormToken, verifyFormToken } from "../../../src/server/form-token.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import type { MailMessage } from "../../../src/server/mail.ts";
import { openStore } from "../../../src/server/store.ts";
import { T0, deliverAll, faultyStore, inquiry, seedInquiry, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let service: InquiryService | undefined;

beforeEach(() => {
  tmp = tempDir();
});

afterEach(async () => {
  await service?.close();
  service = undefined;
  tmp.cleanup();
});

function body(token: string | undefined, message = "Please help me get stronger for my first marathon."): string {
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

function post(json: string, origin?: string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (origin !== undefined) headers["origin"] = origin;
  return new Request("http://localhost:4321/coaching/inquiry/", { method: "POST", headers, body: json });
}

/** A store in this thread on the test database. */
function store(): AsyncInquiryStore {
  return inlineStore(openStore(tmp.dbPath));
}

const SMTP_ENV = {
  SMTP_URL: "smtp://127.0.0.1:1",
  INQUIRY_COACH_EMAIL: "coach@runsmart.test",
  INQUIRY_FROM_EMAIL: "inquiries@runsmart.test",
};

/** A service over `asyncStore` at T0 with the daily purge off and a logger nobody reads. */
function quietService(asyncStore: AsyncInquiryStore): Promise<InquiryService> {
  return createInquiryService({
    config: loadConfig({ INQUIRY_DB_PATH: tmp.dbPath }),
    store: asyncStore,
    clock: manualClock(T0),
    logger: memoryLogger(),
    retention: false,
  });
}

describe("the inquiry service", () => {
  it("runs without SMTP: stores inquiries and keeps their mail pending", async () => {
    const logger = memoryLogger();
    const clock = manualClock(T0);
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath });
    service = await createInquiryService({ config, store: store(), clock, logger });
    expect(service.outbox).toBeNull();
    expect(service.config).toBe(config);

    const token = service.issueFormToken();
    clock.advance(10_000);
    const result = await service.handle(post(body(token), "http://localhost:4321"), "192.0.2.1");
    expect(result).toMatchObject({ status: 201, confirmationEmail: true });
    const stored = await service.store.list({ includeSpam: true });
    expect(stored.map((i) => i.spamReason)).toEqual([null]);
    expect((await service.store.messagesFor(stored[0]?.id ?? 0)).map((m) => m.status)).toEqual(["pending", "pending"]);
    expect(logger.lines.filter((l) => l.level !== "info")).toEqual([]);
  });

  it("sends mail through the configured transport when SMTP is set", async () => {
    const sent: MailMessage[] = [];
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath, INQUIRY_MIN_FILL_SECONDS: "0", ...SMTP_ENV });
    service = await createInquiryService({
      config,
      store: store(),
      clock: { now: () => new Date() },
      logger: memoryLogger(),
      transport: () => ({
        send: (message) => {
          sent.push(message);
          return Promise.resolve();
        },
        close: () => undefined,
      }),
    });
    expect(service.outbox).not.toBeNull();
    const result = await service.handle(post(body(service.issueFormToken())), "192.0.2.1");
    expect(result.status).toBe(201);
    await expect.poll(() => sent.length, { timeout: 2000 }).toBe(2);
    expect(sent.map((m) => m.to.address).sort()).toEqual(["coach@runsmart.test", "sam@example.com"]);
    expect(sent.find((m) => m.to.address === "coach@runsmart.test")?.to.name).toBe("Nicole Sifuentes");
  });

  it("keeps the generated form secret across restarts, so open forms stay valid", async () => {
    const clock = manualClock(T0);
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath });
    service = await createInquiryService({ config, store: store(), clock, logger: memoryLogger() });
    const token = service.issueFormToken();
    await service.close();
    service = await createInquiryService({ config, store: store(), clock, logger: memoryLogger() });
    clock.advance(10_000);
    expect((await service.handle(post(body(token)), "192.0.2.1")).status).toBe(201);
    expect((await service.store.list({ includeSpam: true })).map((i) => i.spamReason)).toEqual([null]);
  });

  it("signs with INQUIRY_FORM_SECRET and still accepts tokens signed with the stored secret", async () => {
    const clock = manualClock(T0);
    const configured = "c".repeat(40);
    const first = store();
    const storedSecret = await first.formSecret();
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath, INQUIRY_FORM_SECRET: configured });
    service = await createInquiryService({ config, store: first, clock, logger: memoryLogger() });
    expect(verifyFormToken(service.issueFormToken(), T0, [configured], 0).status).toBe("ok");
    const older = issueFormToken(T0, storedSecret);
    clock.advance(10_000);
    expect((await service.handle(post(body(older)), "192.0.2.1")).status).toBe(201);
  });

  it("serves forms even when the database cannot give its secret, from a secret kept in memory", async () => {
    const clock = manualClock(T0);
    const logger = memoryLogger();
    const faulty = faultyStore(store());
    faulty.failing.add("formSecret");
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath });
    service = await createInquiryService({ config, store: faulty.store, clock, logger });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: "warn", message: expect.stringContaining("form-token secret") as string }),
    );
    const token = service.issueFormToken();
    expect(token).toMatch(/^v2\./);
    clock.advance(10_000);
    expect((await service.handle(post(body(token)), "192.0.2.1")).status).toBe(201);
  });

  it("issues form tokens without touching the database", async () => {
    const faulty = faultyStore(store());
    service = await quietService(faulty.store);
    const before = faulty.calls.length;
    for (const method of ["formSecret", "save", "diagnostics"] as const) faulty.failing.add(method);
    const tokens = Array.from({ length: 5 }, () => service?.issueFormToken());
    expect(new Set(tokens).size).toBe(5);
    expect(faulty.calls.slice(before)).toEqual([]);
  });

  it("answers a too-fast submission with 409 and a fresh token, and accepts it once more", async () => {
    const clock = manualClock(T0);
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath });
    service = await createInquiryService({ config, store: store(), clock, logger: memoryLogger() });
    const first = await service.handle(post(body(service.issueFormToken())), "192.0.2.1");
    expect(first).toMatchObject({ kind: "resend", status: 409 });
    clock.advance(3000);
    const again = await service.handle(post(body(first.kind === "resend" ? first.formToken : "")), "192.0.2.1");
    expect(again).toMatchObject({ kind: "accepted", status: 201 });
  });

  it("refuses posts from origins that are not configured, and rate-limits by the address it is given", async () => {
    const clock = manualClock(T0);
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath, SITE_URL: "https://runsmart.test" });
    service = await createInquiryService({ config, store: store(), clock, logger: memoryLogger() });
    const token = service.issueFormToken();
    clock.advance(10_000);
    expect((await service.handle(post(body(token), "http://localhost:4321"), "192.0.2.1")).status).toBe(403);
    // Five stored inquiries use the address's five slots; a "send once more" (a token too fresh) uses none.
    const tooFresh = await service.handle(post(body(service.issueFormToken()), "https://runsmart.test"), "192.0.2.1");
    expect(tooFresh.status).toBe(409);
    expect(service.rateLimiter.size()).toBe(0);
    const tokens = Array.from({ length: 7 }, () => service?.issueFormToken() ?? "");
    clock.advance(10_000);
    for (let i = 0; i < 5; i += 1) {
      const result = await service.handle(
        post(body(tokens[i] ?? "", `Inquiry number ${i} about my marathon.`), "https://runsmart.test"),
        "192.0.2.1",
      );
      expect(result.status).toBe(201);
    }
    expect(service.rateLimiter.size()).toBe(1);
    const limited = await service.handle(
      post(body(tokens[5] ?? "", "One more about my marathon."), "https://runsmart.test"),
      "192.0.2.1",
    );
    expect(limited.status).toBe(429);
    expect(
      (
        await service.handle(
          post(body(tokens[6] ?? "", "From someone else entirely, about hills."), "https://runsmart.test"),
          "192.0.2.2",
        )
      ).status,
    ).toBe(201);
    expect(THANKS_PATH).toBe("/coaching/thanks/");
  });

  it("purges inquiries past the retention period at start, keeping what the coach never received", async () => {
    const seed = openStore(tmp.dbPath);
    const old = new Date("2025-01-01T00:00:00Z");
    seedInquiry(seed, old);
    deliverAll(seed, old);
    const undelivered = seedInquiry(seed, old, { email: "kim@example.com" });
    seedInquiry(seed, T0, { message: "m".repeat(30) });
    seed.close();

    const logger = memoryLogger();
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath, INQUIRY_RETENTION_MONTHS: "6" });
    service = await createInquiryService({ config, store: store(), clock: manualClock(T0), logger });
    await expect
      .poll(() => logger.lines.find((l) => l.message === "retention purge")?.fields, { timeout: 2000 })
      .toEqual({ removed: 1, keptUndelivered: 1, before: "2026-05-25T10:00:00.000Z" });
    const left = await service.store.list({ includeSpam: true });
    expect(left.map((i) => i.email).sort()).toEqual([inquiry.email, "kim@example.com"].sort());
    expect(left.some((i) => i.id === undelivered.id)).toBe(true);
  });

  it("does not purge when retention is off", async () => {
    const seed = openStore(tmp.dbPath);
    seedInquiry(seed, new Date("2020-01-01T00:00:00Z"));
    deliverAll(seed, T0);
    seed.close();
    const faulty = faultyStore(store());
    service = await quietService(faulty.store);
    // Give a purge every chance to run: a round trip through the store after start.
    await service.store.diagnostics();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(faulty.calls.map((c) => c.method)).not.toContain("purgeBefore");
    expect(await service.store.list({ includeSpam: true })).toHaveLength(1);
  });

  it("closes the outbox, the transport and the store", async () => {
    let transportClosed = false;
    const config = loadConfig({ INQUIRY_DB_PATH: tmp.dbPath, ...SMTP_ENV });
    service = await createInquiryService({
      config,
      store: store(),
      clock: { now: () => new Date() },
      logger: memoryLogger(),
      transport: () => ({
        send: () => Promise.resolve(),
        close: () => {
          transportClosed = true;
        },
      }),
    });
    const closing = service;
    service = undefined;
    await closing.close();
    expect(transportClosed).toBe(true);
    await expect(closing.store.list({ includeSpam: true })).rejects.toThrow();
  });
});
