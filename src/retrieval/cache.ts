import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import MiniSearch from "minisearch";
import type { Article, Corpus, Sentence } from "../corpus/types.js";
import type { Analyzer } from "../text/terms.js";
import { type CorpusIndex, type CorpusStats, indexOptions } from "./index.js";
import { TermTable } from "./term-table.js";

/** Bumped whenever what is stored, or how articles are read and analysed, changes. */
const FORMAT = 2;

interface Stored {
  format: number;
  key: string;
  dir: string;
  warnings: string[];
  articles: Omit<Article, "text">[];
  /** Per sentence: start, end, article, language (0 en, 1 de). */
  spans: Int32Array;
  terms: { vocabulary: string[]; ids: Int32Array; offsets: Int32Array };
  stats: CorpusStats;
  /** The article index as JSON text: parsing JSON is faster than deserialising its objects. */
  articleSearch: string;
}

/** The code that reads and analyses articles: a new build of it makes old caches stale. */
const CODE_DIRS = ["corpus", "text", "retrieval"].map((d) =>
  fileURLToPath(new URL(`../${d}/`, import.meta.url)),
);

/**
 * The cache key of a folder of articles: the format, the code that builds the index, the
 * analyser's data (lexicon files) and every article file's name, size and modification time.
 * Any change gives another key.
 */
export function cacheKey(seedsDir: string, lexiconDir: string): string {
  const hash = createHash("sha256").update(`${FORMAT}\n${resolve(seedsDir)}\n`);
  for (const dir of CODE_DIRS) {
    for (const f of readdirSync(dir).sort()) {
      const st = statSync(join(dir, f));
      hash.update(`${f}\t${st.size}\t${st.mtimeMs}\n`);
    }
  }
  for (const f of readdirSync(lexiconDir).sort()) hash.update(readFileSync(join(lexiconDir, f)));
  for (const name of readdirSync(seedsDir).sort()) {
    try {
      const st = statSync(join(seedsDir, name));
      hash.update(`${name}\t${st.size}\t${st.mtimeMs}\n`);
    } catch {
      hash.update(`${name}\tunreadable\n`);
    }
  }
  return hash.digest("hex").slice(0, 32);
}

function fileOf(cacheDir: string, seedsDir: string): string {
  const id = createHash("sha256").update(resolve(seedsDir)).digest("hex").slice(0, 16);
  return join(cacheDir, `index-${id}.bin`);
}

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
    format: FORMAT,
    key,
    dir: index.corpus.dir,
    warnings: index.corpus.warnings,
    articles: index.corpus.articles.map(({ text: _text, ...meta }) => meta),
    spans,
    terms: {
      vocabulary: index.sentenceTerms.vocabulary,
      ids: index.sentenceTerms.ids,
      offsets: index.sentenceTerms.offsets,
    },
    stats: index.stats,
    articleSearch: JSON.stringify(index.articleSearch),
  };
  const file = fileOf(cacheDir, index.corpus.dir);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(tmp, serialize(stored));
    renameSync(tmp, file);
    evictOld(cacheDir);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing written
    }
  }
}

/**
 * Reads a cached index when its key matches; undefined when it is missing, stale or corrupt
 * (the caller then rebuilds it). Article texts are read from their files again: quotes are
 * always slices of the files as they are.
 */
export function loadCachedIndex(
  seedsDir: string,
  key: string,
  cacheDir: string,
  analyzer: Analyzer,
): CorpusIndex | undefined {
  let stored: Stored;
  try {
    stored = deserialize(readFileSync(fileOf(cacheDir, seedsDir))) as Stored;
    if (stored.format !== FORMAT || stored.key !== key) return undefined;
  } catch {
    return undefined;
  }
  try {
    const articles: Article[] = stored.articles.map((a) => ({
      ...a,
      text: readFileSync(join(seedsDir, a.source), "utf8"),
    }));
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
