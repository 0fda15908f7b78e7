/**
 * The guarded bridge between the tracker and browser storage. Every storage call is wrapped: the
 * storage may be missing (null), any call may throw (private modes, blocked cookies) and setItem
 * may throw QuotaExceededError. Whatever happens the store keeps the state in memory and says
 * whether it reached storage, and why not ('unavailable', 'full' or 'read-only-newer'), so the UI
 * can say "progress will not be saved" and carry on. Rules:
 * - If reading at open fails, the store never writes (it could overwrite progress it could not read).
 * - A corrupt value is copied to the backup key at open, then replaced by the first save.
 * - A newer version is never written over or removed: saves stay in memory.
 * The storage is passed in and reached through src/lib/storage; this module never touches window.
 */
import type { StorageLike, WriteOutcome } from "../storage/guarded-storage";
import { guardStorage } from "../storage/guarded-storage";
import type { LoadResult } from "./codec";
import { BACKUP_KEY, load, save, PROGRESS_STORAGE_KEY } from "./codec";
import { emptyState } from "./days";
import type { MobilityState } from "./schema";
import type { StorageChange, StorageEventDecision } from "./storage-event";
import { decideStorageEvent } from "./storage-event";

/** Why progress is not reaching storage. */
export type NotPersistedReason = "unavailable" | "full" | "read-only-newer";

/** Whether the last write reached storage (true too before anything needed writing). */
export type PersistStatus =
  { readonly persisted: true } | { readonly persisted: false; readonly reason: NotPersistedReason };

/** Where the store keeps the progress; the defaults are the site's keys. */
export interface MobilityStoreOptions {
  /** Defaults to PROGRESS_STORAGE_KEY. */
  readonly key?: string;
  /** Defaults to BACKUP_KEY, or `<key>.backup` when `key` is given. */
  readonly backupKey?: string;
}

export interface MobilityStore {
  /** What was found at open. For `corrupt`, offer `initial.raw` as a download. */
  readonly initial: LoadResult;
  /** For a corrupt value: whether its raw text was copied to the backup key. */
  readonly backupSaved: boolean;
  /** The current state (in memory, whether or not it reached storage). */
  readonly state: () => MobilityState;
  readonly status: () => PersistStatus;
  /** Makes `next` the current state and tries to store it. */
  readonly save: (next: MobilityState) => PersistStatus;
  /** Makes the empty state current and removes the stored value (not a newer version's). */
  readonly reset: () => PersistStatus;
  /** Applies another tab's change (a `storage` event) and says what happened. */
  readonly receive: (change: StorageChange) => StorageEventDecision;
  /** Removes the backup of a corrupt value, once the runner has downloaded or dismissed it. */
  readonly discardBackup: () => PersistStatus;
}

const UNAVAILABLE: PersistStatus = { persisted: false, reason: "unavailable" };
const READ_ONLY: PersistStatus = { persisted: false, reason: "read-only-newer" };
const PERSISTED: PersistStatus = { persisted: true };

function persistStatus(outcome: WriteOutcome): PersistStatus {
  switch (outcome) {
    case "stored":
      return PERSISTED;
    case "full":
      return { persisted: false, reason: "full" };
    case "unavailable":
      return UNAVAILABLE;
  }
}

/** Opens the progress in `storage` (null when there is none) and returns the guarded store. */
export function createStore(storage: StorageLike | null, options: MobilityStoreOptions = {}): MobilityStore {
  const key = options.key ?? PROGRESS_STORAGE_KEY;
  const backupKey = options.backupKey ?? (options.key === undefined ? BACKUP_KEY : `${key}.backup`);
  const guarded = guardStorage(() => storage);
  const found = guarded.read(key);
  const initial: LoadResult = load(found ?? null);
  // Storage that could not be read is never written: that could overwrite progress nobody has seen.
  const writable = found === undefined ? null : guarded;

  let readOnly = initial.kind === "newer";
  let state: MobilityState = initial.kind === "ok" || initial.kind === "newer" ? initial.state : emptyState();
  let last: PersistStatus = writable === null ? UNAVAILABLE : PERSISTED;

  const status = (): PersistStatus => (readOnly ? READ_ONLY : last);
  const write = (action: (storage: typeof guarded) => WriteOutcome): PersistStatus => {
    if (writable === null || readOnly) return status();
    last = persistStatus(action(writable));
    return last;
  };

  const backupSaved = initial.kind === "corrupt" && writable?.write(backupKey, initial.raw) === "stored";

  return {
    initial,
    backupSaved,
    state: () => state,
    status,
    save: (next) => {
      state = next;
      return write((s) => s.write(key, save(next)));
    },
    reset: () => {
      state = emptyState();
      return write((s) => s.remove(key));
    },
    receive: (change) => {
      const decision = decideStorageEvent(change, state, key);
      switch (decision.action) {
        case "ignore":
          break;
        case "replace":
          state = decision.state;
          break;
        case "read-only":
          state = decision.state;
          readOnly = true;
          break;
      }
      return decision;
    },
    discardBackup: () => (writable === null ? UNAVAILABLE : persistStatus(writable.remove(backupKey))),
  };
}
