import type { Evidence } from "../answer/evidence.js";
import type { Sentence } from "../corpus/types.js";
import { type AnswerType, DESCRIPTIVE_TYPES } from "../intents/types.js";
import type { WordVectors } from "../knowledge/embeddings.js";
import type { Lexicon } from "../lexicon/types.js";
import type { QuestionAnalysis } from "../question/analyze.js";
import { type CorpusIndex, idf, termSetOf } from "../retrieval/index.js";
import { isStopword } from "../text/stopwords.js";
import { WordTag } from "../text/tagger.js";
import { type Token, tokenize } from "../text/terms.js";
import { OwnerCache } from "../util/owner-cache.js";
import { joinedWords, kindFit, type SentenceSpans, type Span } from "./spans.js";

/**
 * The evidence features of the answering core: small named functions, each a number for one
 * candidate sentence or one candidate span. The fitted models (model/weights.json) weigh them;
 * nothing here is a weight.
 */

/** What the sentence features read: the question, one candidate sentence and its neighbours. */
export interface SentenceInput {
  index: CorpusIndex;
  q: QuestionAnalysis;
  ev: Evidence;
  /** Its rank in retrieval (0 = best) and its retrieval score over the best one's. */
  rank: number;
  retrieval: number;
  terms: Set<string>;
  /** The question's distinct terms with their IDF weights. */
  qTerms: { term: string; weight: number; entity: boolean }[];
  /** Adjacent term pairs of the question. */
  qPairs: [string, string][];
  /** Positioned terms of the sentence. */
  positioned: { term: string; token: number }[];
  /** Title terms of its article. */
  titleTerms: Set<string>;
  /** Intent expansion terms. */
  expansions: Set<string>;
  /** Per question term, the terms of its WordNet synonyms and derived forms, and of its hypernyms. */
  related: Map<string, { syn: Set<string>; hyper: Set<string>; ant: Set<string> }>;
  /** The question's words in the word vectors (undefined without vectors): for softCoverage. */
  soft?: SoftWords | undefined;
}

const ALPHABETIC = /^[a-z]+$/;

/**
 * The English words of the vectors that say a word of text: an English word itself (lower case,
 * a final "'s" dropped), a German one's translations in the bilingual lexicon; [] for numbers and others.
 */
export function vectorWords(word: string, language: "en" | "de", lexicon: Lexicon): string[] {
  const lower = word
    .toLowerCase()
    .normalize("NFC")
    .replace(/['’]s$/, "");
  if (language === "en") return ALPHABETIC.test(lower) ? [lower] : [];
  return (lexicon.deToEn.get(lower) ?? []).filter((w) => ALPHABETIC.test(w) && !isStopword(w, "en"));
}

/**
 * A question's words looked up in the word vectors, once per question: per question term that
 * is no name, the vector rows of the words it was asked with; and the cosines of the sentence
 * words met to those rows, each worked out once per question whatever the sentences repeat.
 */
export class SoftWords {
  /** Per sentence word's row met so far, where its cosines start in `cosines`. */
  private readonly slotOf = new Map<number, number>();
  /** The cosines worked out, `rows.length` per row met (NaN for those not yet needed). */
  private cosines = new Float32Array(0);
  private used = 0;

  constructor(
    readonly vectors: WordVectors,
    /** Per question term that is no name: the indices of its words' rows in `rows`. */
    readonly terms: ReadonlyMap<string, readonly number[]>,
    private readonly rows: readonly number[],
    /** Every term of the question: a sentence word of one of them matches exactly, not softly. */
    readonly questionTerms: ReadonlySet<string>,
  ) {}

  /** Where the cosines of a row (a sentence word's) to the question's rows are kept: one lookup per sentence word. */
  slot(row: number): number {
    let at = this.slotOf.get(row);
    if (at === undefined) {
      at = this.used;
      this.used += this.rows.length;
      if (this.used > this.cosines.length) {
        const grown = new Float32Array(Math.max(64, 2 * this.used)).fill(Number.NaN);
        grown.set(this.cosines.subarray(0, at));
        this.cosines = grown;
      }
      this.slotOf.set(row, at);
    }
    return at;
  }

  /** The cosine of `row` (whose `slot` is `at`) to the question's k-th row, worked out once per question. */
  cosineAt(at: number, row: number, k: number): number {
    let c = this.cosines[at + k] as number;
    if (Number.isNaN(c)) {
      c = this.vectors.cosineOfRows(this.rows[k] as number, row);
      this.cosines[at + k] = c;
    }
    return c;
  }
}

/** The question's words in the vectors, or undefined without vectors or when no question word is in them. */
export function softWordsOf(
  q: QuestionAnalysis,
  vectors: WordVectors | undefined,
  lexicon: Lexicon,
): SoftWords | undefined {
  if (!vectors) return undefined;
  const rows: number[] = [];
  const terms = new Map<string, number[]>();
  for (const t of q.terms) {
    if (t.entity) continue;
    for (const w of vectorWords(t.word, q.language, lexicon)) {
      const row = vectors.row(w);
      if (row === undefined) continue;
      let at = rows.indexOf(row);
      if (at < 0) at = rows.push(row) - 1;
      const list = terms.get(t.term) ?? [];
      if (!list.includes(at)) list.push(at);
      terms.set(t.term, list);
    }
  }
  if (terms.size === 0) return undefined;
  return new SoftWords(vectors, terms, rows, new Set(q.terms.map((t) => t.term)));
}

/** A sentence's content words in the vectors: their rows, and each one's terms (for skipping the question's own). */
interface SentenceRows {
  rows: Int32Array;
  terms: (readonly string[])[];
}

const sentenceRows = new WeakMap<WordVectors, OwnerCache<CorpusIndex, number, SentenceRows>>();

/** A sentence's words that are no stop words and that the vectors know (as `vectorWords` gives them), once per sentence. */
function sentenceRowsOf(vectors: WordVectors, index: CorpusIndex, sentence: Sentence): SentenceRows {
  let cache = sentenceRows.get(vectors);
  if (!cache) {
    cache = new OwnerCache(100_000);
    sentenceRows.set(vectors, cache);
  }
  return cache.get(index, sentence.id, () => {
    const rows: number[] = [];
    const terms: (readonly string[])[] = [];
    const { analyzer } = index;
    for (const token of tokenize(sentence.text)) {
      const own = analyzer.termsOfWord(token.word, sentence.language);
      if (own.length === 0) continue; // a stop word
      for (const word of vectorWords(token.word, sentence.language, analyzer.lexicon)) {
        const row = vectors.row(word);
        if (row === undefined) continue;
        rows.push(row);
        terms.push(own);
      }
    }
    return { rows: Int32Array.from(rows), terms };
  });
}

/**
 * IDF-weighted share of the question's terms the sentence lacks but says with a word whose
 * vector is close: per such term (not a name), the highest cosine of its words to a content word
 * of the sentence that is no question term, clamped below at 0. Names never count softly
 * (a sentence about France says nothing of Germany); unknown words count 0.
 */
export function softCoverage(s: SentenceInput): number {
  const soft = s.soft;
  if (!soft) return 0;
  let all = 0;
  const missing: { weight: number; at: readonly number[]; best: number }[] = [];
  for (const t of s.qTerms) {
    all += t.weight;
    if (t.entity || s.terms.has(t.term)) continue;
    const at = soft.terms.get(t.term);
    if (at) missing.push({ weight: t.weight, at, best: 0 });
  }
  if (missing.length === 0 || all <= 0) return 0;
  const words = sentenceRowsOf(soft.vectors, s.index, s.ev.sentence);
  for (let i = 0; i < words.rows.length; i++) {
    if (isQuestionTerm(words.terms[i] as readonly string[], soft.questionTerms)) continue;
    const row = words.rows[i] as number;
    const at = soft.slot(row);
    for (const m of missing)
      for (const k of m.at) {
        const c = soft.cosineAt(at, row, k);
        if (c > m.best) m.best = c;
      }
  }
  let have = 0;
  for (const m of missing) have += m.weight * m.best;
  return have / all;
}

function isQuestionTerm(terms: readonly string[], questionTerms: ReadonlySet<string>): boolean {
  for (const x of terms) if (questionTerms.has(x)) return true;
  return false;
}

/** IDF-weighted share of the question's terms the sentence lacks but says with a related word. */
function relatedCoverage(s: SentenceInput, kind: "syn" | "hyper"): number {
  let have = 0;
  let all = 0;
  for (const t of s.qTerms) {
    all += t.weight;
    if (s.terms.has(t.term)) continue;
    const r = s.related.get(t.term)?.[kind];
    if (r)
      for (const x of r)
        if (s.terms.has(x)) {
          have += t.weight;
          break;
        }
  }
  return all > 0 ? have / all : 0;
}

const ANAPHORA =
  /^\W*(?:it|its|they|their|them|he|his|she|her|this|these|that|those|there|such|es|sie|er|ihr|ihre|sein|seine|dies\w*|dort)\b/i;

// Regular expressions with Unicode classes are built once: the bundler turns a literal into a
// constructor call at each use.
const DIGIT = /\p{N}/u;

type Feature<I> = [name: string, f: (input: I) => number];

/** IDF-weighted share of the question's terms (those `counted`) the sentence holds exactly; `none` when there are none. */
function heldShare(s: SentenceInput, counted: (entity: boolean) => boolean, none: number): number {
  let have = 0;
  let all = 0;
  for (const t of s.qTerms) {
    if (!counted(t.entity)) continue;
    all += t.weight;
    if (s.terms.has(t.term)) have += t.weight;
  }
  return all > 0 ? have / all : none;
}

/** IDF-weighted share of the question's terms the sentence holds exactly. */
const exactCoverage = (s: SentenceInput) => heldShare(s, () => true, 0);

/** The same for the question's words that are not names or figures (1 when there are none). */
const wordCoverage = (s: SentenceInput) => heldShare(s, (entity) => !entity, 1);

/** The heaviest question term the sentence lacks, over the heaviest question term. */
function missingHeaviest(s: SentenceInput): number {
  let max = 0;
  let missing = 0;
  for (const t of s.qTerms) {
    max = Math.max(max, t.weight);
    if (!s.terms.has(t.term)) missing = Math.max(missing, t.weight);
  }
  return max > 0 ? missing / max : 0;
}

/** Share of the question's names and figures missing from the sentence. */
function entitiesMissing(s: SentenceInput): number {
  const names = s.qTerms.filter((t) => t.entity);
  if (names.length === 0) return 0;
  return names.filter((t) => !s.terms.has(t.term)).length / names.length;
}

/** Share of the question's adjacent term pairs found near each other (within 3 words) in the sentence. */
function pairOverlap(s: SentenceInput): number {
  if (s.qPairs.length === 0) return 0;
  const at = termPositionsOf(s);
  let hits = 0;
  for (const [a, b] of s.qPairs) {
    const pa = at.get(a);
    const pb = at.get(b);
    if (pa && pb && pa.some((x) => pb.some((y) => Math.abs(x - y) <= 3))) hits++;
  }
  return hits / s.qPairs.length;
}

const termPositions = new OwnerCache<CorpusIndex, number, Map<string, number[]>>(20_000);

/** Per term of a sentence, the positions of the words it came from, once per sentence. */
function termPositionsOf(s: SentenceInput): Map<string, number[]> {
  return termPositions.get(s.index, s.ev.sentence.id, () => {
    const at = new Map<string, number[]>();
    for (const p of s.positioned) {
      const list = at.get(p.term) ?? [];
      list.push(p.token);
      at.set(p.term, list);
    }
    return at;
  });
}

/** Matched question words over the width of the window that holds them (1 = side by side). */
function density(s: SentenceInput): number {
  const own = new Set(s.qTerms.map((t) => t.term));
  const tokens = s.positioned.filter((p) => own.has(p.term)).map((p) => p.token);
  if (tokens.length < 2) return tokens.length ? 0.5 : 0;
  const width = Math.max(...tokens) - Math.min(...tokens) + 1;
  return new Set(tokens).size / width;
}

/** Share of the question's terms in the article's title. */
function titleOverlap(s: SentenceInput): number {
  if (s.qTerms.length === 0) return 0;
  return s.qTerms.filter((t) => s.titleTerms.has(t.term)).length / s.qTerms.length;
}

/** Share of the intent's expansion words the sentence has (0 without an intent). */
function expansionHits(s: SentenceInput): number {
  if (s.expansions.size === 0) return 0;
  let n = 0;
  for (const t of s.expansions) if (s.terms.has(t)) n++;
  return Math.min(1, n / 2);
}

/** The sentence features, in the order of the weights file. */
export const SENTENCE_FEATURES: Feature<SentenceInput>[] = [
  ["retrieval", (s) => s.retrieval],
  ["rankLog", (s) => Math.log1p(s.rank)],
  ["coverage", (s) => s.ev.coverage],
  ["exactCoverage", exactCoverage],
  ["wordCoverage", wordCoverage],
  ["missingHeaviest", missingHeaviest],
  ["entitiesMissing", entitiesMissing],
  ["constraintsMet", (s) => (s.ev.constraintsMet ? 1 : 0)],
  ["pairOverlap", pairOverlap],
  ["density", density],
  ["titleOverlap", titleOverlap],
  ["expansionHits", expansionHits],
  ["lengthLog", (s) => Math.log1p(s.terms.size)],
  [
    "firstOfArticle",
    (s) => (s.index.corpus.articles[s.ev.sentence.article]?.sentences[0] === s.ev.sentence.id ? 1 : 0),
  ],
  ["anaphoric", (s) => (ANAPHORA.test(s.ev.sentence.text) ? 1 : 0)],
  ["crossLingual", (s) => (s.ev.sentence.language !== s.q.language ? 1 : 0)],
  ["germanSentence", (s) => (s.ev.sentence.language === "de" ? 1 : 0)],
  ["synonymCoverage", (s) => relatedCoverage(s, "syn")],
  ["hypernymCoverage", (s) => relatedCoverage(s, "hyper")],
  ["softCoverage", softCoverage],
];

/** What the span features read. */
export interface SpanInput {
  q: QuestionAnalysis;
  type: AnswerType;
  span: Span;
  sentence: Sentence;
  tokens: Token[];
  /** What is known of each word of the sentence (verb forms, capitals, parts of speech), and its spans. */
  words: Pick<SentenceSpans, "verb" | "capital" | "tag" | "spans">;
  /** The fitted probability that its sentence holds the answer. */
  pSentence: number;
  /** Word positions of the question's terms in the sentence. */
  matched: number[];
  /** The span's terms, and which of them the question has. */
  spanTerms: string[];
  questionTerms: Set<string>;
  /** How many of the other candidate sentences hold the same text. */
  agreement: number;
  /** The answer type of the question's intent, when it was routed to one. */
  intentType: AnswerType | undefined;
}

/** Share of the `n` words before (side -1) or after (side 1) the span that are question words. */
function contextMatch(s: SpanInput, side: -1 | 1, n = 3): number {
  let hits = 0;
  for (const m of s.matched) {
    if (side < 0 ? m < s.span.first && m >= s.span.first - n : m >= s.span.last && m < s.span.last + n)
      hits++;
  }
  return Math.min(1, hits / n);
}

/** Share of the span's words marked in a per-word flag array of its sentence. */
function flaggedShare(s: SpanInput, flags: Uint8Array): number {
  const n = s.span.last - s.span.first;
  let k = 0;
  for (let i = s.span.first; i < s.span.last; i++) k += flags[i] ?? 0;
  return n > 0 ? k / n : 0;
}

/** Words between the span and the nearest matched question word (0 when adjacent). */
function gap(s: SpanInput): number {
  if (s.matched.length === 0) return 10;
  let best = Number.POSITIVE_INFINITY;
  for (const m of s.matched) {
    const d = m < s.span.first ? s.span.first - m - 1 : m >= s.span.last ? m - s.span.last : 0;
    best = Math.min(best, d);
  }
  return best;
}

function inQuestionShare(s: SpanInput): number {
  if (s.spanTerms.length === 0) return 1;
  return s.spanTerms.filter((t) => s.questionTerms.has(t)).length / s.spanTerms.length;
}

function startsWithStop(s: SpanInput): boolean {
  const first = s.tokens[s.span.first]?.word ?? "";
  return isStopword(first.toLowerCase(), s.sentence.language);
}

/** The span features, in the order of the weights file. */
export const SPAN_FEATURES: Feature<SpanInput>[] = [
  ["pSentence", (s) => s.pSentence],
  ["kindFit", (s) => kindFit(s.type, s.span.kind)],
  ["kindFitTyped", (s) => (DESCRIPTIVE_TYPES.has(s.type) ? 0 : kindFit(s.type, s.span.kind))],
  ["isPhrase", (s) => (s.span.kind === "phrase" ? 1 : 0)],
  ["isName", (s) => (["person", "place", "organisation", "name"].includes(s.span.kind) ? 1 : 0)],
  [
    "isValue",
    (s) => (["date", "money", "percent", "count", "number", "measure"].includes(s.span.kind) ? 1 : 0),
  ],
  ["inQuestion", inQuestionShare],
  ["allInQuestion", (s) => (inQuestionShare(s) >= 1 ? 1 : 0)],
  ["nearness", (s) => 1 / (1 + gap(s))],
  ["adjacent", (s) => (gap(s) === 0 ? 1 : 0)],
  ["afterMatch", (s) => (s.matched.some((m) => m < s.span.first) ? 1 : 0)],
  ["words", (s) => Math.log1p(s.span.last - s.span.first)],
  ["capitalised", (s) => s.words.capital[s.span.first] ?? 0],
  ["hasDigit", (s) => ((s.span.digit ?? DIGIT.test(s.span.text)) ? 1 : 0)],
  ["agreement", (s) => Math.log1p(s.agreement)],
  ["descriptiveQuestion", (s) => (DESCRIPTIVE_TYPES.has(s.type) ? 1 : 0)],
  ["wholeSentenceShare", (s) => (s.span.last - s.span.first) / Math.max(1, s.tokens.length)],
  ["leftContext", (s) => contextMatch(s, -1)],
  ["rightContext", (s) => contextMatch(s, 1)],
  ["verbShare", (s) => flaggedShare(s, s.words.verb)],
  ["capitalShare", (s) => flaggedShare(s, s.words.capital)],
  ["startsWithStopword", (s) => (startsWithStop(s) ? 1 : 0)],
  ["nounShare", (s) => taggedShare(s, WordTag.noun)],
  ["endsWithNoun", (s) => (s.words.tag[s.span.last - 1] === WordTag.noun ? 1 : 0)],
  ["startsWeak", (s) => (WEAK_START.has(s.words.tag[s.span.first] ?? 0) ? 1 : 0)],
  ["cutsPhrase", cutsPhrase],
  ["intentKindFit", (s) => (s.intentType ? kindFit(s.intentType, s.span.kind) : 0)],
];

/** Words an answer does not begin with: verbs, adverbs, prepositions, conjunctions, pronouns. */
const WEAK_START = new Set<number>([WordTag.verb, WordTag.adverb, WordTag.function]);

/** Share of the span's words with a tag. */
function taggedShare(s: SpanInput, tag: WordTag): number {
  const n = s.span.last - s.span.first;
  let k = 0;
  for (let i = s.span.first; i < s.span.last; i++) if (s.words.tag[i] === tag) k++;
  return n > 0 ? k / n : 0;
}

/**
 * The span cuts a noun phrase: a noun follows it, or a noun or adjective runs into its first
 * word ("The integer" of "The integer factorization problem"), with only spaces or a hyphen between.
 */
function cutsPhrase(s: SpanInput): number {
  const { first, last } = s.span;
  const tag = s.words.tag;
  const joined = (a: number, b: number) => joinedWords(s.sentence.text, s.tokens, a, b);
  const nounAfter = last < tag.length && tag[last] === WordTag.noun && joined(last - 1, last);
  const before = tag[first - 1];
  const intoFirst =
    first > 0 && (before === WordTag.noun || before === WordTag.adjective) && joined(first - 1, first);
  return nounAfter || intoFirst ? 1 : 0;
}

/** The question-level features that decide whether to answer at all. */
export interface DecisionInput {
  q: QuestionAnalysis;
  /** Fitted sentence probabilities, best first. */
  pSentences: number[];
  best: SentenceInput | undefined;
  /** The best span's fitted probability (0 when there is none). */
  pSpan: number;
  /** The best sentence has a span of a kind that fits the expected answer type. */
  fitting: boolean;
  hasIntent: boolean;
  /** The expected answer type is a name, a date or a figure. */
  factoid: boolean;
}

const articleTerms = new OwnerCache<CorpusIndex, number, Set<string>>(100_000);

/** Every term of an article, computed once per article. */
function termsOfArticle(index: CorpusIndex, article: number): Set<string> {
  return articleTerms.get(index, article, () => {
    const out = new Set<string>();
    for (const id of index.corpus.articles[article]?.sentences ?? [])
      for (const t of index.sentenceTerms.termsOf(id)) out.add(t);
    return out;
  });
}

/** IDF-weighted share of the question's terms its best sentence's article never uses. */
function missingFromArticle(d: DecisionInput): number {
  const b = d.best;
  if (!b) return 1;
  const terms = termsOfArticle(b.index, b.ev.sentence.article);
  let all = 0;
  let missing = 0;
  for (const t of b.qTerms) {
    all += t.weight;
    if (!terms.has(t.term)) missing += t.weight;
  }
  return all > 0 ? missing / all : 0;
}

/** Question terms in neither the best sentence nor the one before it. */
function missingNearby(d: DecisionInput): number {
  const b = d.best;
  if (!b) return 0;
  const prevId = b.ev.sentence.id - 1;
  const prev =
    b.index.corpus.sentences[prevId]?.article === b.ev.sentence.article
      ? termSetOf(b.index, prevId)
      : new Set<string>();
  return b.qTerms.filter((t) => !b.terms.has(t.term) && !prev.has(t.term)).length;
}

const NEGATION =
  /\b(?:not|never|no|none|nor|without|nicht|nie|niemals|kein|keine|keinen|keiner|ohne)\b|n['’]t\b/i;

/** The sentence says the opposite of a question word it lacks: it holds one of the word's WordNet antonyms. */
export function antonymSwap(s: SentenceInput): number {
  for (const t of s.qTerms) {
    if (s.terms.has(t.term)) continue;
    const ant = s.related.get(t.term)?.ant;
    if (ant) for (const x of ant) if (s.terms.has(x)) return 1;
  }
  return 0;
}

/**
 * The question is negated and its best sentence is not ("What is not recognised as ...?"
 * against "X is recognised as ..."): the sentence says what is, not what is not. Kept apart
 * from the other way round, which is common in sentences that do answer: in the dev sets, of
 * the questions negated against a plain best sentence nearly all had no answer there, of the
 * plain questions against a negated sentence about as many as of the others.
 */
export function negatedQuestion(d: DecisionInput): number {
  if (!d.best) return 0;
  return NEGATION.test(d.q.text) && !NEGATION.test(d.best.ev.sentence.text) ? 1 : 0;
}

/** The best sentence is negated and the question is not. */
export function negatedSentence(d: DecisionInput): number {
  if (!d.best) return 0;
  return !NEGATION.test(d.q.text) && NEGATION.test(d.best.ev.sentence.text) ? 1 : 0;
}

/** Figures written with digits ("2019", "3.5", "1,200"), without a closing full stop or comma. */
const FIGURE = /\p{N}(?:[\p{N}.,]*\p{N})?/gu;

/** The digit shape of a figure: every digit a 9 ("2019" -> "9999", "3.5" -> "9.9"). */
const digitShape = (figure: string) => figure.replace(/\p{N}/gu, "9");

/**
 * The question names a figure the sentence lacks while the sentence has another figure of the
 * same shape: "what happened in 2019?" against a sentence about 2021 (a different year, amount or
 * count, not the one asked about).
 */
export function figureConflict(question: string, sentence: string): number {
  const asked = question.match(FIGURE);
  if (!asked) return 0;
  const held = new Set(sentence.match(FIGURE) ?? []);
  if (held.size === 0) return 0;
  const shapes = new Set([...held].map(digitShape));
  return asked.some((f) => !held.has(f) && shapes.has(digitShape(f))) ? 1 : 0;
}

export const DECISION_FEATURES: Feature<DecisionInput>[] = [
  ["pBest", (d) => d.pSentences[0] ?? 0],
  ["pSecond", (d) => d.pSentences[1] ?? 0],
  ["margin", (d) => (d.pSentences[0] ?? 0) - (d.pSentences[1] ?? 0)],
  ["pSpan", (d) => d.pSpan],
  ["coverage", (d) => d.best?.ev.coverage ?? 0],
  ["exactCoverage", (d) => (d.best ? exactCoverage(d.best) : 0)],
  ["synonymCoverage", (d) => (d.best ? relatedCoverage(d.best, "syn") : 0)],
  ["wordCoverage", (d) => (d.best ? wordCoverage(d.best) : 0)],
  ["missingHeaviest", (d) => (d.best ? missingHeaviest(d.best) : 1)],
  ["entitiesMissing", (d) => (d.best ? entitiesMissing(d.best) : 1)],
  ["constraintsMet", (d) => (d.best?.ev.constraintsMet ? 1 : 0)],
  ["questionTermsLog", (d) => Math.log1p(d.best?.qTerms.length ?? 0)],
  ["unknownTerms", (d) => unknownShare(d)],
  ["germanQuestion", (d) => (d.q.language === "de" ? 1 : 0)],
  ["hasIntent", (d) => (d.hasIntent ? 1 : 0)],
  ["missingFromArticle", missingFromArticle],
  ["missingNearbyLog", (d) => Math.log1p(missingNearby(d))],
  ["negatedQuestion", negatedQuestion],
  ["negatedSentence", negatedSentence],
  ["antonymSwap", (d) => (d.best ? antonymSwap(d.best) : 0)],
  [
    "entityUnknown",
    (d) => (d.best?.qTerms.some((t) => t.entity && !d.best?.index.stats.sentenceDf.has(t.term)) ? 1 : 0),
  ],
  ["factoidWithoutFit", (d) => (d.factoid && !d.fitting ? 1 : 0)],
  ["figureConflict", (d) => (d.best ? figureConflict(d.q.text, d.best.ev.sentence.text) : 0)],
  ["pAnswerSpan", (d) => d.pSpan * (d.pSentences[0] ?? 0)],
  ["softCoverage", (d) => (d.best ? softCoverage(d.best) : 0)],
];

/** Share of the question's terms the corpus never uses. */
function unknownShare(d: DecisionInput): number {
  const terms = d.best?.qTerms ?? [];
  if (terms.length === 0) return 1;
  const df = d.best?.index.stats.sentenceDf;
  return terms.filter((t) => !df?.has(t.term)).length / terms.length;
}

/** The names of a feature list. */
export function featureNames<I>(features: Feature<I>[]): string[] {
  return features.map(([name]) => name);
}

/** The values of a feature list for one input. */
export function featureValues<I>(features: Feature<I>[], input: I): number[] {
  return features.map(([, f]) => f(input));
}

/** The question's distinct terms with IDF weights (a term the corpus lacks weighs like a rare one). */
export function weightedTerms(
  index: CorpusIndex,
  q: QuestionAnalysis,
): { term: string; weight: number; entity: boolean }[] {
  const seen = new Map<string, { term: string; weight: number; entity: boolean }>();
  const maxIdf = idf(index.stats, "\u0000never");
  for (const t of q.terms) {
    if (seen.has(t.term)) continue;
    const w = index.stats.sentenceDf.has(t.term) ? idf(index.stats, t.term) : 0.5 * maxIdf;
    seen.set(t.term, { term: t.term, weight: w, entity: t.entity });
  }
  return [...seen.values()];
}

export { termSetOf };
