/**
 * Whether a change another tab made to the stored progress (a `storage` event) should replace this
 * tab's state. Another tab's reset or edit is adopted; a corrupt value is ignored (this tab keeps
 * its state and its next save repairs the key); a newer version makes this tab read-only. It knows
 * nothing about window events: the caller passes the event's key and newValue, and checks first
 * that the event's storageArea is the storage the progress lives in.
 */
import { load, save, PROGRESS_STORAGE_KEY } from "./codec";
import { emptyState } from "./days";
import type { MobilityState } from "./schema";

/** The parts of a StorageEvent this decision reads. key is null when another tab cleared storage. */
export interface StorageChange {
  readonly key: string | null;
  readonly newValue: string | null;
}

/** What to do with a storage event. */
export type StorageEventDecision =
  | { readonly action: "ignore" }
  /** Show this state: another tab changed (or cleared) the progress. */
  | { readonly action: "replace"; readonly state: MobilityState }
  /** A newer release wrote the key: show this state and stop writing until the page reloads. */
  | { readonly action: "read-only"; readonly state: MobilityState; readonly version: number };

function replaceUnlessSame(current: MobilityState, next: MobilityState): StorageEventDecision {
  return save(current) === save(next) ? { action: "ignore" } : { action: "replace", state: next };
}

/** The decision for `change` given this tab's `current` state and the progress key. Never throws. */
export function decideStorageEvent(
  change: StorageChange,
  current: MobilityState,
  key: string = PROGRESS_STORAGE_KEY,
): StorageEventDecision {
  if (change.key === null) return replaceUnlessSame(current, emptyState());
  if (change.key !== key) return { action: "ignore" };
  const loaded = load(change.newValue);
  switch (loaded.kind) {
    case "empty":
      return replaceUnlessSame(current, emptyState());
    case "ok":
      return replaceUnlessSame(current, loaded.state);
    case "corrupt":
      return { action: "ignore" };
    case "newer":
      return { action: "read-only", state: loaded.state, version: loaded.version };
  }
}
