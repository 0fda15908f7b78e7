/**
 * Shared by the reliability specs: each starts its own built server (`node scripts/serve.mjs`)
 * on a free loopback port with its own database and, when mail matters, a real SMTP server on
 * loopback that keeps every raw message. Results are read back the way the coach reads them (the
 * CLI) or from the database opened read-only. Everything listens on and connects to 127.0.0.1 only,
 * and every wait here is bounded in time.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { promisify } from "node:util";
import { SMTPServer } from "smtp-server";
import { issueFormToken } from "../../src/server/form-token.ts";
import { freePort } from "../support/net.ts";

export { freePort };

const run = promisify(execFile);

export const COACH_ADDRESS = "coach@runsmart.test";
export const FROM_ADDRESS = "hello@runsmart.test";
export const MESSAGE = "Hello Nicole, I would like help preparing for my first half marathon.";
/** INQUIRY_FORM_SECRET of every server the end-to-end tests start, so a test can sign form tokens. */
export const FORM_SECRET = "end-to-end-form-secret-at-least-32-characters";

/**
 * A form token as the server would put in the form, served a minute ago (past the minimum fill
 * time): one token carries one inquiry, so a test sending several asks for one each.
 */
export function mintFormToken(servedAt = new Date(Date.now() - 60_000)): string {
  return issueFormToken(servedAt, FORM_SECRET);
}

/** Fails with a clear message when the site has not been built. */
export function assertBuilt(): void {
  if (!existsSync("dist/server/entry.mjs")) throw new Error("No build in dist/: run `npm run build` first.");
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Polls `condition` every 50 ms until it is true; throws `message` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, message: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await sleep(50);
  }
}

/** The seeded generator the benchmarks use too. */
export { seededRandom } from "../../scripts/seeded-random.ts";

export interface Received {
  readonly to: readonly string[];
  readonly raw: string;
}

export interface Smtp {
  readonly port: number;
  readonly inbox: Received[];
  close(): Promise<void>;
}

export interface SmtpOptions {
  /**
   * Called with each message once its data has arrived and before the server accepts it (the
   * client waits for the answer to DATA until the returned promise settles): a fault can be
   * injected at the moment the message is handed over.
   */
  readonly onMessage?: (message: Received) => void | Promise<void>;
}

/**
 * A real SMTP server on loopback that accepts everything and keeps each message as received; on
 * `port` when given (to bring a "down" mail server back on the address a site already uses).
 */
export async function startSmtp(port?: number, options: SmtpOptions = {}): Promise<Smtp> {
  const inbox: Received[] = [];
  port ??= await freePort();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // Otherwise every connection waits on a DNS query for 127.0.0.1 (off the loopback, up to 1.5 s).
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const message = {
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        };
        const hook = options.onMessage;
        if (hook === undefined) {
          inbox.push(message);
          callback();
          return;
        }
        Promise.resolve()
          .then(() => hook(message))
          .then(
            () => {
              inbox.push(message);
              callback();
            },
            (error: unknown) => {
              callback(error instanceof Error ? error : new Error(String(error)));
            },
          );
      });
    },
  });
  // A client killed mid-session resets its connection; that is the point of some tests, not a failure.
  smtp.on("error", () => undefined);
  await new Promise<void>((done) =>
    smtp.listen(port, "127.0.0.1", () => {
      done();
    }),
  );
  return {
    port,
    inbox,
    close: () =>
      new Promise<void>((done) => {
        smtp.close(() => {
          done();
        });
      }),
  };
}

export interface SiteOptions {
  readonly dbPath: string;
  /** Where mail goes; without it mail stays pending in the outbox. */
  readonly smtpPort?: number;
  /** More variables (the test-only overrides). */
  readonly env?: Readonly<Record<string, string>>;
  /** The port to listen on (default: a free one), e.g. to bring a stopped site back at its address. */
  readonly port?: number;
  /** The folder whose dist/ is served (default: this project's). */
  readonly cwd?: string;
}

export interface Site {
  readonly base: string;
  readonly child: ChildProcess;
  /** The server's output so far (the last 64 KB), for failure messages. */
  log(): string;
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const OWN_VARIABLES = /^(HOST|PORT|SITE_URL|SMTP_URL|TRUST_PROXY|DATABASE_URL|INQUIRY_.*)$/;

/** Resolves true once `child` has exited (at once if it already has), false after `timeoutMs`. */
export function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => {
      done(false);
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Starts the built server on a free loopback port and resolves once it serves a static file. */
export async function startSite(options: SiteOptions): Promise<Site> {
  assertBuilt();
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !OWN_VARIABLES.test(name)) env[name] = value;
  }
  Object.assign(env, {
    HOST: "127.0.0.1",
    PORT: String(port),
    INQUIRY_DB_PATH: options.dbPath,
    SITE_URL: base,
    INQUIRY_FORM_SECRET: FORM_SECRET,
    ASTRO_TELEMETRY_DISABLED: "1",
    ...(options.smtpPort === undefined
      ? {}
      : {
          SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}`,
          INQUIRY_COACH_EMAIL: COACH_ADDRESS,
          INQUIRY_FROM_EMAIL: FROM_ADDRESS,
        }),
    ...options.env,
  });
  const child = spawn(process.execPath, [resolve("scripts/serve.mjs")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-65_536);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const site: Site = {
    base,
    child,
    log: () => output,
    async kill() {
      child.kill("SIGKILL");
      if (!(await exited(child, 5000))) throw new Error("the server did not die after SIGKILL");
    },
    async stop() {
      child.kill("SIGTERM");
      if (!(await exited(child, 5000))) await site.kill();
    },
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
        return fetch(`${base}/robots.txt`, { signal: AbortSignal.timeout(1000) }).then(
          (response) => response.ok,
          () => false,
        );
      },
      15_000,
      `the server on ${base} to answer`,
    );
  } catch (error) {
    await site.kill();
    throw error;
  }
  return site;
}

/** The signed served-at token from the form on /coaching/ (this also starts the inquiry service). */
export async function formToken(base: string): Promise<string> {
  const html = await (await fetch(`${base}/coaching/`, { signal: AbortSignal.timeout(10_000) })).text();
  const token = /name="formToken" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error("no formToken in the form on /coaching/");
  return token;
}

/** A valid inquiry as the enhanced form sends it, with a distinct email and message for `key`. */
export function validInquiry(key: string, token: string, fields: Record<string, unknown> = {}) {
  return {
    name: "Ada Runner",
    email: `${key}@example.com`,
    goal: "first-race",
    yearsRunning: 1,
    weeklyVolume: 15,
    volumeUnit: "mi",
    lifting: "none",
    message: `${MESSAGE} (${key})`,
    consent: true,
    formToken: token,
    ...fields,
  };
}

/** POSTs a JSON body the way the enhanced form does. */
export function postJson(base: string, body: unknown, timeoutMs = 10_000): Promise<Response> {
  return fetch(`${base}/coaching/`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** POSTs an urlencoded body the way the plain HTML form does. */
export function postForm(base: string, body: string, timeoutMs = 10_000): Promise<Response> {
  return fetch(`${base}/coaching/`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "manual",
  });
}

/** Runs the coach's CLI (`node scripts/inquiries.ts ...`) on a database; its standard output. */
export async function cli(dbPath: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ["scripts/inquiries.ts", ...args], {
    env: { ...process.env, INQUIRY_DB_PATH: dbPath, NODE_NO_WARNINGS: "1" },
    encoding: "utf8",
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

export interface ExportedInquiry {
  readonly id: number;
  readonly reference: string;
  readonly name: string;
  readonly email: string;
  readonly goalRace: string | null;
  readonly timeZone: string | null;
  readonly message: string;
  readonly spamReason: string | null;
}

/** Every inquiry, spam included, through `export --format json --spam`. */
export async function exportInquiries(dbPath: string): Promise<ExportedInquiry[]> {
  return JSON.parse(await cli(dbPath, ["export", "--format", "json", "--spam"])) as ExportedInquiry[];
}

/** Runs `query` on the database opened read-only (safe while the server writes to it). */
export function readDatabase<T>(dbPath: string, query: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(dbPath, { readOnly: true, timeout: 5000 });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

/** One number from a single-row, single-column query. */
export function count(db: DatabaseSync, sql: string): number {
  const value = Object.values(db.prepare(sql).get() ?? {})[0];
  if (typeof value !== "number") throw new Error(`not a number: ${sql}`);
  return value;
}

/** The unfolded header lines of a raw message (continuation lines joined to their header). */
export function headerLines(raw: string): string[] {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  return head.split(/\r?\n(?![ \t])/).filter((line) => line !== "");
}

/** How many header lines named `name` (case-insensitive) the message has. */
export function headerCount(raw: string, name: string): number {
  const prefix = `${name.toLowerCase()}:`;
  return headerLines(raw).filter((line) => line.toLowerCase().startsWith(prefix)).length;
}

/** The first header named `name`, unfolded, or undefined. */
export function headerValue(raw: string, name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  const line = headerLines(raw).find((l) => l.toLowerCase().startsWith(prefix));
  return line
    ?.slice(prefix.length)
    .replace(/\r?\n[ \t]/g, " ")
    .trim();
}

/** Header names in order, lower-cased, for comparing the shape of two messages. */
export function headerNames(raw: string): string[] {
  return headerLines(raw).map((line) => line.slice(0, line.indexOf(":")).toLowerCase());
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The decoded body of a single-part message, with LF line ends. */
export function textBody(raw: string): string {
  const split = /\r?\n\r?\n/.exec(raw);
  const body = split === null ? "" : raw.slice(split.index + split[0].length);
  const encoding = (headerValue(raw, "Content-Transfer-Encoding") ?? "7bit").toLowerCase();
  const decoded =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
        : body;
  return decoded.replace(/\r\n/g, "\n");
}

/** The outbox message a mail came from, read from its Message-ID (`<reference.kind.outboxId@domain>`). */
export function mailOrigin(raw: string): { reference: string; kind: string; outboxId: number } | undefined {
  const match = /<(rs-[a-z0-9]{4}-[a-z0-9]{4})\.([a-z-]+)\.(\d+)@/i.exec(headerValue(raw, "Message-ID") ?? "");
  if (match === null) return undefined;
  return { reference: (match[1] ?? "").toUpperCase(), kind: match[2] ?? "", outboxId: Number(match[3]) };
}
