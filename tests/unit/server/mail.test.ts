import { createTransport } from "nodemailer";
import { describe, expect, it } from "vitest";
import { composeAutoReply, composeCoachNotification, composeMessage } from "../../../src/server/mail.ts";
import type { MailMessage } from "../../../src/server/mail.ts";
import { toSendMailOptions } from "../../../src/server/smtp.ts";
import type { StoredInquiry } from "../../../src/server/store.ts";
import { identity } from "./helpers.ts";

const stored: StoredInquiry = {
  id: 42,
  reference: "RS-7K3Q-92XD",
  createdAt: "2026-11-25T10:00:00.000Z",
  name: 'Zoë O\'Brien, "Coach" <admin@evil.example>',
  email: "zoe@example.com",
  goal: "return-from-injury",
  goalRace: "Dublin Marathon",
  goalRaceDate: "2027-10-31",
  yearsRunning: 2.5,
  weeklyVolume: 20,
  volumeUnit: "mi",
  lifting: "none",
  message: "First line <b>not html</b>\r\nSecond line\n.\nA line with only a dot above.",
  timeZone: "Europe/Dublin",
  consentAt: "2026-11-25T10:00:00.000Z",
  privacyVersion: "2026-11-25",
  newsletter: false,
  spamReason: null,
};

/** Renders a message the way nodemailer would put it on the wire. */
async function render(message: MailMessage): Promise<{ headers: [string, string][]; body: string }> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: "\r\n" });
  const info = await transport.sendMail(toSendMailOptions(message));
  if (!Buffer.isBuffer(info.message)) throw new Error("expected a buffered message");
  const raw = info.message.toString("utf8");
  const split = raw.indexOf("\r\n\r\n");
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = headerText.split("\r\n").map((line): [string, string] => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  });
  return { headers, body: raw.slice(split + 4) };
}

function count(headers: [string, string][], name: string): number {
  return headers.filter(([key]) => key === name).length;
}

function header(headers: [string, string][], name: string): string {
  return headers.find(([key]) => key === name)?.[1] ?? "";
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

describe("the coach notification", () => {
  const message = composeCoachNotification(stored, identity, 7);

  it("goes from the site to the coach, Reply-To the visitor, about the reference", () => {
    expect(message.from).toEqual({ name: "Run Smart", address: "inquiries@runsmart.test" });
    expect(message.to).toEqual({ name: "Nicole Sifuentes", address: "coach@runsmart.test" });
    expect(message.replyTo).toEqual({ name: stored.name, address: "zoe@example.com" });
    expect(message.subject).toBe(`Coaching inquiry RS-7K3Q-92XD from ${stored.name}`);
    expect(message.messageId).toBe("<rs-7k3q-92xd.coach-notification.7@runsmart.test>");
  });

  it("lists every field in plain text, the message as entered", () => {
    for (const line of [
      `Name: ${stored.name}`,
      "Email: zoe@example.com",
      "Main goal: Come back after an injury",
      "Goal race: Dublin Marathon",
      "Race date: 2027-10-31",
      "Years running: 2.5",
      "Weekly volume: 20 miles",
      "Lifting experience: None",
      "Time zone: Europe/Dublin",
      "Newsletter: no",
      "Consent to be contacted: 2026-11-25T10:00:00.000Z (privacy note version 2026-11-25)",
      "Received: 2026-11-25T10:00:00.000Z",
      "First line <b>not html</b>\nSecond line\n.\nA line with only a dot above.",
    ]) {
      expect(message.text).toContain(line);
    }
  });

  it("says when a resent inquiry had been marked as spam", () => {
    const text = composeCoachNotification({ ...stored, spamReason: "too-fast" }, identity, 1).text;
    expect(text).toContain("Marked as spam: too-fast");
  });

  it("has exactly one From, To, Subject and Reply-To, no Cc or Bcc, and a plain-text body", async () => {
    const { headers, body } = await render(message);
    for (const name of ["from", "to", "subject", "reply-to", "message-id"]) expect(count(headers, name)).toBe(1);
    expect(count(headers, "cc") + count(headers, "bcc")).toBe(0);
    expect(header(headers, "to")).toBe("Nicole Sifuentes <coach@runsmart.test>");
    expect(header(headers, "reply-to")).toContain("<zoe@example.com>");
    expect(header(headers, "reply-to")).not.toContain("<admin@evil.example>");
    expect(header(headers, "content-type")).toMatch(/^text\/plain; charset=utf-8/);
    expect(headers.map(([key]) => key).sort()).toEqual(
      [
        "content-transfer-encoding",
        "content-type",
        "date",
        "from",
        "message-id",
        "mime-version",
        "reply-to",
        "subject",
        "to",
      ].sort(),
    );
    expect(decodeQuotedPrintable(body)).toContain("Second line\r\n.\r\nA line with only a dot above.");
  });

  it("cannot be given extra headers through a name with a line break", async () => {
    const sneaky = composeCoachNotification({ ...stored, name: "Eve\r\nBcc: victim@example.com" }, identity, 1);
    expect(sneaky.subject).not.toMatch(/[\r\n]/);
    expect(sneaky.replyTo.name).not.toMatch(/[\r\n]/);
    const { headers } = await render(sneaky);
    expect(count(headers, "bcc")).toBe(0);
  });
});

describe("the auto-reply", () => {
  const message = composeAutoReply(stored, identity, 8);

  it("goes to the visitor's address only, Reply-To the coach, with the reference", () => {
    expect(message.to).toEqual({ name: "", address: "zoe@example.com" });
    expect(message.replyTo).toEqual({ name: "Nicole Sifuentes", address: "coach@runsmart.test" });
    expect(message.subject).toBe("Your coaching inquiry to Run Smart (RS-7K3Q-92XD)");
    expect(message.text).toContain("Your reference: RS-7K3Q-92XD");
    expect(message.text).toMatch(/What happens next/);
    expect(message.text).toMatch(/free coaching consultation/);
  });

  it("repeats nothing the visitor typed", () => {
    expect(message.text).not.toContain("Zoë");
    expect(message.text).not.toContain("Second line");
    expect(message.text).not.toContain("Dublin");
    expect(message.subject).not.toContain("Zoë");
  });

  it("renders with one recipient and no Cc or Bcc", async () => {
    const { headers } = await render(message);
    expect(header(headers, "to")).toBe("zoe@example.com");
    for (const name of ["from", "to", "subject", "reply-to"]) expect(count(headers, name)).toBe(1);
    expect(count(headers, "cc") + count(headers, "bcc")).toBe(0);
  });
});

describe("composeMessage", () => {
  it("picks the message by kind", () => {
    expect(composeMessage("coach-notification", stored, identity, 1).to.address).toBe(identity.coachAddress);
    expect(composeMessage("auto-reply", stored, identity, 1).to.address).toBe(stored.email);
  });
});
