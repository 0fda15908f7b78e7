import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatReference, isReference, parseReference } from "../../../src/lib/inquiry/reference.ts";

describe("inquiry references", () => {
  it.each([
    [[0, 0, 0, 0, 0], "RS-0000-0000"],
    [[255, 255, 255, 255, 255], "RS-ZZZZ-ZZZZ"],
    [[0, 0, 0, 0, 1], "RS-0000-0001"],
    [[0, 0, 0, 0, 32], "RS-0000-0010"],
  ])("formats %j as %s", (bytes, reference) => {
    expect(formatReference(Uint8Array.from(bytes))).toBe(reference);
  });

  it("refuses too few bytes", () => {
    expect(() => formatReference(new Uint8Array(4))).toThrow(RangeError);
  });

  it("always formats a canonical reference that parses back to itself", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 8 }), (bytes) => {
        const reference = formatReference(bytes);
        expect(isReference(reference)).toBe(true);
        expect(parseReference(reference)).toBe(reference);
        expect(parseReference(reference.toLowerCase().replace(/-/g, " "))).toBe(reference);
      }),
    );
  });

  it.each([
    ["rs-7k3q-92xd", "RS-7K3Q-92XD"],
    ["RS7K3Q92XD", "RS-7K3Q-92XD"],
    ["7K3Q-92XD", "RS-7K3Q-92XD"],
    [" rs-7k3q-92xd ", "RS-7K3Q-92XD"],
    ["RS-OIL0-0000", "RS-0110-0000"],
    ["RS12-3456", "RS-RS12-3456"],
  ])("forgives %j", (typed, canonical) => {
    expect(parseReference(typed)).toBe(canonical);
  });

  it.each(["", "RS-7K3Q", "RS-7K3Q-92XDX", "RS-7K3U-92XD", "<script>", "RS-7K3Q-92X!", "x".repeat(100)])(
    "rejects %j",
    (text) => {
      expect(parseReference(text)).toBeNull();
    },
  );

  it("never returns anything but a canonical reference", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseReference(text);
        if (parsed !== null) expect(isReference(parsed)).toBe(true);
      }),
    );
  });
});
