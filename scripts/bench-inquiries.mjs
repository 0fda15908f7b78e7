// Benchmarks the inquiry route of the built server (`npm run bench:inquiries`, after `npm run build`;
// not part of `npm test`), once per store: SQLite (a temporary file) and PostgreSQL (a throwaway
// cluster from Debian's postgresql package, tests/support/postgres.ts, with fsync on like a real
// server); `--store sqlite` or `--store postgres` runs one. For each it starts the production
// server (scripts/serve.mjs) on a free loopback port with that database, no SMTP, a rate limit high
// enough not to interfere and a known form secret, then posts 2000 valid, distinct inquiries as
// JSON over 50 kept-alive connections, each with its own signed form token (one token carries one
// inquiry). Every answer must be 201 with a reference; afterwards the database must hold exactly
// 2000 new inquiries with those references (SQLite: and pass `PRAGMA integrity_check`). It prints
// the throughput and latency percentiles per store and exits non-zero on any failure. Loopback
// traffic only.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { issueFormToken } from "../src/server/form-token.ts";
import { startPostgres } from "../tests/support/postgres.ts";

const REQUESTS = 2000;
const CONNECTIONS = 50;
/** Limits that keep a broken server from hanging the benchmark. */
const REQUEST_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 180_000;
const START_TIMEOUT_MS = 20_000;

const root = resolve(import.meta.dirname, "..");
const entry = join(root, "scripts/serve.mjs");
const FORM_SECRET = "bench-inquiries-form-secret-of-32-characters-or-more";
if (!existsSync(join(root, "dist/server/entry.mjs"))) {
  console.error("bench:inquiries: no build in dist/. Run `npm run build` first.");
  process.exit(1);
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/** One HTTP request through `agent`; resolves with status, body and milliseconds taken. */
function send(agent, url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolveSend, reject) => {
    const started = performance.now();
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () =>
        resolveSend({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        }),
      );
      res.on("error", reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A SQLite file in a temporary folder: the server's variables, and reading it back read-only. */
function sqliteDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-bench-inquiries-"));
  const dbPath = join(dir, "inquiries.db");
  const read = (query) => {
    const db = new DatabaseSync(dbPath, { readOnly: true });
    try {
      return query(db);
    } finally {
      db.close();
    }
  };
  return {
    name: "SQLite",
    env: { INQUIRY_DB_PATH: dbPath },
    count: async () => read((db) => Number(db.prepare("SELECT count(*) AS n FROM inquiries").get().n)),
    inspect: async () =>
      read((db) => {
        const integrity = db
          .prepare("PRAGMA integrity_check")
          .all()
          .map((row) => row.integrity_check)
          .join("; ");
        return {
          rows: Number(db.prepare("SELECT count(*) AS n FROM inquiries").get().n),
          references: new Set(
            db
              .prepare("SELECT reference FROM inquiries")
              .all()
              .map((row) => row.reference),
          ),
          spam: Number(db.prepare("SELECT count(*) AS n FROM inquiries WHERE spam_reason IS NOT NULL").get().n),
          queued: Number(db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get().n),
          check: `integrity_check ${integrity}`,
          ok: integrity === "ok",
        };
      }),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A throwaway PostgreSQL cluster (fsync on, as a real server runs) and one database in it. */
async function postgresDatabase() {
  const server = await startPostgres({ fsync: true });
  try {
    const url = await server.createDatabase();
    const query = async (sql) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    const number = async (sql) => Number((await query(sql))[0].n);
    return {
      name: "PostgreSQL",
      env: { DATABASE_URL: url },
      count: () => number("SELECT count(*) AS n FROM inquiries"),
      inspect: async () => ({
        rows: await number("SELECT count(*) AS n FROM inquiries"),
        references: new Set((await query("SELECT reference FROM inquiries")).map((row) => row.reference)),
        spam: await number("SELECT count(*) AS n FROM inquiries WHERE spam_reason IS NOT NULL"),
        queued: await number("SELECT count(*) AS n FROM outbox WHERE status = 'pending'"),
        check: `server ${(await query("SHOW server_version"))[0].server_version}, fsync ${(await query("SHOW fsync"))[0].fsync}`,
        ok: true,
      }),
      close: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** One run against `database`; returns the failures (empty when every check passed). */
async function benchmark(database) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(HOST|PORT|SITE_URL|SMTP_URL|TRUST_PROXY|DATABASE_URL|INQUIRY_.*)$/.test(name),
    ),
  );
  const server = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      ...env,
      ...database.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      SITE_URL: base,
      INQUIRY_RATE_LIMIT_MAX: "100000",
      INQUIRY_MIN_FILL_SECONDS: "0",
      INQUIRY_FORM_SECRET: FORM_SECRET,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let serverLog = "";
  const keepLog = (chunk) => (serverLog = (serverLog + chunk.toString("utf8")).slice(-20_000));
  server.stdout.on("data", keepLog);
  server.stderr.on("data", keepLog);
  const serverExit = new Promise((done) => server.once("exit", done));
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

  async function stopServer() {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill("SIGTERM");
    if ((await Promise.race([serverExit.then(() => true), sleep(5000).then(() => false)])) === false) {
      server.kill("SIGKILL");
      await serverExit;
    }
  }

  const failures = [];
  try {
    const startDeadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
      const ready = await send(agent, `${base}/robots.txt`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > startDeadline) throw new Error(`the server did not answer within ${START_TIMEOUT_MS} ms`);
      await sleep(100);
    }
    const page = await send(agent, `${base}/coaching/`);
    if (page.status !== 200 || !page.body.includes('name="formToken"')) {
      throw new Error(`no form token on /coaching/ (${page.status})`);
    }
    const before = await database.count();

    const latencies = [];
    const references = new Set();
    let next = 0;
    const runDeadline = Date.now() + RUN_TIMEOUT_MS;
    const worker = async () => {
      while (next < REQUESTS && failures.length < 20) {
        if (Date.now() > runDeadline) {
          failures.push(`stopped: the run took longer than ${RUN_TIMEOUT_MS} ms`);
          return;
        }
        const i = next;
        next += 1;
        const body = JSON.stringify({
          name: `Bench Runner ${i}`,
          email: `bench-${i}@example.com`,
          goal: "faster-race",
          yearsRunning: 1 + (i % 20),
          weeklyVolume: 10 + (i % 90),
          volumeUnit: i % 2 === 0 ? "km" : "mi",
          lifting: "some",
          message: `Benchmark inquiry number ${i}: I would like a plan for my next marathon.`,
          consent: true,
          formToken: issueFormToken(new Date(), FORM_SECRET),
        });
        try {
          const response = await send(agent, `${base}/coaching/`, {
            method: "POST",
            headers: {
              "Content-Type": "application/json",
              "Content-Length": Buffer.byteLength(body),
              Origin: base,
            },
            body,
          });
          latencies.push(response.ms);
          const reference = response.status === 201 ? JSON.parse(response.body).reference : undefined;
          if (typeof reference === "string" && /^RS-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(reference))
            references.add(reference);
          else failures.push(`inquiry ${i}: ${response.status} ${response.body.slice(0, 200)}`);
        } catch (error) {
          failures.push(`inquiry ${i}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    await stopServer();

    if (references.size !== REQUESTS) failures.push(`${references.size} distinct references for ${REQUESTS} inquiries`);
    const stored = await database.inspect();
    if (stored.rows - before !== REQUESTS) {
      failures.push(`the database holds ${stored.rows - before} new inquiries, not ${REQUESTS}`);
    }
    const missing = [...references].filter((reference) => !stored.references.has(reference));
    if (missing.length > 0) failures.push(`${missing.length} acknowledged references are not stored`);
    if (stored.spam !== 0) failures.push(`${stored.spam} inquiries were stored as spam`);
    if (!stored.ok) failures.push(stored.check);

    const sorted = [...latencies].sort((a, b) => a - b);
    const ms = (value) => `${value.toFixed(1)} ms`;
    console.log(
      `bench:inquiries (${database.name}): ${REQUESTS} JSON inquiries over ${CONNECTIONS} kept-alive connections (loopback)`,
    );
    console.log(`  throughput  ${(latencies.length / seconds).toFixed(0)} req/s (${seconds.toFixed(2)} s)`);
    if (sorted.length > 0) {
      console.log(
        `  latency     p50 ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1))}`,
      );
    }
    console.log(
      `  database    ${stored.rows - before} new inquiries, ${stored.spam} spam, ${stored.queued} emails pending, ${stored.check}`,
    );
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  } finally {
    agent.destroy();
    await stopServer();
  }
  if (failures.length > 0 && serverLog.trim() !== "") {
    failures.push(`server output (last lines):\n${serverLog.split("\n").slice(-15).join("\n")}`);
  }
  return failures;
}

const storeArgument = process.argv.indexOf("--store");
const wanted = storeArgument === -1 ? "both" : process.argv[storeArgument + 1];
if (!["sqlite", "postgres", "both"].includes(wanted)) {
  console.error("bench:inquiries: --store takes sqlite, postgres or both");
  process.exit(1);
}
const failed = [];
for (const open of [
  ...(wanted === "postgres" ? [] : [sqliteDatabase]),
  ...(wanted === "sqlite" ? [] : [postgresDatabase]),
]) {
  let database;
  try {
    database = await open();
    const failures = await benchmark(database);
    if (failures.length > 0) failed.push(`${database.name}:\n  ${failures.slice(0, 20).join("\n  ")}`);
  } catch (error) {
    failed.push(error instanceof Error ? error.message : String(error));
  } finally {
    await database?.close();
  }
}

if (failed.length > 0) {
  console.error(`bench:inquiries FAILED:\n${failed.join("\n")}`);
  process.exit(1);
}
