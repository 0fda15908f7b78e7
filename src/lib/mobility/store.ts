/**
 * The guarded bridge between the tracker and browser storage. Every storage call is wrapped: the
 * storage may be missing (null), any call may throw (private modes, blocked cookies) and setItem
 * may throw QuotaExceededError. Whatever happens the store keeps the state in memory and says
 * whether it reached storage, and why not ('unavailable', 'full' or 'read-only-newer'), so the UI
 * can say "progress will not be saved" and carry on. Rules:
 * - If reading at open fails, the store never writes (it could overwrite progress it could not read).
 * - A corrupt value is copied to the backup key at open, then replaced by the first save.
 * - A value from an older version is migrated and written back at open.
 * - A newer version is never written over or removed: saves stay in memory.
 * The storage is passed in; this module never touches window or localStorage itself.
 */
import type { LoadResult } from "./codec";
import { BACKUP_KEY, load, save, STORAGE_KEY } from "./codec";
import { emptyState } from "./days";
import type { MobilityState } from "./schema";
import type { StorageChange, StorageEventDecision } from "./storage-event";
import { decideStorageEvent } from "./storage-event";

/** The part of the Web Storage API the store uses; window.localStorage satisfies it. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Why progress is not reaching storage. */
export type NotPersistedReason = "unavailable" | "full" | "read-only-newer";

/** Whether the last write reached storage (true too before anything needed writing). */
export type PersistStatus =
  { readonly persisted: true } | { readonly persisted: false; readonly reason: NotPersistedReason };

export interface StoreOptions {
  /** Defaults to STORAGE_KEY. */
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

/** True for the errors browsers throw when storage is full. */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const name = "name" in error ? error.name : undefined;
  const code = "code" in error ? error.code : undefined;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014;
}

/**
 * The storage `get` returns, or null when it is missing or reaching it throws (reading
 * window.localStorage throws a SecurityError when storage is blocked): `openStorage(() => localStorage)`.
 */
export function openStorage(get: () => StorageLike | null | undefined): StorageLike | null {
  try {
    return get() ?? null;
  } catch {
    return null;
  }
}

function attempt(action: () => void): PersistStatus {
  try {
    action();
    return PERSISTED;
  } catch (error) {
    return isQuotaExceeded(error) ? { persisted: false, reason: "full" } : UNAVAILABLE;
  }
}

function read(storage: StorageLike | null, key: string): { readonly raw: string | null } | undefined {
  if (storage === null) return undefined;
  try {
    return { raw: storage.getItem(key) };
  } catch {
    return undefined;
  }
}

/** Opens the progress in `storage` (null when there is none) and returns the guarded store. */
export function createStore(storage: StorageLike | null, options: StoreOptions = {}): MobilityStore {
  const key = options.key ?? STORAGE_KEY;
  const backupKey = options.backupKey ?? (options.key === undefined ? BACKUP_KEY : `${key}.backup`);
  const found = read(storage, key);
  const initial: LoadResult = load(found?.raw ?? null);
  const writable = storage !== null && found !== undefined ? storage : null;

  let readOnly = initial.kind === "newer";
  let state: MobilityState = initial.kind === "ok" || initial.kind === "newer" ? initial.state : emptyState();
  let last: PersistStatus = writable === null ? UNAVAILABLE : PERSISTED;

  const status = (): PersistStatus => (readOnly ? READ_ONLY : last);
  const write = (action: (s: StorageLike) => void): PersistStatus => {
    if (writable === null || readOnly) return status();
    last = attempt(() => {
      action(writable);
    });
    return last;
  };

  let backupSaved = false;
  if (initial.kind === "corrupt" && writable !== null) {
    backupSaved = attempt(() => {
      writable.setItem(backupKey, initial.raw);
    }).persisted;
  }
  if (initial.kind === "ok" && initial.migrated) {
    write((s) => {
      s.setItem(key, save(state));
    });
  }

  return {
    initial,
    backupSaved,
    state: () => state,
    status,
    save: (next) => {
      state = next;
      return write((s) => {
        s.setItem(key, save(next));
      });
    },
    reset: () => {
      state = emptyState();
      return write((s) => {
        s.removeItem(key);
      });
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
    discardBackup: () => {
      if (writable === null) return UNAVAILABLE;
      return attempt(() => {
        writable.removeItem(backupKey);
      });
    },
  };
}
