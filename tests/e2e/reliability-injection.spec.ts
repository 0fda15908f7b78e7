/**
 * Header and markup injection through the inquiry form of the built server, with a real SMTP server
 * on loopback. Line-break variants in every single-line field are refused, or, where the text is
 * harmless and accepted, stored verbatim and never turned into a mail header. HTML and script
 * payloads are stored verbatim and shown as text everywhere they appear: the re-rendered plain-HTML
 * form, the coach's notification (plain text) and the coach's command line.
 */
import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  COACH_ADDRESS,
  cli,
  count,
  exportInquiries,
  formToken,
  headerCount,
  headerNames,
  headerValue,
  mailOrigin,
  postForm,
  postJson,
  readDatabase,
  startSite,
  startSmtp,
  textBody,
  validInquiry,
  waitFor,
  type Received,
  type Site,
  type Smtp,
  mintFormToken,
} from "./reliability-support";

const SINGLE_LINE_FIELDS = ["name", "email", "goalRace", "timeZone"] as const;
type SingleLineField = (typeof SINGLE_LINE_FIELDS)[number];

const ENV = { INQUIRY_RATE_LIMIT_MAX: "100000", INQUIRY_MIN_FILL_SECONDS: "0", INQUIRY_MAIL_RETRY_SECONDS: "1" };
const INJECTED = "Bcc: victim@evil.test";

/** What follows the field's ordinary text: as JSON sends it, or percent-encoded in a form body. */
type Variant = { readonly json: string } | { readonly form: string };

const BREAKS = [
  "\r\n",
  "\n",
  "\r",
  "\n\r",
  "\r\r\n",
  "\r\n\r\n",
  "\u0085",
  "\u2028",
  "\u2029",
  "\r\n ",
  "\r\n\t",
  "\n ",
  "\u000b",
  "\u000c",
  "\u0000",
  "\u001c",
  "\u001e",
  "\t",
];
const OTHER_HEADERS = [
  "Cc: victim@evil.test",
  "To: victim@evil.test",
  "Subject: hijacked",
  "Reply-To: victim@evil.test",
  "From: ceo@evil.test",
  "Content-Type: text/html",
  "X-Injected: yes",
];
/** Text that only looks like a line break: harmless if stored and sent as text. */
const LOOKALIKES = [
  `\\r\\n${INJECTED}`,
  `%0d%0a${INJECTED}`,
  `%0D%0A${INJECTED}`,
  `=0D=0A${INJECTED}`,
  `&#13;&#10;${INJECTED}`,
  `\u240d\u240a${INJECTED}`,
  `\u2424${INJECTED}`,
  `=?utf-8?Q?=0D=0ABcc:_victim@evil.test?=`,
  `=?utf-8?B?DQpCY2M6IHZpY3RpbUBldmlsLnRlc3Q=?=`,
  ` ${INJECTED}`,
];
const FORM_TAILS = [
  "%0d%0aBcc:%20victim%40evil.test",
  "%0D%0ABcc:+victim@evil.test",
  "%0aBcc:%20victim@evil.test",
  "%0dBcc:%20victim@evil.test",
  "%E2%80%A8Bcc:%20victim@evil.test",
  "%E2%80%A9Bcc:%20victim@evil.test",
  "%C2%85Bcc:%20victim@evil.test",
  "%0d%0a%20Bcc:%20victim@evil.test",
  "%0d%0a%09Bcc:%20victim@evil.test",
  "%0d%0a%0d%0aInjected+body",
  "%250d%250aBcc:%20victim@evil.test",
  "%u000d%u000aBcc:%20victim@evil.test",
  "+%0d%0a+Bcc:+victim@evil.test",
];
const VARIANTS: readonly Variant[] = [
  ...BREAKS.map((json) => ({ json: `${json}${INJECTED}` })),
  ...OTHER_HEADERS.flatMap((header) => [{ json: `\r\n${header}` }, { json: `\n${header}` }]),
  { json: "\r\n" },
  { json: "\n" },
  { json: "\r\n\r\nInjected body" },
  ...LOOKALIKES.map((json) => ({ json })),
  ...FORM_TAILS.map((form) => ({ form })),
];

/** Astro's escaping of a double-quoted attribute value, undone; and of text, undone. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** How the coach's CLI shows text in a terminal: control and bidi characters as \u{..}. */
function terminalEscaped(text: string, multiLine: boolean): string {
  const unsafe = multiLine
    ? /(?![\t\n])[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu
    : /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
  return text.replace(unsafe, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
}

const TERMINAL_UNSAFE = /(?![\n])[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

interface Accepted {
  readonly reference: string;
  readonly email: string;
}

/** Waits for `expected` emails, all sent by the outbox, then gives each its origin. */
async function deliveredMail(smtp: Smtp, dbPath: string, expected: number) {
  await waitFor(
    () =>
      smtp.inbox.length >= expected &&
      readDatabase(dbPath, (db) => count(db, "SELECT count(*) FROM outbox WHERE status <> 'sent'")) === 0,
    45_000,
    `${expected} emails (${smtp.inbox.length} so far)`,
  );
  expect(smtp.inbox).toHaveLength(expected);
  return smtp.inbox.map((message) => {
    const origin = mailOrigin(message.raw);
    if (origin === undefined) throw new Error(`no outbox Message-ID:\n${message.raw.slice(0, 500)}`);
    return { ...origin, message };
  });
}

/** Exactly the header lines a clean message of the same kind has: one From, To, Subject, Reply-To. */
function expectSafeHeaders(message: Received, baseline: Received, label: string) {
  for (const name of ["From", "To", "Subject", "Reply-To"])
    expect(headerCount(message.raw, name), `${label}: ${name}`).toBe(1);
  for (const name of ["Cc", "Bcc"]) expect(headerCount(message.raw, name), `${label}: ${name}`).toBe(0);
  expect(headerNames(message.raw).sort(), label).toEqual(headerNames(baseline.raw).sort());
  expect(message.to, label).toHaveLength(1);
  expect(message.to.join(), label).not.toContain("evil.test");
}

async function withSite(run: (site: Site, smtp: Smtp, dbPath: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-injection-"));
  const dbPath = join(dir, "inquiries.db");
  const smtp = await startSmtp();
  let site: Site | undefined;
  try {
    site = await startSite({ dbPath, smtpPort: smtp.port, env: ENV });
    await run(site, smtp, dbPath);
  } finally {
    await site?.stop();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test("line breaks in any single-line field are refused, or stay text and never become a mail header", async () => {
  test.setTimeout(90_000);
  expect(VARIANTS.length).toBeGreaterThanOrEqual(50);
  await withSite(async (site, smtp, dbPath) => {
    const token = await formToken(site.base);
    const clean = await postJson(site.base, validInquiry("clean", mintFormToken()));
    expect(clean.status).toBe(201);
    const cleanReference = ((await clean.json()) as { reference: string }).reference;

    const ordinary: Record<SingleLineField, string> = {
      name: "Ivy Runner",
      email: "crlf@example.com",
      goalRace: "Berlin Marathon",
      timeZone: "UTC",
    };
    const accepted: (Accepted & { field: SingleLineField; sent: string })[] = [];
    const statuses: Record<string, number> = {};
    for (const field of SINGLE_LINE_FIELDS) {
      for (const [index, variant] of VARIANTS.entries()) {
        const key = `crlf-${field}-${index}`;
        const prefix = field === "email" ? `${key}@example.com` : ordinary[field];
        const base = validInquiry("crlf", mintFormToken(), { message: `Injection test ${key}, please ignore.` });
        let response: Response;
        let sent: string;
        if ("json" in variant) {
          sent = prefix + variant.json;
          response = await postJson(site.base, { ...base, [field]: sent });
        } else {
          const form = new URLSearchParams(Object.entries({ ...base, consent: "on" }).map(([k, v]) => [k, String(v)]));
          form.delete(field);
          const body = `${form.toString()}&${field}=${encodeURIComponent(prefix)}${variant.form}`;
          sent = new URLSearchParams(body).get(field) ?? "";
          response = await postForm(site.base, body);
        }
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const label = `${field} ${JSON.stringify(sent)}`;
        expect([201, 303, 422], label).toContain(response.status);
        if (response.status === 422) continue;
        const reference =
          response.status === 201
            ? ((await response.json()) as { reference: string }).reference
            : (new URL(response.headers.get("location") ?? "", site.base).searchParams.get("ref") ?? "");
        accepted.push({ reference, field, sent, email: field === "email" ? sent.trim() : base.email });
      }
    }
    test.info().annotations.push({
      type: "line-break variants",
      description: `${VARIANTS.length} per field, ${JSON.stringify(statuses)}`,
    });
    // Every variant with a real line break or control character is refused; only look-alikes pass.
    for (const { sent, field } of accepted) expect(sent, field).not.toMatch(/[\p{Cc}\u2028\u2029]/u);

    const rows = new Map((await exportInquiries(dbPath)).map((row) => [row.reference, row]));
    expect(rows.size).toBe(accepted.length + 1);
    for (const { reference, field, sent } of accepted)
      expect(rows.get(reference)?.[field], reference).toBe(sent.trim());

    const addresses = new Set([validInquiry("clean", token).email, ...accepted.map((a) => a.email)]);
    const mail = await deliveredMail(smtp, dbPath, accepted.length + 1 + addresses.size);
    const baseline = (kind: string) => mail.find((m) => m.reference === cleanReference && m.kind === kind)?.message;
    for (const { reference, kind, message } of mail) {
      const clean = baseline(kind);
      expect(clean, kind).toBeDefined();
      if (clean === undefined) continue;
      const row = rows.get(reference);
      expectSafeHeaders(message, clean, `${kind} for ${JSON.stringify(row)}`);
      expect(message.to).toEqual([kind === "coach-notification" ? COACH_ADDRESS : row?.email]);
    }
  });
});

/** Markup in every shape that has broken a page somewhere: each fits the name field (100 characters). */
const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><script>alert(document.cookie)</script>',
  "'><svg onload=alert(1)>",
  "</textarea><script>alert(1)</script>",
  "</title><script>alert(1)</script>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  "<body onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<!--<img src=x onerror=alert(1)>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<style>*{display:none}</style>",
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example/"><button>Go</button></form>',
  "<input autofocus onfocus=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<video><source onerror=alert(1)></video>",
  "<div>{{constructor.constructor('alert(1)')()}}</div>",
  "${alert(1)}<i>template</i>",
  "<% alert(1) %>",
  "<?php echo 'x'; ?>",
  '\\"><img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(\'it&#39;s\')">',
  '=HYPERLINK("https://evil.example")<b>x</b>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<template><script>alert(1)</script></template>",
  "\u202e<b>gnp.exe</b>",
  "\u2066<i>isolate</i>\u2069 \u200f<u>mark</u>",
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  "'';!--\"<XSS>=&{()}",
  "<plaintext>",
  "</script><script>alert(1)</script>",
];

const messageFor = (payload: string) => `${payload}\nI would like coaching for my next race.`;

/** The raw (still escaped) value of the `value` attribute of the input with this id. */
function inputValue(html: string, id: string): string | undefined {
  const at = html.indexOf(`id="${id}"`);
  if (at < 0) return undefined;
  const start = html.indexOf(' value="', at);
  if (start < 0) return undefined;
  const end = html.indexOf('"', start + 8);
  return html.slice(start + 8, end);
}

/** The raw (still escaped) text of the message textarea. */
function textareaText(html: string): string | undefined {
  return /<textarea[^>]*\bid="message"[^>]*>([\s\S]*?)<\/textarea/.exec(html)?.[1];
}

/** The page without the three places the payload is expected (to count markup elsewhere). */
function withoutFormValues(html: string): string {
  let rest = html;
  for (const id of ["name", "goalRace"]) {
    const raw = inputValue(rest, id);
    if (raw !== undefined) rest = rest.replace(` value="${raw}"`, "");
  }
  const text = textareaText(rest);
  return text === undefined ? rest : rest.replace(text, "");
}

const tags = (html: string) => (html.match(/</g) ?? []).length;

test("HTML and script payloads are stored verbatim and shown as text in the form, the email and the CLI", async () => {
  test.setTimeout(90_000);
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
  await withSite(async (site, smtp, dbPath) => {
    const token = await formToken(site.base);
    const fields = (payload: string) => ({ name: payload, goalRace: payload, message: messageFor(payload) });
    const references = new Map<string, string>();
    for (const payload of PAYLOADS) {
      // One address for all: the auto-reply goes out once a day per address, the notifications always.
      const response = await postJson(site.base, validInquiry("markup", mintFormToken(), fields(payload)));
      expect(response.status, payload).toBe(201);
      references.set(payload, ((await response.json()) as { reference: string }).reference);
    }

    // The plain-HTML form shown again after a 422 (the email is wrong) keeps each payload as text.
    const rerender = async (payload: string) => {
      const form = new URLSearchParams({
        ...Object.fromEntries(Object.entries(validInquiry("markup", token)).map(([k, v]) => [k, String(v)])),
        ...fields(payload),
        email: "not-an-email",
        consent: "on",
      });
      const response = await postForm(site.base, form.toString());
      expect(response.status, payload).toBe(422);
      expect(response.headers.get("content-type"), payload).toMatch(/^text\/html/);
      return response.text();
    };
    const baseline = withoutFormValues(await rerender("Plain Name"));
    for (const payload of PAYLOADS) {
      const html = await rerender(payload);
      for (const id of ["name", "goalRace"]) {
        const raw = inputValue(html, id) ?? "";
        expect(raw, `${id}: ${payload}`).not.toContain('"');
        expect(decodeEntities(raw), `${id}: ${payload}`).toBe(payload);
      }
      const text = textareaText(html) ?? "";
      expect(text, payload).not.toMatch(/[<>]/);
      expect(decodeEntities(text), payload).toBe(messageFor(payload));
      if (payload.includes("<script")) expect(text, payload).toContain("&lt;script");
      const rest = withoutFormValues(html);
      expect(rest, payload).not.toContain(payload);
      expect(tags(rest), `markup outside the form values: ${payload}`).toBe(tags(baseline));
    }

    // Stored exactly as typed.
    const rows = new Map((await exportInquiries(dbPath)).map((row) => [row.reference, row]));
    for (const [payload, reference] of references) {
      const row = rows.get(reference);
      expect(row?.name, reference).toBe(payload);
      expect(row?.goalRace, reference).toBe(payload);
      expect(row?.message, reference).toBe(messageFor(payload));
    }

    // The coach's command line shows the text with terminal control and bidi characters escaped:
    // `list` every inquiry, `show` those with characters beyond printable ASCII and a sample of the
    // rest (markup itself means nothing to a terminal, and each run of the CLI costs a Node start).
    const listed = await cli(dbPath, ["list", "--limit", "500"]);
    const queue = [...references].filter(([payload], index) => /[^\x20-\x7e]/.test(payload) || index % 5 === 0);
    const shown = new Map<string, string>();
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        shown.set(next[0], await cli(dbPath, ["show", next[1]]));
      }
    };
    await Promise.all([worker(), worker()]);
    expect(shown.size).toBeGreaterThanOrEqual(10);
    expect(listed).not.toMatch(TERMINAL_UNSAFE);
    for (const [payload, output] of shown) {
      expect(output, payload).not.toMatch(TERMINAL_UNSAFE);
      expect(output, payload).toContain(`Name:          ${terminalEscaped(payload, false)}\n`);
      expect(output, payload).toContain(`Goal race:     ${terminalEscaped(payload, false)}\n`);
      expect(output, payload).toContain(terminalEscaped(messageFor(payload), true));
    }

    // The coach's notification is plain text, so the payload is in it verbatim; the auto-reply
    // repeats nothing the visitor typed.
    const mail = await deliveredMail(smtp, dbPath, PAYLOADS.length + 1);
    const notifications = mail.filter((m) => m.kind === "coach-notification");
    const cleanNotification = notifications[0]?.message;
    expect(cleanNotification).toBeDefined();
    for (const [payload, reference] of references) {
      const notification = notifications.find((m) => m.reference === reference)?.message;
      expect(notification, payload).toBeDefined();
      if (notification === undefined || cleanNotification === undefined) continue;
      expect(headerValue(notification.raw, "Content-Type"), payload).toMatch(/^text\/plain;\s*charset=utf-8$/i);
      expectSafeHeaders(notification, cleanNotification, payload);
      const body = textBody(notification.raw);
      expect(body, payload).toContain(`\nName: ${payload}\n`);
      expect(body, payload).toContain(`\nGoal race: ${payload}\n`);
      expect(body, payload).toContain(`\n${messageFor(payload)}\n`);
    }
    const autoReplies = mail.filter((m) => m.kind === "auto-reply");
    expect(autoReplies).toHaveLength(1);
    const reply = textBody(autoReplies[0]?.message.raw ?? "");
    for (const payload of PAYLOADS) expect(reply, payload).not.toContain(payload);
  });
});
