/**
 * The built server with a real SMTP server on loopback: what the coach and the visitor receive,
 * and what happens to mail while SMTP is down. Runs its own server process (not the shared one)
 * so it can choose the mail settings and restart.
 */
import { expect, test } from "./fixtures";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, headerCount as count, headerLines, startSmtp, type Smtp } from "./reliability-support";

function startSite(port: number, smtpPort: number, dbPath: string): ChildProcess {
  return spawn(process.execPath, ["scripts/serve.mjs"], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      INQUIRY_DB_PATH: dbPath,
      SITE_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      INQUIRY_COACH_EMAIL: "coach@runsmart.test",
      INQUIRY_FROM_EMAIL: "hello@runsmart.test",
      INQUIRY_MIN_FILL_SECONDS: "0",
      INQUIRY_MAIL_RETRY_SECONDS: "1",
    },
    stdio: "ignore",
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill();
  await exited;
}

/** The coaching page once the server answers (it may still be starting). */
async function coachingPage(base: string): Promise<string> {
  let html = "";
  await expect(async () => {
    html = await (await fetch(`${base}/coaching/`)).text();
  }).toPass({ timeout: 10_000 });
  return html;
}

/** Posts one inquiry the way the enhanced form does: the token from the page, then JSON. */
async function submit(base: string, fields: Record<string, unknown>): Promise<Response> {
  const token = /name="formToken" value="([^"]+)"/.exec(await coachingPage(base))?.[1];
  expect(token).toBeDefined();
  return fetch(`${base}/coaching/`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({
      goal: "first-race",
      yearsRunning: "1",
      weeklyVolume: "15",
      volumeUnit: "mi",
      lifting: "none",
      message: "Hello Nicole,\nI would like help preparing for my first half marathon.",
      consent: true,
      ...fields,
      formToken: token,
    }),
  });
}

test.describe.configure({ mode: "serial" });

test("the coach and the visitor get one message each, with exactly the right headers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-mail-"));
  const smtp = await startSmtp();
  const { port: smtpPort, inbox } = smtp;
  const port = await freePort();
  const site = startSite(port, smtpPort, join(dir, "inquiries.db"));
  try {
    const base = `http://127.0.0.1:${port}`;
    // A name with a line break is refused, never turned into a header.
    const injected = await submit(base, { name: "Ivy Mail\r\nBcc: victim@example.com", email: "ivy@example.com" });
    expect(injected.status).toBe(422);
    expect((await submit(base, { name: "Ivy Mail", email: "ivy@example.com" })).status).toBe(201);
    await expect.poll(() => inbox.length, { timeout: 15_000 }).toBe(2);

    const toCoach = inbox.find((m) => m.to.includes("coach@runsmart.test"));
    const toVisitor = inbox.find((m) => m.to.includes("ivy@example.com"));
    expect(toCoach && toVisitor).toBeTruthy();
    for (const message of [toCoach, toVisitor]) {
      const raw = message?.raw ?? "";
      for (const header of ["From", "To", "Subject"]) expect(count(raw, header), header).toBe(1);
      expect(count(raw, "Cc")).toBe(0);
      expect(count(raw, "Bcc")).toBe(0);
      expect(message?.to).toHaveLength(1);
    }
    expect(count(toCoach?.raw ?? "", "Reply-To")).toBe(1);
    expect(headerLines(toCoach?.raw ?? "").find((l) => /^reply-to:/i.test(l))).toContain("ivy@example.com");
    expect(toCoach?.raw).toContain("first half marathon");
  } finally {
    await stop(site);
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("with SMTP down the inquiry is stored and pending, and the mail goes out once SMTP is back", async () => {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-mail-"));
  const dbPath = join(dir, "inquiries.db");
  const smtpPort = await freePort();
  const port = await freePort();
  const site = startSite(port, smtpPort, dbPath);
  let smtp: Smtp | undefined;
  try {
    const base = `http://127.0.0.1:${port}`;
    const response = await submit(base, {
      name: "Jo Offline",
      email: "jo@example.com",
      message: "Please get back to me when your mail server is working again.",
    });
    expect(response.status).toBe(201);
    const listed = execFileSync(process.execPath, ["scripts/inquiries.ts", "list"], {
      env: { ...process.env, INQUIRY_DB_PATH: dbPath },
      encoding: "utf8",
    });
    expect(listed).toContain("Jo Offline");
    // Let the first delivery attempt fail against the closed port, so the retry path is what sends.
    await new Promise((done) => setTimeout(done, 1500));

    smtp = await startSmtp(smtpPort);
    const { inbox } = smtp;
    await expect.poll(() => inbox.length, { timeout: 20_000 }).toBe(2);
    await new Promise((done) => setTimeout(done, 2000));
    expect(inbox).toHaveLength(2);
  } finally {
    await stop(site);
    if (smtp) await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
