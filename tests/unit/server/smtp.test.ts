import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inlineStore } from "../../../src/server/async-store.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import { composeCoachNotification } from "../../../src/server/mail.ts";
import { startOutbox } from "../../../src/server/outbox.ts";
import type { Outbox } from "../../../src/server/outbox.ts";
import { createSmtpTransport } from "../../../src/server/smtp.ts";
import type { MailTransport } from "../../../src/server/smtp.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { T0, identity, seedInquiry, tempDir } from "./helpers.ts";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let rejectNext = 0;
let server: SMTPServer;
let url: string;

beforeAll(async () => {
  server = new SMTPServer({
    // No reverse DNS of the client: the test talks to loopback only.
    disableReverseLookup: true,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (rejectNext > 0) {
        rejectNext -= 1;
        const error = Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
      });
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from === false ? "" : from.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

let tmp: ReturnType<typeof tempDir>;
let store: InquiryStore;
let transport: MailTransport;
let outbox: Outbox | undefined;

beforeEach(() => {
  received.length = 0;
  rejectNext = 0;
  tmp = tempDir();
  store = openStore(tmp.dbPath);
  transport = createSmtpTransport(url, { timeoutMs: 5000 });
});

afterEach(async () => {
  await outbox?.stop();
  outbox = undefined;
  transport.close();
  store.close();
  tmp.cleanup();
});

describe("sending through a real SMTP server", () => {
  it("delivers the coach notification with the right envelope and headers", async () => {
    const saved = seedInquiry(store, T0);
    const found = store.find(saved.reference);
    if (found === undefined) throw new Error("not stored");
    await transport.send(composeCoachNotification(found, identity, 1));
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from).toBe("inquiries@runsmart.test");
    expect(mail?.to).toEqual(["coach@runsmart.test"]);
    // nodemailer normalises the domain to lower case; the local part is kept.
    expect(mail?.raw).toMatch(/^Reply-To: Sam Runner <Sam@example\.com>\r$/m);
    expect(mail?.raw).toContain(`Subject: Coaching inquiry ${saved.reference} from Sam Runner`);
    expect(mail?.raw).not.toMatch(/^(Cc|Bcc):/im);
  });

  it("retries a temporary rejection through the outbox and sends each message once", async () => {
    const clock = manualClock(T0);
    const saved = seedInquiry(store, T0);
    rejectNext = 1;
    outbox = startOutbox(inlineStore(store), transport, clock, memoryLogger(), {
      identity,
      timing: { baseDelayMs: 1000 },
    });
    await outbox.runOnce();
    expect(received).toHaveLength(1);
    clock.advance(1000);
    await outbox.runOnce();
    await outbox.runOnce();
    expect(received.map((m) => m.to[0]).sort()).toEqual(["Sam@example.com", "coach@runsmart.test"]);
    expect(store.messagesFor(saved.id).map((m) => m.status)).toEqual(["sent", "sent"]);
  });
});
