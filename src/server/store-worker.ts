/**
 * The inquiry database's own thread (see worker-store.ts for the other end). node:sqlite is
 * synchronous, so a write waiting for another process's lock, or for its fsync, blocks the thread
 * it runs on; here that is this worker, never the web server's thread.
 *
 * Group commit: saves that arrive while a transaction is committing wait in a queue, and the next
 * transaction takes all of them, so fifty concurrent inquiries cost one fsync rather than fifty.
 * Each is still answered only after the commit that holds its row returned (synchronous=FULL). A
 * save whose deadline has passed before its transaction starts is answered with an error and not
 * written, so a visitor who was told "try again" does not also get a stored inquiry.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "./store.ts";
import type { BatchEntry, InquiryStore } from "./store.ts";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./worker-store.ts";

const port = parentPort;
if (port === null) throw new Error("store-worker.ts runs only as a worker thread");
const setup = workerData as WorkerSetup;

let store: InquiryStore;
try {
  store = openStore(setup.path, { busyTimeoutMs: setup.busyTimeoutMs });
  port.postMessage({ id: 0, ok: true, value: "ready" } satisfies WorkerReply);
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: describe(error) } satisfies WorkerReply);
  port.close();
  throw error;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Time kept free before a save's deadline for its commit (an fsync) to finish. */
const COMMIT_MARGIN_MS = 500;

interface QueuedSave {
  readonly id: number;
  readonly entry: BatchEntry;
  readonly deadline: number;
}

let queued: QueuedSave[] = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  const batch = queued;
  queued = [];
  const now = Date.now();
  const live = batch.filter((save) => {
    if (save.deadline >= now) return true;
    port?.postMessage({ id: save.id, ok: false, error: "the save waited too long to start" } satisfies WorkerReply);
    return false;
  });
  if (live.length === 0) return;
  try {
    // The write lock may take up to the busy timeout: a save whose caller has given up by the time
    // it is held (with a margin for the commit) is not written, so a visitor told "try again" does
    // not also get a stored inquiry.
    const deadlines = new Map(live.map((save) => [save.entry, save.deadline]));
    const outcomes = store.saveBatch(
      live.map((save) => save.entry),
      (entry) => (deadlines.get(entry) ?? 0) > Date.now() + COMMIT_MARGIN_MS,
    );
    live.forEach((save, index) => {
      const outcome = outcomes[index];
      const reply: WorkerReply =
        outcome?.ok === true
          ? { id: save.id, ok: true, value: outcome.result }
          : { id: save.id, ok: false, error: outcome?.error ?? "no outcome" };
      port?.postMessage(reply);
    });
  } catch (error) {
    for (const save of live)
      port?.postMessage({ id: save.id, ok: false, error: describe(error) } satisfies WorkerReply);
  }
}

port.on("message", (request: WorkerRequest) => {
  if (request.method === "save") {
    const [entry, now] = request.args as [BatchEntry["entry"], Date];
    queued.push({ id: request.id, entry: { entry, now }, deadline: request.deadline ?? Number.POSITIVE_INFINITY });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
    return;
  }
  if (request.method === "close") {
    if (queued.length > 0) flush();
    store.close();
    port.postMessage({ id: request.id, ok: true, value: undefined } satisfies WorkerReply);
    port.close();
    return;
  }
  try {
    // The store's methods are closures over its connection and never use `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const value: unknown = Reflect.apply(store[request.method], store, request.args);
    port.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, error: describe(error) } satisfies WorkerReply);
  }
});
