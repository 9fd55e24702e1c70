import { readdirSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import type { Article, Corpus, Sentence } from "../corpus/types.js";
import type { Analyzer } from "../text/terms.js";
import { cacheFileFor, cacheKey as folderKey, readCache, writeCache } from "../util/disk-cache.js";
import { type CorpusIndex, type CorpusStats, indexOptions } from "./index.js";
import { TermTable } from "./term-table.js";

/** Bumped whenever what is stored, or how articles are read and analysed, changes. */
const FORMAT = 6;

interface Stored {
  dir: string;
  warnings: string[];
  articles: Omit<Article, "text">[];
  /** The articles' texts as they were indexed (the key checks they are unchanged). */
  texts: string[];
  /** Per sentence: start, end, article, language (0 en, 1 de). */
  spans: Int32Array;
  terms: { vocabulary: string[]; ids: Int32Array; offsets: Int32Array };
  stats: CorpusStats;
  /** The article index as JSON text: parsing JSON is faster than deserialising its objects. */
  articleSearch: string;
}

/**
 * The cache key of a folder of articles: the format, the code that builds the index, the
 * analyser's data (lexicon files) and every article file's name, size and modification time.
 * Any change gives another key.
 */
export function cacheKey(seedsDir: string, lexiconDir: string): string {
  return folderKey(FORMAT, { contents: [lexiconDir], stats: [seedsDir] });
}

const fileOf = (cacheDir: string, seedsDir: string) => cacheFileFor(cacheDir, "index", seedsDir);

/** Index caches kept (one per folder of articles); the least recently written go first. */
const MAX_CACHED_FOLDERS = 20;

function evictOld(cacheDir: string): void {
  const files = readdirSync(cacheDir)
    .filter((f) => /^index-[0-9a-f]+\.bin$/.test(f))
    .map((f) => ({ f, at: statSync(join(cacheDir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of files.slice(MAX_CACHED_FOLDERS)) unlinkSync(join(cacheDir, f));
}

/** Writes an index to the cache (atomically: a reader never sees half a file). Best effort. */
export function saveIndex(index: CorpusIndex, key: string, cacheDir: string): void {
  const spans = new Int32Array(index.corpus.sentences.length * 4);
  index.corpus.sentences.forEach((s, i) => {
    spans.set([s.start, s.end, s.article, s.language === "de" ? 1 : 0], i * 4);
  });
  const stored: Stored = {
    dir: index.corpus.dir,
    warnings: index.corpus.warnings,
    articles: index.corpus.articles.map(({ text: _text, ...meta }) => meta),
    texts: index.corpus.articles.map((a) => a.text),
    spans,
    terms: {
      vocabulary: index.sentenceTerms.vocabulary,
      ids: index.sentenceTerms.ids,
      offsets: index.sentenceTerms.offsets,
    },
    stats: index.stats,
    articleSearch: JSON.stringify(index.articleSearch),
  };
  if (writeCache(fileOf(cacheDir, index.corpus.dir), FORMAT, key, stored)) {
    try {
      evictOld(cacheDir);
    } catch {
      // best effort
    }
  }
}

/**
 * Reads a cached index when its key matches; undefined when it is missing, stale or corrupt
 * (the caller then rebuilds it). The texts come from the cache too, in one read: the key has
 * every file's size and modification time, so they are the files' texts.
 */
export function loadCachedIndex(
  seedsDir: string,
  key: string,
  cacheDir: string,
  analyzer: Analyzer,
): CorpusIndex | undefined {
  const stored = readCache<Stored>(fileOf(cacheDir, seedsDir), FORMAT, key);
  if (!stored) return undefined;
  try {
    if (stored.texts.length !== stored.articles.length) return undefined;
    const articles: Article[] = stored.articles.map((a, i) => ({ ...a, text: stored.texts[i] as string }));
    const sentences: Sentence[] = [];
    for (let i = 0; i < stored.spans.length; i += 4) {
      const [start, end, article, lang] = stored.spans.subarray(i, i + 4) as unknown as [
        number,
        number,
        number,
        number,
      ];
      const text = (articles[article] as Article).text.slice(start, end);
      sentences.push({ id: i / 4, article, start, end, text, language: lang === 1 ? "de" : "en" });
    }
    const sentenceTerms = TermTable.from(stored.terms);
    if (sentences.length !== sentenceTerms.size) return undefined;
    const corpus: Corpus = { dir: stored.dir, articles, sentences, warnings: stored.warnings };
    const articleSearch = MiniSearch.loadJSON(
      stored.articleSearch,
      indexOptions(corpus, analyzer, sentenceTerms),
    );
    return { corpus, analyzer, stats: stored.stats, sentenceTerms, articleSearch };
  } catch {
    return undefined;
  }
}
