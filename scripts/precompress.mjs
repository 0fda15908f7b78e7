// Writes a Brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every text file in
// dist/client (run by `npm run build` after the search index), so the server (sirv, in
// src/server/http) sends compressed bytes without compressing on each request. A copy is kept only
// when it is smaller than the file; files under MIN_BYTES are sent as they are. Any CDN that
// serves precompressed files can use the same copies.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const SITE = resolve(import.meta.dirname, "../dist/client");
const TEXT = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".webmanifest", ".ics"]);
const MIN_BYTES = 512;

const filesIn = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : [path];
  });

let files = 0;
let before = 0;
let afterBrotli = 0;
for (const path of filesIn(SITE)) {
  if (!TEXT.has(extname(path))) continue;
  const bytes = readFileSync(path);
  if (bytes.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gzip = gzipSync(bytes, { level: 9 });
  if (brotli.length < bytes.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < bytes.length) writeFileSync(`${path}.gz`, gzip);
  files += 1;
  before += bytes.length;
  afterBrotli += Math.min(brotli.length, bytes.length);
}
console.log(
  `precompress: ${files} files, ${Math.round(before / 1024)} KB -> ${Math.round(afterBrotli / 1024)} KB with Brotli`,
);
