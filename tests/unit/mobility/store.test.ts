import { describe, expect, it } from "vitest";
import {
  BACKUP_KEY,
  PROGRESS_STORAGE_KEY,
  createStore,
  emptyState,
  markDayDone,
  save,
} from "../../../src/lib/mobility";
import type { MobilityState } from "../../../src/lib/mobility";
import type { StorageLike } from "../../../src/lib/storage/guarded-storage";
import { FullStorage, MemoryStorage, ThrowingStorage } from "./arbitraries";

const NOW = new Date("2026-11-20T18:00:00.000Z");
const oneDay: MobilityState = markDayDone(emptyState(), 1, NOW, "UTC");
const twoDays: MobilityState = markDayDone(oneDay, 2, NOW, "UTC");
const NEWER = JSON.stringify({ version: 3, days: { "5": { at: null, on: null } }, selfTests: {}, notes: ["x"] });

describe("createStore with working storage", () => {
  it("starts empty, saves, and reads back in a new store", () => {
    const storage = new MemoryStorage();
    const store = createStore(storage);
    expect(store.initial).toEqual({ kind: "empty" });
    expect(store.state()).toEqual(emptyState());
    expect(store.status()).toEqual({ persisted: true });
    expect(store.save(oneDay)).toEqual({ persisted: true });
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe(save(oneDay));
    expect(createStore(storage).state()).toEqual(oneDay);
  });

  it("resets by removing the key", () => {
    const storage = new MemoryStorage({ [PROGRESS_STORAGE_KEY]: save(oneDay) });
    const store = createStore(storage);
    expect(store.reset()).toEqual({ persisted: true });
    expect(store.state()).toEqual(emptyState());
    expect(storage.items.has(PROGRESS_STORAGE_KEY)).toBe(false);
  });

  it("does not write at open", () => {
    const storage = new MemoryStorage({ [PROGRESS_STORAGE_KEY]: save(oneDay) });
    createStore(storage);
    expect(storage.writes).toEqual([]);
  });

  it("uses a custom key and its own backup key", () => {
    const storage = new MemoryStorage({ other: "garbage" });
    const store = createStore(storage, { key: "other" });
    expect(store.backupSaved).toBe(true);
    expect(storage.items.get("other.backup")).toBe("garbage");
    store.save(oneDay);
    expect(storage.items.get("other")).toBe(save(oneDay));
    expect(storage.items.has(PROGRESS_STORAGE_KEY)).toBe(false);
  });
});

describe("a corrupt value", () => {
  it("is backed up, offered, replaced by the first save, and its backup can be discarded", () => {
    const storage = new MemoryStorage({ [PROGRESS_STORAGE_KEY]: "{not json" });
    const store = createStore(storage);
    expect(store.initial).toMatchObject({ kind: "corrupt", raw: "{not json" });
    expect(store.backupSaved).toBe(true);
    expect(storage.items.get(BACKUP_KEY)).toBe("{not json");
    expect(store.state()).toEqual(emptyState());
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe("{not json");
    store.save(oneDay);
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe(save(oneDay));
    expect(storage.items.get(BACKUP_KEY)).toBe("{not json");
    expect(store.discardBackup()).toEqual({ persisted: true });
    expect(storage.items.has(BACKUP_KEY)).toBe(false);
  });

  it("reports a backup that did not fit", () => {
    const storage = new FullStorage({ [PROGRESS_STORAGE_KEY]: "{not json" });
    const store = createStore(storage);
    expect(store.backupSaved).toBe(false);
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe("{not json");
  });
});

describe("a newer version", () => {
  it("is read, flagged and never written over or removed", () => {
    const storage = new MemoryStorage({ [PROGRESS_STORAGE_KEY]: NEWER });
    const store = createStore(storage);
    expect(store.initial).toMatchObject({ kind: "newer", version: 3, compatible: true });
    expect(store.state().days).toEqual({ "5": { at: null, on: null } });
    expect(store.status()).toEqual({ persisted: false, reason: "read-only-newer" });
    expect(store.save(twoDays)).toEqual({ persisted: false, reason: "read-only-newer" });
    expect(store.state()).toEqual(twoDays);
    expect(store.reset()).toEqual({ persisted: false, reason: "read-only-newer" });
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe(NEWER);
    expect(storage.writes).toEqual([]);
  });
});

describe("storage that fails", () => {
  it("keeps working in memory when there is no storage", () => {
    const store = createStore(null);
    expect(store.status()).toEqual({ persisted: false, reason: "unavailable" });
    expect(store.save(oneDay)).toEqual({ persisted: false, reason: "unavailable" });
    expect(store.state()).toEqual(oneDay);
    expect(store.reset()).toEqual({ persisted: false, reason: "unavailable" });
    expect(store.discardBackup()).toEqual({ persisted: false, reason: "unavailable" });
  });

  it("keeps working when every call throws", () => {
    const storage = new ThrowingStorage();
    const store = createStore(storage);
    expect(store.initial).toEqual({ kind: "empty" });
    expect(store.status()).toEqual({ persisted: false, reason: "unavailable" });
    expect(store.save(oneDay)).toEqual({ persisted: false, reason: "unavailable" });
    expect(store.save(twoDays)).toEqual({ persisted: false, reason: "unavailable" });
    expect(store.state()).toEqual(twoDays);
    expect(() => store.reset()).not.toThrow();
    expect(() => store.discardBackup()).not.toThrow();
    expect(store.receive({ key: PROGRESS_STORAGE_KEY, newValue: save(oneDay) })).toEqual({
      action: "replace",
      state: oneDay,
    });
  });

  it("never writes when reading failed, even if writing would work", () => {
    const storage = new MemoryStorage({ [PROGRESS_STORAGE_KEY]: save(twoDays) });
    const blind: StorageLike = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: (k, v) => {
        storage.setItem(k, v);
      },
      removeItem: (k) => {
        storage.removeItem(k);
      },
    };
    const store = createStore(blind);
    expect(store.save(oneDay)).toEqual({ persisted: false, reason: "unavailable" });
    expect(store.reset()).toEqual({ persisted: false, reason: "unavailable" });
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe(save(twoDays));
  });

  it("says the storage is full when setItem throws QuotaExceededError, and recovers when space frees", () => {
    const storage = new FullStorage();
    const store = createStore(storage);
    expect(store.save(oneDay)).toEqual({ persisted: false, reason: "full" });
    expect(store.status()).toEqual({ persisted: false, reason: "full" });
    expect(store.state()).toEqual(oneDay);
    storage.full = false;
    expect(store.save(twoDays)).toEqual({ persisted: true });
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe(save(twoDays));
  });
});

describe("changes from another tab", () => {
  it("adopts another tab's progress and reset", () => {
    const storage = new MemoryStorage();
    const store = createStore(storage);
    expect(store.receive({ key: PROGRESS_STORAGE_KEY, newValue: save(twoDays) })).toEqual({
      action: "replace",
      state: twoDays,
    });
    expect(store.state()).toEqual(twoDays);
    expect(store.receive({ key: PROGRESS_STORAGE_KEY, newValue: null })).toEqual({
      action: "replace",
      state: emptyState(),
    });
    expect(store.state()).toEqual(emptyState());
  });

  it("turns read-only when another tab writes a newer version", () => {
    const storage = new MemoryStorage();
    const store = createStore(storage);
    storage.items.set(PROGRESS_STORAGE_KEY, NEWER);
    expect(store.receive({ key: PROGRESS_STORAGE_KEY, newValue: NEWER })).toMatchObject({
      action: "read-only",
      version: 3,
    });
    expect(store.status()).toEqual({ persisted: false, reason: "read-only-newer" });
    store.save(oneDay);
    expect(storage.items.get(PROGRESS_STORAGE_KEY)).toBe(NEWER);
  });
});
