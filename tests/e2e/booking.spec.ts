/**
 * Booking the free consultation through the built server, with a real SMTP server on loopback: the
 * booked time on the thanks page in both zones, the invitation in the email (parsed by a calendar
 * parser), the signed manage link (opening it changes nothing; its page cancels), both sides'
 * METHOD:CANCEL, the freed time, the stale and the forged link, axe on every new page. Each test
 * runs its own server so its times and mail are its own.
 */
import { expect, test, type Page } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import ical from "node-ical";
import type { VEvent } from "node-ical";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { A11Y_TAGS, fillInquiryForm, hydrated } from "./site";
import {
  COACH_ADDRESS,
  headerValue,
  mintFormToken,
  postForm,
  postJson,
  startSite,
  startSmtp,
  validInquiry,
  type Received,
  type Site,
  type Smtp,
} from "./reliability-support";

test.describe.configure({ mode: "serial" });

interface Offer {
  readonly coachTimeZone: string;
  readonly slots: readonly string[];
}

/** The free times now, as the server offers them next to a refused time. */
async function offer(base: string): Promise<Offer> {
  const response = await postJson(
    base,
    validInquiry("offer-probe", mintFormToken(), { slot: "2000-01-01T00:00:00.000Z" }),
  );
  expect(response.status).toBe(422);
  const body = (await response.json()) as { booking: Offer };
  return body.booking;
}

/** The decoded body of the first MIME part of `type` in a raw message. */
function mimePart(raw: string, type: string): string {
  const start = raw.search(new RegExp(`Content-Type: ${type.replace("/", "\\/")}`, "i"));
  if (start < 0) throw new Error(`no ${type} part`);
  const rest = raw.slice(start);
  const split = /\r?\n\r?\n/.exec(rest);
  if (split === null) throw new Error("no part body");
  const head = rest.slice(0, split.index);
  const body = rest.slice(split.index + split[0].length).split(/\r?\n--/)[0] ?? "";
  const encoding = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? "7bit";
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function calendarOf(message: Received | undefined): { method: string; event: VEvent } {
  const text = mimePart(message?.raw ?? "", "text/calendar");
  const [event] = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
  if (event === undefined) throw new Error("no VEVENT in the invitation");
  return { method: /^METHOD:(\w+)/m.exec(text)?.[1] ?? "", event };
}

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(results.violations).toEqual([]);
}

let dir: string;
let smtp: Smtp;
let site: Site;

test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "runsmart-booking-"));
  smtp = await startSmtp();
  // Each offer probe is a real submission and counts towards the per-address limit like any.
  site = await startSite({
    dbPath: join(dir, "inquiries.db"),
    smtpPort: smtp.port,
    env: { INQUIRY_RATE_LIMIT_MAX: "50", INQUIRY_MIN_FILL_SECONDS: "0" },
  });
});

test.afterEach(async () => {
  await site.stop();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a booked time shows on the thanks page, lands in both calendars, and the cancel link frees it", async ({
  browser,
}) => {
  const { slots, coachTimeZone } = await offer(site.base);
  const slot = slots[0] ?? "";
  expect(slot).not.toBe("");

  // The plain-HTML form's post, as a browser without JavaScript sends it.
  const fields = new URLSearchParams({
    ...Object.fromEntries(
      Object.entries(validInquiry("kim", mintFormToken(), { timeZone: "Asia/Kolkata", slot })).map(([k, v]) => [
        k,
        v === true ? "on" : String(v),
      ]),
    ),
  });
  const posted = await postForm(site.base, fields.toString());
  expect(posted.status).toBe(303);
  const thanks = new URL(posted.headers.get("location") ?? "", site.base);
  expect(thanks.searchParams.get("booking")).toBeTruthy();

  test.setTimeout(90_000);
  // These pages work without JavaScript (their forms are plain HTML); axe needs it to run.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(thanks.href);
  const booked = page.locator("[data-booked-time]");
  const inKolkata = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Kolkata", hour: "numeric", minute: "2-digit" });
  const inDenver = new Intl.DateTimeFormat("en-US", { timeZone: coachTimeZone, hour: "numeric", minute: "2-digit" });
  await expect(booked).toContainText(inKolkata.format(new Date(slot)));
  await expect(booked).toContainText(inDenver.format(new Date(slot)));
  await expect(booked).toContainText("Kolkata");
  await expectAxeClean(page);
  // Someone who only guesses the reference sees no time.
  await page.goto(`${site.base}/coaching/thanks/?ref=${thanks.searchParams.get("ref") ?? ""}`);
  await expect(page.locator("[data-booked-time]")).toHaveCount(0);

  // The visitor's and the coach's invitations: the same event at the chosen instant.
  await expect.poll(() => smtp.inbox.length, { timeout: 15_000 }).toBe(3);
  const toVisitor = smtp.inbox.find((m) => m.to.includes("kim@example.com"));
  const coachInvite = smtp.inbox.find((m) => m.to.includes(COACH_ADDRESS) && /text\/calendar/i.test(m.raw));
  for (const message of [toVisitor, coachInvite]) {
    const { method, event } = calendarOf(message);
    expect(method).toBe("REQUEST");
    expect(event.start.toISOString()).toBe(slot);
    expect(String(event.sequence)).toBe("0");
  }
  expect(calendarOf(toVisitor).event.uid).toBe(calendarOf(coachInvite).event.uid);
  const text = mimePart(toVisitor?.raw ?? "", "text/plain");
  const link = /(http:\/\/127\.0\.0\.1:\d+\/coaching\/booking\/\?t=\S+)/.exec(text)?.[1] ?? "";
  expect(link).not.toBe("");
  expect(headerValue(toVisitor?.raw ?? "", "Subject")).toContain("booked for");

  // Opening the link changes nothing (a mail scanner may follow it).
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your consultation");
  await page.goto(link);
  expect((await offer(site.base)).slots).not.toContain(slot);
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Cancel the consultation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This consultation is cancelled");
  await expect(page.getByRole("status")).toContainText("both got an email");
  await expectAxeClean(page);
  expect((await offer(site.base)).slots).toContain(slot);

  await expect.poll(() => smtp.inbox.length, { timeout: 15_000 }).toBe(5);
  const cancellations = smtp.inbox.slice(3);
  expect(new Set(cancellations.map((m) => m.to.join(",")))).toEqual(new Set(["kim@example.com", COACH_ADDRESS]));
  for (const message of cancellations) {
    const { method, event } = calendarOf(message);
    expect(method).toBe("CANCEL");
    expect(event.uid).toBe(calendarOf(toVisitor).event.uid);
    expect(String(event.sequence)).toBe("1");
  }

  // The stale link says so, and a forged one is a clear 404 page.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This consultation is cancelled");
  await expect(page.getByRole("button", { name: "Cancel the consultation" })).toHaveCount(0);
  const forged = link.replace(/\?t=l1\.([A-Za-z0-9_-]+)/, "?t=l1.UlMtMDAwMC0wMDAw");
  const response = await page.goto(forged);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link is not valid");
  await expectAxeClean(page);
  await context.close();
});

test("the manage page moves a consultation to another free time, and refuses a post from elsewhere", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const { slots } = await offer(site.base);
  const [first, , third] = slots;
  const response = await postJson(site.base, validInquiry("lou", mintFormToken(), { slot: first }));
  expect(response.status).toBe(201);
  await expect.poll(() => smtp.inbox.length, { timeout: 15_000 }).toBe(3);
  const text = mimePart(smtp.inbox.find((m) => m.to.includes("lou@example.com"))?.raw ?? "", "text/plain");
  const link = /(http:\/\/127\.0\.0\.1:\d+\/coaching\/booking\/\?t=\S+)/.exec(text)?.[1] ?? "";
  const token = new URL(link).searchParams.get("t") ?? "";

  const foreign = await fetch(`${site.base}/coaching/booking/`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
    body: new URLSearchParams({ t: token, action: "cancel" }).toString(),
    redirect: "manual",
  });
  expect(foreign.status).toBe(403);

  await page.goto(link);
  await page.locator(`input[name="slot"][value="${third ?? ""}"]`).check();
  await page.getByRole("button", { name: "Move to the chosen time" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your consultation has moved");
  const now = await offer(site.base);
  expect(now.slots).toContain(first);
  expect(now.slots).not.toContain(third);
  await expect.poll(() => smtp.inbox.length, { timeout: 15_000 }).toBe(5);
  for (const message of smtp.inbox.slice(3)) {
    const { method, event } = calendarOf(message);
    expect(method).toBe("REQUEST");
    expect(event.start.toISOString()).toBe(third);
    expect(String(event.sequence)).toBe("1");
  }
});

test("on /coaching/ a visitor picks a time, with and without JavaScript, and sees it confirmed", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const { slots, coachTimeZone } = await offer(site.base);
  const [plainSlot, scriptedSlot] = slots;
  const message = "I would like to talk about strength work for my first marathon.";
  const time = (zone: string, at: string | undefined) =>
    new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "numeric", minute: "2-digit" }).format(new Date(at ?? ""));

  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await noScript.goto(`${site.base}/coaching/`);
  await fillInquiryForm(noScript, "Pat Plain", "pat@example.com", message);
  await noScript.locator(`input[name="slot"][value="${plainSlot ?? ""}"]`).check();
  await noScript.getByRole("button", { name: "Send my inquiry" }).click();
  await expect(noScript).toHaveURL(/\/coaching\/thanks\/\?ref=RS-.*&booking=/);
  await expect(noScript.locator("[data-booked-time]")).toContainText(time(coachTimeZone, plainSlot));
  await plain.close();

  const scripted = await browser.newContext();
  const page = await scripted.newPage();
  await page.goto(`${site.base}/coaching/`);
  await hydrated(page);
  await fillInquiryForm(page, "Sky Script", "sky@example.com", message);
  // The time taken a moment ago is no longer offered.
  await expect(page.locator(`input[name="slot"][value="${plainSlot ?? ""}"]`)).toHaveCount(0);
  await page.locator(`input[name="slot"][value="${scriptedSlot ?? ""}"]`).check();
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const done = page.getByRole("status").filter({ hasText: "Your free consultation is booked for" });
  await expect(done).toContainText(time(zone, scriptedSlot));
  await expectAxeClean(page);
  await scripted.close();

  const booked = (await offer(site.base)).slots;
  expect(booked).not.toContain(plainSlot);
  expect(booked).not.toContain(scriptedSlot);
});
