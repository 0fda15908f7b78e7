/**
 * How the built server (`node scripts/serve.mjs`) starts when it cannot: an operator or a
 * supervisor must see a failed start, not a process that quietly ends with status 0.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./fixtures";
import { startSite } from "./reliability-support";

/** Runs the built server with HOST and PORT until it exits (at most 15 s); its status and stderr. */
function runServer(host: string, port: string, dbPath: string) {
  return new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = execFile(
      process.execPath,
      ["scripts/serve.mjs"],
      { env: { ...process.env, HOST: host, PORT: port, INQUIRY_DB_PATH: dbPath }, timeout: 15_000 },
      (_error, _stdout, stderr) => {
        done({ code: child.exitCode, stderr });
      },
    );
  });
}

test("a server whose port is taken exits with status 1 and says why", async () => {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-start-"));
  const first = await startSite({ dbPath: join(dir, "first.db") });
  try {
    const port = new URL(first.base).port;
    const second = await runServer("127.0.0.1", port, join(dir, "second.db"));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    // The server that holds the port is untouched.
    expect((await fetch(`${first.base}/robots.txt`)).status).toBe(200);
  } finally {
    await first.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a server whose HOST does not resolve exits with status 1 and says why", async () => {
  const dir = mkdtempSync(join(tmpdir(), "runsmart-start-"));
  try {
    // .invalid never resolves (RFC 6761), with or without a network.
    const result = await runServer("no-such-host.invalid", "4321", join(dir, "inquiries.db"));
    expect(result.code).toBe(1);
    // ENOTFOUND from a resolver, EAI_AGAIN on a machine with none.
    expect(result.stderr).toMatch(/cannot listen on no-such-host\.invalid:4321 \((ENOTFOUND|EAI_AGAIN)\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
