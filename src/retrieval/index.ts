import type MiniSearch from "minisearch";
import type { Options } from "minisearch";
import type { Article, Corpus, Sentence } from "../corpus/types.js";
import type { Language } from "../text/language.js";
import type { Analyzer } from "../text/terms.js";
import { tokenWords } from "../text/tokenize.js";
import { OwnerCache } from "../util/owner-cache.js";
import { type ArticlePostings, articleSearchFrom, type FieldPostings, packField } from "./article-search.js";
import { TermTable } from "./term-table.js";

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
  /** Term -> number of articles that contain it. */
  articleDf: Map<string, number>;
  sentenceCount: number;
  /** Mean number of distinct terms in a sentence. */
  meanSentenceTerms: number;
}

/** The searchable form of a corpus. */
export interface CorpusIndex {
  corpus: Corpus;
  analyzer: Analyzer;
  stats: CorpusStats;
  /** Per sentence: its distinct terms (arrays: a set per sentence costs too much memory at scale). */
  sentenceTerms: TermTable;
  /** BM25 over whole articles (their sentences' terms, the title boosted): the first stage. */
  articleSearch: MiniSearch<{ id: number }>;
  /** What `articleSearch` was made of (the index cache stores it). */
  articlePostings: ArticlePostings;
}

const SEP = "\u0001";

/** First-stage query: at most this many terms, each in at most this share of the articles. */
const MAX_FIRST_STAGE_TERMS = 6;
const MAX_ARTICLE_SHARE = 0.5;
/** A term in more than this share of the articles is indexed for its champions only. */
const CHAMPION_SHARE = 0.25;
/** Articles kept in the article index for such a term. */
const CHAMPIONS = 100;

/**
 * Each article's distinct term ids, packed: article a's are ids[offsets[a]] .. ids[offsets[a + 1] - 1]
 * (in the order first met), with in how many of its sentences each is in `counts`.
 */
export interface ArticleTerms {
  ids: Int32Array;
  offsets: Int32Array;
  counts?: Int32Array;
}

/** The analysis's term lists of articles, one range per article of the corpus (none for an article without sentences). */
export function articleTermsOf(corpus: Corpus, analysis: TermAnalysis): ArticleTerms {
  const runs = analysis.articleOffsets;
  const offsets = new Int32Array(corpus.articles.length + 1);
  let run = 0;
  corpus.articles.forEach((article, a) => {
    if (article.sentences.length > 0) run++;
    offsets[a + 1] = runs[run] as number;
  });
  if (run !== runs.length - 1) throw new Error("the analysis does not cover the corpus's articles");
  return { ids: analysis.articleIds, offsets, counts: analysis.articleCounts };
}

/**
 * The terms of each article that go into the article index. A term in more than a quarter of the
 * articles of a large corpus (over CANDIDATE_ARTICLES) is kept only for the CHAMPIONS articles
 * where it is densest (a champion list, as in tiered indexes): it can still pick candidates when
 * a question has no rarer word, while most of its postings, three fifths of the index at 10,000
 * synthetic articles, are left out.
 */
export function indexedTerms(corpus: Corpus, terms: ArticleTerms, articleDf: Int32Array): ArticleTerms {
  const n = corpus.articles.length;
  const limit = n > CANDIDATE_ARTICLES ? n * CHAMPION_SHARE : Number.POSITIVE_INFINITY;
  const { ids, offsets, counts } = terms;
  // Term id -> its champions, for the terms over the limit (arrays: looked up once per term of
  // every article).
  const best: (Champions | undefined)[] = new Array(articleDf.length);
  let any = false;
  for (let a = 0; a < n; a++) {
    const sentences = (corpus.articles[a] as Article).sentences.length;
    for (let k = offsets[a] as number, end = offsets[a + 1] as number; k < end; k++) {
      const id = ids[k] as number;
      if ((articleDf[id] as number) <= limit) continue;
      let champions = best[id];
      if (!champions) {
        champions = new Champions(CHAMPIONS);
        best[id] = champions;
        any = true;
      }
      champions.offer((counts ? (counts[k] as number) : 1) / sentences, a);
    }
  }
  if (!any) return { ids, offsets };
  // Each champion list in article order, read along as the articles are: a term is kept for
  // article a when the next article of its list is a.
  const lists = best.map((c) => (c ? Int32Array.from(c.articles).sort() : undefined));
  const next = new Int32Array(articleDf.length);
  const keptIds = new Int32Array(ids.length);
  const keptOffsets = new Int32Array(n + 1);
  let at = 0;
  for (let a = 0; a < n; a++) {
    for (let k = offsets[a] as number, end = offsets[a + 1] as number; k < end; k++) {
      const id = ids[k] as number;
      const list = lists[id];
      if (list === undefined) keptIds[at++] = id;
      else if (list[next[id] as number] === a) {
        keptIds[at++] = id;
        next[id] = (next[id] as number) + 1;
      }
    }
    keptOffsets[a + 1] = at;
  }
  return { ids: keptIds.slice(0, at), offsets: keptOffsets };
}

/**
 * The k articles where a term is densest (share of sentences with it; on a tie the earlier
 * article), kept while articles are offered in order: a new one enters only when it beats the
 * worst kept.
 */
class Champions {
  readonly articles: number[] = [];
  private readonly density: number[] = [];
  private worst = -1;

  constructor(private readonly k: number) {}

  offer(density: number, article: number): void {
    if (this.articles.length < this.k) {
      this.articles.push(article);
      this.density.push(density);
      if (this.articles.length === this.k) this.findWorst();
      return;
    }
    if (density <= (this.density[this.worst] as number)) return;
    this.articles[this.worst] = article;
    this.density[this.worst] = density;
    this.findWorst();
  }

  /** The lowest density; among equal ones the latest article (it would sort last). */
  private findWorst(): void {
    let w = 0;
    for (let i = 1; i < this.density.length; i++) {
      const d = this.density[i] as number;
      const dw = this.density[w] as number;
      if (d < dw || (d === dw && (this.articles[i] as number) > (this.articles[w] as number))) w = i;
    }
    this.worst = w;
  }
}

/**
 * The options of the article index (the same when it is built and when it is loaded from the
 * cache; `terms` is only needed to build it).
 */
export function indexOptions(
  corpus: Corpus,
  analyzer: Analyzer,
  sentenceTerms: TermTable,
  terms?: ArticleTerms,
): Options<{ id: number }> {
  return {
    fields: ["title", "terms"],
    idField: "id",
    extractField: (doc, field) => {
      const article = corpus.articles[doc.id];
      if (field === "id") return String(doc.id);
      if (field === "title") return analyzer.terms(article?.title ?? "", article?.language ?? "en").join(SEP);
      // Distinct terms only: the first stage only picks candidates, and a third of the tokens
      // makes the index three times cheaper to build.
      const ids = terms?.ids.subarray(terms.offsets[doc.id], terms.offsets[doc.id + 1]) ?? [];
      return Array.from(ids, (id) => sentenceTerms.vocabulary[id]).join(SEP);
    },
    tokenize: (text) => text.split(SEP),
    processTerm: (term) => term || null,
    searchOptions: {
      tokenize: (text) => text.split(SEP),
      processTerm: (term) => term || null,
      boost: { title: 2 },
    },
  };
}

/**
 * The postings of the article index: what `addAll` of every article with `indexOptions` would
 * index, gathered per term instead of article by article (a test checks that minisearch builds
 * the same index from them). A term's id is its id in the sentence vocabulary; terms found only
 * in titles follow.
 */
export function articlePostings(
  corpus: Corpus,
  analyzer: Analyzer,
  sentenceTerms: TermTable,
  terms: ArticleTerms,
): ArticlePostings {
  const options = indexOptions(corpus, analyzer, sentenceTerms, terms);
  const { fields } = options;
  const title = fields.indexOf("title");
  const body = fields.indexOf("terms");
  const n = corpus.articles.length;
  const vocabulary = [...sentenceTerms.vocabulary];
  const lengths = new Int32Array(n * fields.length);
  // Titles: term id -> [article, occurrences, ...]; a title is read as `add` reads it, a string
  // split at SEP, whose distinct tokens are its length (an empty title is one empty token).
  const titleLists: number[][] = [];
  const titleOnly = new Map<string, number>();
  corpus.articles.forEach((_, a) => {
    const tokens = (options.extractField?.({ id: a }, "title") as string).split(SEP);
    lengths[a * fields.length + title] = new Set(tokens).size;
    for (const term of tokens) {
      if (!term) continue;
      let id = sentenceTerms.idOf(term) ?? titleOnly.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        vocabulary.push(term);
        titleOnly.set(term, id);
      }
      const list = titleLists[id] ?? [];
      titleLists[id] = list;
      if (list[list.length - 2] === a) list[list.length - 1] = (list[list.length - 1] as number) + 1;
      else list.push(a, 1);
    }
  });
  // The body: each article's distinct term ids, so each posting counts once.
  const { ids, offsets: articleOffsets } = terms;
  const offsets = new Int32Array(vocabulary.length + 1);
  for (let a = 0; a < n; a++) {
    const start = articleOffsets[a] as number;
    const end = articleOffsets[a + 1] as number;
    lengths[a * fields.length + body] = Math.max(1, end - start);
    for (let k = start; k < end; k++) {
      const t = (ids[k] as number) + 1;
      offsets[t] = (offsets[t] as number) + 1;
    }
  }
  for (let t = 0; t < vocabulary.length; t++)
    offsets[t + 1] = (offsets[t] as number) + (offsets[t + 1] as number);
  const docs = new Int32Array(offsets[vocabulary.length] as number);
  const next = offsets.slice(0, vocabulary.length);
  for (let a = 0; a < n; a++) {
    for (let k = articleOffsets[a] as number, end = articleOffsets[a + 1] as number; k < end; k++)
      docs[(next[ids[k] as number] as number)++] = a;
  }
  const perField: FieldPostings[] = [];
  perField[title] = packField(vocabulary.length, titleLists);
  perField[body] = { offsets, docs };
  return { articleCount: n, terms: vocabulary, fields: perField, lengths };
}

/** A growable array of counters indexed by term id. */
function grow(a: Int32Array<ArrayBuffer>, size: number, fill = 0): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2)).fill(fill);
  b.set(a);
  return b;
}

/** What the index build knows of one word as written, in one language: looked up once per token. */
interface WordEntry {
  lower: string;
  /** Ids of the word's terms. */
  terms: number[];
  /** Occurrences. */
  count: number;
  /** An English word written with a capital initial (German capitalises every noun). */
  capitalised: boolean;
  /** Seen so after the start of a sentence. */
  capitalisedInside: boolean;
  /** Can begin a place name of several words. */
  startsPlace: boolean;
}

const UPPER_INITIAL = /^\p{Lu}/u;

/**
 * What reading the words of some sentences gives: their terms as ids into a vocabulary, and the
 * counts the statistics are made of. A corpus is analysed in one piece, or in several pieces on
 * several threads (parallel.ts) whose analyses are merged: the result is the same either way.
 */
export interface TermAnalysis {
  /** Term id -> term, ids given in the order terms are first met. */
  vocabulary: string[];
  /** Per sentence, its distinct term ids: sentence i's are ids[offsets[i]] .. ids[offsets[i + 1] - 1]. */
  ids: Int32Array;
  offsets: Int32Array;
  /** Term id -> sentences with it, articles with it. */
  sentenceDf: Int32Array;
  articleDf: Int32Array;
  /**
   * Per article with sentences (in order), its distinct term ids and in how many of its sentences
   * each is: the k-th such article's are articleIds[articleOffsets[k]] .. articleIds[articleOffsets[k + 1] - 1].
   */
  articleIds: Int32Array;
  articleCounts: Int32Array;
  articleOffsets: Int32Array;
  /** Lower-case word -> occurrences. */
  wordFreq: Map<string, number>;
  /** Lower-case words also written in lower case. */
  lowerSeen: Set<string>;
  /** Lower-case words seen capitalised after the start of an English sentence. */
  capitalisedInside: Set<string>;
}

/**
 * Reads the words of sentences (in order; their `article` fields tell articles apart) into a
 * TermAnalysis: each token looked up once, counts kept per term id.
 */
export function analyzeSentences(sentences: readonly Sentence[], analyzer: Analyzer): TermAnalysis {
  // Terms get integer ids as they are met; counts are kept per id.
  const vocabulary: string[] = [];
  const idOf = new Map<string, number>();
  let sentenceDf = new Int32Array(4096);
  let articleDf = new Int32Array(4096);
  let lastSentence = new Int32Array(4096).fill(-1);
  let lastArticle = new Int32Array(4096).fill(-1);
  const termId = (term: string): number => {
    let id = idOf.get(term);
    if (id === undefined) {
      id = vocabulary.length;
      vocabulary.push(term);
      idOf.set(term, id);
      sentenceDf = grow(sentenceDf, id + 1);
      articleDf = grow(articleDf, id + 1);
      lastSentence = grow(lastSentence, id + 1, -1);
      lastArticle = grow(lastArticle, id + 1, -1);
    }
    return id;
  };
  // One map look-up per token: its entry holds its terms and counts (per language: German words
  // are analysed differently).
  const words = { en: new Map<string, WordEntry>(), de: new Map<string, WordEntry>() };
  const entryOf = (word: string, language: Language): WordEntry => {
    const map = words[language];
    let e = map.get(word);
    if (!e) {
      const lower = word.toLowerCase();
      e = {
        lower,
        terms: analyzer.termsOfWord(word, language).map(termId),
        count: 0,
        capitalised: language === "en" && word !== lower && UPPER_INITIAL.test(word),
        capitalisedInside: false,
        startsPlace: analyzer.startsPlace(word),
      };
      map.set(word, e);
    }
    return e;
  };
  let ids = new Int32Array(1 << 16);
  const offsets = new Int32Array(sentences.length + 1);
  let at = 0;
  // The current article's distinct terms, and where each term is in that list.
  let articleIds = new Int32Array(1 << 14);
  let articleCounts = new Int32Array(1 << 14);
  const articleOffsets: number[] = [];
  let articleAt = 0;
  let slot = new Int32Array(4096);
  const addTerm = (id: number, sentence: number, article: number) => {
    if (lastSentence[id] === sentence) return; // distinct terms per sentence
    lastSentence[id] = sentence;
    ids = grow(ids, at + 1);
    ids[at++] = id;
    sentenceDf[id] = (sentenceDf[id] as number) + 1;
    if (lastArticle[id] !== article) {
      lastArticle[id] = article;
      articleDf[id] = (articleDf[id] as number) + 1;
      articleIds = grow(articleIds, articleAt + 1);
      articleCounts = grow(articleCounts, articleAt + 1);
      slot = grow(slot, id + 1);
      slot[id] = articleAt;
      articleIds[articleAt++] = id;
    }
    const k = slot[id] as number;
    articleCounts[k] = (articleCounts[k] as number) + 1;
  };
  let article = Number.NaN;
  sentences.forEach((s, i) => {
    if (s.article !== article) {
      article = s.article;
      articleOffsets.push(articleAt);
    }
    offsets[i] = at;
    const tokens = tokenWords(s.text);
    const language = s.language;
    for (let k = 0; k < tokens.length; k++) {
      const e = entryOf(tokens[k] as string, language);
      e.count++;
      if (k > 0 && e.capitalised) e.capitalisedInside = true;
      const place = e.startsPlace ? analyzer.placeAt(tokens, k) : undefined;
      if (place) {
        addTerm(termId(place.key), i, s.article);
        // The other words of the place name count as words, not as terms.
        for (let j = k + 1; j < k + place.length; j++) entryOf(tokens[j] as string, language).count++;
        k += place.length - 1;
        continue;
      }
      for (const id of e.terms) addTerm(id, i, s.article);
    }
  });
  offsets[sentences.length] = at;
  const wordFreq = new Map<string, number>();
  const lowerSeen = new Set<string>();
  const capitalisedInside = new Set<string>();
  for (const map of [words.en, words.de]) {
    for (const [word, e] of map) {
      wordFreq.set(e.lower, (wordFreq.get(e.lower) ?? 0) + e.count);
      if (word === e.lower) lowerSeen.add(e.lower);
      if (e.capitalisedInside) capitalisedInside.add(e.lower);
    }
  }
  const n = vocabulary.length;
  return {
    vocabulary,
    ids: ids.slice(0, at),
    offsets,
    sentenceDf: sentenceDf.slice(0, n),
    articleDf: articleDf.slice(0, n),
    articleIds: articleIds.slice(0, articleAt),
    articleCounts: articleCounts.slice(0, articleAt),
    articleOffsets: Int32Array.from([...articleOffsets, articleAt]),
    wordFreq,
    lowerSeen,
    capitalisedInside,
  };
}

/**
 * Joins the analyses of consecutive pieces of a corpus (no article split between two) into the
 * analysis of the whole: the same vocabulary, ids and counts as analysing it in one piece.
 */
export function mergeAnalyses(parts: readonly TermAnalysis[]): TermAnalysis {
  if (parts.length === 1) return parts[0] as TermAnalysis;
  const vocabulary: string[] = [];
  const idOf = new Map<string, number>();
  const remaps = parts.map((p) =>
    Int32Array.from(p.vocabulary, (term) => {
      let id = idOf.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        vocabulary.push(term);
        idOf.set(term, id);
      }
      return id;
    }),
  );
  const sentenceDf = new Int32Array(vocabulary.length);
  const articleDf = new Int32Array(vocabulary.length);
  const ids = new Int32Array(parts.reduce((n, p) => n + p.ids.length, 0));
  const offsets = new Int32Array(parts.reduce((n, p) => n + p.offsets.length - 1, 0) + 1);
  const articleIds = new Int32Array(parts.reduce((n, p) => n + p.articleIds.length, 0));
  const articleCounts = new Int32Array(articleIds.length);
  const articleOffsets = new Int32Array(parts.reduce((n, p) => n + p.articleOffsets.length - 1, 0) + 1);
  let articleAt = 0;
  let articleRun = 0;
  const wordFreq = new Map<string, number>();
  const lowerSeen = new Set<string>();
  const capitalisedInside = new Set<string>();
  let at = 0;
  let sentence = 0;
  parts.forEach((p, k) => {
    const remap = remaps[k] as Int32Array;
    remap.forEach((id, local) => {
      sentenceDf[id] = (sentenceDf[id] as number) + (p.sentenceDf[local] as number);
      articleDf[id] = (articleDf[id] as number) + (p.articleDf[local] as number);
    });
    for (let i = 0; i < p.ids.length; i++) ids[at + i] = remap[p.ids[i] as number] as number;
    for (let i = 0; i < p.offsets.length - 1; i++) offsets[sentence + i] = at + (p.offsets[i] as number);
    at += p.ids.length;
    sentence += p.offsets.length - 1;
    for (let i = 0; i < p.articleIds.length; i++)
      articleIds[articleAt + i] = remap[p.articleIds[i] as number] as number;
    articleCounts.set(p.articleCounts, articleAt);
    for (let i = 0; i < p.articleOffsets.length - 1; i++)
      articleOffsets[articleRun + i] = articleAt + (p.articleOffsets[i] as number);
    articleAt += p.articleIds.length;
    articleRun += p.articleOffsets.length - 1;
    for (const [w, c] of p.wordFreq) wordFreq.set(w, (wordFreq.get(w) ?? 0) + c);
    for (const w of p.lowerSeen) lowerSeen.add(w);
    for (const w of p.capitalisedInside) capitalisedInside.add(w);
  });
  offsets[sentence] = at;
  articleOffsets[articleRun] = articleAt;
  return {
    vocabulary,
    ids,
    offsets,
    sentenceDf,
    articleDf,
    articleIds,
    articleCounts,
    articleOffsets,
    wordFreq,
    lowerSeen,
    capitalisedInside,
  };
}

/** The index of a corpus from the analysis of all its sentences: statistics and the article index. */
export function indexFromAnalysis(corpus: Corpus, analyzer: Analyzer, analysis: TermAnalysis): CorpusIndex {
  const { vocabulary, wordFreq, lowerSeen, capitalisedInside } = analysis;
  const nameWords = new Set([...capitalisedInside].filter((w) => !lowerSeen.has(w)));
  const sentenceTerms = TermTable.from(analysis);
  const countsOf = (counts: Int32Array) => new Map(vocabulary.map((t, id) => [t, counts[id] as number]));
  const postings = articlePostings(
    corpus,
    analyzer,
    sentenceTerms,
    indexedTerms(corpus, articleTermsOf(corpus, analysis), analysis.articleDf),
  );
  return {
    corpus,
    analyzer,
    stats: {
      wordFreq,
      lowerSeen,
      nameWords,
      sentenceDf: countsOf(analysis.sentenceDf),
      articleDf: countsOf(analysis.articleDf),
      sentenceCount: corpus.sentences.length,
      meanSentenceTerms: sentenceTerms.ids.length / Math.max(1, sentenceTerms.size),
    },
    sentenceTerms,
    articlePostings: postings,
    articleSearch: articleSearchFrom(postings, indexOptions(corpus, analyzer, sentenceTerms)),
  };
}

/** Builds the sentence index and the statistics of a corpus (on this thread). */
export function buildIndex(corpus: Corpus, analyzer: Analyzer): CorpusIndex {
  return indexFromAnalysis(corpus, analyzer, analyzeSentences(corpus.sentences, analyzer));
}

const termSets = new OwnerCache<CorpusIndex, number, Set<string>>(50_000);

/** The distinct terms of a sentence as a set, for the few sentences a question looks at closely. */
export function termSetOf(index: CorpusIndex, id: number): Set<string> {
  return termSets.get(index, id, () => new Set(index.sentenceTerms.termsOf(id)));
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

/** A query's terms with their weight (the highest when a term is given twice). */
export function queryWeights(query: readonly QueryTerm[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const q of query) weights.set(q.term, Math.max(weights.get(q.term) ?? 0, q.weight));
  return weights;
}

/**
 * The terms the first stage picks articles by, among `n` articles: the question's own words
 * (synonyms only when it has too few), rarest first, at most MAX_FIRST_STAGE_TERMS; past the
 * two rarest, none in more than MAX_ARTICLE_SHARE of the articles (a term in most articles
 * picks none of them and costs a pass over its postings).
 */
export function firstStageTerms(stats: CorpusStats, n: number, weights: Map<string, number>): string[] {
  const df = (t: string) => stats.articleDf.get(t) ?? 0;
  const own = [...weights.keys()].filter((t) => df(t) > 0 && (weights.get(t) ?? 0) >= 1);
  const pool = own.length >= 2 ? own : [...weights.keys()].filter((t) => df(t) > 0);
  return pool
    .sort((a, b) => df(a) - df(b))
    .filter((t, i) => i < 2 || df(t) <= n * MAX_ARTICLE_SHARE)
    .slice(0, MAX_FIRST_STAGE_TERMS);
}

/** Articles whose sentences are scored in the second stage. */
export const CANDIDATE_ARTICLES = 40;
/**
 * The best sentences for a query, in two stages: BM25 over whole articles picks the candidate
 * articles, then every sentence of those is scored by the IDF-weighted query terms it holds.
 * The cost of a question grows with the candidates, not with the corpus.
 */
export function searchSentences(
  index: CorpusIndex,
  query: QueryTerm[],
  limit = 60,
): { id: number; score: number }[] {
  if (query.length === 0) return [];
  const weights = queryWeights(query);
  const n = index.corpus.articles.length;
  const table = index.sentenceTerms;
  const weightById = new Map<number, number>();
  for (const [t, w] of weights) {
    const id = table.idOf(t);
    if (id !== undefined) weightById.set(id, w * idf(index.stats, t));
  }
  const hits: { id: number; score: number }[] = [];
  const add = (sentences: ArrayLike<number>) => {
    const sums = table.sumsOf(sentences, weightById);
    for (let k = 0; k < sentences.length; k++) {
      const id = sentences[k] as number;
      const score = sums[k] as number;
      // BM25's length normalisation (b = 0.75): a long sentence matches more by chance.
      if (score > 0)
        hits.push({ id, score: score / (0.25 + (0.75 * table.countOf(id)) / index.stats.meanSentenceTerms) });
    }
  };
  // Every article a candidate: only the sentences with a query term can score, in the order of
  // the articles' sentences (ascending ids), as the loop over the candidates would give them.
  if (n <= CANDIDATE_ARTICLES) add(table.sentencesWithAny(weightById.keys()));
  else {
    // The first stage asks for the rarer terms only: a term in most articles picks none of them,
    // and every term costs a pass over its posting list.
    const candidates = index.articleSearch
      .search(firstStageTerms(index.stats, n, weights).join(SEP), {
        combineWith: "OR",
        boostTerm: (term) => weights.get(term) ?? 1,
      })
      .slice(0, CANDIDATE_ARTICLES);
    for (const a of candidates) add(index.corpus.articles[Number(a.id)]?.sentences ?? []);
  }
  return hits.sort((x, y) => y.score - x.score).slice(0, limit);
}
