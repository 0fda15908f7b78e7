import { describe, expect, it } from "vitest";
import { guardStorage, isQuotaExceeded, openStorage } from "../../../src/lib/storage/guarded-storage";
import { FullStorage, MemoryStorage, ThrowingStorage } from "../mobility/arbitraries";

describe("guarded storage", () => {
  it("recognises quota errors across browsers", () => {
    expect(isQuotaExceeded(new DOMException("x", "QuotaExceededError"))).toBe(true);
    expect(isQuotaExceeded({ name: "NS_ERROR_DOM_QUOTA_REACHED" })).toBe(true);
    expect(isQuotaExceeded({ code: 22 })).toBe(true);
    expect(isQuotaExceeded(new DOMException("x", "SecurityError"))).toBe(false);
    expect(isQuotaExceeded(new Error("x"))).toBe(false);
    expect(isQuotaExceeded("QuotaExceededError")).toBe(false);
    expect(isQuotaExceeded(null)).toBe(false);
  });

  it("opens storage whose very access throws as no storage", () => {
    expect(
      openStorage(() => {
        throw new DOMException("denied", "SecurityError");
      }),
    ).toBeNull();
    expect(openStorage(() => undefined)).toBeNull();
    const storage = new MemoryStorage();
    expect(openStorage(() => storage)).toBe(storage);
  });

  it("reads a missing key as null and unreadable storage as undefined", () => {
    const storage = new MemoryStorage({ a: "1" });
    expect(guardStorage(() => storage).read("a")).toBe("1");
    expect(guardStorage(() => storage).read("b")).toBeNull();
    expect(guardStorage(() => new ThrowingStorage()).read("a")).toBeUndefined();
    expect(guardStorage(() => null).read("a")).toBeUndefined();
  });

  it("says what each write did instead of throwing", () => {
    const full = new FullStorage();
    const guarded = guardStorage(() => full);
    expect(guarded.write("a", "1")).toBe("full");
    full.full = false;
    expect(guarded.write("a", "1")).toBe("stored");
    expect(guarded.remove("a")).toBe("stored");
    expect(full.items.has("a")).toBe(false);
    expect(guardStorage(() => new ThrowingStorage()).write("a", "1")).toBe("unavailable");
    expect(guardStorage(() => new ThrowingStorage()).remove("a")).toBe("unavailable");
  });

  it("reaches the storage only when it is used, and again on each use", () => {
    let reached = 0;
    const storage = new MemoryStorage();
    const guarded = guardStorage(() => {
      reached += 1;
      if (reached === 1) throw new DOMException("denied", "SecurityError");
      return storage;
    });
    expect(reached).toBe(0);
    expect(guarded.write("a", "1")).toBe("unavailable");
    expect(guarded.write("a", "1")).toBe("stored");
    expect(guarded.read("a")).toBe("1");
  });
});
