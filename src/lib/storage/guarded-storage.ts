/**
 * Web Storage (localStorage, sessionStorage) behind calls that never throw. Reaching the storage
 * may throw (a SecurityError when cookies are blocked) or give nothing, any call on it may throw
 * (private modes), and setItem throws when the quota is full; each outcome comes back as a value,
 * so a tool keeps working in memory and can say why its data is not kept. The storage is passed in
 * as a function that reaches it, called on every use (never at import, so server rendering is
 * safe): this module never touches window itself.
 */

/** The part of the Web Storage API used here; localStorage and sessionStorage satisfy it. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What a write or removal did. `unavailable`: no storage, or it refused for another reason. */
export type WriteOutcome = "stored" | "full" | "unavailable";

export interface GuardedStorage {
  /** The text stored under `key` (null when there is none), or undefined when storage cannot be read. */
  read(key: string): string | null | undefined;
  write(key: string, value: string): WriteOutcome;
  remove(key: string): WriteOutcome;
}

/** True for the errors browsers throw when storage is full. */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const name = "name" in error ? error.name : undefined;
  const code = "code" in error ? error.code : undefined;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014;
}

/** The storage `reach` returns, or null when it is missing or reaching it throws. */
export function openStorage(reach: () => StorageLike | null | undefined): StorageLike | null {
  try {
    return reach() ?? null;
  } catch {
    return null;
  }
}

/** Guarded access to the storage `reach` returns: `guardStorage(() => localStorage)`. */
export function guardStorage(reach: () => StorageLike | null | undefined): GuardedStorage {
  const attempt = (action: (storage: StorageLike) => void): WriteOutcome => {
    try {
      const storage = reach();
      if (!storage) return "unavailable";
      action(storage);
      return "stored";
    } catch (error) {
      // Reaching blocked storage throws too (a SecurityError): that is unavailable, not full.
      return isQuotaExceeded(error) ? "full" : "unavailable";
    }
  };
  return {
    read: (key) => {
      try {
        return reach()?.getItem(key);
      } catch {
        return undefined;
      }
    },
    write: (key, value) =>
      attempt((storage) => {
        storage.setItem(key, value);
      }),
    remove: (key) =>
      attempt((storage) => {
        storage.removeItem(key);
      }),
  };
}
