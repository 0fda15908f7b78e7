import { STATUS_CODES } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { StoreTimeoutError, inlineStore } from "../../../src/server/async-store.ts";
import type { AsyncInquiryStore, SaveOptions } from "../../../src/server/async-store.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { FORM_TOKEN_MAX_AGE_MS, issueFormToken, verifyFormToken } from "../../../src/server/form-token.ts";
import { handleInquiry, originAllowed, unavailableResult } from "../../../src/server/handler.ts";
import type { HandlerConfig, InquiryDeps } from "../../../src/server/handler.ts";
import { REFUSAL_MESSAGES, toResponse } from "../../../src/server/result.ts";
import type { InquiryResult } from "../../../src/server/result.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import { createRateLimiter } from "../../../src/server/rate-limit.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { T0, minutes, tempDir } from "./helpers.ts";

const URL_ = "https://runsmart.test/coaching/inquiry/";
const SECRET = "s".repeat(40);

const fields = {
  name: "Sam Runner",
  email: "sam@example.com",
  goal: "faster-race",
  goalRace: "Berlin Marathon",
  goalRaceDate: "2027-09-26",
  yearsRunning: "4",
  weeklyVolume: "45",
  volumeUnit: "km",
  lifting: "some",
  message: "I want to break three hours and I keep getting hurt in the build-up.",
  timeZone: "Europe/Berlin",
  consent: "on",
};

let tmp: ReturnType<typeof tempDir>;
let store: InquiryStore;
let clock: ReturnType<typeof manualClock>;
let logger: ReturnType<typeof memoryLogger>;
let wakes: number;
let deps: InquiryDeps;

const config: HandlerConfig = {
  allowedOrigins: ["https://runsmart.test", "https://staging.runsmart.test"],
  minFillMs: 3000,
  formSecrets: [SECRET],
  thanksPath: "/coaching/thanks/",
};

function makeDeps(overrides: Partial<InquiryDeps> = {}): InquiryDeps {
  return {
    store: inlineStore(store),
    config,
    clock,
    rateLimiter: createRateLimiter({ max: 5, windowMs: minutes(10) }),
    logger,
    outbox: {
      wake: () => {
        wakes += 1;
      },
    },
    ...overrides,
  };
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(tmp.dbPath);
  clock = manualClock(T0);
  logger = memoryLogger();
  wakes = 0;
  deps = makeDeps();
});

afterEach(() => {
  store.close();
  tmp.cleanup();
});

/** A token for a form served `ago` milliseconds before now. */
function token(ago = 10_000, nonce?: string): string {
  return issueFormToken(new Date(clock.now().getTime() - ago), SECRET, nonce);
}

function jsonBody(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...fields,
    yearsRunning: 4,
    weeklyVolume: 45,
    consent: true,
    newsletter: false,
    formToken: token(),
    website: "",
    ...patch,
  };
}

function postJson(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

function postForm(patch: Record<string, string> = {}, headers: Record<string, string> = {}): Request {
  const body = new URLSearchParams({ ...fields, formToken: token(), website: "", ...patch });
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: body.toString(),
  });
}

async function submit(request: Request, meta = { clientAddress: "203.0.113.7" }): Promise<InquiryResult> {
  return handleInquiry(request, deps, meta);
}

function rows(): { total: number; spam: number; outbox: number } {
  const all = store.list({ includeSpam: true });
  return {
    total: all.length,
    spam: all.filter((i) => i.spamReason !== null).length,
    outbox: all.reduce((n, i) => n + store.messagesFor(i.id).length, 0),
  };
}

describe("a valid inquiry", () => {
  it("as JSON: stored, emails queued, outbox woken, 201 with the reference", async () => {
    const result = await submit(postJson(jsonBody()));
    expect(result).toMatchObject({ kind: "accepted", mode: "json", status: 201 });
    const reference = result.kind === "accepted" ? result.reference : "";
    expect(store.find(reference)?.email).toBe("sam@example.com");
    expect(rows()).toEqual({ total: 1, spam: 0, outbox: 2 });
    expect(wakes).toBe(1);
    const response = toResponse(result);
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ reference, confirmationEmail: true });
  });

  it("as a plain-HTML form: stored, then 303 to the thanks page with the reference", async () => {
    const result = await submit(postForm());
    expect(result).toMatchObject({ kind: "accepted", mode: "form", status: 303 });
    const reference = result.kind === "accepted" ? result.reference : "";
    expect(result.headers["Location"]).toBe(`/coaching/thanks/?ref=${reference}&email=1`);
    expect(store.find(reference)?.consentAt).toBe(T0.toISOString());
    const response = toResponse(result);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/coaching/thanks/?ref=${reference}&email=1`);
  });

  it("as multipart form data", async () => {
    const data = new FormData();
    for (const [key, value] of Object.entries({ ...fields, formToken: token() })) data.append(key, value);
    const result = await submit(new Request(URL_, { method: "POST", body: data }));
    expect(result).toMatchObject({ kind: "accepted", mode: "form", status: 303 });
  });

  it("from the site's own origin or an allowed one", async () => {
    expect((await submit(postJson(jsonBody(), { origin: "https://runsmart.test" }))).status).toBe(201);
    const staging = await submit(
      postJson(jsonBody({ message: "x".repeat(25) }), { origin: "https://staging.runsmart.test" }),
    );
    expect(staging.status).toBe(201);
  });
});

describe("refusals", () => {
  it("405 for anything but POST", async () => {
    const result = await submit(new Request(URL_, { method: "GET" }));
    expect(result).toMatchObject({ status: 405, headers: { Allow: "POST" } });
  });

  it.each(["text/plain", "application/xml", "", "application/jsonx", "text/html; charset=utf-8"])(
    "415 for the content type %j",
    async (contentType) => {
      const result = await submit(
        new Request(URL_, { method: "POST", headers: { "content-type": contentType }, body: "{}" }),
      );
      expect(result.status).toBe(415);
      expect(rows().total).toBe(0);
    },
  );

  it("403 for a post from another origin", async () => {
    const result = await submit(postJson(jsonBody(), { origin: "https://evil.example" }));
    expect(result.status).toBe(403);
    expect(rows().total).toBe(0);
  });

  it("413 for a body over 32 KB that declares its length", async () => {
    const result = await submit(postJson(jsonBody({ message: "x".repeat(33 * 1024) })));
    expect(result).toMatchObject({ kind: "refused", status: 413 });
  });

  it("413 for a streamed body without Content-Length, stopping the stream early", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`{"message":"${"x".repeat(4096)}`);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const result = await submit(request);
    expect(result.status).toBe(413);
    expect(pulled).toBeLessThan(20);
  });

  it("413 for a form post too", async () => {
    const result = await submit(postForm({ message: "y".repeat(40_000) }));
    expect(result).toMatchObject({ mode: "form", status: 413 });
  });

  it("400 for a body that is not JSON", async () => {
    const result = await submit(
      new Request(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" }),
    );
    expect(result).toMatchObject({ kind: "refused", status: 400 });
  });
});

describe("the origin check", () => {
  it.each([
    { origin: "https://runsmart.test", site: undefined, allowed: true },
    { origin: "https://staging.runsmart.test", site: "same-site", allowed: true },
    { origin: "https://evil.example", site: undefined, allowed: false },
    { origin: "https://evil.example", site: "same-origin", allowed: false },
    { origin: "http://runsmart.test", site: undefined, allowed: false },
    { origin: "https://runsmart.test:8443", site: undefined, allowed: false },
    { origin: "https://www.runsmart.test", site: undefined, allowed: false },
    { origin: "https://runsmart.test.evil.example", site: undefined, allowed: false },
    { origin: "null", site: undefined, allowed: false },
    { origin: "", site: undefined, allowed: false },
    { origin: undefined, site: undefined, allowed: true },
    { origin: undefined, site: "same-origin", allowed: true },
    { origin: undefined, site: "none", allowed: true },
    { origin: undefined, site: "cross-site", allowed: false },
    { origin: undefined, site: "same-site", allowed: false },
  ])("Origin $origin with Sec-Fetch-Site $site: allowed = $allowed", async ({ origin, site, allowed }) => {
    const headers: Record<string, string> = {};
    if (origin !== undefined) headers["origin"] = origin;
    if (site !== undefined) headers["sec-fetch-site"] = site;
    expect(originAllowed(new Headers(headers), config.allowedOrigins)).toBe(allowed);
    for (const request of [postJson(jsonBody(), headers), postForm({}, headers)]) {
      const result = await submit(request);
      if (allowed) expect(result.kind).toBe("accepted");
      else expect(result).toMatchObject({ kind: "refused", status: 403, message: REFUSAL_MESSAGES.origin });
    }
    expect(rows().total).toBe(allowed ? 1 : 0);
  });

  it("never compares with the request's own Host, which the client chooses", async () => {
    const request = new Request("https://evil.example/coaching/inquiry/", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example", host: "evil.example" },
      body: JSON.stringify(jsonBody()),
    });
    expect((await submit(request)).status).toBe(403);
  });
});

describe("validation", () => {
  it("422 with field errors for JSON, nothing stored", async () => {
    const result = await submit(
      postJson(jsonBody({ email: "not an address", consent: false, name: "Sam\r\nBcc: x@y.z" })),
    );
    expect(result).toMatchObject({ kind: "invalid", status: 422, mode: "json" });
    const body = (await toResponse(result).json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["consent", "email", "name"]);
    expect(body.errors["name"]).toMatch(/one line/);
    expect(rows().total).toBe(0);
  });

  it("422 for a form, with every entered value and the original token to re-render", async () => {
    const formToken = token();
    const result = await submit(postForm({ yearsRunning: "four", consent: "", formToken, website: "" }));
    expect(result.kind).toBe("invalid");
    if (result.kind !== "invalid") return;
    expect(Object.keys(result.errors).sort()).toEqual(["consent", "yearsRunning"]);
    expect(result.values).toMatchObject({ name: "Sam Runner", yearsRunning: "four", message: fields.message });
    expect(result.values.consent).toBeUndefined();
    expect(result.formToken).toBe(formToken);
    expect(rows().total).toBe(0);
  });
});

describe("the rate limit", () => {
  it("answers the sixth inquiry from one address in 10 minutes with 429 and Retry-After", async () => {
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1000);
      const result = await submit(postJson(jsonBody({ message: `Inquiry number ${i} about my training plan.` })));
      expect(result.status).toBe(201);
    }
    clock.advance(1000);
    const blocked = await submit(postForm({ message: "One more inquiry about my training plan." }));
    expect(blocked).toMatchObject({ kind: "refused", status: 429, mode: "form" });
    expect(blocked.headers["Retry-After"]).toBe(String(minutes(10) / 1000 - 5));
    expect(blocked.kind === "refused" && blocked.values.message).toBe("One more inquiry about my training plan.");
    expect(rows().total).toBe(5);

    const other = await submit(postJson(jsonBody({ message: "From someone else entirely, hello." })), {
      clientAddress: "198.51.100.1",
    });
    expect(other.status).toBe(201);

    clock.advance(minutes(10));
    expect((await submit(postJson(jsonBody({ message: "Back after the window has passed." })))).status).toBe(201);
  });

  it("never reads X-Forwarded-For itself: the server resolves the address (client-address.ts)", async () => {
    for (let i = 0; i < 5; i += 1) {
      await submit(
        postJson(jsonBody({ message: `Spoofed inquiry number ${i} here.` }), { "x-forwarded-for": `10.0.0.${i}` }),
      );
    }
    const sixth = await submit(
      postJson(jsonBody({ message: "Spoofed inquiry number six here." }), { "x-forwarded-for": "10.0.0.99" }),
    );
    expect(sixth.status).toBe(429);
  });

  it("counts an IPv6 client by its /64, and clients with no known address together", async () => {
    for (let i = 0; i < 5; i += 1) {
      const result = await submit(postJson(jsonBody({ message: `From IPv6 number ${i}, hello there.` })), {
        clientAddress: `2001:db8:1:2::${i + 1}`,
      });
      expect(result.status).toBe(201);
    }
    const sameNetwork = await submit(postJson(jsonBody({ message: "From the same /64 again." })), {
      clientAddress: "2001:db8:1:2:ffff::1",
    });
    expect(sameNetwork.status).toBe(429);
    const unknown = { clientAddress: undefined } as unknown as { clientAddress: string };
    for (let i = 0; i < 5; i += 1) {
      expect((await submit(postJson(jsonBody({ message: `No address number ${i} here.` })), unknown)).status).toBe(201);
    }
    expect((await submit(postJson(jsonBody({ message: "No address, sixth time." })), unknown)).status).toBe(429);
  });
});

describe("spam: only a filled honeypot", () => {
  it("honeypot: the visitor sees success; stored as spam; no email queued", async () => {
    const result = await submit(postForm({ website: "http://cheap-pills.example" }));
    expect(result).toMatchObject({ kind: "accepted", status: 303, confirmationEmail: false });
    const reference = result.kind === "accepted" ? result.reference : "";
    expect(result.headers["Location"]).toBe(`/coaching/thanks/?ref=${reference}`);
    expect(store.find(reference)?.spamReason).toBe("honeypot");
    expect(rows()).toEqual({ total: 1, spam: 1, outbox: 0 });
    expect(wakes).toBe(0);
  });

  it.each([
    { name: "no token", formToken: () => undefined },
    { name: "a forged token", formToken: () => issueFormToken(T0, "another secret entirely!!!!!!!!!!") },
    { name: "a too-fast token", formToken: () => token(10) },
  ])("a filled honeypot with $name is still filed as spam, not asked to send again", async ({ formToken }) => {
    const result = await submit(postJson(jsonBody({ website: "x", formToken: formToken() })));
    expect(result).toMatchObject({ kind: "accepted", status: 201, confirmationEmail: false });
    expect(rows()).toEqual({ total: 1, spam: 1, outbox: 0 });
  });

  it("a honeypot of only whitespace is empty: a real inquiry", async () => {
    await submit(postForm({ website: "  " }));
    expect(rows()).toEqual({ total: 1, spam: 0, outbox: 2 });
  });

  it("accepts a form submitted exactly at the minimum fill time", async () => {
    await submit(postJson(jsonBody({ formToken: token(3000) })));
    expect(rows()).toEqual({ total: 1, spam: 0, outbox: 2 });
  });
});

describe("a token that cannot vouch for the submission: 409, send once more", () => {
  /** Each case: the token to send, and the serving time the fresh token must carry (now if undefined). */
  const cases: { name: string; formToken: () => string | undefined; keepsServedAt?: () => Date }[] = [
    {
      name: "too fast (2.999 s after the form was served)",
      formToken: () => token(2999),
      keepsServedAt: () => at(-2999),
    },
    // A serving time in the future (another instance's clock ahead) is not kept: the visitor would be
    // asked again and again until the clocks agree.
    { name: "too fast (a token from the future)", formToken: () => token(-60_000) },
    { name: "missing", formToken: () => undefined },
    { name: "empty", formToken: () => "" },
    { name: "forged", formToken: () => issueFormToken(T0, "another secret entirely!!!!!!!!!!") },
    { name: "garbage", formToken: () => "v2.not-a-token" },
    { name: "expired (a tab left open over two days)", formToken: () => token(FORM_TOKEN_MAX_AGE_MS + 1) },
  ];

  function at(ms: number): Date {
    return new Date(clock.now().getTime() + ms);
  }

  it.each(cases)("$name, as a form: every value kept and a fresh valid token", async ({ formToken, keepsServedAt }) => {
    const sent = formToken();
    const patch: Record<string, string> = { newsletter: "on" };
    if (sent !== undefined) patch["formToken"] = sent;
    const body = new URLSearchParams({ ...fields, website: "", ...patch });
    const result = await submit(
      new Request(URL_, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: body.toString(),
      }),
    );
    expect(result).toMatchObject({ kind: "resend", mode: "form", status: 409, message: REFUSAL_MESSAGES.resend });
    if (result.kind !== "resend") return;
    expect(result.values).toEqual({ ...fields, newsletter: "on" });
    expect(rows()).toEqual({ total: 0, spam: 0, outbox: 0 });
    expect(wakes).toBe(0);

    // The fresh token is genuine, is not the one sent, and once the fill time has passed it works.
    expect(result.formToken).toBeDefined();
    expect(result.formToken).not.toBe(sent);
    const fresh = result.formToken ?? "";
    const servedAt = keepsServedAt?.() ?? clock.now();
    expect(verifyFormToken(fresh, new Date(servedAt.getTime() + 3000), [SECRET], 3000)).toMatchObject({
      status: "ok",
      servedAt,
    });
    clock.set(new Date(Math.max(clock.now().getTime(), servedAt.getTime()) + 3000));
    const again = await submit(postForm({ formToken: fresh }));
    expect(again).toMatchObject({ kind: "accepted", status: 303, confirmationEmail: true });
    expect(rows()).toEqual({ total: 1, spam: 0, outbox: 2 });
  });

  it.each(cases)("$name, as JSON: 409 with resend and a fresh token", async ({ formToken }) => {
    const result = await submit(postJson(jsonBody({ formToken: formToken() })));
    expect(result).toMatchObject({ kind: "resend", mode: "json", status: 409 });
    const response = toResponse(result);
    expect(response.status).toBe(409);
    expect(response.statusText).toBe(STATUS_CODES[409]);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { message: string; resend: boolean; formToken: string };
    expect(body).toEqual({ message: REFUSAL_MESSAGES.resend, resend: true, formToken: expect.any(String) as string });
    expect(verifyFormToken(body.formToken, at(minutes(2)), [SECRET], 0).status).toBe("ok");
    expect(rows().total).toBe(0);
  });

  it("a replayed token (already carried an inquiry) gets the same answer; the first inquiry stands", async () => {
    const once = token(10_000, "replayed-nonce00");
    const first = await submit(postForm({ formToken: once }));
    expect(first.kind).toBe("accepted");
    clock.advance(minutes(1));
    const replay = await submit(postForm({ formToken: once, message: "Another message sent with the same token." }));
    expect(replay).toMatchObject({ kind: "resend", status: 409 });
    if (replay.kind !== "resend") return;
    expect(replay.values.message).toBe("Another message sent with the same token.");
    expect(replay.formToken).not.toBe(once);
    expect(verifyFormToken(replay.formToken, clock.now(), [SECRET], 0)).toMatchObject({ status: "ok" });
    expect(rows()).toEqual({ total: 1, spam: 0, outbox: 2 });
    expect(logger.lines.map((l) => l.message)).toContain("form token already used: asked to send once more");

    // Sending once more with the fresh token stores it.
    clock.advance(3000);
    const again = await submit(
      postForm({ formToken: replay.formToken ?? "", message: "Another message sent with the same token." }),
    );
    expect(again.kind).toBe("accepted");
    expect(rows().total).toBe(2);
  });

  it("the same token with the same message (a double click) is answered with the first reference", async () => {
    const once = token();
    const first = await submit(postJson(jsonBody({ formToken: once })));
    const second = await submit(postJson(jsonBody({ formToken: once })));
    expect(second).toMatchObject({ kind: "accepted", status: 201, confirmationEmail: false });
    expect(first.kind === "accepted" && second.kind === "accepted" && second.reference === first.reference).toBe(true);
    expect(rows().total).toBe(1);
  });

  it("without a configured secret still answers 409 (with no token) rather than failing", async () => {
    deps = makeDeps({ config: { ...config, formSecrets: [] } });
    const result = await submit(postForm({ formToken: "" }));
    expect(result).toMatchObject({ kind: "resend", status: 409, formToken: undefined });
  });
});

describe("the confirmation email promise", () => {
  it("is made only when an auto-reply was queued", async () => {
    const first = await submit(postForm());
    expect(first).toMatchObject({ confirmationEmail: true });
    expect(first.headers["Location"]).toMatch(/&email=1$/);

    clock.advance(minutes(1));
    const sameDay = await submit(postForm({ message: "A second question about hills, same day." }));
    expect(sameDay).toMatchObject({ kind: "accepted", confirmationEmail: false });
    expect(sameDay.headers["Location"]).not.toContain("email=");

    const json = await submit(postJson(jsonBody({ message: "And a third one, sent from the island." })));
    expect(await toResponse(json).json()).toMatchObject({ confirmationEmail: false });

    const duplicate = await submit(postForm());
    expect(duplicate).toMatchObject({ kind: "accepted", confirmationEmail: false });
    expect(rows().total).toBe(3);
  });
});

describe("idempotency", () => {
  it("answers the same address and message twice with the first reference", async () => {
    const first = await submit(postJson(jsonBody()));
    clock.advance(minutes(2));
    const second = await submit(postForm({ email: "SAM@example.com" }));
    expect(first.kind === "accepted" && second.kind === "accepted").toBe(true);
    if (first.kind !== "accepted" || second.kind !== "accepted") return;
    expect(second.reference).toBe(first.reference);
    expect(rows()).toEqual({ total: 1, spam: 0, outbox: 2 });
    expect(wakes).toBe(1);
  });
});

describe("failures", () => {
  it("503 with Retry-After when the store throws; the error is logged, never shown", async () => {
    deps = makeDeps({
      store: { save: () => Promise.reject(new Error("SQLITE_FULL: database or disk is full at /var/secret/path")) },
    });
    const json = await submit(postJson(jsonBody()));
    expect(json).toMatchObject({ kind: "refused", status: 503, headers: { "Retry-After": "60" } });
    const body = JSON.stringify(await toResponse(json).json());
    expect(body).not.toMatch(/SQLITE|secret/);
    expect(logger.lines.some((l) => l.level === "error" && String(l.fields?.["error"]).includes("SQLITE_FULL"))).toBe(
      true,
    );

    const form = await submit(postForm({ message: "Keep this text for me when it fails, please." }));
    expect(form).toMatchObject({ status: 503, mode: "form" });
    expect(form.kind === "refused" && form.values.message).toBe("Keep this text for me when it fails, please.");
  });

  it.each([
    { name: "the default 4 s", saveTimeoutMs: undefined, expected: 4000 },
    { name: "the configured limit", saveTimeoutMs: 1500, expected: 1500 },
  ])("503 with the values kept when the row is not committed within $name", async ({ saveTimeoutMs, expected }) => {
    const limits: (number | undefined)[] = [];
    const slowStore: Pick<AsyncInquiryStore, "save"> = {
      save: (_entry, _now, options?: SaveOptions) => {
        limits.push(options?.timeoutMs);
        return Promise.reject(new StoreTimeoutError("the database did not answer save within the limit"));
      },
    };
    const withLimit: HandlerConfig = saveTimeoutMs === undefined ? config : { ...config, saveTimeoutMs };
    deps = makeDeps({ store: slowStore, config: withLimit });
    const formToken = token();
    const form = await submit(postForm({ formToken, message: "Keep every word of this while the database is busy." }));
    expect(form).toMatchObject({ kind: "refused", mode: "form", status: 503, headers: { "Retry-After": "60" } });
    if (form.kind !== "refused") return;
    expect(form.values).toMatchObject({
      name: "Sam Runner",
      message: "Keep every word of this while the database is busy.",
    });
    expect(form.formToken).toBe(formToken);
    expect(limits).toEqual([expected]);
    const response = toResponse(form);
    expect([response.status, response.statusText, response.headers.get("retry-after")]).toEqual([
      503,
      STATUS_CODES[503],
      "60",
    ]);

    const json = await submit(postJson(jsonBody({ message: "The island keeps its own copy of this text." })));
    expect(await toResponse(json).json()).toEqual({ message: REFUSAL_MESSAGES.unavailable, retryAfterSeconds: 60 });
    expect(wakes).toBe(0);
    expect(logger.lines.filter((l) => l.level === "error")).toHaveLength(2);
  });

  it.each([413, 422, 429, 403])("answers %i with its real reason phrase", async (status) => {
    const requests: Record<number, () => Request> = {
      413: () => postForm({ message: "y".repeat(40_000) }),
      422: () => postForm({ email: "nope" }),
      403: () => postForm({}, { origin: "https://evil.example" }),
      429: () => postForm(),
    };
    deps = makeDeps({ rateLimiter: createRateLimiter({ max: 1, windowMs: minutes(10) }) });
    if (status === 429) await submit(postForm({ message: "The first one gets through fine." }));
    const response = toResponse(await submit(requests[status]?.() ?? postForm()));
    expect(response.status).toBe(status);
    expect(response.statusText).toBe(STATUS_CODES[status]);
    expect(response.statusText).not.toBe("OK");
  });

  it("503 when the service cannot start, keeping a form's values", async () => {
    const result = await unavailableResult(postForm({ name: "Kim" }));
    expect(result).toMatchObject({ status: 503, mode: "form", headers: { "Retry-After": "60" } });
    expect(result.kind === "refused" && result.values.name).toBe("Kim");
  });

  it("never answers with a 5xx other than 503, whatever arrives", async () => {
    const contentTypes = fc.constantFrom(
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "multipart/form-data",
      "text/plain",
      "",
    );
    const bodies = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .dictionary(
          fc.constantFrom("name", "email", "consent", "formToken", "website", "message", "yearsRunning"),
          fc.string(),
        )
        .map((d) => new URLSearchParams(d).toString()),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(contentTypes, bodies, fc.constantFrom("POST", "PUT"), async (contentType, body, method) => {
        const request = new Request(URL_, { method, headers: { "content-type": contentType }, body });
        const result = await handleInquiry(request, deps, { clientAddress: "192.0.2.1" });
        expect([201, 303, 400, 403, 405, 409, 413, 415, 422, 429]).toContain(result.status);
      }),
      { numRuns: 200 },
    );
  });

  it("turns an unexpected failure anywhere into a logged 503", async () => {
    deps = makeDeps({
      rateLimiter: {
        hit: () => {
          throw new Error("boom");
        },
        size: () => 0,
      },
    });
    expect((await submit(postJson(jsonBody()))).status).toBe(503);
    deps = makeDeps({
      clock: {
        now: () => {
          throw new Error("no clock");
        },
      },
    });
    expect((await submit(postJson(jsonBody({ formToken: "x" })))).status).toBe(503);
  });
});
