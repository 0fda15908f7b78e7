/**
 * The deployment the README recommends, end to end: the built Node server behind a real
 * TLS-terminating nginx (deploy/nginx.conf, see proxy-support.ts) with SITE_URL set to the proxy's
 * https origin and TRUST_PROXY=1. Through it, in Chromium, the plain-HTML and the enhanced form
 * both deliver an inquiry; a cross-site post is refused; a forged X-Forwarded-For does not get a
 * client past the rate limit; and responses come over TLS with HSTS and the security headers.
 * Each test starts its own server (own database, own rate limit) and its own nginx.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test as base } from "./fixtures";
import { plainRequest, startProxy, type Proxy } from "./proxy-support";
import { fillInquiryForm } from "./site";
import { exportInquiries, freePort, MESSAGE, startSite, validInquiry, type Site } from "./reliability-support";

interface Deployment {
  /** https://127.0.0.1:<port>: the proxy, and the site's SITE_URL. */
  readonly origin: string;
  readonly proxy: Proxy;
  readonly site: Site;
  readonly dbPath: string;
}

/** `deploy(env)` starts a built server with `env` and nginx in front of it; both stop after the test. */
const test = base.extend<{ deploy: (env?: Readonly<Record<string, string>>) => Promise<Deployment> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as an object
  deploy: async ({}, use, testInfo) => {
    const cleanups: (() => Promise<void>)[] = [];
    const deployments: Deployment[] = [];
    try {
      await use(async (env = {}) => {
        const dir = await mkdtemp(join(tmpdir(), "runsmart-proxy-"));
        cleanups.push(() => rm(dir, { recursive: true, force: true }));
        const dbPath = join(dir, "inquiries.db");
        // The site must know its public origin before it starts, so the proxy's port is chosen first.
        const port = await freePort();
        const origin = `https://127.0.0.1:${port}`;
        const site = await startSite({
          dbPath,
          env: { SITE_URL: origin, TRUST_PROXY: "1", INQUIRY_MIN_FILL_SECONDS: "0", ...env },
        });
        cleanups.push(() => site.stop());
        const proxy = await startProxy({ upstreamPort: Number(new URL(site.base).port), port });
        cleanups.push(() => proxy.stop());
        const deployment = { origin, proxy, site, dbPath };
        deployments.push(deployment);
        return deployment;
      });
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const [i, { site, proxy }] of deployments.entries()) {
          await testInfo.attach(`server log ${i + 1}`, { body: site.log(), contentType: "text/plain" });
          await testInfo.attach(`nginx log ${i + 1}`, { body: proxy.log(), contentType: "text/plain" });
        }
      }
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  },
});

// Chromium must accept the proxy's self-signed certificate.
test.use({ ignoreHTTPSErrors: true });

const REFERENCE = /RS-[A-Z0-9]{4}-[A-Z0-9]{4}/;

/** A fresh served-at token from the form on /coaching/, fetched through the proxy. */
async function tokenVia(proxy: Proxy, headers: Readonly<Record<string, string>> = {}): Promise<string> {
  const page = await proxy.request("/coaching/", { headers });
  expect(page.status, "GET /coaching/ through the proxy").toBe(200);
  const token = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1];
  if (token === undefined) throw new Error("no formToken in the form on /coaching/ (through the proxy)");
  return token;
}

/** The valid inquiry for `key` as the plain HTML form sends it (urlencoded). */
function formBody(key: string, token: string): string {
  const fields = validInquiry(key, token);
  return new URLSearchParams(
    Object.entries(fields).map(([name, value]) => [name, value === true ? "on" : String(value)]),
  ).toString();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain form posts through the TLS proxy, lands on the thanks page and is stored", async ({
    page,
    deploy,
  }) => {
    const { origin, dbPath } = await deploy();
    await page.goto(`${origin}/coaching/`);
    await fillInquiryForm(page, "Bo Plain", "bo.proxy@example.com", MESSAGE);
    const posted = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Send my inquiry" }).click();
    const answer = await posted;
    const body = answer.status() === 303 ? "" : (await answer.text().catch(() => "")).slice(0, 200);
    expect(
      answer.status(),
      "the browser's form post through the proxy (403 here means the server's origin check does not take " +
        `the https origin of SITE_URL behind the proxy: issue #11, point 1); the answer: ${body}`,
    ).toBe(303);
    await expect(page).toHaveURL(new RegExp(`^${origin}/coaching/thanks/\\?ref=RS-`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/your inquiry arrived/);
    const reference = new URL(page.url()).searchParams.get("ref") ?? "missing";
    expect(reference).toMatch(REFERENCE);
    await expect(page.getByText(reference)).toBeVisible();

    const stored = (await exportInquiries(dbPath)).filter((row) => row.email === "bo.proxy@example.com");
    expect(stored.map((row) => ({ reference: row.reference, spam: row.spamReason }))).toEqual([
      { reference, spam: null },
    ]);
  });
});

test("the enhanced form sends through the TLS proxy and shows the reference", async ({ page, deploy }) => {
  const { origin, dbPath } = await deploy();
  await page.goto(`${origin}/coaching/`);
  await fillInquiryForm(page, "Ada Proxy", "ada.proxy@example.com", MESSAGE);
  // The enhancement suggests the time zone once the visitor is on the form: the script runs.
  await expect(page.getByLabel(/^Your time zone/)).not.toHaveValue("");
  const posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  const answer = await posted;
  expect(answer.request().headers()["content-type"], "sent by the script, as JSON").toMatch(/^application\/json/);
  expect(answer.status(), "the script's post through the proxy").toBe(201);
  const done = page.getByRole("status").filter({ hasText: "your inquiry arrived" });
  await expect(done).toBeVisible();
  await expect(done).toContainText(REFERENCE);
  expect(page.url()).toBe(`${origin}/coaching/`);

  const reference = REFERENCE.exec((await done.textContent()) ?? "")?.[0] ?? "missing";
  const stored = (await exportInquiries(dbPath)).filter((row) => row.email === "ada.proxy@example.com");
  expect(stored.map((row) => ({ reference: row.reference, spam: row.spamReason }))).toEqual([
    { reference, spam: null },
  ]);
});

test("a cross-site post through the proxy is refused with 403, even when it names its own Host", async ({ deploy }) => {
  const { proxy, dbPath } = await deploy();
  const evil = "https://evil.example";
  const attempts = [
    { label: "form", type: "application/x-www-form-urlencoded", body: (t: string) => formBody("evil-form", t) },
    {
      label: "JSON",
      type: "application/json",
      body: (t: string) => JSON.stringify(validInquiry("evil-json", t)),
    },
  ];
  for (const { label, type, body } of attempts) {
    // Otherwise valid, so nothing but the Origin can explain a refusal. The Host a client sends
    // reaches the server too (nginx passes $host on), so it must not be what Origin is checked against.
    for (const host of [undefined, "evil.example"]) {
      const response = await proxy.request("/coaching/", {
        method: "POST",
        headers: { "Content-Type": type, Origin: evil, ...(host === undefined ? {} : { Host: host }) },
        body: body(await tokenVia(proxy)),
      });
      expect(response.status, `${label} post from ${evil}${host === undefined ? "" : ` with Host: ${host}`}`).toBe(403);
    }
  }
  expect(await exportInquiries(dbPath), "nothing stored").toEqual([]);
});

test("a forged X-Forwarded-For does not get past the rate limit behind the proxy", async ({ deploy }) => {
  const max = 3;
  const { origin, proxy, dbPath } = await deploy({ INQUIRY_RATE_LIMIT_MAX: String(max) });
  const answers: { status: number; retryAfter: string | undefined }[] = [];
  for (let i = 1; i <= max + 1; i++) {
    // A different made-up client address on every request, as a client dodging the limit would send.
    const forged = { "X-Forwarded-For": `198.51.100.${10 + i}` };
    const token = await tokenVia(proxy, forged);
    const response = await proxy.request("/coaching/", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin, ...forged },
      body: JSON.stringify(validInquiry(`forged-${i}`, token)),
    });
    const retryAfter = response.headers["retry-after"];
    answers.push({ status: response.status, retryAfter: typeof retryAfter === "string" ? retryAfter : undefined });
  }
  expect(answers.map((a) => a.status)).toEqual([...Array<number>(max).fill(201), 429]);
  expect(Number(answers[max]?.retryAfter), "Retry-After on the 429").toBeGreaterThan(0);
  expect((await exportInquiries(dbPath)).length, "only the allowed inquiries are stored").toBe(max);
});

test("pages come over TLS with HSTS and the security headers; plain HTTP only redirects", async ({ page, deploy }) => {
  const { origin, proxy } = await deploy();
  const home = await page.goto(`${origin}/`);
  expect(home?.status()).toBe(200);
  expect((await home?.securityDetails())?.protocol, "TLS in the browser").toMatch(/^TLS 1\.[23]$/);

  for (const path of ["/", "/coaching/", "/robots.txt", "/no-such-page/"]) {
    const response = await proxy.request(path);
    expect(response.status, path).toBe(path === "/no-such-page/" ? 404 : 200);
    expect(response.headers["strict-transport-security"], `${path}: HSTS from deploy/nginx.conf`).toBe(
      "max-age=31536000",
    );
    expect(response.headers["x-content-type-options"], path).toBe("nosniff");
    expect(response.headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(response.headers["x-frame-options"], path).toBe("DENY");
    expect(response.headers["server"], `${path}: no version in Server`).toBe("nginx");
  }

  const redirect = await plainRequest(`${proxy.httpOrigin}/coaching/?from=http`, { headers: { Host: "evil.example" } });
  expect(redirect.status).toBe(301);
  expect(redirect.headers["location"], "to the public origin, whatever Host was sent").toBe(
    `${origin}/coaching/?from=http`,
  );

  const tooLarge = await proxy.request("/coaching/", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify({ message: "x".repeat(70 * 1024) }),
  });
  expect(tooLarge.status, "a body over 64 KB").toBe(413);
});
