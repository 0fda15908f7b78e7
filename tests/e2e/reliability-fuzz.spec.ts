/**
 * Fuzzing the inquiry route of the built server: 1000 generated requests that must all be refused
 * (wrong types, missing or blank fields, oversized and control-character text, lone surrogates,
 * random JSON and bytes, broken multipart, wrong content types, foreign origins) get a 4xx from a
 * small expected set, never a 5xx or a 2xx, and leave no inquiry and no email behind. The seed is
 * fixed (FUZZ_SEED overrides it) and printed with any failure, so a failure replays exactly.
 */
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  count,
  formToken,
  postJson,
  readDatabase,
  startSite,
  startSmtp,
  validInquiry,
  waitFor,
  type Site,
  mintFormToken,
} from "./reliability-support";

const SEED = Number(process.env["FUZZ_SEED"] ?? 20_261_125);
const RUNS = 1000;
const REFUSED = [400, 403, 413, 415, 422];
/** The route's body limit (src/server/body.ts): a larger body is refused (see `tooLarge`). */
const MAX_BODY = 32 * 1024;

type Fields = Record<string, unknown>;

/** A change that makes an inquiry invalid whatever the other fields hold. */
interface Breakage {
  readonly field: string;
  /** Absent: the field is removed. */
  readonly value?: unknown;
  /** Only a JSON body can carry it (a form would turn it into text). */
  readonly jsonOnly?: true;
}

interface Case {
  readonly label: string;
  readonly contentType: string | undefined;
  readonly body: string | Uint8Array<ArrayBuffer>;
  /** Sent as a stream without Content-Length. */
  readonly stream: boolean;
  /** "site" for the server's own origin, "none" to send no Origin header, or an origin to send. */
  readonly origin: string;
  /** Statuses this request may get (a subset of REFUSED). */
  readonly expected: readonly number[];
}

const REQUIRED = [
  "name",
  "email",
  "goal",
  "yearsRunning",
  "weeklyVolume",
  "volumeUnit",
  "lifting",
  "message",
  "consent",
];
const ENUMS: Record<string, readonly string[]> = {
  goal: ["first-race", "faster-race", "return-from-injury", "get-stronger", "other"],
  volumeUnit: ["km", "mi"],
  lifting: ["none", "some", "regular"],
};
const LIMITS: Record<string, number> = { name: 100, email: 254, goalRace: 120, timeZone: 64, message: 5000 };
const TICKED = new Set(["on", "true", "1", "yes"]);
const UNTICKED = new Set(["", "off", "false", "0", "no"]);
const PLAIN_NUMBER = /^\+?\d{1,6}([.,]\d{1,3})?$/;

const BASE_TEXT: Record<string, string> = {
  name: "Fuzz Runner",
  email: "fuzz@example.com",
  goalRace: "Berlin Marathon",
  timeZone: "Europe/Berlin",
  message: "A message long enough for the minimum length.",
};

const field = (name: string, value?: unknown, jsonOnly?: true): Breakage =>
  value === undefined ? { field: name } : jsonOnly ? { field: name, value, jsonOnly } : { field: name, value };

/** Characters a single-line answer refuses: C0, DEL, C1, and the Unicode line separators. */
const lineControl = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.constantFrom(0x2028, 0x2029),
);
/** Characters a message refuses: control characters other than tab, LF and CR. */
const messageControl = fc.oneof(
  fc.integer({ min: 0, max: 8 }),
  fc.constantFrom(0x0b, 0x0c),
  fc.integer({ min: 0x0e, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
);
const insertAt = (text: string, at: number, char: string) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + char + text.slice(i);
};
const jsonish = fc.jsonValue({ maxDepth: 2 });
// Finite only: JSON turns NaN and Infinity into null, which reads as "not given" (valid when optional).
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const someArray = fc.array(jsonish, { maxLength: 3 });
const someObject = fc.dictionary(fc.string({ maxLength: 6 }), jsonish, { maxKeys: 3 });

/** Every way of breaking one field, for form and JSON bodies alike unless marked jsonOnly. */
const breakage: fc.Arbitrary<Breakage> = fc.oneof(
  fc.constantFrom(...REQUIRED).map((name) => field(name)),
  fc
    .tuple(
      fc.constantFrom("name", "email", "message", "goal", "volumeUnit", "lifting", "yearsRunning", "weeklyVolume"),
      fc.constantFrom("", " ", "   ", "\u00a0", "\u3000"),
    )
    .map(([name, blank]) => field(name, blank)),
  fc.constantFrom("goal", "volumeUnit", "lifting").chain((name) =>
    fc
      .string()
      .filter((s) => !(ENUMS[name] ?? []).includes(s))
      .map((value) => field(name, value)),
  ),
  fc
    .tuple(fc.constantFrom("yearsRunning", "weeklyVolume"), fc.string())
    .map(([name, text]) => field(name, PLAIN_NUMBER.test(text.trim()) ? `${text.trim()}x` : text)),
  fc.integer({ min: 81, max: 999_999 }).map((years) => field("yearsRunning", String(years))),
  fc.integer({ min: 501, max: 999_999 }).map((volume) => field("weeklyVolume", String(volume))),
  fc
    .oneof(fc.constantFrom("off", "false", "0", "no", "nope", "checked", "✓"), fc.string())
    .filter((s) => !TICKED.has(s.trim().toLowerCase()))
    .map((value) => field("consent", value)),
  fc
    .string({ minLength: 1 })
    .filter((s) => !TICKED.has(s.trim().toLowerCase()) && !UNTICKED.has(s.trim().toLowerCase()))
    .map((value) => field("newsletter", value)),
  fc
    .tuple(fc.constantFrom("name", "email", "goalRace", "timeZone"), lineControl, fc.nat())
    .map(([name, code, at]) => field(name, insertAt(BASE_TEXT[name] ?? "x", at, String.fromCodePoint(code)))),
  fc
    .tuple(messageControl, fc.nat())
    .map(([code, at]) => field("message", insertAt(BASE_TEXT["message"] ?? "", at, String.fromCodePoint(code)))),
  fc
    .tuple(
      fc.constantFrom("name", "email", "goalRace", "timeZone", "message"),
      fc.constantFrom("x", "é", "😀", "<", "%"),
      fc.integer({ min: 1, max: 40_000 }),
    )
    .map(([name, char, extra]) => {
      const length = (LIMITS[name] ?? 0) + (name === "message" ? extra : Math.min(extra, 3000));
      const text = char.repeat(Math.ceil(length / char.length));
      return field(name, name === "email" ? `${text}@example.com` : text);
    }),
  fc
    .string()
    .filter((s) => !s.includes("@"))
    .map((value) => field("email", value)),
  fc
    .oneof(fc.constantFrom("tomorrow", "2027/04/18", "18.04.2027", "2027-4-18", "20270418"), fc.string())
    .filter((s) => s.trim() !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(s))
    .map((value) => field("goalRaceDate", value)),
  // Types only JSON can carry.
  fc
    .tuple(
      fc.constantFrom("name", "email", "goal", "volumeUnit", "lifting", "message"),
      fc.oneof(fc.integer(), finite, fc.boolean(), someArray, someObject, fc.constant(null)),
    )
    .map(([name, value]) => field(name, value, true)),
  fc
    .tuple(
      fc.constantFrom("goalRace", "goalRaceDate", "timeZone"),
      fc.oneof(fc.integer(), finite, fc.boolean(), someArray, someObject),
    )
    .map(([name, value]) => field(name, value, true)),
  fc
    .tuple(
      fc.constantFrom("yearsRunning", "weeklyVolume"),
      fc.oneof(fc.boolean(), someArray, someObject, fc.constant(null), fc.integer({ max: -1 })),
    )
    .map(([name, value]) => field(name, value, true)),
  fc
    .oneof(fc.constant(false), fc.integer(), someArray, someObject, fc.constant(null))
    .map((value) => field("consent", value, true)),
  fc.oneof(fc.integer(), finite, someArray, someObject).map((value) => field("newsletter", value, true)),
);

/** Harmless changes to other fields: strange but valid text, unknown keys. */
const noise = fc.array(
  fc.oneof(
    fc.tuple(
      fc.constantFrom("name", "goalRace", "message", "timeZone"),
      fc.oneof(
        fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
        fc.constantFrom("\ud800", "x\udfffy", "\u202eRTL", "\u200b", "😀", "Zoë", "\ufeff"),
      ),
    ),
    fc.tuple(
      fc.oneof(fc.constantFrom("__proto__", "constructor", "toString", "website", "formToken"), fc.string()),
      jsonish,
    ),
  ),
  { maxLength: 3 },
);

function fields(token: string, changes: readonly [string, unknown][], broken: Breakage): Fields {
  const result: Fields = { ...validInquiry("fuzz", token, BASE_TEXT) };
  for (const [name, value] of changes) {
    if (name === "__proto__") Object.defineProperty(result, name, { value, enumerable: true, writable: true });
    else result[name] = value;
  }
  if (broken.value !== undefined) return { ...result, [broken.field]: broken.value };
  return Object.fromEntries(Object.entries(result).filter(([name]) => name !== broken.field));
}

function formText(value: unknown): string | undefined {
  if (value === true) return "on";
  if (value === false || value === null || value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function toForm(data: Fields): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) {
    const text = formText(value);
    if (text !== undefined) form.append(name, text);
  }
  return form;
}

/** Header-safe like a browser's: quotes and line breaks in part names are percent-encoded. */
const partName = (name: string) => name.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/** A multipart/form-data body, built by hand so it can also be damaged on purpose. */
function toMultipart(data: Fields, boundary: string, fileField: string | undefined): Uint8Array<ArrayBuffer> {
  let text = "";
  for (const [name, value] of Object.entries(data)) {
    const content = formText(value);
    if (content === undefined) continue;
    const file = name === fileField ? '; filename="upload.txt"\r\nContent-Type: text/plain' : "";
    text += `--${boundary}\r\nContent-Disposition: form-data; name="${partName(name)}"${file}\r\n\r\n${content}\r\n`;
  }
  return new TextEncoder().encode(`${text}--${boundary}--\r\n`);
}

const byteLength = (body: string | Uint8Array) =>
  typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.byteLength;

/**
 * What a body larger than the limit gets: 413, or for a chunked body that also passes the adapter's
 * own limit (64 KB, astro.config.mjs) while the route reads it, 400 ("could not read").
 */
const tooLarge = (streamed: boolean) => (streamed ? [400, 413] : [413]);

/** 422 for a well-formed invalid inquiry, or what a body larger than the limit gets. */
const invalidOrLarge = (body: string | Uint8Array, streamed: boolean) =>
  byteLength(body) > MAX_BODY ? tooLarge(streamed) : [422];

function cases(token: string): fc.Arbitrary<Case> {
  const inquiry = fc
    .tuple(noise, breakage)
    .map(([changes, broken]) => ({ data: fields(token, changes, broken), broken }));
  const stream = fc.boolean();
  const jsonType = fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON;charset=latin1",
  );
  return fc
    .oneof(
      fc.tuple(inquiry, jsonType, stream).map(([{ data }, contentType, streamed]): Case => {
        const body = JSON.stringify(data);
        return {
          label: "json",
          contentType,
          body,
          stream: streamed,
          origin: "site",
          expected: invalidOrLarge(body, streamed),
        };
      }),
      fc
        .tuple(
          inquiry.filter(({ broken }) => broken.jsonOnly !== true),
          fc.constantFrom("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8"),
          stream,
          fc.constantFrom("", "%", "%zz", "%E0%A4%A", "%00", "%C0%AF", "%FF", "&&", "=&=", "+%0d%0a+"),
        )
        .map(([{ data, broken }, contentType, streamed, garbage]): Case => {
          const form = toForm(data);
          const other = form.has("timeZone") && broken.field !== "timeZone" ? "timeZone" : undefined;
          let body = form.toString();
          if (other !== undefined && garbage !== "") body = body.replace(/(^|&)timeZone=/, `$1timeZone=${garbage}`);
          else body += garbage === "" ? "" : `&junk=${garbage}`;
          return {
            label: "form",
            contentType,
            body,
            stream: streamed,
            origin: "site",
            expected: invalidOrLarge(body, streamed),
          };
        }),
      fc
        .tuple(
          inquiry.filter(({ broken }) => broken.jsonOnly !== true),
          fc.constantFrom("none", "file", "truncate", "wrong-boundary", "no-boundary"),
          fc.nat(),
          stream,
        )
        .map(([{ data }, damage, cut, streamed]): Case => {
          const boundary = "----fuzz7MA4YWxkTrZu0gW";
          // A file where the message belongs leaves the message missing: never a valid inquiry.
          const full = toMultipart(data, boundary, damage === "file" ? "message" : undefined);
          const body = damage === "truncate" ? full.slice(0, cut % full.length) : full;
          const contentType =
            damage === "wrong-boundary"
              ? "multipart/form-data; boundary=something-else"
              : damage === "no-boundary"
                ? "multipart/form-data"
                : `multipart/form-data; boundary=${boundary}`;
          const wellFormed = damage === "none" || damage === "file";
          const expected = byteLength(body) > MAX_BODY ? tooLarge(streamed) : wellFormed ? [422] : [400, 422];
          return { label: `multipart-${damage}`, contentType, body, stream: streamed, origin: "site", expected };
        }),
      fc
        .tuple(
          fc.uint8Array({ maxLength: 2048 }),
          fc.constantFrom(
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
          ),
          stream,
        )
        .map(([bytes, contentType, streamed]): Case => ({
          label: "bytes",
          contentType,
          body: new Uint8Array(bytes),
          stream: streamed,
          origin: "site",
          expected: [400, 422],
        })),
      fc.tuple(fc.json({ maxDepth: 3 }), stream).map(([body, streamed]): Case => ({
        label: "random-json",
        contentType: "application/json",
        body,
        stream: streamed,
        origin: "site",
        expected: invalidOrLarge(body, streamed),
      })),
      fc.tuple(fc.string({ unit: "binary", maxLength: 500 }), stream).map(([body, streamed]): Case => ({
        label: "random-form",
        contentType: "application/x-www-form-urlencoded",
        body,
        stream: streamed,
        origin: "site",
        expected: [422],
      })),
      fc
        // Bytes that are not UTF-8 become U+FFFD, which could fill a blank field: only a missing field
        // keeps the inquiry invalid wherever they land.
        .tuple(
          fc
            .tuple(noise, fc.constantFrom(...REQUIRED))
            .map(([changes, name]) => ({ data: fields(token, changes, field(name)) })),
          fc.nat(),
          fc.constantFrom([0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xff], [0xf4, 0x90, 0x80, 0x80]),
        )
        .map(([{ data }, at, bad]): Case => {
          const text = new TextEncoder().encode(JSON.stringify(data));
          const i = at % (text.length + 1);
          const body = new Uint8Array([...text.slice(0, i), ...bad, ...text.slice(i)]);
          return {
            label: "bad-utf8",
            contentType: "application/json",
            body,
            stream: false,
            origin: "site",
            expected: [400, 422, 413],
          };
        }),
      fc
        .tuple(fc.integer({ min: MAX_BODY - 2000, max: 200_000 }), fc.boolean(), stream)
        .map(([size, asForm, streamed]): Case => {
          const data = validInquiry("fuzz-large", token, { message: "m".repeat(size) });
          const body = asForm ? toForm(data).toString() : JSON.stringify(data);
          const contentType = asForm ? "application/x-www-form-urlencoded" : "application/json";
          return {
            label: "large",
            contentType,
            body,
            stream: streamed,
            origin: "site",
            expected: invalidOrLarge(body, streamed),
          };
        }),
      // A valid inquiry is still refused when it comes as the wrong type or from another site.
      fc
        .tuple(
          fc.constantFrom(
            undefined,
            "text/plain",
            "application/xml",
            "text/json",
            "application/jsonp",
            "application/json-patch+json",
            "application/x-www-form-urlencodedx",
            "multipart/mixed; boundary=x",
            "application/octet-stream",
            "*/*",
            "json",
          ),
          fc.boolean(),
        )
        .map(([contentType, asForm]): Case => {
          const data = validInquiry("fuzz-type", token);
          const body = asForm ? toForm(data).toString() : JSON.stringify(data);
          return {
            label: "content-type",
            contentType,
            body: new TextEncoder().encode(body),
            stream: false,
            origin: "site",
            expected: [415],
          };
        }),
      fc
        .constantFrom(
          "https://evil.example",
          "null",
          "http://localhost",
          "http://127.0.0.1",
          "http://127.0.0.1.evil.example",
        )
        .map((origin): Case => ({
          label: "origin",
          contentType: "application/json",
          body: JSON.stringify(validInquiry("fuzz-origin", token)),
          stream: false,
          origin,
          expected: [403],
        })),
    )
    .map((c) => Object.defineProperty(c, fc.toStringMethod, { value: () => describe(c) }));
}

/** A case in a few hundred characters, for failure messages. */
function describe(c: Case): string {
  const body = typeof c.body === "string" ? c.body : new TextDecoder().decode(c.body);
  const shown = body.length > 300 ? `${body.slice(0, 300)}… (${byteLength(c.body)} bytes)` : body;
  return `${c.label} ${c.stream ? "streamed " : ""}Content-Type: ${String(c.contentType)}, Origin: ${c.origin}, body: ${JSON.stringify(shown)}`;
}

/** A fetch failure because the server closed or reset the connection (not a timeout). */
function isConnectionClosed(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : "";
  return ["EPIPE", "ECONNRESET", "UND_ERR_SOCKET"].includes(code);
}

function send(site: Site, c: Case): Promise<Response> {
  const headers: Record<string, string> = {};
  if (c.contentType !== undefined) headers["Content-Type"] = c.contentType;
  if (c.origin === "site") headers["Origin"] = site.base;
  else if (c.origin !== "none") headers["Origin"] = c.origin;
  const bytes = typeof c.body === "string" ? new TextEncoder().encode(c.body) : c.body;
  const body = c.stream
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 4096) controller.enqueue(bytes.slice(at, at + 4096));
          controller.close();
        },
      })
    : bytes;
  // A stream body needs `duplex`, which Node's fetch takes but the DOM's RequestInit type lacks.
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers,
    body,
    duplex: "half",
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  };
  return fetch(`${site.base}/coaching/`, init);
}

test("1000 generated invalid requests get a 4xx, and leave no inquiry and no email behind", async () => {
  test.setTimeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), "runsmart-fuzz-"));
  const dbPath = join(dir, "inquiries.db");
  const smtp = await startSmtp();
  let site: Site | undefined;
  try {
    site = await startSite({
      dbPath,
      smtpPort: smtp.port,
      env: { INQUIRY_RATE_LIMIT_MAX: "100000", INQUIRY_MIN_FILL_SECONDS: "0", INQUIRY_MAIL_RETRY_SECONDS: "1" },
    });
    const running = site;
    const token = await formToken(running.base);
    const statuses: Record<string, number> = {};
    const property = fc.asyncProperty(cases(token), async (c) => {
      let response: Response;
      try {
        response = await send(running, c);
      } catch (error) {
        // A chunked body (no Content-Length) read past the limit makes the server close the
        // connection after its answer; a client still uploading may see the close before the answer.
        if (!(c.stream && byteLength(c.body) > MAX_BODY && isConnectionClosed(error))) throw error;
        statuses["closed"] = (statuses["closed"] ?? 0) + 1;
        const health = await fetch(`${running.base}/robots.txt`, { signal: AbortSignal.timeout(5000) });
        if (!health.ok) throw new Error(`the server stopped answering after ${describe(c)}`, { cause: error });
        return;
      }
      const text = await response.text();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (!REFUSED.includes(response.status) || !c.expected.includes(response.status)) {
        throw new Error(`${c.label}: ${response.status}, expected ${c.expected.join(" or ")}: ${text.slice(0, 300)}`);
      }
    });
    try {
      await fc.assert(property, {
        seed: SEED,
        numRuns: RUNS,
        interruptAfterTimeLimit: 100_000,
        markInterruptAsFailure: true,
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : "";
      throw new Error(
        `fuzzing failed with FUZZ_SEED=${SEED}\n${error instanceof Error ? error.message : String(error)}${cause}`,
        { cause: error },
      );
    }
    test.info().annotations.push({ type: "statuses", description: JSON.stringify(statuses) });

    expect(running.child.exitCode, running.log()).toBeNull();
    expect(readDatabase(dbPath, (db) => count(db, "SELECT count(*) FROM inquiries"))).toBe(0);
    expect(readDatabase(dbPath, (db) => count(db, "SELECT count(*) FROM outbox"))).toBe(0);
    expect(smtp.inbox).toEqual([]);

    // The server still works, and its mail reaches this SMTP server: "no email" above means something.
    expect((await postJson(running.base, validInquiry("fuzz-after", mintFormToken()))).status).toBe(201);
    await waitFor(() => smtp.inbox.length === 2, 10_000, "the two emails of a valid inquiry");
  } finally {
    await site?.stop();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** One POST through `agent`: its status, or how the connection failed ("timeout" after 5 s). */
function postThrough(agent: Agent, url: string, body: Uint8Array, chunked: boolean): Promise<number | string> {
  return new Promise((resolve) => {
    const headers = { "Content-Type": "application/json", ...(chunked ? {} : { "Content-Length": body.byteLength }) };
    const request = httpRequest(url, { method: "POST", agent, headers }, (response) => {
      response.resume();
      response.on("end", () => {
        resolve(response.statusCode ?? 0);
      });
    });
    request.setTimeout(5000, () => request.destroy(new Error("timeout")));
    request.on("error", (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? error.message);
    });
    for (let at = 0; at < body.byteLength; at += 4096) request.write(body.subarray(at, at + 4096));
    request.end();
  });
}

test("a chunked body read past the limit does not leave its kept-alive connection stuck", async ({ baseURL }) => {
  // One connection, reused: the second request must not wait behind the first one's unread body.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = `${baseURL ?? ""}/coaching/`;
  try {
    for (const size of [40_000, 100_000, 400_000]) {
      const first = await postThrough(agent, url, new Uint8Array(size).fill(0x20), true);
      expect([400, 413, "ECONNRESET", "EPIPE"], `${size} bytes`).toContain(first);
      expect(await postThrough(agent, url, new TextEncoder().encode("{}"), false), `after ${size} bytes`).toBe(422);
    }
  } finally {
    agent.destroy();
  }
});
