/**
 * The production server under faults, against the built site (`node scripts/serve.mjs`, each test
 * with its own server, database and, where mail matters, SMTP server on loopback): another process
 * holding the SQLite write lock, a "sent" mark that cannot be written, SIGTERM during a burst, the
 * "send once more" answers for a too-fast, token-less or replayed submission (with and without
 * JavaScript), the image endpoint, slow clients, reason phrases and body sizes, the thanks page's
 * promise of a confirmation email, the security and caching headers, and the client address behind
 * TRUST_PROXY. Waits are on conditions; the only fixed durations are those of the faults themselves.
 */
import { readdirSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { expect, test, type Page } from "./fixtures";
import { fillInquiryForm } from "./site";
import {
  COACH_ADDRESS,
  MESSAGE,
  count,
  exited,
  exportInquiries,
  mintFormToken,
  postForm,
  postJson,
  readDatabase,
  sleep,
  startSite,
  startSmtp,
  validInquiry,
  waitFor,
  type Site,
  type Smtp,
} from "./reliability-support";

const RESEND_TEXT = "press Send once more";
const REFERENCE = /RS-[A-Z0-9]{4}-[A-Z0-9]{4}/;

/** A fresh folder for one test's database; removed by `cleanup`. */
function tempDatabase(): { dbPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-production-"));
  return {
    dbPath: join(dir, "inquiries.db"),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts a site on a fresh database, runs `body`, then stops the site and removes the database. */
async function withSite(
  env: Record<string, string>,
  body: (site: Site, dbPath: string) => Promise<void>,
  smtpPort?: number,
): Promise<void> {
  const { dbPath, cleanup } = tempDatabase();
  let site: Site | undefined;
  try {
    site = await startSite({ dbPath, env, ...(smtpPort === undefined ? {} : { smtpPort }) });
    await body(site, dbPath);
  } catch (error) {
    // The server's own account of what happened belongs with the failure.
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${site?.log() ?? "(not started)"}`,
      { cause: error },
    );
  } finally {
    await site?.stop();
    cleanup();
  }
}

/** Inquiries stored for `email` (spam included), read from the database opened read-only. */
function rowsFor(dbPath: string, email: string): { reference: string; spamReason: string | null }[] {
  return readDatabase(dbPath, (db) =>
    db
      .prepare("SELECT reference, spam_reason AS spamReason FROM inquiries WHERE email = ? ORDER BY id")
      .all(email)
      .map((row) => ({
        reference: String(row["reference"]),
        spamReason: (row["spamReason"] as string | null) ?? null,
      })),
  );
}

function inquiryCount(dbPath: string): number {
  return readDatabase(dbPath, (db) => count(db, "SELECT COUNT(*) AS n FROM inquiries"));
}

/** The urlencoded body the plain HTML form sends for `validInquiry(key, token)`. */
function formBody(key: string, token: string | undefined, fields: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    name: "Ada Runner",
    email: `${key}@example.com`,
    goal: "first-race",
    yearsRunning: "1",
    weeklyVolume: "15",
    volumeUnit: "mi",
    lifting: "none",
    message: `${MESSAGE} (${key})`,
    consent: "on",
    website: "",
    ...fields,
  });
  if (token !== undefined) params.set("formToken", token);
  return params.toString();
}

/** Milliseconds `action` took, with its result. */
async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await action();
  return { ms: performance.now() - started, value };
}

/** GET `path`, reading the whole body; its status and how long it took. */
async function timedGet(base: string, path: string): Promise<{ path: string; status: number; ms: number }> {
  const { ms, value } = await timed(async () => {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  });
  return { path, status: value, ms };
}

interface RawAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A request through node:http, which shows the status line's reason phrase as sent; without a
 * Content-Length the body goes out chunked.
 */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: readonly string[] } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? "GET", headers: options.headers }, (response) => {
      const parts: Buffer[] = [];
      response.on("data", (chunk: Buffer) => parts.push(chunk));
      response.on("end", () => {
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? "",
          headers: response.headers,
          body: Buffer.concat(parts).toString("utf8"),
        });
      });
      response.on("error", reject);
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`no answer from ${url} within 10 s`)));
    request.on("error", reject);
    for (const chunk of options.chunks ?? []) request.write(chunk);
    request.end();
  });
}

/** The served-at time (epoch ms) inside a form token `v2.<base36 ms>.<nonce>.<sig>`. */
function servedAtOf(token: string): number {
  const stamp = token.split(".")[1] ?? "";
  const servedAt = Number.parseInt(stamp, 36);
  if (!Number.isSafeInteger(servedAt)) throw new Error(`not a form token: ${token}`);
  return servedAt;
}

/** Waits (polling the clock) until `ms` have passed since `since`, with a small margin. */
async function waitUntilPassed(since: number, ms: number): Promise<void> {
  await expect
    .poll(() => Date.now() - since, {
      timeout: ms + 5000,
      intervals: [100],
      message: `${ms} ms since the form was served`,
    })
    .toBeGreaterThan(ms + 250);
}

async function expectFormKept(page: Page, name: string, email: string, message: string): Promise<void> {
  await expect(page.getByLabel(/^Your name/)).toHaveValue(name);
  await expect(page.getByLabel(/^Email address/)).toHaveValue(email);
  await expect(page.getByLabel(/^Main goal/)).toHaveValue("faster-race");
  await expect(page.getByLabel(/^Years running/)).toHaveValue("6");
  await expect(page.getByLabel(/^Distance in a typical week/)).toHaveValue("40");
  await expect(page.getByLabel("Some (I have lifted now and then)")).toBeChecked();
  await expect(page.getByLabel(/^Your message/)).toHaveValue(message);
  await expect(page.getByLabel(/I agree that Nicole may contact me/)).toBeChecked();
}

/** The token in the form's hidden field. */
async function pageToken(page: Page): Promise<string> {
  const token = await page.locator('input[name="formToken"]').getAttribute("value");
  if (token === null) throw new Error("the form has no formToken");
  return token;
}

/** Resolves with the milliseconds until the server closes `socket` (null if it is still open after `ms`). */
function closedWithin(socket: Socket, ms: number): Promise<number | null> {
  const started = performance.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(null);
    }, ms);
    socket.on("error", () => undefined);
    socket.on("data", () => undefined);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
  });
}

function openSocket(base: string): Promise<Socket> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

test.describe.configure({ timeout: 45_000 });

test("another process holding the write lock for 6 s: pages stay fast, the inquiry gets 503 and is stored once after", async () => {
  await withSite({ INQUIRY_RATE_LIMIT_MAX: "100" }, async (site, dbPath) => {
    const html = await (await fetch(`${site.base}/`)).text();
    const asset = /<link[^>]+href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1] ?? "/favicon.svg";
    const jsonInquiry = validInquiry("locked-json", mintFormToken());
    const formFields = { name: "Lena Lockwait", email: "locked-form@example.com" };

    const locker = new DatabaseSync(dbPath, { timeout: 5000 });
    let released: Promise<void> | undefined;
    try {
      locker.exec("BEGIN IMMEDIATE");
      const lockedAt = performance.now();
      released = sleep(6000).then(() => {
        locker.exec("COMMIT");
      });

      const json = timed(() => postJson(site.base, jsonInquiry, 15_000));
      const form = timed(() => postForm(site.base, formBody("locked-form", mintFormToken(), formFields), 15_000));
      const posts = { answered: false };
      void Promise.allSettled([json, form]).then(() => {
        posts.answered = true;
      });
      const gets: { path: string; status: number; ms: number }[] = [];
      while (!posts.answered && performance.now() - lockedAt < 5500) {
        gets.push(await timedGet(site.base, "/"));
        gets.push(await timedGet(site.base, asset));
        gets.push(await timedGet(site.base, "/coaching/"));
        await sleep(150);
      }
      const jsonAnswer = await json;
      const formAnswer = await form;
      const answeredWhileLocked = performance.now() - lockedAt < 6000;

      expect(gets.length, "requests made while the lock was held").toBeGreaterThanOrEqual(6);
      for (const get of gets) {
        expect(get.status, `GET ${get.path}`).toBe(200);
        expect(get.ms, `GET ${get.path} while the database is locked`).toBeLessThan(1000);
      }
      expect(answeredWhileLocked, "both posts were answered while the lock was still held").toBe(true);

      expect(jsonAnswer.value.status, "JSON inquiry while locked").toBe(503);
      expect(jsonAnswer.value.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(jsonAnswer.ms).toBeLessThan(6000);
      const formPage = await formAnswer.value.text();
      expect(formAnswer.value.status, "form inquiry while locked").toBe(503);
      expect(formAnswer.value.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(formAnswer.ms).toBeLessThan(6000);
      expect(formPage).toContain('value="Lena Lockwait"');
      expect(formPage).toContain('value="locked-form@example.com"');
      expect(formPage).toContain(`${MESSAGE} (locked-form)`);
    } finally {
      await released;
      locker.close();
    }

    // The lock is gone: the same inquiries, sent again with fresh tokens, are stored once each.
    const again = await postJson(site.base, { ...jsonInquiry, formToken: mintFormToken() });
    expect(again.status, "JSON inquiry after the lock").toBe(201);
    const formAgain = await postForm(site.base, formBody("locked-form", mintFormToken(), formFields));
    expect(formAgain.status, "form inquiry after the lock").toBe(303);
    expect(rowsFor(dbPath, "locked-json@example.com")).toHaveLength(1);
    expect(rowsFor(dbPath, "locked-form@example.com")).toHaveLength(1);
  });
});

test("an inquiry answered 503 while the database was locked is not stored once the lock goes", async () => {
  await withSite({ INQUIRY_RATE_LIMIT_MAX: "100" }, async (site, dbPath) => {
    const locker = new DatabaseSync(dbPath, { timeout: 5000 });
    let released: Promise<void> | undefined;
    try {
      // Held 5 s: the first save gives up after the busy timeout (3 s); the second, queued behind
      // it, starts waiting then, and its visitor is answered 503 before the lock goes at 5 s.
      locker.exec("BEGIN IMMEDIATE");
      released = sleep(5000).then(() => {
        locker.exec("COMMIT");
      });
      const first = postJson(site.base, validInquiry("told-503-a", mintFormToken()), 15_000);
      await sleep(500);
      const second = postJson(site.base, validInquiry("told-503-b", mintFormToken()), 15_000);
      expect((await first).status, "first inquiry while locked").toBe(503);
      expect((await second).status, "second inquiry while locked").toBe(503);
    } finally {
      await released;
      locker.close();
    }
    // The store works one call at a time: once this one is answered, the earlier ones are settled.
    expect((await postJson(site.base, validInquiry("after-lock", mintFormToken()))).status).toBe(201);
    expect(rowsFor(dbPath, "told-503-a@example.com"), "stored although answered 503").toHaveLength(0);
    expect(rowsFor(dbPath, "told-503-b@example.com"), "stored although answered 503").toHaveLength(0);
  });
});

test("a 'sent' mark that cannot be written: the coach and the visitor each get their email once", async () => {
  const { dbPath, cleanup } = tempDatabase();
  let lockTaken = false;
  let released: Promise<void> | undefined;
  const smtp: Smtp = await startSmtp(undefined, {
    onMessage: (message) => {
      if (lockTaken || !message.to.includes(COACH_ADDRESS)) return;
      lockTaken = true;
      // Taken before the message is accepted: the server's "sent" mark meets the lock (busy timeout 3 s).
      const locker = new DatabaseSync(dbPath, { timeout: 5000 });
      locker.exec("BEGIN IMMEDIATE");
      released = sleep(5000).then(() => {
        locker.exec("COMMIT");
        locker.close();
      });
    },
  });
  let site: Site | undefined;
  try {
    site = await startSite({ dbPath, smtpPort: smtp.port, env: { INQUIRY_MAIL_RETRY_SECONDS: "1" } });
    const posted = await postJson(site.base, validInquiry("unmarked", mintFormToken()));
    expect(posted.status).toBe(201);

    const sent = (kind: string) =>
      readDatabase(dbPath, (db) =>
        count(db, `SELECT COUNT(*) AS n FROM outbox WHERE kind = '${kind}' AND status = 'sent'`),
      );
    await waitFor(() => lockTaken, 10_000, "the coach's notification to reach the SMTP server");
    await waitFor(() => sent("coach-notification") === 1, 20_000, "the coach's notification to be marked sent");
    await released;
    const failedRounds = site.log().match(/outbox round failed/g) ?? [];
    expect(failedRounds.length, "the failed round is logged").toBeGreaterThanOrEqual(1);
    expect(failedRounds.length, "failed rounds back off rather than loop").toBeLessThan(20);

    // The auto-reply was claimed in the round that failed; it must still go out, once.
    await waitFor(() => sent("auto-reply") === 1, 20_000, "the auto-reply to be marked sent");
    const coach = smtp.inbox.filter((m) => m.to.includes(COACH_ADDRESS));
    const visitor = smtp.inbox.filter((m) => m.to.includes("unmarked@example.com"));
    expect(coach, "notifications the coach received").toHaveLength(1);
    expect(visitor, "auto-replies the visitor received").toHaveLength(1);
    expect((site.log().match(/outbox round failed/g) ?? []).length).toBeLessThan(20);
  } catch (error) {
    const rows = readDatabase(dbPath, (db) =>
      db.prepare("SELECT id, kind, status, attempts, next_attempt_at, locked_until, sent_at FROM outbox").all(),
    );
    const received = smtp.inbox.map((m) => m.to.join(","));
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- outbox at ${new Date().toISOString()} ---\n${JSON.stringify(rows, null, 1)}\n--- received ---\n${received.join("\n")}\n--- server log ---\n${site?.log() ?? ""}`,
      { cause: error },
    );
  } finally {
    await released;
    await site?.stop();
    await smtp.close();
    cleanup();
  }
});

test("SIGTERM during a burst of 30 inquiries: exits 0 within 10 s and every 201 is stored", async () => {
  const { dbPath, cleanup } = tempDatabase();
  let started: Site | undefined;
  try {
    const site = await startSite({ dbPath, env: { INQUIRY_RATE_LIMIT_MAX: "100000" } });
    started = site;
    let created = 0;
    let signalledAt: number | undefined;
    let inFlightAtSignal = 0;
    let settled = 0;
    const posts = Array.from({ length: 30 }, (_, i) => {
      const body = validInquiry(`burst-${i}`, mintFormToken());
      return postJson(site.base, body, 15_000)
        .then(async (response) => {
          const answer = { status: response.status, data: (await response.json().catch(() => ({}))) as unknown };
          if (response.status === 201) {
            created += 1;
            if (created === 3) {
              signalledAt = performance.now();
              inFlightAtSignal = 30 - settled - 1;
              site.child.kill("SIGTERM");
            }
          }
          return answer;
        })
        .finally(() => {
          settled += 1;
        });
    });
    const outcomes = await Promise.allSettled(posts);
    expect(signalledAt, "SIGTERM was sent after the first 201s").toBeDefined();
    const gone = await exited(site.child, Math.max(0, 10_000 - (performance.now() - (signalledAt ?? 0))));
    const tookMs = performance.now() - (signalledAt ?? 0);
    expect(gone, `the server exited within 10 s of SIGTERM\n${site.log()}`).toBe(true);
    expect(site.child.exitCode, site.log()).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(site.log()).toMatch(/SIGTERM: finishing requests in flight/);
    expect(site.log()).toMatch(/\bstopped\b/);

    const references = outcomes.flatMap((outcome) => {
      if (outcome.status !== "fulfilled" || outcome.value.status !== 201) return [];
      const reference = (outcome.value.data as { reference?: unknown }).reference;
      return typeof reference === "string" ? [reference] : [];
    });
    const statuses = outcomes.map((o) => (o.status === "fulfilled" ? String(o.value.status) : "no answer"));
    test.info().annotations.push({
      type: "burst",
      description: `${references.length} answered 201, ${inFlightAtSignal} in flight at SIGTERM; answers: ${statuses.join(" ")}`,
    });
    expect(references.length).toBeGreaterThanOrEqual(3);
    // Nothing but success, a 503 or a refused connection: never a 5xx of another kind.
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled") expect([201, 503]).toContain(outcome.value.status);
    }
    const stored = new Set((await exportInquiries(dbPath)).map((row) => row.reference));
    for (const reference of references) expect(stored.has(reference), `${reference} answered 201 is stored`).toBe(true);
  } finally {
    await started?.stop();
    cleanup();
  }
});

test.describe("send once more", () => {
  // Long enough that filling the form in a loaded test browser still counts as "too fast".
  const MIN_FILL_MS = 8000;
  const ENV = { INQUIRY_MIN_FILL_SECONDS: String(MIN_FILL_MS / 1000), INQUIRY_RATE_LIMIT_MAX: "100" };

  test("without JavaScript a too-fast submit comes back with every value kept, then the next press is stored", async ({
    browser,
  }) => {
    await withSite(ENV, async (site, dbPath) => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.goto(`${site.base}/coaching/`);
        const servedAt = servedAtOf(await pageToken(page));
        const email = "too.fast@example.com";
        const message = "I run 40 km a week and want to add strength work before my spring marathon.";
        await fillInquiryForm(page, "Tess Quick", email, message);
        expect(Date.now() - servedAt, "the form was filled before its minimum fill time").toBeLessThan(MIN_FILL_MS);
        const response = page.waitForResponse((r) => r.request().method() === "POST");
        await page.getByRole("button", { name: "Send my inquiry" }).click();
        expect((await response).status()).toBe(409);
        await expect(page.locator("[data-form-alert]")).toContainText(RESEND_TEXT);
        await expectFormKept(page, "Tess Quick", email, message);
        expect(inquiryCount(dbPath), "nothing is stored for a too-fast submit").toBe(0);

        // The new token keeps the form's serving time: once the minimum has passed, one press is enough.
        expect(servedAtOf(await pageToken(page))).toBe(servedAt);
        await waitUntilPassed(servedAt, MIN_FILL_MS);
        await page.getByRole("button", { name: "Send my inquiry" }).click();
        await expect(page).toHaveURL(/\/coaching\/thanks\/\?ref=RS-/);
        const reference = new URL(page.url()).searchParams.get("ref") ?? "";
        await expect(page.getByText(reference)).toBeVisible();
        expect(rowsFor(dbPath, email)).toEqual([{ reference, spamReason: null }]);
        expect(inquiryCount(dbPath)).toBe(1);
      } finally {
        await context.close();
      }
    });
  });

  test("a token-less JSON post gets 409 with a token, and the next post with it is stored", async () => {
    await withSite(ENV, async (site, dbPath) => {
      const inquiry = validInquiry("tokenless", "", { formToken: undefined });
      const first = await postJson(site.base, inquiry);
      expect(first.status).toBe(409);
      const body = (await first.json()) as { resend?: unknown; formToken?: unknown; message?: unknown };
      expect(body.resend).toBe(true);
      expect(body.message).toContain(RESEND_TEXT);
      expect(typeof body.formToken).toBe("string");
      const token = String(body.formToken);
      expect(inquiryCount(dbPath), "nothing stored for a token-less post").toBe(0);

      await waitUntilPassed(servedAtOf(token), MIN_FILL_MS);
      const second = await postJson(site.base, { ...inquiry, formToken: token });
      expect(second.status).toBe(201);
      expect(rowsFor(dbPath, "tokenless@example.com")).toEqual([
        { reference: ((await second.json()) as { reference: string }).reference, spamReason: null },
      ]);
    });
  });

  test("a replayed token gets 409 and stores nothing for the second inquiry", async () => {
    await withSite(ENV, async (site, dbPath) => {
      const token = mintFormToken();
      const a = await postJson(site.base, validInquiry("replay-a", token));
      expect(a.status).toBe(201);
      const b = await postJson(site.base, validInquiry("replay-b", token, { name: "Someone Else" }));
      expect(b.status).toBe(409);
      const body = (await b.json()) as { resend?: unknown; formToken?: unknown };
      expect(body.resend).toBe(true);
      expect(typeof body.formToken).toBe("string");
      expect(body.formToken).not.toBe(token);
      expect(rowsFor(dbPath, "replay-a@example.com")).toHaveLength(1);
      expect(rowsFor(dbPath, "replay-b@example.com")).toHaveLength(0);
      expect(inquiryCount(dbPath)).toBe(1);
    });
  });

  test("with JavaScript a too-fast send shows the message, keeps every value, and the next press succeeds", async ({
    page,
  }) => {
    await withSite(ENV, async (site, dbPath) => {
      await page.goto(`${site.base}/coaching/`, { waitUntil: "load" });
      const servedAt = servedAtOf(await pageToken(page));
      const email = "js.quick@example.com";
      const message = "Twelve years of running and I would like a plan for a 10 km personal best.";
      await fillInquiryForm(page, "Jo Script", email, message);
      expect(Date.now() - servedAt, "the form was filled before its minimum fill time").toBeLessThan(MIN_FILL_MS);
      const response = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByRole("button", { name: "Send my inquiry" }).click();
      expect((await response).status()).toBe(409);
      expect(page.url()).toBe(`${site.base}/coaching/`);
      await expect(page.locator("[data-form-alert]")).toContainText("Send once more");
      await expectFormKept(page, "Jo Script", email, message);
      expect(inquiryCount(dbPath)).toBe(0);

      await waitUntilPassed(servedAt, MIN_FILL_MS);
      await page.getByRole("button", { name: "Send my inquiry" }).click();
      const done = page.getByRole("status").filter({ hasText: "your inquiry arrived" });
      await expect(done).toContainText(REFERENCE);
      const reference = REFERENCE.exec((await done.textContent()) ?? "")?.[0] ?? "missing";
      expect(rowsFor(dbPath, email)).toEqual([{ reference, spamReason: null }]);
    });
  });
});

test("/_image does no work: huge conversions answer 404 at once and pages stay fast", async () => {
  const png = readdirSync("dist/client/_astro").find((name) => name.endsWith(".png"));
  const href = png === undefined ? "/favicon.svg" : `/_astro/${png}`;
  await withSite({}, async (site) => {
    const path = `/_image?href=${encodeURIComponent(href)}&w=4000&h=4000&f=avif&q=100`;
    const images = Array.from({ length: 6 }, () => timedGet(site.base, path));
    const home = timedGet(site.base, "/");
    const answers = await Promise.all(images);
    for (const answer of answers) {
      expect(answer.status, path).toBe(404);
      expect(answer.ms, path).toBeLessThan(1000);
    }
    const page = await home;
    expect(page.status).toBe(200);
    expect(page.ms, "GET / during the image requests").toBeLessThan(1000);
  });
});

test("slow clients: a silent socket is closed within 15 s, a stalled body within 40 s", async () => {
  test.setTimeout(60_000);
  await withSite({}, async (site) => {
    const silent = await openSocket(site.base);
    const stalled = await openSocket(site.base);
    const { host } = new URL(site.base);
    stalled.write(
      `POST /coaching/ HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${site.base}\r\n` +
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=Slow",
    );
    const [silentMs, stalledMs] = await Promise.all([closedWithin(silent, 15_000), closedWithin(stalled, 40_000)]);
    silent.destroy();
    stalled.destroy();
    expect(silentMs, "a socket that sends nothing is closed (headersTimeout 10 s)").not.toBeNull();
    expect(silentMs ?? Infinity).toBeLessThan(15_000);
    expect(stalledMs, "a request whose body stalls is closed (requestTimeout 30 s)").not.toBeNull();
    expect(stalledMs ?? Infinity).toBeLessThan(40_000);
  });
});

test("form errors carry their reason phrase, and a chunked 70 KB body gets 413", async () => {
  await withSite({ INQUIRY_RATE_LIMIT_MAX: "2" }, async (site) => {
    const url = `${site.base}/coaching/`;
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: site.base };

    const invalid = await rawRequest(url, {
      method: "POST",
      headers: form,
      chunks: [formBody("bad-email", mintFormToken(), { email: "not-an-address" })],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.statusText).toBe("Unprocessable Entity");
    expect(invalid.body).toContain('value="not-an-address"');

    const big = formBody("big", mintFormToken(), { message: "x".repeat(70_000) });
    const chunks = Array.from({ length: Math.ceil(big.length / 8192) }, (_, i) => big.slice(i * 8192, (i + 1) * 8192));
    const tooLarge = await rawRequest(url, {
      method: "POST",
      headers: { ...form, "Transfer-Encoding": "chunked" },
      chunks,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.statusText).toBe("Payload Too Large");

    for (const key of ["limit-1", "limit-2"]) {
      const ok = await rawRequest(url, { method: "POST", headers: form, chunks: [formBody(key, mintFormToken())] });
      expect(ok.status, key).toBe(303);
    }
    const limited = await rawRequest(url, {
      method: "POST",
      headers: form,
      chunks: [formBody("limit-3", mintFormToken())],
    });
    expect(limited.status).toBe(429);
    expect(limited.statusText).toBe("Too Many Requests");
    expect(limited.headers["retry-after"]).toMatch(/^\d+$/);
    expect(limited.body).toContain("limit-3@example.com");
  });
});

test("the thanks page promises a confirmation email only when one was queued", async ({ browser }) => {
  await withSite({ INQUIRY_MIN_FILL_SECONDS: "0", INQUIRY_RATE_LIMIT_MAX: "100" }, async (site) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const email = "twice.today@example.com";
      const messages = [
        "First question: could you help me prepare for an autumn marathon next year?",
        "Second question, same day: I forgot to say that I also lift twice a week.",
      ];
      const promised: boolean[] = [];
      for (const message of messages) {
        await page.goto(`${site.base}/coaching/`);
        await fillInquiryForm(page, "Una Twice", email, message);
        await page.getByRole("button", { name: "Send my inquiry" }).click();
        await expect(page).toHaveURL(/\/coaching\/thanks\/\?ref=RS-/);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you: your inquiry arrived");
        promised.push(/confirmation email/i.test(await page.locator("main").innerText()));
      }
      expect(promised, "a confirmation email is promised for the first inquiry only").toEqual([true, false]);
    } finally {
      await context.close();
    }
  });
});

test("a static page and /coaching/ carry the policy headers; hashed assets are immutable, HTML revalidated", async () => {
  await withSite({}, async (site) => {
    const home = await fetch(`${site.base}/`);
    const html = await home.text();
    expect(home.headers.get("content-security-policy") ?? "").toContain("frame-ancestors 'none'");
    expect(home.headers.get("cache-control")).toBe("no-cache");
    const meta =
      /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i.exec(html)?.[1] ??
      "(no policy in a meta element)";
    for (const directive of ["object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
      expect(meta, `the static page's policy has ${directive}`).toContain(directive);
    }

    const coaching = await fetch(`${site.base}/coaching/`);
    await coaching.arrayBuffer();
    const policy = coaching.headers.get("content-security-policy") ?? "";
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
      expect(policy, `/coaching/'s policy header has ${directive}`).toContain(directive);
    }

    const about = await fetch(`${site.base}/about/`);
    await about.arrayBuffer();
    expect(about.headers.get("cache-control")).toBe("no-cache");
    const assets = [...html.matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)].map((m) => m[1] ?? "");
    expect(assets.length, "the home page links hashed assets").toBeGreaterThan(0);
    for (const asset of assets.slice(0, 3)) {
      const response = await fetch(`${site.base}${asset}`);
      await response.arrayBuffer();
      expect(response.status, asset).toBe(200);
      expect(response.headers.get("cache-control") ?? "", asset).toContain("immutable");
    }
  });
});

test("behind TRUST_PROXY a forwarded address that is not an IP uses the socket's bucket, and the missing header is logged once", async () => {
  await withSite({ TRUST_PROXY: "1", INQUIRY_RATE_LIMIT_MAX: "2" }, async (site) => {
    const post = (key: string, forwardedFor?: string) =>
      fetch(`${site.base}/coaching/`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Origin: site.base,
          ...(forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor }),
        },
        body: JSON.stringify(validInquiry(key, mintFormToken())),
        signal: AbortSignal.timeout(10_000),
      });
    // Different strings, none an IP address: one bucket (the socket's), so the third is refused.
    expect((await post("xff-1", "garbage-not-an-ip")).status).toBe(201);
    expect((await post("xff-2", "also garbage")).status).toBe(201);
    const third = await post("xff-3", "999.1.1.1");
    expect(third.status).toBe(429);
    expect(third.statusText).toBe("Too Many Requests");
    expect((await post("xff-4")).status, "no header: the same socket bucket").toBe(429);
    // A valid address the proxy appended is a client of its own.
    expect((await post("xff-5", "garbage, 203.0.113.9")).status).toBe(201);

    for (let i = 0; i < 3; i += 1) await (await fetch(`${site.base}/`)).arrayBuffer();
    const warnings = site.log().match(/TRUST_PROXY is set but a request came without a usable X-Forwarded-For/g) ?? [];
    expect(warnings, "the missing forwarded address is logged once, not per request").toHaveLength(1);
  });
});
