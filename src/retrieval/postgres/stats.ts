import type { Sentence } from "../../corpus/types.js";
import type { Analyzer } from "../../text/terms.js";
import { analyzeSentences, type CorpusStats } from "../index.js";

/**
 * What one article adds to the collection's statistics: the analysis of its sentences on their
 * own (src/retrieval/index.ts, analyzeSentences), in the order things are first met. Summed over
 * the articles in file-name order (English articles' words before German ones', as the
 * in-memory analysis keeps a map per language) this gives the in-memory statistics exactly,
 * orders of maps included (typo correction breaks ties by it).
 */
export interface ArticleStats {
  /** Terms in the order first met (with terms of words only met inside place names: count 0). */
  v: string[];
  /** Per term of `v`: sentences of the article that have it. */
  d: number[];
  /** Lower-case words in the order first met, and their occurrences. */
  w: string[];
  c: number[];
  /** Lower-case words also written in lower case; words capitalised inside an English sentence. */
  l: string[];
  k: string[];
  /** Distinct terms over all its sentences (for the mean per sentence). */
  m: number;
}

/** An article's own analysis: its statistics and each sentence's distinct terms. */
export function analyzeArticle(
  sentences: readonly Sentence[],
  analyzer: Analyzer,
): { stats: ArticleStats; sentenceTerms: string[][] } {
  const a = analyzeSentences(sentences, analyzer);
  const sentenceTerms = sentences.map((_, i) =>
    Array.from(a.ids.subarray(a.offsets[i], a.offsets[i + 1]), (id) => a.vocabulary[id] as string),
  );
  return {
    stats: {
      v: a.vocabulary,
      d: Array.from(a.sentenceDf),
      w: [...a.wordFreq.keys()],
      c: [...a.wordFreq.values()],
      l: [...a.lowerSeen],
      k: [...a.capitalisedInside],
      m: a.ids.length,
    },
    sentenceTerms,
  };
}

/** The collection's statistics, summed from its articles' (see ArticleStats), stored as JSON. */
export interface StoredStats {
  /** [word, occurrences] in order. */
  wordFreq: [string, number][];
  lowerSeen: string[];
  capitalisedInside: string[];
  /** [term, sentences, articles] in order. */
  terms: [string, number, number][];
  sentenceCount: number;
  termCount: number;
}

/**
 * Sums articles' statistics, given in file-name order: terms in that order, words the English
 * articles' first (the in-memory analysis keeps a word map per language, English first).
 */
export class StatsMerger {
  private readonly wordFreq = new Map<string, number>();
  private readonly lowerSeen = new Set<string>();
  private readonly capitalisedInside = new Set<string>();
  private readonly sentenceDf = new Map<string, number>();
  private readonly articleDf = new Map<string, number>();
  private sentences = 0;
  private termCount = 0;

  private readonly german: ArticleStats[] = [];

  add(s: ArticleStats, sentenceCount: number, language: string): void {
    if (language === "de") this.german.push(s);
    else this.addWords(s);
    for (const w of s.l) this.lowerSeen.add(w);
    for (const w of s.k) this.capitalisedInside.add(w);
    s.v.forEach((t, i) => {
      const d = s.d[i] as number;
      this.sentenceDf.set(t, (this.sentenceDf.get(t) ?? 0) + d);
      this.articleDf.set(t, (this.articleDf.get(t) ?? 0) + (d > 0 ? 1 : 0));
    });
    this.sentences += sentenceCount;
    this.termCount += s.m;
  }

  private addWords(s: ArticleStats): void {
    s.w.forEach((w, i) => {
      this.wordFreq.set(w, (this.wordFreq.get(w) ?? 0) + (s.c[i] as number));
    });
  }

  stored(): StoredStats {
    for (const s of this.german.splice(0)) this.addWords(s);
    return {
      wordFreq: [...this.wordFreq],
      lowerSeen: [...this.lowerSeen],
      capitalisedInside: [...this.capitalisedInside],
      terms: [...this.sentenceDf].map(([t, d]) => [t, d, this.articleDf.get(t) ?? 0]),
      sentenceCount: this.sentences,
      termCount: this.termCount,
    };
  }
}

/** The in-memory statistics (CorpusStats) of stored ones. */
export function corpusStatsOf(s: StoredStats): CorpusStats {
  const lowerSeen = new Set(s.lowerSeen);
  return {
    wordFreq: new Map(s.wordFreq),
    lowerSeen,
    nameWords: new Set(s.capitalisedInside.filter((w) => !lowerSeen.has(w))),
    sentenceDf: new Map(s.terms.map(([t, d]) => [t, d])),
    articleDf: new Map(s.terms.map(([t, , a]) => [t, a])),
    sentenceCount: s.sentenceCount,
    meanSentenceTerms: s.termCount / Math.max(1, s.sentenceCount),
  };
}
