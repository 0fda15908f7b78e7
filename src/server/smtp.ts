/**
 * Sends a composed MailMessage through nodemailer. The mapping to nodemailer's options is explicit
 * and complete: from, to, reply-to, subject, plain text, message id, and when present a calendar
 * invitation and List-Unsubscribe; nothing else (no cc, bcc, html or other headers), with file and
 * URL access switched off. Addresses are passed as objects so nodemailer never parses visitor text
 * as an address list. It knows nothing about retries: a failure is thrown to the outbox, which
 * decides what to do.
 */
import { createTransport } from "nodemailer";
import type { SendMailOptions } from "nodemailer";
import type { MailMessage } from "./mail.ts";

/** What the outbox needs from a mail transport. */
export interface MailTransport {
  /** Resolves once the server accepted the message; rejects otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** The nodemailer options for a message: exactly the fields MailMessage has. */
export function toSendMailOptions(message: MailMessage): SendMailOptions {
  const options: SendMailOptions = {
    from: { name: message.from.name, address: message.from.address },
    to: [{ name: message.to.name, address: message.to.address }],
    replyTo: { name: message.replyTo.name, address: message.replyTo.address },
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  // An invitation goes as a text/calendar alternative with its method, which is what Google
  // Calendar, Apple Calendar and Outlook read (nodemailer's icalEvent), plus the same as invite.ics.
  if (message.calendar !== undefined) {
    options.icalEvent = { method: message.calendar.method, filename: "invite.ics", content: message.calendar.content };
  }
  if (message.unsubscribeUrl !== undefined) {
    options.list = { unsubscribe: { url: message.unsubscribeUrl, comment: "Unsubscribe" } };
    options.headers = { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
  }
  return options;
}

export interface SmtpOptions {
  /** Milliseconds to wait for a connection, greeting and socket activity (default 30 000). */
  readonly timeoutMs?: number;
}

/** A transport for an smtp:// or smtps:// URL (credentials in the URL). */
export function createSmtpTransport(smtpUrl: string, options: SmtpOptions = {}): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  const transporter = createTransport({
    url: smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(message) {
      await transporter.sendMail(toSendMailOptions(message));
    },
    close() {
      transporter.close();
    },
  };
}
