/**
 * The Run Smart service worker: the tools and the mobility program work with no signal after one
 * visit, and a new deploy replaces everything at once. scripts/service-worker.mjs writes it to
 * dist/client/sw.js with BUILD filled in from the build output (src/lib/pwa/precache.ts says what
 * is kept); it is never used by `astro dev`.
 *
 * - Install: every precached file of this build goes into a cache named after the build. Each
 *   download is checked against the revision the build recorded, so a cache can never hold files
 *   of two deploys; any failure fails the install, and the browser tries again later. Pages
 *   kept from earlier visits are fetched again for this build.
 * - Activate: caches of other builds are deleted; the worker takes over open pages at once.
 * - Pages (navigations): the network first, so a deploy shows on the next page opened; with no
 *   answer (or none within NETWORK_TIMEOUT_MS when a copy is kept) the kept copy; for a page never
 *   kept, the offline page with status 200. Opened pages are kept, except NEVER_KEPT (search, the
 *   thanks page, comment pages).
 * - Files: precached ones from the cache; other built assets (/_astro/, hashed and immutable,
 *   such as article images) from the cache once fetched. Everything else (the search index, share
 *   cards, feeds, posts) goes to the network untouched; a server island (an article's comments) too,
 *   answered 503 when the network fails, so the page shows the island's fallback.
 * Browser storage (the tracker, the calculator, drafts) is never touched.
 */
/** @type {{ version: string, files: [string, string][], offlinePage: string, neverKept: string[] }} */
const BUILD = __BUILD__;

const PREFIX = "runsmart-";
const PRECACHE = `${PREFIX}precache-${BUILD.version}`;
const RUNTIME = `${PREFIX}runtime-${BUILD.version}`;
/** How long a page waits for the network before a kept copy is shown instead (weak signal). */
const NETWORK_TIMEOUT_MS = 4000;
/** Pages and assets kept after visits, at most; the oldest go first. */
const RUNTIME_ENTRIES = 120;

const revisions = new Map(BUILD.files);
const isAsset = (path) => path.startsWith("/_astro/");
/** Where Astro's server islands are rendered on request. */
const ISLANDS = "/_server-islands/";
const keyOf = (path) => new URL(path, self.location.origin).href;

/** Hex SHA-256 of a response's body, cut to the revision's length. */
async function digest(response, length) {
  const bytes = await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer());
  return [...new Uint8Array(bytes)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, length);
}

/** A kept response of an earlier build's cache, for immutable assets that need no download. */
async function fromEarlierBuild(path, kind) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}${kind}-`) || name.endsWith(BUILD.version)) continue;
    const hit = await (await caches.open(name)).match(keyOf(path));
    if (hit) return hit;
  }
  return undefined;
}

async function precache() {
  const cache = await caches.open(PRECACHE);
  await Promise.all(
    BUILD.files.map(async ([path, revision]) => {
      if (await cache.match(keyOf(path))) return; // an earlier, interrupted install of this build
      const response =
        (isAsset(path) && (await fromEarlierBuild(path, "precache"))) ||
        (await fetch(path, { cache: isAsset(path) ? "default" : "no-cache" }));
      if (response.status !== 200) throw new Error(`precache: ${path} answered ${response.status}`);
      if ((await digest(response, revision.length)) !== revision) {
        throw new Error(`precache: ${path} is not this build's (another deploy is on its way)`);
      }
      await cache.put(keyOf(path), response);
    }),
  );
}

/** Pages kept by the previous build are fetched again for this one; assets are immutable and copied. */
async function carryOverVisits() {
  const runtime = await caches.open(RUNTIME);
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}runtime-`) || name === RUNTIME) continue;
    const earlier = await caches.open(name);
    await Promise.allSettled(
      (await earlier.keys()).map(async (request) => {
        const path = new URL(request.url).pathname;
        if (revisions.has(path)) return;
        const response = isAsset(path)
          ? await earlier.match(request)
          : await fetch(request.url, { cache: "no-cache", signal: AbortSignal.timeout(10_000) });
        if (response && keepable(path, response)) await runtime.put(request, response);
      }),
    );
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await precache();
      await carryOverVisits();
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await self.registration.navigationPreload?.enable();
      const current = new Set([PRECACHE, RUNTIME]);
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && !current.has(n)).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

/** NEVER_KEPT's rules (a `*` is one path segment) as regular expressions. */
const neverKept = BUILD.neverKept.map(
  (rule) => new RegExp(`^${rule.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]+")}$`),
);

/** Whether a network response for `path` may be kept after a visit. */
function keepable(path, response) {
  if (response.status !== 200 || response.type !== "basic" || response.redirected) return false;
  if (isAsset(path)) return true;
  return (
    !neverKept.some((rule) => rule.test(path)) && (response.headers.get("Content-Type") ?? "").startsWith("text/html")
  );
}

async function keep(path, response) {
  const runtime = await caches.open(RUNTIME);
  await runtime.put(keyOf(path), response);
  const keys = await runtime.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - RUNTIME_ENTRIES)).map((key) => runtime.delete(key)));
}

/** The kept copy of a page: this build's precache (any query string), else a kept visit. */
async function keptPage(url) {
  const path = url.pathname.endsWith("/") || url.pathname.includes(".") ? url.pathname : `${url.pathname}/`;
  if (revisions.has(path)) return (await caches.open(PRECACHE)).match(keyOf(path));
  return (await caches.open(RUNTIME)).match(keyOf(path));
}

async function fromNetwork(event, url) {
  const response = (await event.preloadResponse) ?? (await fetch(event.request));
  if (!revisions.has(url.pathname) && keepable(url.pathname, response)) {
    event.waitUntil(keep(url.pathname, response.clone()).catch(() => undefined));
  }
  return response;
}

async function navigate(event, url) {
  const kept = keptPage(url).catch(() => undefined);
  const network = fromNetwork(event, url);
  event.waitUntil(network.catch(() => undefined)); // keeps the copy up to date after a timeout
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS))
    .then(() => kept)
    .then((copy) => copy ?? network);
  try {
    return await Promise.race([network, slow]);
  } catch {
    const copy = await kept;
    if (copy) return copy;
    const offline = await (await caches.open(PRECACHE)).match(keyOf(BUILD.offlinePage));
    return offline ?? Response.error();
  }
}

/**
 * A server island (an article's comments): always from the network, never kept. With no answer it
 * gets a 503, so the page keeps the island's fallback (a link to the comments page) instead of
 * failing with an error.
 */
async function serverIsland(request) {
  try {
    return await fetch(request);
  } catch {
    return new Response("", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}

async function asset(event, path) {
  const { request } = event;
  if (revisions.has(path)) {
    const hit = await (await caches.open(PRECACHE)).match(keyOf(path));
    if (hit) return hit;
    return fetch(request);
  }
  const runtime = await caches.open(RUNTIME);
  const hit = await runtime.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (keepable(path, response)) event.waitUntil(keep(path, response.clone()).catch(() => undefined));
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url));
    return;
  }
  if (url.pathname.startsWith(ISLANDS)) {
    event.respondWith(serverIsland(request));
    return;
  }
  if (url.search === "" && (revisions.has(url.pathname) || isAsset(url.pathname))) {
    event.respondWith(asset(event, url.pathname));
  }
});
