import { join } from "node:path";
import { placesVersion } from "../knowledge/places.js";
import type { Analyzer } from "../text/terms.js";
import { cacheFileFor, cacheKey, readCache, writeCache } from "../util/disk-cache.js";
import { loadIntents } from "./load.js";
import { buildIntentModel, type IntentModel } from "./match.js";

/** Bumped whenever what is stored changes. */
const FORMAT = 6;

/**
 * The intent model of a folder of intent files: from the cache when one matches the files
 * (no YAML parsing or analysis of the examples at start-up), else loaded, validated and built,
 * then cached. A malformed intent file throws (IntentFileError), cache or not.
 */
export function loadIntentModel(intentsDir: string, analyzer: Analyzer, cacheDir?: string): IntentModel {
  if (!cacheDir) return buildIntentModel(loadIntents(intentsDir), analyzer);
  // The code, the lexicon files' contents, the place table's version and every intent file's
  // name, size and modification time.
  const key = cacheKey(FORMAT, {
    contents: [join(intentsDir, "lexicon")],
    stats: [intentsDir],
    versions: [placesVersion()],
  });
  const file = cacheFileFor(cacheDir, "intents", intentsDir);
  const cached = readCache<IntentModel>(file, FORMAT, key);
  if (cached) return cached;
  const model = buildIntentModel(loadIntents(intentsDir), analyzer);
  writeCache(file, FORMAT, key, model);
  return model;
}
