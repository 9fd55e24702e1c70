import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Analyzer } from "../text/terms.js";
import { codeFingerprint, readCache, writeCache } from "../util/disk-cache.js";
import { loadIntents } from "./load.js";
import { buildIntentModel, type IntentModel } from "./match.js";

/** Bumped whenever what is stored changes. */
const FORMAT = 1;

/**
 * The cache key of an intents folder: the code, the lexicon files' contents and every intent
 * file's name, size and modification time.
 */
function intentsKey(intentsDir: string, lexiconDir: string): string {
  const hash = createHash("sha256").update(`${FORMAT}\n${resolve(intentsDir)}\n${codeFingerprint()}\n`);
  for (const f of readdirSync(lexiconDir).sort()) hash.update(readFileSync(join(lexiconDir, f)));
  for (const name of readdirSync(intentsDir).sort()) {
    const st = statSync(join(intentsDir, name));
    hash.update(`${name}\t${st.size}\t${st.mtimeMs}\n`);
  }
  return hash.digest("hex").slice(0, 32);
}

/**
 * The intent model of a folder of intent files: from the cache when one matches the files
 * (no YAML parsing or analysis of the examples at start-up), else loaded, validated and built,
 * then cached. A malformed intent file throws (IntentFileError), cache or not.
 */
export function loadIntentModel(intentsDir: string, analyzer: Analyzer, cacheDir?: string): IntentModel {
  if (!cacheDir) return buildIntentModel(loadIntents(intentsDir), analyzer);
  const key = intentsKey(intentsDir, join(intentsDir, "lexicon"));
  const id = createHash("sha256").update(resolve(intentsDir)).digest("hex").slice(0, 16);
  const file = join(cacheDir, `intents-${id}.bin`);
  const cached = readCache<IntentModel>(file, FORMAT, key);
  if (cached) return cached;
  const model = buildIntentModel(loadIntents(intentsDir), analyzer);
  writeCache(file, FORMAT, key, model);
  return model;
}
