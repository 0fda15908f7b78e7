import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { manualClock } from "../../../src/server/clock.ts";
import { issueFormToken } from "../../../src/server/form-token.ts";
import { handleInquiry, unavailableResult } from "../../../src/server/handler.ts";
import type { HandlerConfig, InquiryDeps } from "../../../src/server/handler.ts";
import { toResponse } from "../../../src/server/result.ts";
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
  trustProxyHops: 0,
  minFillMs: 3000,
  formSecrets: [SECRET],
  thanksPath: "/coaching/thanks/",
};

function makeDeps(overrides: Partial<InquiryDeps> = {}): InquiryDeps {
  return {
    store,
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
function token(ago = 10_000): string {
  return issueFormToken(new Date(clock.now().getTime() - ago), SECRET);
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
    expect(await response.json()).toEqual({ reference });
  });

  it("as a plain-HTML form: stored, then 303 to the thanks page with the reference", async () => {
    const result = await submit(postForm());
    expect(result).toMatchObject({ kind: "accepted", mode: "form", status: 303 });
    const reference = result.kind === "accepted" ? result.reference : "";
    expect(result.headers["Location"]).toBe(`/coaching/thanks/?ref=${reference}`);
    expect(store.find(reference)?.consentAt).toBe(T0.toISOString());
    const response = toResponse(result);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/coaching/thanks/?ref=${reference}`);
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

  it("ignores X-Forwarded-For unless a proxy is trusted", async () => {
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

  it("uses the address the trusted proxy appended, not the one the client wrote", async () => {
    deps = makeDeps({ config: { ...config, trustProxyHops: 1 } });
    for (let i = 0; i < 5; i += 1) {
      const request = postJson(jsonBody({ message: `Proxied inquiry number ${i} here.` }), {
        "x-forwarded-for": `10.0.0.${i}, 192.0.2.50`,
      });
      expect((await submit(request, { clientAddress: "127.0.0.1" })).status).toBe(201);
    }
    const sixth = postJson(jsonBody({ message: "Proxied inquiry number six here." }), {
      "x-forwarded-for": "192.0.2.50",
    });
    expect((await submit(sixth, { clientAddress: "127.0.0.1" })).status).toBe(429);
    const someoneElse = postJson(jsonBody({ message: "A different visitor behind the proxy." }), {
      "x-forwarded-for": "192.0.2.51",
    });
    expect((await submit(someoneElse, { clientAddress: "127.0.0.1" })).status).toBe(201);
  });
});

describe("spam", () => {
  it("honeypot: the visitor sees success; stored as spam; no email queued", async () => {
    const result = await submit(postForm({ website: "http://cheap-pills.example" }));
    expect(result).toMatchObject({ kind: "accepted", status: 303 });
    const reference = result.kind === "accepted" ? result.reference : "";
    expect(store.find(reference)?.spamReason).toBe("honeypot");
    expect(rows()).toEqual({ total: 1, spam: 1, outbox: 0 });
    expect(wakes).toBe(0);
  });

  it.each([
    {
      name: "sent within 3 seconds of serving the form",
      patch: () => ({ formToken: token(2999) }),
      reason: "too-fast",
    },
    { name: "without a form token", patch: () => ({ formToken: undefined }), reason: "missing-token" },
    {
      name: "with a forged token",
      patch: () => ({ formToken: issueFormToken(T0, "another secret entirely!!!!!!!!!!") }),
      reason: "invalid-token",
    },
    { name: "with a token from the future", patch: () => ({ formToken: token(-60_000) }), reason: "too-fast" },
  ])("$name: success for the visitor, stored as $reason, never emailed", async ({ patch, reason }) => {
    const result = await submit(postJson(jsonBody(patch())));
    expect(result.status).toBe(201);
    const stored = store.list({ includeSpam: true });
    expect(stored.map((i) => i.spamReason)).toEqual([reason]);
    expect(rows().outbox).toBe(0);
  });

  it("accepts a form submitted exactly at the minimum fill time", async () => {
    await submit(postJson(jsonBody({ formToken: token(3000) })));
    expect(rows()).toEqual({ total: 1, spam: 0, outbox: 2 });
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
      store: {
        save: () => {
          throw new Error("SQLITE_FULL: database or disk is full at /var/secret/path");
        },
      },
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
        expect([201, 303, 400, 403, 405, 413, 415, 422, 429]).toContain(result.status);
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
