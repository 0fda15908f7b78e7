/**
 * The production server's store: the SQLite connection lives in a worker thread (store-worker.ts),
 * and this side turns each call into a message and a promise. A call that is not answered within
 * its time limit rejects with StoreTimeoutError, so a request never waits on the database for
 * longer than the limit. If the worker dies, every waiting call rejects and the next call starts a
 * new worker. Node runs the worker file directly (type stripping), so this module is for the Node
 * server only, never for code Vite bundles.
 */
import { Worker } from "node:worker_threads";
import { StoreTimeoutError } from "./async-store.ts";
import type { AsyncInquiryStore, ProxiedMethod } from "./async-store.ts";
import type { InquiryStore } from "./store.ts";

/** What the worker is started with. */
export interface WorkerSetup {
  readonly path: string;
  readonly busyTimeoutMs: number;
}

export interface WorkerRequest {
  readonly id: number;
  readonly method: ProxiedMethod | "save" | "close";
  readonly args: readonly unknown[];
  /** For saves: epoch ms after which the worker must not start writing it. */
  readonly deadline?: number;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

export interface WorkerStoreOptions {
  /** How long a write waits for another process's lock before it fails (default 3000 ms). */
  readonly busyTimeoutMs?: number;
  /** The longest any call may take before it is answered with StoreTimeoutError (default 5000 ms). */
  readonly callTimeoutMs?: number;
}

interface Pending {
  /** The worker the call was posted to. */
  thread: Worker;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const WORKER_FILE = new URL("./store-worker.ts", import.meta.url);

/**
 * The store for the database at `path`. The worker starts (opening the database and applying
 * migrations) on the first call; when it cannot, that call rejects with the reason and the next
 * call tries again, so a database that is briefly unavailable at start does not need a restart.
 */
export function openWorkerStore(path: string, options: WorkerStoreOptions = {}): AsyncInquiryStore {
  const setup: WorkerSetup = { path, busyTimeoutMs: options.busyTimeoutMs ?? 3000 };
  const callTimeoutMs = options.callTimeoutMs ?? 5000;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | undefined;
  let starting: Promise<Worker> | undefined;
  let closed = false;

  /** Rejects the calls that were posted to `thread` (a newer worker's calls are left alone). */
  function failCallsOf(thread: Worker, reason: string): void {
    for (const [id, call] of pending) {
      if (call.thread !== thread) continue;
      clearTimeout(call.timer);
      pending.delete(id);
      call.reject(new Error(reason));
    }
  }

  function start(): Promise<Worker> {
    if (starting !== undefined) return starting;
    const attempt = new Promise<Worker>((resolve, reject) => {
      const thread = new Worker(WORKER_FILE, { workerData: setup });
      let ready = false;
      thread.on("message", (reply: WorkerReply) => {
        if (reply.id === 0) {
          if (reply.ok) {
            ready = true;
            worker = thread;
            resolve(thread);
          } else reject(new Error(reply.error));
          return;
        }
        const call = pending.get(reply.id);
        if (call === undefined) return;
        pending.delete(reply.id);
        clearTimeout(call.timer);
        if (reply.ok) call.resolve(reply.value);
        else call.reject(new Error(reply.error));
      });
      thread.on("error", (error: unknown) => {
        if (!ready) reject(error instanceof Error ? error : new Error(String(error)));
      });
      thread.on("exit", (code) => {
        // Only this thread's own state is cleared: a newer worker may already have replaced it.
        if (worker === thread) worker = undefined;
        if (starting === attempt) starting = undefined;
        if (!ready) reject(new Error(`the database worker exited with code ${code}`));
        failCallsOf(thread, `the database worker stopped (exit code ${code})`);
      });
    }).catch((error: unknown) => {
      if (starting === attempt) starting = undefined;
      throw error;
    });
    starting = attempt;
    return attempt;
  }

  /** Resolves with what `promise` gives, or rejects with StoreTimeoutError at `deadline` (epoch ms). */
  function before<T>(promise: Promise<T>, deadline: number, method: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          reject(new StoreTimeoutError(`the database did not answer ${method} in time`));
        },
        Math.max(0, deadline - Date.now()),
      );
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  async function call<R>(method: WorkerRequest["method"], args: readonly unknown[], timeoutMs = callTimeoutMs) {
    if (closed) throw new Error("the store is closed");
    // The time limit covers starting the worker too.
    const deadline = Date.now() + timeoutMs;
    const thread = worker ?? (await before(start(), deadline, method));
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          pending.delete(id);
          reject(new StoreTimeoutError(`the database did not answer ${method} within ${timeoutMs} ms`));
        },
        Math.max(0, deadline - Date.now()),
      );
      pending.set(id, {
        thread,
        resolve: (value) => {
          resolve(value as R);
        },
        reject,
        timer,
      });
      const request: WorkerRequest = method === "save" ? { id, method, args, deadline } : { id, method, args };
      thread.postMessage(request);
    });
  }

  const proxy =
    <K extends ProxiedMethod>(method: K) =>
    (...args: Parameters<InquiryStore[K]>) =>
      call<ReturnType<InquiryStore[K]>>(method, args);

  return {
    save: (entry, now, saveOptions) => call("save", [entry, now], saveOptions?.timeoutMs ?? callTimeoutMs),
    find: proxy("find"),
    list: proxy("list"),
    messagesFor: proxy("messagesFor"),
    queueMessage: proxy("queueMessage"),
    claimDue: proxy("claimDue"),
    nextDueAt: proxy("nextDueAt"),
    markSent: proxy("markSent"),
    markFailed: proxy("markFailed"),
    requeueCoachNotification: proxy("requeueCoachNotification"),
    purgeBefore: proxy("purgeBefore"),
    countBefore: proxy("countBefore"),
    forget: proxy("forget"),
    saveComment: proxy("saveComment"),
    articleComments: proxy("articleComments"),
    findComment: proxy("findComment"),
    listComments: proxy("listComments"),
    approveComment: proxy("approveComment"),
    deleteComment: proxy("deleteComment"),
    replyToComment: proxy("replyToComment"),
    unsubscribeComments: proxy("unsubscribeComments"),
    spamCount: proxy("spamCount"),
    formSecret: proxy("formSecret"),
    diagnostics: proxy("diagnostics"),
    bookedIntervals: proxy("bookedIntervals"),
    findBooking: proxy("findBooking"),
    bookingsBetween: proxy("bookingsBetween"),
    cancelBooking: proxy("cancelBooking"),
    moveBooking: proxy("moveBooking"),
    queueDailySummary: proxy("queueDailySummary"),
    async close() {
      if (closed) return;
      const thread = worker ?? (await starting?.catch(() => undefined));
      if (thread !== undefined) {
        const exited = new Promise<void>((done) => {
          thread.once("exit", () => {
            done();
          });
        });
        await call("close", [], callTimeoutMs * 2).catch(() => thread.terminate());
        closed = true;
        await exited;
      }
      closed = true;
    },
  };
}
