import MiniSearch from "minisearch";
import type { Corpus } from "../corpus/types.js";
import { type Analyzer, tokenize } from "../text/terms.js";

/** Word statistics of a corpus, used to read questions (typos, names) and to weigh terms. */
export interface CorpusStats {
  /** Lower-case word -> how often it occurs. */
  wordFreq: Map<string, number>;
  /** Lower-case words that also occur written in lower case (so they are ordinary words). */
  lowerSeen: Set<string>;
  /** Lower-case words that occur capitalised inside a sentence and never in lower case: names. */
  nameWords: Set<string>;
  /** Term -> number of sentences that contain it. */
  sentenceDf: Map<string, number>;
  sentenceCount: number;
}

/** The searchable form of a corpus. */
export interface CorpusIndex {
  corpus: Corpus;
  analyzer: Analyzer;
  stats: CorpusStats;
  /** Per sentence: its terms, in order, with the token each came from. */
  sentenceTerms: { term: string; token: number }[][];
  /** Per sentence: its distinct terms. */
  sentenceTermSets: Set<string>[];
  search: MiniSearch<{ id: number }>;
}

const SEP = "\u0001";

/** Builds the sentence index and the statistics of a corpus. */
export function buildIndex(corpus: Corpus, analyzer: Analyzer): CorpusIndex {
  const wordFreq = new Map<string, number>();
  const lowerSeen = new Set<string>();
  const capitalisedInside = new Set<string>();
  const sentenceDf = new Map<string, number>();
  const sentenceTerms: { term: string; token: number }[][] = [];
  const sentenceTermSets: Set<string>[] = [];
  for (const s of corpus.sentences) {
    const tokens = tokenize(s.text);
    tokens.forEach((t, i) => {
      const lower = t.word.toLowerCase();
      wordFreq.set(lower, (wordFreq.get(lower) ?? 0) + 1);
      if (t.word === lower) lowerSeen.add(lower);
      // German capitalises every noun: only English sentences tell names from words.
      else if (i > 0 && s.language === "en" && /^\p{Lu}/u.test(t.word)) capitalisedInside.add(lower);
    });
    const terms = analyzer.termsOfTokens(tokens, s.language);
    sentenceTerms.push(terms);
    const set = new Set(terms.map((t) => t.term));
    sentenceTermSets.push(set);
    for (const term of set) sentenceDf.set(term, (sentenceDf.get(term) ?? 0) + 1);
  }
  const nameWords = new Set([...capitalisedInside].filter((w) => !lowerSeen.has(w)));
  const search = new MiniSearch<{ id: number }>({
    fields: ["terms"],
    idField: "id",
    extractField: (doc, field) =>
      field === "id" ? String(doc.id) : (sentenceTerms[doc.id] ?? []).map((t) => t.term).join(SEP),
    tokenize: (text) => text.split(SEP),
    processTerm: (term) => term || null,
    searchOptions: { tokenize: (text) => text.split(SEP), processTerm: (term) => term || null },
  });
  search.addAll(corpus.sentences.map((s) => ({ id: s.id })));
  return {
    corpus,
    analyzer,
    stats: { wordFreq, lowerSeen, nameWords, sentenceDf, sentenceCount: corpus.sentences.length },
    sentenceTerms,
    sentenceTermSets,
    search,
  };
}

/** Inverse document frequency of a term over sentences (BM25's form, always > 0). */
export function idf(stats: CorpusStats, term: string): number {
  const df = stats.sentenceDf.get(term) ?? 0;
  return Math.log(1 + (stats.sentenceCount - df + 0.5) / (df + 0.5));
}

/** A weighted query term: the question's own terms weigh 1, expansions less. */
export interface QueryTerm {
  term: string;
  weight: number;
}

/** The best sentences for a query by BM25 over sentences, with fuzzy matching of long terms. */
export function searchSentences(
  index: CorpusIndex,
  query: QueryTerm[],
  limit = 60,
): { id: number; score: number }[] {
  if (query.length === 0) return [];
  const weights = new Map<string, number>();
  for (const q of query) weights.set(q.term, Math.max(weights.get(q.term) ?? 0, q.weight));
  const results = index.search.search([...weights.keys()].join(SEP), {
    combineWith: "OR",
    fuzzy: (term) => (term.length > 6 && !term.includes(" ") && !/\d/.test(term) ? 0.15 : false),
    boostTerm: (term) => weights.get(term) ?? 1,
  });
  return results.slice(0, limit).map((r) => ({ id: Number(r.id), score: r.score }));
}
