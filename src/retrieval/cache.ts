import { readdirSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Article, Corpus, Sentence } from "../corpus/types.js";
import { placesVersion } from "../knowledge/places.js";
import type { Analyzer } from "../text/terms.js";
import { cacheFileFor, cacheKey as folderKey, readCache, writeCache } from "../util/disk-cache.js";
import { type ArticlePostings, articleSearchFrom } from "./article-search.js";
import { type CorpusIndex, type CorpusStats, indexOptions } from "./index.js";
import { TermTable } from "./term-table.js";

/** Bumped whenever what is stored, or how articles are read and analysed, changes. */
const FORMAT = 10;

interface Stored {
  dir: string;
  warnings: string[];
  /** The articles without their texts and sentence ids (those are rebuilt from `spans`). */
  articles: Omit<Article, "text" | "sentences">[];
  /**
   * The articles' texts as they were indexed (the key checks they are unchanged), one after the
   * other in a few long strings: one long string is read back twice as fast as 10,000 short ones.
   */
  texts: string[];
  /** Each article's text length: article i's text follows article i - 1's, across the strings. */
  textLengths: Int32Array;
  /** Per sentence: start, end, article, language (0 en, 1 de). */
  spans: Int32Array;
  terms: { vocabulary: string[]; ids: Int32Array; offsets: Int32Array };
  stats: CorpusStats;
  /** The article index's postings, packed in integer arrays (minisearch's index is made from them). */
  postings: ArticlePostings;
}

/** Longest string of joined texts (well under V8's limit on a string's length). */
const MAX_JOINED = 1 << 25;

/** Texts joined into as few strings as fit `max` characters (a longer text stands alone). */
export function joinTexts(texts: string[], max = MAX_JOINED): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let length = 0;
  for (const text of texts) {
    // (an empty text never starts a string: splitTexts moves on only for a text with characters)
    if (length > 0 && text.length > 0 && length + text.length > max) {
      out.push(run.join(""));
      run = [];
      length = 0;
    }
    run.push(text);
    length += text.length;
  }
  if (run.length) out.push(run.join(""));
  return out;
}

/** The texts `joinTexts` joined, given their lengths; undefined when they do not add up. */
export function splitTexts(joined: string[], lengths: Int32Array): string[] | undefined {
  const out: string[] = [];
  let chunk = 0;
  let at = 0;
  for (const length of lengths) {
    // A text never spans two strings: the next text starts the next string when this one is used up.
    if (at === (joined[chunk]?.length ?? 0) && length > 0) {
      chunk++;
      at = 0;
    }
    const from = joined[chunk];
    if (from === undefined || at + length > from.length) return undefined;
    out.push(from.slice(at, at + length));
    at += length;
  }
  return chunk === Math.max(0, joined.length - 1) && at === (joined[chunk]?.length ?? 0) ? out : undefined;
}

/**
 * The cache key of a folder of articles: the format, the code that builds the index, the
 * analyser's data (lexicon files, the place table's version) and every article file's name,
 * size and modification time. Any change gives another key.
 */
export function cacheKey(seedsDir: string, lexiconDir: string): string {
  return folderKey(FORMAT, { contents: [lexiconDir], stats: [seedsDir], versions: [placesVersion()] });
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
    articles: index.corpus.articles.map(({ text: _text, sentences: _sentences, ...meta }) => meta),
    texts: joinTexts(index.corpus.articles.map((a) => a.text)),
    textLengths: Int32Array.from(index.corpus.articles, (a) => a.text.length),
    spans,
    terms: {
      vocabulary: index.sentenceTerms.vocabulary,
      ids: index.sentenceTerms.ids,
      offsets: index.sentenceTerms.offsets,
    },
    stats: index.stats,
    postings: index.articlePostings,
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
    const texts = splitTexts(stored.texts, stored.textLengths);
    if (texts === undefined || texts.length !== stored.articles.length) return undefined;
    const articles: Article[] = stored.articles.map((a, i) => ({
      ...a,
      text: texts[i] as string,
      sentences: [],
    }));
    const spans = stored.spans;
    const sentences: Sentence[] = new Array(spans.length / 4);
    for (let i = 0; i < spans.length; i += 4) {
      // (read one by one: a view and a destructuring per sentence cost more at 180,000 sentences)
      const start = spans[i] as number;
      const end = spans[i + 1] as number;
      const article = spans[i + 2] as number;
      const owner = articles[article];
      if (!owner) return undefined;
      owner.sentences.push(i / 4);
      const text = owner.text.slice(start, end);
      sentences[i / 4] = { id: i / 4, article, start, end, text, language: spans[i + 3] === 1 ? "de" : "en" };
    }
    const sentenceTerms = TermTable.from(stored.terms);
    if (sentences.length !== sentenceTerms.size) return undefined;
    const corpus: Corpus = { dir: stored.dir, articles, sentences, warnings: stored.warnings };
    const articleSearch = articleSearchFrom(stored.postings, indexOptions(corpus, analyzer, sentenceTerms));
    return {
      corpus,
      analyzer,
      stats: stored.stats,
      sentenceTerms,
      articlePostings: stored.postings,
      articleSearch,
    };
  } catch {
    return undefined;
  }
}
