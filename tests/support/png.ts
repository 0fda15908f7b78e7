/**
 * Reads the pixel size of a PNG from its header (the IHDR chunk that must come first), without
 * decoding the image, for the tests that check the share cards; knows nothing else about PNG.
 */

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height of a PNG, or undefined when the bytes are not a PNG with an IHDR header. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  // Signature (8), chunk length (4), chunk type "IHDR" (4), width (4), height (4).
  if (bytes.length < 24) return undefined;
  if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== "IHDR") return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
