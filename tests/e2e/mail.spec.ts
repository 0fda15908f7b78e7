/**
 * The built server with a real SMTP server on loopback: what the coach and the visitor receive,
 * and what happens to mail while SMTP is down. Each test runs its own server (startSite) so it can
 * choose the mail settings.
 */
import { expect, test } from "./fixtures";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  COACH_ADDRESS,
  cli,
  count,
  freePort,
  headerCount,
  headerLines,
  mintFormToken,
  postJson,
  readDatabase,
  startSite,
  startSmtp,
  validInquiry,
  type Smtp,
} from "./reliability-support";

test.describe.configure({ mode: "serial" });

test("the coach and the visitor get one message each, with exactly the right headers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-mail-"));
  const smtp = await startSmtp();
  const site = await startSite({ dbPath: join(dir, "inquiries.db"), smtpPort: smtp.port });
  try {
    // A name with a line break is refused, never turned into a header.
    const injected = await postJson(
      site.base,
      validInquiry("ivy", mintFormToken(), { name: "Ivy Mail\r\nBcc: victim@example.com" }),
    );
    expect(injected.status).toBe(422);
    expect((await postJson(site.base, validInquiry("ivy", mintFormToken(), { name: "Ivy Mail" }))).status).toBe(201);
    await expect.poll(() => smtp.inbox.length, { timeout: 15_000 }).toBe(2);

    const toCoach = smtp.inbox.find((m) => m.to.includes(COACH_ADDRESS));
    const toVisitor = smtp.inbox.find((m) => m.to.includes("ivy@example.com"));
    expect(toCoach && toVisitor).toBeTruthy();
    for (const message of [toCoach, toVisitor]) {
      const raw = message?.raw ?? "";
      for (const header of ["From", "To", "Subject", "Message-ID"]) expect(headerCount(raw, header), header).toBe(1);
      expect(headerCount(raw, "Cc")).toBe(0);
      expect(headerCount(raw, "Bcc")).toBe(0);
      expect(message?.to).toHaveLength(1);
    }
    expect(headerCount(toCoach?.raw ?? "", "Reply-To")).toBe(1);
    expect(headerLines(toCoach?.raw ?? "").find((l) => /^reply-to:/i.test(l))).toContain("ivy@example.com");
    expect(toCoach?.raw).toContain("first half marathon");
  } finally {
    await site.stop();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("with SMTP down the inquiry is stored and pending, and the mail goes out once SMTP is back", async () => {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-mail-"));
  const dbPath = join(dir, "inquiries.db");
  const smtpPort = await freePort();
  const site = await startSite({ dbPath, smtpPort, env: { INQUIRY_MAIL_RETRY_SECONDS: "1" } });
  let smtp: Smtp | undefined;
  try {
    const response = await postJson(
      site.base,
      validInquiry("jo", mintFormToken(), { name: "Jo Offline", message: "Please reply once your mail works again." }),
    );
    expect(response.status).toBe(201);
    expect(await cli(dbPath, ["list"])).toContain("Jo Offline");
    // The first delivery attempt must have failed against the closed port (recorded in the outbox),
    // so that what sends the mail below is the retry path.
    const failedAttempts = () =>
      readDatabase(dbPath, (db) =>
        count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND attempts >= 1 AND last_error IS NOT NULL"),
      );
    await expect.poll(failedAttempts, { timeout: 15_000 }).toBe(2);

    smtp = await startSmtp(smtpPort);
    const { inbox } = smtp;
    const sent = () => readDatabase(dbPath, (db) => count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'"));
    await expect.poll(sent, { timeout: 20_000 }).toBe(2);
    // Once both are marked sent nothing is due any more: exactly one delivery each.
    expect(inbox).toHaveLength(2);
    expect(new Set(inbox.map((m) => m.to.join(",")))).toEqual(new Set([COACH_ADDRESS, "jo@example.com"]));
  } finally {
    await site.stop();
    if (smtp) await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
