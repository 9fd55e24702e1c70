#!/usr/bin/env node
// Part of the build: extracts the German <-> English dictionary (src/knowledge/de-en-dictionary.ts)
// from Debian's trans-de-en (Ding) into .cache/de-en.tsv, ranking each word's translations by
// English word frequency (.cache/embeddings.words, written by build-embeddings.mjs before this).
// Without the package it says so and writes nothing: the bilingual lexicon alone then bridges
// the two languages.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { DICTIONARY_FILE, DING_FILE, dictionaryText, parseDing } from "../dist/knowledge/de-en-dictionary.js";
import { EMBEDDING_WORDS_FILE } from "../dist/knowledge/embeddings.js";

const source = process.env.DE_EN_DICTIONARY || DING_FILE;
if (!existsSync(source)) {
  rmSync(DICTIONARY_FILE, { force: true });
  console.log(
    `build-dictionary: ${source} is not there (Debian package trans-de-en): no German-English dictionary beyond the lexicon`,
  );
  process.exit(0);
}
if (!existsSync(EMBEDDING_WORDS_FILE)) {
  console.error(
    `build-dictionary: ${EMBEDDING_WORDS_FILE} is missing (run scripts/build-embeddings.mjs first)`,
  );
  process.exit(1);
}
const started = performance.now();
const rankOf = new Map();
readFileSync(EMBEDDING_WORDS_FILE, "utf8")
  .split("\n")
  .forEach((w, i) => {
    if (w && !rankOf.has(w)) rankOf.set(w, i);
  });
const map = parseDing(readFileSync(source, "utf8"), (w) => rankOf.get(w));
writeFileSync(DICTIONARY_FILE, dictionaryText(map));
const ms = Math.round(performance.now() - started);
console.log(
  `build-dictionary: ${relative(process.cwd(), DICTIONARY_FILE)} ${(statSync(DICTIONARY_FILE).size / 1e6).toFixed(1)} MB, ${map.size} German words, ${ms} ms`,
);
