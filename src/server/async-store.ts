/**
 * The inquiry store as the web server uses it: every call returns a promise, so a database that is
 * locked by another process, or slow to fsync, never holds up the thread that answers requests.
 * Three implementations: `openWorkerStore` (store-worker.ts, the production server on SQLite) keeps
 * the connection in a worker thread and commits concurrent saves together; `inlineStore` wraps a
 * SQLite store in this thread (the dev server and tests); `openPostgresStore` (pg/store.ts) is
 * PostgreSQL, shared by several instances. It knows nothing about HTTP.
 */
import type { InquiryStore, NewInquiry, SaveResult, SqliteDiagnostics } from "./store.ts";

/** The store's methods the server calls, each returning a promise. */
type Asynchronous<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

export type ProxiedMethod = Exclude<keyof InquiryStore, "save" | "saveBatch" | "close">;

export interface SaveOptions {
  /** Give up (rejecting with StoreTimeoutError) when the row is not committed within this time. */
  readonly timeoutMs?: number;
}

/** What `diagnostics` reports about a PostgreSQL database (pg/store.ts). */
export interface PostgresDiagnostics {
  readonly store: "postgres";
  readonly schemaVersion: number;
  readonly serverVersion: string;
  readonly database: string;
  /** How this process is named in outbox leases and daily-job claims. */
  readonly instance: string;
}

/** The store in use and its state, for start-up checks and tests. */
export type StoreDiagnostics = SqliteDiagnostics | PostgresDiagnostics;

export type AsyncInquiryStore = Asynchronous<Pick<InquiryStore, Exclude<ProxiedMethod, "diagnostics">>> & {
  /** Stores one inquiry; resolves only once its row is committed. */
  save(entry: NewInquiry, now: Date, options?: SaveOptions): Promise<SaveResult>;
  diagnostics(): Promise<StoreDiagnostics>;
  /** Finishes what was asked, closes the database and stops the worker, if any. */
  close(): Promise<void>;
};

/** A call that was not answered in time; the work may or may not happen later. */
export class StoreTimeoutError extends Error {
  override name = "StoreTimeoutError";
}

/**
 * Resolves with what `promise` gives, or rejects with StoreTimeoutError(`message`) at `deadline`
 * (epoch ms), after telling `onTimeout`, so the work still running can stop before it writes.
 */
export function answerBy<T>(
  promise: Promise<T>,
  deadline: number,
  message: string,
  onTimeout: () => void = () => undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        onTimeout();
        reject(new StoreTimeoutError(message));
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

/** The store in this thread, behind the asynchronous interface (dev server, tests). */
export function inlineStore(store: InquiryStore): AsyncInquiryStore {
  const run = <R>(work: () => R): Promise<R> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    save: (entry, now) => run(() => store.save(entry, now)),
    find: (...args) => run(() => store.find(...args)),
    list: (...args) => run(() => store.list(...args)),
    messagesFor: (...args) => run(() => store.messagesFor(...args)),
    queueMessage: (...args) => run(() => store.queueMessage(...args)),
    claimDue: (...args) => run(() => store.claimDue(...args)),
    nextDueAt: () => run(() => store.nextDueAt()),
    markSent: (...args) => run(() => store.markSent(...args)),
    markFailed: (...args) => run(() => store.markFailed(...args)),
    requeueCoachNotification: (...args) => run(() => store.requeueCoachNotification(...args)),
    purgeBefore: (...args) => run(() => store.purgeBefore(...args)),
    countBefore: (...args) => run(() => store.countBefore(...args)),
    forget: (...args) => run(() => store.forget(...args)),
    saveComment: (...args) => run(() => store.saveComment(...args)),
    articleComments: (...args) => run(() => store.articleComments(...args)),
    findComment: (...args) => run(() => store.findComment(...args)),
    listComments: (...args) => run(() => store.listComments(...args)),
    approveComment: (...args) => run(() => store.approveComment(...args)),
    deleteComment: (...args) => run(() => store.deleteComment(...args)),
    replyToComment: (...args) => run(() => store.replyToComment(...args)),
    unsubscribeComments: (...args) => run(() => store.unsubscribeComments(...args)),
    spamCount: () => run(() => store.spamCount()),
    formSecret: () => run(() => store.formSecret()),
    diagnostics: () => run(() => store.diagnostics()),
    bookedIntervals: (...args) => run(() => store.bookedIntervals(...args)),
    findBooking: (...args) => run(() => store.findBooking(...args)),
    bookingsBetween: (...args) => run(() => store.bookingsBetween(...args)),
    cancelBooking: (...args) => run(() => store.cancelBooking(...args)),
    moveBooking: (...args) => run(() => store.moveBooking(...args)),
    queueDailySummary: (...args) => run(() => store.queueDailySummary(...args)),
    close: () =>
      run(() => {
        store.close();
      }),
  };
}
