import { findNames, type NameContext, namesForArticle } from "../answer/names.js";
import {
  findCounts,
  findDates,
  findMeasures,
  findMoney,
  findMultipliers,
  findPercents,
  type ValueSpan,
} from "../answer/values.js";
import type { Sentence } from "../corpus/types.js";
import type { AnswerType } from "../intents/types.js";
import type { CorpusIndex } from "../retrieval/index.js";
import { wordClass } from "../text/gazetteer.js";
import { isStopword } from "../text/stopwords.js";
import { tagWords, WordTag } from "../text/tagger.js";
import { type Token, tokenize } from "../text/terms.js";
import { OwnerCache } from "../util/owner-cache.js";

/** What kind of thing a candidate answer span is. */
export const SPAN_KINDS = [
  "person",
  "place",
  "organisation",
  "name",
  "date",
  "money",
  "percent",
  "count",
  "number",
  "measure",
  "phrase",
] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

/** A candidate answer inside a sentence; offsets are relative to the sentence text. */
export interface Span {
  text: string;
  start: number;
  end: number;
  kind: SpanKind;
  /** Index of its first word and one past its last word in `tokenize(sentence.text)`. */
  first: number;
  last: number;
  /** Its terms (the analyzer's), filled in by `spansOf`. */
  terms?: string[];
  /** Its text in lower case with white space folded, filled in by `spansOf`. */
  key?: string;
  /** It holds a digit, filled in by `spansOf`. */
  digit?: boolean;
}

/** A sentence's words with what the span features read of each, computed once per sentence. */
export interface SentenceSpans {
  tokens: Token[];
  spans: Span[];
  /** Per word: 1 for a verb form (compromise's lexicon for English; a lower-case verb ending inside German). */
  verb: Uint8Array;
  /** Per word: 1 when it begins with a capital. */
  capital: Uint8Array;
  /** Per word: its part of speech (text/tagger.ts). */
  tag: Uint8Array;
}

/** The longest phrase taken as one candidate, in words. */
const MAX_PHRASE_WORDS = 6;

const spanCache = new OwnerCache<CorpusIndex, number, SentenceSpans>(50_000);

const GERMAN_VERB = /^\p{Ll}{3,}(?:en|t|te|ten|et)$/u;
const CAPITAL = /^\p{Lu}/u;
const DIGIT = /\p{N}/u;

/** Where each word of a text starts: the word at a character offset (binary search). */
function wordAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function withWords(tokens: Token[], v: ValueSpan, kind: SpanKind): Span {
  const first = wordAt(tokens, v.start);
  let last = first;
  while (last < tokens.length && (tokens[last] as Token).start < v.end) last++;
  return { text: v.text, start: v.start, end: v.end, kind, first, last: Math.max(last, first + 1) };
}

/** Words `a` and `b` of a text stand with nothing but spaces or hyphens between them (one phrase can hold both). */
export function joinedWords(text: string, tokens: readonly Token[], a: number, b: number): boolean {
  const x = tokens[a];
  const y = tokens[b];
  return x !== undefined && y !== undefined && /^[\s-]*$/.test(text.slice(x.end, y.start));
}

/** Stop words a phrase may begin with or hold inside ("the 10th century", "Electorate of Brandenburg"). */
const MAX_LEADING_STOPWORDS = 2;
const MAX_INNER_STOPWORDS = 2;

/**
 * The word windows of a sentence that can be an answer, in any language: at most
 * MAX_PHRASE_WORDS words with nothing but spaces or hyphens between them, ending on a content
 * word, beginning with a content word or a few stop words ("nach ihrer neuen
 * Satzung"), with few stop words inside.
 */
export function phraseSpans(text: string, tokens: Token[], language: "en" | "de"): Span[] {
  const out: Span[] = [];
  const stop = tokens.map((t) => isStopword(t.word.toLowerCase(), language));
  let segment = 0;
  for (let e = 1; e <= tokens.length; e++) {
    const joined = e < tokens.length && joinedWords(text, tokens, e - 1, e);
    if (joined) continue;
    // tokens[segment .. e) are one segment
    for (let i = segment; i < e; i++) {
      let leading = 0;
      while (i + leading < e && stop[i + leading]) leading++;
      if (leading > MAX_LEADING_STOPWORDS || i + leading >= e) continue;
      let inner = 0;
      for (let j = i + leading + 1; j <= Math.min(e, i + MAX_PHRASE_WORDS); j++) {
        if (stop[j - 1]) {
          if (j - 1 > i + leading) inner++;
          if (inner > MAX_INNER_STOPWORDS) break;
          continue;
        }
        const a = tokens[i] as Token;
        const b = tokens[j - 1] as Token;
        out.push({
          text: text.slice(a.start, b.end),
          start: a.start,
          end: b.end,
          kind: "phrase",
          first: i,
          last: j,
        });
      }
    }
    segment = e;
  }
  return out;
}

/** What joins the two ends of a range of values: a dash, "to", "bis". */
const RANGE_JOIN = /^\s*(?:[-\u2013\u2014]|to|bis)\s*$/u;

/** The kinds of value a range or a counted thing can be made of. */
const FIGURE_KINDS: ReadonlySet<SpanKind> = new Set([
  "count",
  "number",
  "money",
  "percent",
  "measure",
  "date",
]);

/** The most nouns taken after a count as what it counts ("3 stone towers"). */
const COUNTED_NOUNS = 2;

/**
 * The values that span more than one found value or a value and its words: a range of two
 * values ("12-15%", "two to three days", "1710 to 1744", of the kind of its end) and a count with
 * the lower-case nouns after it ("6 boats", "9 million tonnes"), for `wholeOf`. As candidates
 * of their own, beside their parts, they cost squad 49 questions in cross-validation (more
 * answers given to questions without one): they complete the span chosen instead.
 */
export function compoundValues(
  text: string,
  tokens: readonly Token[],
  tag: Uint8Array,
  values: readonly Span[],
): Span[] {
  const out: Span[] = [];
  const figures = values.filter((v) => FIGURE_KINDS.has(v.kind));
  const span = (a: Span, last: number, kind: SpanKind, end = (tokens[last - 1] as Token).end): Span => ({
    text: text.slice(a.start, end),
    start: a.start,
    end,
    kind,
    first: a.first,
    last,
  });
  for (const a of figures)
    for (const b of figures)
      if (b.start > a.end && RANGE_JOIN.test(text.slice(a.end, b.start)))
        out.push(span(a, b.last, b.kind, b.end));
  for (const v of [...figures, ...out]) {
    if (v.kind !== "count" && v.kind !== "number") continue;
    let last = v.last;
    while (
      last < tokens.length &&
      last - v.last < COUNTED_NOUNS &&
      tag[last] === WordTag.noun &&
      !CAPITAL.test((tokens[last] as Token).word) &&
      !DIGIT.test((tokens[last] as Token).word) &&
      joinedWords(text, tokens, last - 1, last)
    )
      last++;
    if (last > v.last) out.push(span(v, last, v.kind));
  }
  return out;
}

const NAME_KINDS: ReadonlySet<SpanKind> = new Set(["person", "place", "organisation", "name"]);

/**
 * A name with the capitalised words after it, as one name of its kind ("Ida Marlowe Roche" beside
 * "Ida Marlowe"): the name finder splits runs it does not know. Not the words before it: those are
 * mostly titles ("CEO Ida Roche"), which cost two behaviour checks and gained 3 questions in
 * cross-validation (the commit message of the change).
 */
export function nameRuns(text: string, tokens: readonly Token[], spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  const capital = (i: number) => CAPITAL.test((tokens[i] as Token).word);
  for (const n of spans) {
    if (!NAME_KINDS.has(n.kind)) continue;
    let last = n.last;
    while (last < tokens.length && capital(last) && joinedWords(text, tokens, last - 1, last)) last++;
    if (last === n.last) continue;
    const end = Math.max(n.end, (tokens[last - 1] as Token).end);
    out.push({ text: text.slice(n.start, end), start: n.start, end, kind: n.kind, first: n.first, last });
  }
  return out;
}

/**
 * The whole of the value or name a span is part of, for the answer shown: the longest value,
 * name, range, counted value or run of capitalised words that holds it ("6 boats" for "6";
 * compoundValues, nameRuns), at most MAX_PHRASE_WORDS words, else the span. The models choose
 * among the sentence's spans; this only completes the one chosen.
 */
export function wholeOf(
  text: string,
  words: Pick<SentenceSpans, "tokens" | "spans" | "tag">,
  span: Span,
): string {
  let best = span;
  for (const c of [
    ...words.spans.filter((s) => s.kind !== "phrase"),
    ...compoundValues(text, words.tokens, words.tag, words.spans),
    ...nameRuns(text, words.tokens, words.spans),
  ])
    if (
      c.start <= span.start &&
      c.end >= span.end &&
      c.last - c.first <= MAX_PHRASE_WORDS &&
      c.end - c.start > best.end - best.start
    )
      best = c;
  return best.text;
}

/**
 * Every candidate answer of a sentence: typed values (dates, money, percentages, counts,
 * multipliers, measures), names with their kind, and content-word phrases. Computed once per
 * sentence.
 */
export function spansOf(index: CorpusIndex, names: NameContext, sentence: Sentence): SentenceSpans {
  return spanCache.get(index, sentence.id, () => {
    const text = sentence.text;
    const tokens = tokenize(text);
    const spans: Span[] = [];
    const add = (values: ValueSpan[], kind: SpanKind) => {
      for (const v of values) spans.push(withWords(tokens, v, kind));
    };
    add(findDates(text), "date");
    add(findMoney(text), "money");
    add(findPercents(text), "percent");
    add(findCounts(text), "count");
    add(findMultipliers(text), "number");
    add(findMeasures(text), "measure");
    const ctx = namesForArticle(names, index.corpus, sentence.article);
    for (const n of findNames(sentence, ctx)) {
      const kind: SpanKind = n.kind === "other" ? "name" : n.kind;
      spans.push(withWords(tokens, n, kind));
    }
    const typed = new Set(spans.map((s) => `${s.start}:${s.end}`));
    for (const p of phraseSpans(text, tokens, sentence.language))
      if (!typed.has(`${p.start}:${p.end}`)) spans.push(p);
    for (const span of spans) {
      // a phrase is whole words of the sentence: its terms are those of its tokens (no new tokenizing)
      span.terms =
        span.kind === "phrase"
          ? index.analyzer
              .termsOfTokens(tokens.slice(span.first, span.last), sentence.language)
              .map((t) => t.term)
          : index.analyzer.terms(span.text, sentence.language);
      span.key = span.text.toLowerCase().replace(/\s+/g, " ").trim();
      span.digit = DIGIT.test(span.text);
    }
    const german = sentence.language === "de";
    const verb = Uint8Array.from(tokens, (t) =>
      (german ? GERMAN_VERB.test(t.word) : wordClass(t.word.toLowerCase()).verb) ? 1 : 0,
    );
    const capital = Uint8Array.from(tokens, (t) => (CAPITAL.test(t.word) ? 1 : 0));
    const tag = tagWords(text, tokens, sentence.language);
    return { tokens, spans, verb, capital, tag };
  });
}

/** The span kinds that answer each answer type, best first. */
const ANSWERS: Record<AnswerType, SpanKind[]> = {
  person: ["person", "name", "organisation"],
  place: ["place", "name"],
  organisation: ["organisation", "name", "person"],
  date: ["date"],
  money: ["money", "number", "count"],
  number: ["number", "count", "percent", "money", "measure"],
  percent: ["percent"],
  count: ["count", "number"],
  measure: ["measure", "count", "number"],
  reason: ["phrase"],
  quote: ["phrase"],
  role: ["phrase", "organisation"],
  description: ["phrase", "name", "organisation", "place", "person"],
};

/** How well a span's kind fits the expected answer type: 1 its first kind, 0.5 another that fits, 0 none. */
export function kindFit(type: AnswerType, kind: SpanKind): number {
  const kinds = ANSWERS[type];
  const at = kinds.indexOf(kind);
  return at === 0 ? 1 : at > 0 ? 0.5 : 0;
}
