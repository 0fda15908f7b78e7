/**
 * The inquiry store as the web server uses it: every call returns a promise, so a database that is
 * locked by another process, or slow to fsync, never holds up the thread that answers requests.
 * Two implementations: `openWorkerStore` (store-worker.ts, the production server) keeps the
 * connection in a worker thread and commits concurrent saves together; `inlineStore` wraps a store
 * in this thread (the dev server and tests). It knows nothing about HTTP.
 */
import type { InquiryStore, NewInquiry, SaveResult } from "./store.ts";

/** The store's methods the server calls, each returning a promise. */
type Asynchronous<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

export type ProxiedMethod = Exclude<keyof InquiryStore, "save" | "saveBatch" | "close">;

export interface SaveOptions {
  /** Give up (rejecting with StoreTimeoutError) when the row is not committed within this time. */
  readonly timeoutMs?: number;
}

export type AsyncInquiryStore = Asynchronous<Pick<InquiryStore, ProxiedMethod>> & {
  /** Stores one inquiry; resolves only once its row is committed. */
  save(entry: NewInquiry, now: Date, options?: SaveOptions): Promise<SaveResult>;
  /** Finishes what was asked, closes the database and stops the worker, if any. */
  close(): Promise<void>;
};

/** A call that was not answered in time; the work may or may not happen later. */
export class StoreTimeoutError extends Error {
  override name = "StoreTimeoutError";
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
