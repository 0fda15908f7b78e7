/**
 * A throwaway PostgreSQL server for the tests: `initdb` in a fresh temporary folder, started with
 * `pg_ctl` on a free loopback port (its Unix socket in the same folder), password authentication
 * over TCP, and removed again by `stop`. The binaries come from Debian's `postgresql` package
 * (/usr/lib/postgresql/<version>/bin, the newest one) or from PG_BIN. PostgreSQL refuses to run as
 * root, so as root every command runs as the `postgres` system user (`runuser -u postgres`), which
 * then owns the folder. A cluster whose test process died without stopping it is stopped and
 * removed by the next start. Shared by the unit tests (vitest global set-up) and the end-to-end
 * specs; it knows nothing about the store's tables.
 */
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./net.ts";

const run = promisify(execFile);
const PREFIX = "runsmart-pg-";

export interface PostgresServer {
  /** The administrator's URL (user postgres, with its password) of the `postgres` database. */
  readonly url: string;
  /** A new empty database on this server; its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /**
   * Flush to disk on commit (default false: a test cluster lives for one run, so durability
   * against power loss buys nothing there and costs time on a shared machine).
   */
  readonly fsync?: boolean;
}

/** The folder holding initdb and pg_ctl: PG_BIN, or the newest Debian PostgreSQL. */
export function postgresBinDir(): string {
  const fromEnv = process.env["PG_BIN"];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      "PostgreSQL is needed for these tests and was not found in /usr/lib/postgresql/*/bin: install Debian's " +
        "postgresql package (apt-get install postgresql; .ci/run does) or set PG_BIN to the folder holding initdb.",
    );
  }
  return join(root, newest, "bin");
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when this process is root. */
async function pgCommand(bin: string, program: string, args: readonly string[], timeoutMs = 60_000) {
  const path = join(bin, program);
  const [file, fullArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, [...args]];
  return run(file, fullArgs, { timeout: timeoutMs, encoding: "utf8" });
}

function pgCommandSync(bin: string, program: string, args: readonly string[]): void {
  const path = join(bin, program);
  const [file, fullArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, [...args]];
  execFileSync(file, fullArgs, { timeout: 30_000, stdio: "ignore" });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops and removes clusters left by test processes that died before stopping them. */
function removeOrphans(bin: string): void {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, "owner.pid"), "utf8"));
    } catch {
      continue;
    }
    if (!Number.isInteger(owner) || processAlive(owner)) continue;
    try {
      if (existsSync(join(dir, "data", "postmaster.pid")))
        pgCommandSync(bin, "pg_ctl", ["-D", join(dir, "data"), "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already stopped: the folder is removed below all the same.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

let databases = 0;

/** A new empty database on the server that `adminUrl` reaches as its administrator; its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  databases += 1;
  const name = `test_${process.pid}_${databases}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/**
 * Empties every table of a migrated database except the migrations' record, and restarts its ids:
 * a fresh database for the next test in a few milliseconds (creating one takes a second or more).
 */
export async function emptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ list: string | null }>(
      `SELECT string_agg(quote_ident(tablename), ', ') AS list FROM pg_tables
       WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    );
    const list = tables.rows[0]?.list;
    if (list !== null && list !== undefined) await client.query(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}

/** Removes a database `createDatabase` made, closing any connection still open to it. */
export async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^test_\d+_\d+_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Creates and starts a cluster; resolves once it accepts connections. */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  removeOrphans(bin);
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(dir, "owner.pid"), String(process.pid));
  const password = randomBytes(12).toString("hex");
  const passwordFile = join(dir, "password");
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  const data = join(dir, "data");
  const port = await freePort();
  let started = false;
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) pgCommandSync(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // The folder goes regardless; a server that survived is found as an orphan next time.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that exits without calling `stop` still takes its server with it.
  process.once("exit", stopNow);

  try {
    await pgCommand(bin, "initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      `--pwfile=${passwordFile}`,
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    const settings = [
      "-c listen_addresses=127.0.0.1",
      `-c port=${port}`,
      `-c unix_socket_directories=${dir}`,
      "-c max_connections=200",
      ...(options.fsync === true ? [] : ["-c fsync=off", "-c full_page_writes=off"]),
    ];
    started = true;
    await pgCommand(bin, "pg_ctl", [
      "-D",
      data,
      "-l",
      join(dir, "server.log"),
      "-w",
      "-t",
      "60",
      "-o",
      settings.join(" "),
      "start",
    ]);
  } catch (error) {
    stopNow();
    process.removeListener("exit", stopNow);
    throw error;
  }

  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    url,
    createDatabase: () => createDatabase(url),
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener("exit", stopNow);
      try {
        await pgCommand(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
      } catch {
        await pgCommand(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
