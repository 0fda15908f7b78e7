/**
 * A real TLS-terminating proxy for the end-to-end suite: Debian's nginx, run unprivileged as a child
 * process with the site's own sample configuration (deploy/nginx.conf, placeholders filled in) and
 * a self-signed certificate for 127.0.0.1 made by openssl. Everything lives in a temporary folder
 * (configuration, certificate, pid file, nginx's temporary files) that stop() removes; everything
 * listens on and connects to 127.0.0.1 only, and every wait is bounded in time.
 */
import { execFile, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { promisify } from "node:util";
import { exited as childExited, freePort, waitFor } from "./reliability-support";

const run = promisify(execFile);

/** The sample configuration an operator installs; the test runs this very file. */
export const SAMPLE_CONFIG = resolve("deploy/nginx.conf");

/** Where to look for a program besides PATH (nginx lives in /usr/sbin, often not on a user's PATH). */
const SYSTEM_BIN = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

/** The full path of `program`, or a clear error saying how to install it. */
function findProgram(program: string, override: string | undefined, install: string): string {
  if (override !== undefined && override !== "") {
    try {
      accessSync(override, constants.X_OK);
      return override;
    } catch {
      throw new Error(`${override} (from the environment) is not an executable ${program}.`);
    }
  }
  const dirs = [...(process.env["PATH"] ?? "").split(delimiter).filter((dir) => dir !== ""), ...SYSTEM_BIN];
  for (const dir of dirs) {
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(
    `${program} is not installed, and the TLS proxy tests need it: ${install} (.ci/run installs it when missing).`,
  );
}

function nginxPath(): string {
  return findProgram("nginx", process.env["NGINX_PATH"], "apt-get install -y nginx-light");
}

function opensslPath(): string {
  return findProgram("openssl", process.env["OPENSSL_PATH"], "apt-get install -y openssl");
}

/** The values for deploy/nginx.conf's placeholders. */
export interface ConfigValues {
  readonly serverName: string;
  readonly publicOrigin: string;
  readonly listenHttps: string;
  readonly listenHttp: string;
  readonly cert: string;
  readonly key: string;
  readonly upstream: string;
}

/** deploy/nginx.conf with every placeholder replaced; fails if the file has one this does not know. */
export async function renderSampleConfig(values: ConfigValues): Promise<string> {
  const replacements: Record<string, string> = {
    __SERVER_NAME__: values.serverName,
    __PUBLIC_ORIGIN__: values.publicOrigin,
    __LISTEN_HTTPS__: values.listenHttps,
    __LISTEN_HTTP__: values.listenHttp,
    __CERT__: values.cert,
    __KEY__: values.key,
    __UPSTREAM__: values.upstream,
  };
  const text = await readFile(SAMPLE_CONFIG, "utf8");
  const missing = Object.keys(replacements).filter((name) => !text.includes(name));
  if (missing.length > 0) throw new Error(`${SAMPLE_CONFIG} no longer has the placeholder(s) ${missing.join(", ")}`);
  const rendered = text.replace(/__[A-Z][A-Z_]*__/g, (name) => {
    const value = replacements[name];
    if (value === undefined) throw new Error(`${SAMPLE_CONFIG} has a placeholder the test does not fill: ${name}`);
    return value;
  });
  return rendered;
}

/**
 * The top-level configuration around the sample: nginx in the foreground, one worker, its pid file,
 * error log and temporary files inside `dir`. As root (CI), the workers drop to nobody as they
 * would in production; otherwise nginx runs entirely as the current user.
 */
function mainConfig(dir: string, siteConfig: string): string {
  const asRoot = process.getuid?.() === 0;
  return [
    "daemon off;",
    "worker_processes 1;",
    ...(asRoot ? ["user nobody nogroup;"] : []),
    `pid ${join(dir, "nginx.pid")};`,
    "error_log stderr notice;",
    "events { worker_connections 256; }",
    "http {",
    "    default_type application/octet-stream;",
    "    access_log off;",
    `    client_body_temp_path ${join(dir, "client_body")};`,
    `    proxy_temp_path ${join(dir, "proxy")};`,
    `    fastcgi_temp_path ${join(dir, "fastcgi")};`,
    `    uwsgi_temp_path ${join(dir, "uwsgi")};`,
    `    scgi_temp_path ${join(dir, "scgi")};`,
    `    include ${siteConfig};`,
    "}",
    "",
  ].join("\n");
}

export interface ProxyOptions {
  /** The port of the Node server on 127.0.0.1. */
  readonly upstreamPort: number;
  /** The HTTPS port to listen on (pick it with freePort() when the site must know it first). */
  readonly port?: number;
}

export interface ProxyResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export interface ProxyRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs?: number;
}

export interface Proxy {
  /** https://127.0.0.1:<port>, the value for the site's SITE_URL. */
  readonly origin: string;
  readonly port: number;
  /** http://127.0.0.1:<port>, the plain-HTTP server that only redirects. */
  readonly httpOrigin: string;
  /** The self-signed certificate (PEM), trusted by `request`. */
  readonly certificate: string;
  /** nginx's output so far (the last 64 KB), for failure messages. */
  log(): string;
  /**
   * One HTTPS request to the proxy, trusting only its certificate (no redirects followed, any
   * header may be set, Host included). Node's fetch cannot be given the certificate without an
   * extra dependency, and switching certificate checks off for the whole test process is worse.
   */
  request(path: string, init?: ProxyRequest): Promise<ProxyResponse>;
  /** Stops nginx (SIGTERM, then SIGKILL after 5 s) and removes its folder. */
  stop(): Promise<void>;
}

function collect(
  send: typeof httpsRequest | typeof httpRequest,
  url: URL,
  options: Record<string, unknown>,
  init: ProxyRequest,
): Promise<ProxyResponse> {
  return new Promise((done, fail) => {
    const req = send(url, { method: init.method ?? "GET", headers: init.headers, ...options }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        done({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        });
      });
      response.on("error", fail);
    });
    req.setTimeout(init.timeoutMs ?? 10_000, () => req.destroy(new Error(`no answer from ${url.href} in time`)));
    req.on("error", fail);
    req.end(init.body);
  });
}

/** A plain-HTTP request (to the redirecting server). */
export function plainRequest(url: string, init: ProxyRequest = {}): Promise<ProxyResponse> {
  return collect(httpRequest, new URL(url), { agent: false }, init);
}

/**
 * Starts nginx with deploy/nginx.conf in front of the Node server on `upstreamPort` and resolves
 * once it answers over TLS. Fails with nginx's own message when it cannot start.
 */
export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const nginx = nginxPath();
  const openssl = opensslPath();
  const dir = await mkdtemp(join(tmpdir(), "runsmart-nginx-"));
  try {
    // As root the workers run as nobody and must reach the temporary folders nginx makes for them.
    await chmod(dir, 0o755);
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    await run(
      openssl,
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-days",
        "1",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { timeout: 30_000 },
    );
    await chmod(key, 0o600);
    const certificate = await readFile(cert, "utf8");

    const port = options.port ?? (await freePort());
    const httpPort = await freePort();
    const origin = `https://127.0.0.1:${port}`;
    const siteConfig = join(dir, "runsmart.conf");
    await writeFile(
      siteConfig,
      await renderSampleConfig({
        serverName: "127.0.0.1",
        publicOrigin: origin,
        listenHttps: `127.0.0.1:${port}`,
        listenHttp: `127.0.0.1:${httpPort}`,
        cert,
        key,
        upstream: `127.0.0.1:${options.upstreamPort}`,
      }),
    );
    const mainFile = join(dir, "nginx.conf");
    await writeFile(mainFile, mainConfig(dir, siteConfig));

    // `-e stderr`: nginx logs there even before it has read the configuration.
    const child = spawn(nginx, ["-p", `${dir}/`, "-c", mainFile, "-e", "stderr"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-65_536);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let spawnError: Error | undefined;
    child.on("error", (error) => {
      spawnError = error;
    });
    const exited = () => child.exitCode !== null || child.signalCode !== null || spawnError !== undefined;
    const gone = (timeoutMs: number) =>
      spawnError !== undefined ? Promise.resolve(true) : childExited(child, timeoutMs);

    // The certificate is checked against 127.0.0.1 even when a test sends another Host header (Node
    // would otherwise check it against that name).
    const tlsOptions = {
      ca: certificate,
      agent: false,
      checkServerIdentity: (_name: string, peer: PeerCertificate) => checkServerIdentity("127.0.0.1", peer),
    };
    const request = (path: string, init: ProxyRequest = {}) =>
      collect(httpsRequest, new URL(path, origin), tlsOptions, init);

    let stopped = false;
    const proxy: Proxy = {
      origin,
      port,
      httpOrigin: `http://127.0.0.1:${httpPort}`,
      certificate,
      log: () => output,
      request,
      async stop() {
        if (stopped) return;
        stopped = true;
        if (!exited()) {
          // SIGTERM: the master stops its worker and exits.
          child.kill("SIGTERM");
          if (!(await gone(5000))) {
            child.kill("SIGKILL");
            await gone(5000);
          }
        }
        await rm(dir, { recursive: true, force: true });
      },
    };

    try {
      await waitFor(
        async () => {
          if (spawnError !== undefined) throw new Error(`nginx (${nginx}) could not be started: ${spawnError.message}`);
          if (exited()) throw new Error(`nginx exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
          // Any answer over TLS will do: nginx is up (whether the Node server is, is the test's business).
          return request("/robots.txt", { timeoutMs: 1000 }).then(
            () => true,
            () => false,
          );
        },
        10_000,
        `nginx on ${origin} to answer over TLS`,
      );
    } catch (error) {
      await proxy.stop();
      throw error;
    }
    return proxy;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
