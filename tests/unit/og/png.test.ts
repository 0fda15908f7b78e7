import { describe, expect, it } from "vitest";
import { PNG_SIGNATURE, pngSize } from "../../support/png";

/** The first 24 bytes of a PNG: signature, IHDR length and type, width and height. */
function header(width: number, height: number, type = "IHDR"): Uint8Array {
  const bytes = new Uint8Array(24);
  bytes.set(PNG_SIGNATURE, 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set(new TextEncoder().encode(type), 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

describe("pngSize", () => {
  it.each([
    [1200, 630],
    [1, 1],
    [70_000, 3],
  ])("reads %i x %i from the IHDR header", (width, height) => {
    expect(pngSize(header(width, height))).toEqual({ width, height });
  });

  it("reads a header that sits inside a larger buffer", () => {
    const outer = new Uint8Array(40);
    outer.set(header(1200, 630), 8);
    expect(pngSize(outer.subarray(8))).toEqual({ width: 1200, height: 630 });
  });

  it.each([
    ["too short", header(1200, 630).subarray(0, 23)],
    ["not a PNG signature", new TextEncoder().encode("GIF89a is not a PNG file at all")],
    ["a first chunk other than IHDR", header(1200, 630, "IDAT")],
  ])("is undefined for %s", (_, bytes) => {
    expect(pngSize(bytes)).toBeUndefined();
  });
});
