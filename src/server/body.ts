/**
 * Reading and decoding a request body. The byte limit is enforced while the stream is read (and the
 * stream cancelled once passed), so a client that lies about or omits Content-Length still cannot
 * make the server buffer more than the limit. Only three body types are understood: JSON,
 * urlencoded forms and multipart forms. It knows nothing about inquiries or what a field means.
 */
import { formField } from "../lib/inquiry/input.ts";

export type BodyRead =
  | { readonly status: "ok"; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly status: "too-large" }
  | { readonly status: "unreadable" };

export const MAX_BODY_BYTES = 32 * 1024;

/** The body types the inquiry endpoint accepts. */
export type BodyType = "json" | "urlencoded" | "multipart";

/** The body type named by a Content-Type header, or null for anything else. */
export function bodyTypeOf(contentType: string | null): BodyType | null {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  switch (mediaType) {
    case "application/json":
      return "json";
    case "application/x-www-form-urlencoded":
      return "urlencoded";
    case "multipart/form-data":
      return "multipart";
    default:
      return null;
  }
}

/** The body's bytes, "too-large" past `limit`, or "unreadable" if the stream fails. */
export async function readBodyLimited(request: Request, limit: number = MAX_BODY_BYTES): Promise<BodyRead> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) return { status: "too-large" };
  if (request.body === null) return { status: "ok", bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return { status: "too-large" };
      }
      chunks.push(value);
    }
  } catch {
    return { status: "unreadable" };
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { status: "ok", bytes };
}

export type DecodedBody =
  { readonly ok: true; readonly source: unknown } | { readonly ok: false; readonly reason: "bad-json" | "unreadable" };

/**
 * The body as the inquiry adapters take it: parsed JSON, URLSearchParams or FormData. Text is read
 * as UTF-8 whatever charset is claimed, as browsers send forms from a UTF-8 page.
 */
export async function decodeBody(
  bytes: Uint8Array<ArrayBuffer>,
  type: BodyType,
  contentType: string,
): Promise<DecodedBody> {
  switch (type) {
    case "json":
      try {
        return { ok: true, source: JSON.parse(new TextDecoder("utf-8").decode(bytes)) as unknown };
      } catch {
        return { ok: false, reason: "bad-json" };
      }
    case "urlencoded":
      return { ok: true, source: new URLSearchParams(new TextDecoder("utf-8").decode(bytes)) };
    case "multipart":
      try {
        return { ok: true, source: await new Response(bytes, { headers: { "content-type": contentType } }).formData() };
      } catch {
        return { ok: false, reason: "unreadable" };
      }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string field outside the inquiry schema (honeypot, form token) from a decoded body. */
export function extraField(source: unknown, name: string): string | undefined {
  if (source instanceof URLSearchParams || source instanceof FormData) return formField(source, name);
  if (isRecord(source) && Object.hasOwn(source, name)) {
    const value = source[name];
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}
