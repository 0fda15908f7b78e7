/**
 * The `cacheKey` a prerendered page returns from getStaticPaths, for Astro's incremental build
 * (astro.config.mjs): Astro copies a page from the previous build when its key and its code are
 * both unchanged, and renders it again otherwise. Astro hashes the code (the page's modules, its
 * layouts and components, the stylesheet, each entry's compiled content); the key must stand for
 * everything else the page shows. So a caller passes every collection entry its page reads
 * (the article itself, and the neighbours, related articles or list items whose titles it prints)
 * and any other value it renders; an entry counts by its id and its content digest, which changes
 * with any change to its file. The year the footer prints is part of every key, so the first build
 * of a new year renders every page again.
 *
 * Pure apart from reading the clock for the year.
 */
import { createHash, randomUUID } from "node:crypto";
import { copyrightYear } from "./dates";

/** What a page cache key reads of a collection entry. */
export interface DigestedEntry {
  id: string;
  /** The loader's digest of the entry's file: Astro's glob loader sets it for every entry. */
  digest?: string | number | undefined;
}

/**
 * The key for a page that shows `entries` (undefined items, such as a missing neighbour, count as
 * "none") and renders `values` (anything JSON can write). When an entry has no digest, a key that
 * never repeats: the page is then rendered on every build rather than trusted to a key that could
 * not see a change.
 */
export function pageCacheKey(entries: readonly (DigestedEntry | undefined)[], ...values: readonly unknown[]): string {
  const hash = createHash("sha256");
  for (const entry of entries) {
    if (entry === undefined) {
      hash.update("-\n");
      continue;
    }
    if (entry.digest === undefined) return `unkeyed-${randomUUID()}`;
    hash.update(`${entry.id}\0${String(entry.digest)}\n`);
  }
  hash.update(JSON.stringify([copyrightYear(), ...values]));
  return hash.digest("base64url");
}
