import { gatherEvidence, positionedTerms } from "../answer/evidence.js";
import type { NameContext } from "../answer/names.js";
import type { Answer, Citation } from "../answer/types.js";
import type { IntentModel } from "../intents/match.js";
import { type AnswerType, FACTOID_TYPES, type IntentMatch } from "../intents/types.js";
import { type BilingualDictionary, splitCompound } from "../knowledge/de-en-dictionary.js";
import type { WordVectors } from "../knowledge/embeddings.js";
import type { WordNet } from "../knowledge/wordnet.js";
import { aliasKey } from "../lexicon/load.js";
import { placeWithin } from "../lexicon/place-map.js";
import type { Place } from "../lexicon/types.js";
import type { QuestionAnalysis } from "../question/analyze.js";
import { type CorpusIndex, termSetOf } from "../retrieval/index.js";
import type { Analyzer } from "../text/terms.js";
import { OwnerCache } from "../util/owner-cache.js";
import { citeSentence, localise } from "./cite.js";
import {
  DECISION_FEATURES,
  type DecisionInput,
  featureValues,
  SENTENCE_FEATURES,
  type SentenceInput,
  SPAN_FEATURES,
  type SpanInput,
  softWordsOf,
  weightedTerms,
} from "./features.js";
import { type LogisticModel, predict } from "./logistic.js";
import { kindFit, type Span, spansOf, wholeOf } from "./spans.js";

/** What the ranking pipeline needs of the core's dependencies. */
export interface RankingDeps {
  index: CorpusIndex;
  intents: IntentModel;
  names: NameContext;
  wordnet: WordNet;
  /** English word vectors, for question words the articles say with a close word (none: softCoverage is 0). */
  vectors?: WordVectors | undefined;
  /** A German <-> English dictionary, for question words the articles say in the other language. */
  dictionary?: BilingualDictionary | undefined;
}

/** The fitted models and thresholds (model/weights.json). */
export interface Models {
  sentence: LogisticModel;
  span: LogisticModel;
  decision: LogisticModel;
  /** The probability that a short span answer is right, from the decision's and the span's (CONFIDENCE_FEATURES). */
  confidence: LogisticModel;
  thresholds: {
    /** Answer when the decision model's probability is at least this. */
    answer: number;
    /** Give the short span (not the sentence) when its `spanWorth` is at least this: for factoid questions. */
    span: number;
    /** The same for the other questions (what, why, how, ...). */
    spanOther: number;
    /** A list keeps the items whose probability of being an answer (the span's times its sentence's) is at least this. */
    list: number;
  };
}

/** The features of the span answers' confidence model. */
export const CONFIDENCE_FEATURES = ["pAnswer", "pSpan", "logitAnswer", "logitSpan"];

/**
 * Its inputs: the two probabilities and their log-odds. (How many articles repeat the span was
 * tried and weighed against it: the spans most articles repeat are the corpus's common names.)
 */
export function spanConfidenceInput(pAnswer: number, pSpan: number): number[] {
  const logit = (p: number) => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));
  return [pAnswer, pSpan, logit(pAnswer), logit(pSpan)];
}

/**
 * Candidate sentences kept per question. 20 against 40, cross-validated (commit message of the
 * change): right answers within the folds' noise on every set (+2, +5, 0, -5, +1), a question
 * 15% quicker.
 */
export const CANDIDATES = 20;
/**
 * Sentences retrieved per question, of which the CANDIDATES best judged (coverage, names) are
 * kept: twice as many against as many, cross-validated: -1, +22 (p=0.025), -3, -1, +1 right and
 * 7 more off-topic questions abstained on; retrieval recall among the candidates up on four sets.
 */
export const RETRIEVED = 2 * CANDIDATES;
/** Sentences whose spans are considered. */
export const SPAN_SENTENCES = 5;
/** Citations shown for one answer. */
const MAX_CITATIONS = 3;
const MAX_LIST_ITEMS = 12;

/** One question read and its candidate sentences with their features (no model applied yet). */
export interface Analysis {
  q: QuestionAnalysis;
  intent: IntentMatch;
  type: AnswerType;
  sentences: SentenceInput[];
  /** Feature vectors of `sentences`. */
  xs: number[][];
}

/** Reads the candidate sentences of a question and computes their features. */
export function analyse(q: QuestionAnalysis, intent: IntentMatch, deps: RankingDeps): Analysis {
  const at = intent.intent ? deps.intents.intents.indexOf(intent.intent) : -1;
  const expansions = new Set(deps.intents.expansions[at] ?? []);
  // The type the question's wording asks for; an intent's type is only a span feature
  // (intentKindFit): as the type itself it made answers worse on every dev set, cross-validated
  // (its short spans of the intent's kind replaced sentences that answered).
  const type: AnswerType = q.answerType ?? "description";
  const related = relatedTerms(q, deps);
  // WordNet's words for the question's words also find sentences, weighing as an intent's do
  const searchExpansions = new Set([...expansions, ...[...related.values()].flatMap((r) => [...r.syn])]);
  const evidence = gatherEvidence(
    deps.index,
    q,
    searchExpansions,
    deps.intents.synonyms[at] ?? [],
    CANDIDATES,
    RETRIEVED,
  );
  const qTerms = weightedTerms(deps.index, q);
  const soft = softWordsOf(q, deps.vectors, deps.index.analyzer.lexicon);
  const qPairs: [string, string][] = [];
  for (let i = 1; i < q.terms.length; i++) {
    const a = q.terms[i - 1];
    const b = q.terms[i];
    if (a && b && b.token === a.token + 1) qPairs.push([a.term, b.term]);
  }
  // retrieval order: the retrieval score given by gatherEvidence
  const byRetrieval = [...evidence].sort((x, y) => (y.retrieval ?? 0) - (x.retrieval ?? 0));
  const sentences: SentenceInput[] = byRetrieval.map((ev, rank) => {
    return {
      index: deps.index,
      q,
      ev,
      rank,
      retrieval: ev.retrieval ?? 0,
      terms: termSetOf(deps.index, ev.sentence.id),
      qTerms,
      qPairs,
      positioned: positionedTerms(deps.index, ev.sentence),
      titleTerms: titleTermsOf(deps.index, ev.sentence.article),
      expansions,
      related,
      soft,
    };
  });
  return { q, intent, type, sentences, xs: sentences.map((s) => featureValues(SENTENCE_FEATURES, s)) };
}

const relatedCache = new OwnerCache<WordNet, string, RelatedTerms>(50_000);
/** The terms of a WordNet lemma or a translation, once per analyser: the same lemmas are near many words. */
const lemmaTerms = new OwnerCache<Analyzer, string, string[]>(100_000);

/**
 * Per question term (of an English word that is not a name): the terms of its WordNet synonyms
 * and derived forms, and of its hypernyms, that the articles use.
 */
/** A question term's WordNet neighbours, as index terms: synonyms and derived forms, hypernyms, antonyms. */
export interface RelatedTerms {
  syn: Set<string>;
  hyper: Set<string>;
  ant: Set<string>;
}

export function relatedTerms(q: QuestionAnalysis, deps: RankingDeps): Map<string, RelatedTerms> {
  const out = new Map<string, RelatedTerms>();
  const dictionary = deps.dictionary;
  if (q.language !== "en" && !dictionary) return out;
  for (const t of q.terms) {
    if (t.entity || out.has(t.term)) continue;
    const word = t.word.toLowerCase();
    // the term is part of the key: what is found leaves the word's own term out, and one word
    // may read as different terms in different questions ("United" of "United States" or not)
    const key = `${dictionary ? "d" : "-"}:${q.language}:${word}:${t.term}`;
    const found = relatedCache.get(deps.wordnet, key, () => {
      const syn = new Set<string>();
      const hyper = new Set<string>();
      const ant = new Set<string>();
      const { analyzer } = deps.index;
      const termOf = (lemma: string, language: "en" | "de"): string | undefined => {
        const terms = lemmaTerms.get(analyzer, `${language}:${lemma}`, () => analyzer.terms(lemma, language));
        return terms.length === 1 && terms[0] !== t.term ? terms[0] : undefined;
      };
      const add = (set: Set<string>, term: string | undefined) => {
        if (term) set.add(term);
      };
      if (q.language === "de") {
        // a German word's English translations
        for (const en of dictionary?.deToEn.get(word) ?? []) add(syn, termOf(en, "en"));
        // and a compound's head ("Finanzierungsrunde": Runde; its first part as well measured worse)
        const parts = dictionary ? splitCompound(word, (w) => dictionary.deToEn.has(w)) : undefined;
        if (parts) add(syn, termOf(parts[1], "de"));
        return { syn, hyper, ant };
      }
      const base = deps.wordnet.base(word) ?? word;
      for (const r of deps.wordnet.related(base))
        add(r.relation === "hyper" ? hyper : syn, termOf(r.lemma, "en"));
      for (const lemma of deps.wordnet.antonyms(base)) add(ant, termOf(lemma, "en"));
      // and its German translations, for German articles
      for (const de of dictionary?.enToDe.get(base) ?? []) add(syn, termOf(de, "de"));
      return { syn, hyper, ant };
    });
    const df = deps.index.stats.sentenceDf;
    const used = (set: Set<string>) => new Set([...set].filter((x) => df.has(x)));
    out.set(t.term, { syn: used(found.syn), hyper: used(found.hyper), ant: used(found.ant) });
  }
  return out;
}

const titles = new OwnerCache<CorpusIndex, number, Set<string>>(100_000);

/** The terms of an article's title, worked out once per article. */
function titleTermsOf(index: CorpusIndex, article: number): Set<string> {
  return titles.get(index, article, () => {
    const a = index.corpus.articles[article];
    return new Set(index.analyzer.terms(a?.title ?? "", a?.language ?? "en"));
  });
}

/** One candidate span with its features. */
export interface SpanCandidate {
  input: SpanInput;
  x: number[];
  /** Index of its sentence in `Analysis.sentences`. */
  sentence: number;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

const normalised = new OwnerCache<CorpusIndex, number, string>(20_000);

/** A candidate sentence's text in lower case with its white space folded, once per sentence. */
function normalisedText(s: SentenceInput): string {
  return normalised.get(s.index, s.ev.sentence.id, () => norm(s.ev.sentence.text));
}

/** The spans of the best sentences (by `pSentences`) with their features. */
export function spanCandidates(
  a: Analysis,
  pSentences: number[],
  deps: RankingDeps,
  /** Only the spans of this many of the best sentences (their features are the same either way). */
  sentencesWithSpans = SPAN_SENTENCES,
): SpanCandidate[] {
  const order = pSentences
    .map((p, i) => ({ p, i }))
    .sort((x, y) => y.p - x.p)
    .slice(0, SPAN_SENTENCES);
  const questionTerms = new Set(a.sentences[0]?.qTerms.map((t) => t.term) ?? a.q.terms.map((t) => t.term));
  const texts = order.map(({ i }) => normalisedText(a.sentences[i] as SentenceInput));
  const out: SpanCandidate[] = [];
  for (const { p, i } of order.slice(0, sentencesWithSpans)) {
    const s = a.sentences[i] as SentenceInput;
    const sentence = s.ev.sentence;
    const words = spansOf(deps.index, deps.names, sentence);
    const { tokens, spans } = words;
    const matched = s.positioned.filter((t) => questionTerms.has(t.term)).map((t) => t.token);
    for (const span of spans) {
      const spanTerms = span.terms ?? deps.index.analyzer.terms(span.text, sentence.language);
      const key = span.key ?? norm(span.text);
      let agreement = 0;
      for (let k = 0; k < texts.length; k++)
        if (order[k]?.i !== i && (texts[k] as string).includes(key)) agreement++;
      const input: SpanInput = {
        q: a.q,
        type: a.type,
        span,
        sentence,
        tokens,
        words,
        pSentence: p,
        matched,
        spanTerms,
        questionTerms,
        agreement,
        intentType: a.intent.intent?.answerType,
      };
      out.push({ input, x: featureValues(SPAN_FEATURES, input), sentence: i });
    }
  }
  return out;
}

/** The span an answer gives: the likeliest of the best sentence's spans whose kind fits the expected type. */
export function answerSpan(
  a: Analysis,
  spans: Scored["spans"],
  best: number | undefined,
): Scored["spans"][number] | undefined {
  return spans.find((s) => s.candidate.sentence === best && kindFit(a.type, s.candidate.input.span.kind) > 0);
}

/** The decision features of a question, from its best sentence and best span. */
export function decisionInput(a: Analysis, pSentences: number[], spans: Scored["spans"]): DecisionInput {
  const order = pSentences.map((p, i) => ({ p, i })).sort((x, y) => y.p - x.p);
  const best = order[0]?.i;
  const top = answerSpan(a, spans, best);
  return {
    q: a.q,
    pSentences: order.map((o) => o.p),
    best: best !== undefined ? a.sentences[best] : undefined,
    pSpan: top?.p ?? 0,
    fitting: top !== undefined,
    hasIntent: a.intent.intent !== undefined,
    factoid: FACTOID_TYPES.has(a.type),
  };
}

/** Everything the models say about one question, kept for the answer's trace and the evaluation. */
export interface Scored {
  pSentences: number[];
  best: number | undefined;
  /** Spans with P(the answer | its sentence holds one), best first by that times the sentence's. */
  spans: { candidate: SpanCandidate; p: number }[];
  pDecision: number;
  /** The decision features it was computed from (DECISION_FEATURES), for the trace. */
  xDecision: number[];
}

/** Applies the fitted models to an analysis. */
export function score(a: Analysis, models: Models, deps: RankingDeps): Scored {
  const pSentences = a.xs.map((x) => predict(models.sentence, x));
  let best: number | undefined;
  pSentences.forEach((p, i) => {
    if (best === undefined || p > (pSentences[best] as number)) best = i;
  });
  // p: the span is the answer given its sentence holds one; ranked across sentences by both
  // Only a list reads the spans of other sentences than the best one.
  const spans = spanCandidates(a, pSentences, deps, a.q.list ? SPAN_SENTENCES : 1)
    .map((candidate) => ({ candidate, p: predict(models.span, candidate.x) }))
    .sort((x, y) => y.p * y.candidate.input.pSentence - x.p * x.candidate.input.pSentence);
  const d = decisionInput(a, pSentences, spans);
  const xDecision = featureValues(DECISION_FEATURES, d);
  return { pSentences, best, spans, pDecision: predict(models.decision, xDecision), xDecision };
}

const NOT_COVERED = { en: "The articles don't say.", de: "Dazu steht nichts in den Artikeln." };

/**
 * How much is kept by replying with a span instead of its sentence: one minus the chance that
 * the sentence holds the answer and the span misses it. An answer likely wrong either way loses
 * little by being short; a likely right sentence keeps its words unless the span is as likely.
 */
export function spanWorth(pAnswer: number, pSpan: number): number {
  return 1 - pAnswer * (1 - pSpan);
}

/** Builds the answer from the scores: a span, a list, the best sentence, or an abstention. */
export function compose(a: Analysis, scored: Scored, models: Models, deps: RankingDeps): Answer {
  const { q } = a;
  const t = models.thresholds;
  const bestSentence = scored.best !== undefined ? a.sentences[scored.best] : undefined;
  const base = { question: q.raw, intent: a.intent.id, language: q.language };
  if (!bestSentence || scored.pDecision < t.answer) {
    return {
      ...base,
      answered: false,
      answer: NOT_COVERED[q.language],
      confidence: round(1 - scored.pDecision),
      citations: bestSentence ? [citeSentence(bestSentence.ev.sentence, deps)] : [],
      kind: "abstain",
    };
  }
  if (q.list) {
    const list = composeList(a, scored, models, deps);
    if (list) return { ...base, ...list, confidence: round(scored.pDecision) };
  }
  const top = answerSpan(a, scored.spans, scored.best);
  if (top && spanWorth(scored.pDecision, top.p) >= (FACTOID_TYPES.has(a.type) ? t.span : t.spanOther)) {
    const input = top.candidate.input;
    const text = input.span.text;
    const key = norm(text);
    const localised = localise(text, q.language, deps);
    // the value or name whole ("9 million tonnes" for "9 million"), unless it is put in the asker's language
    const shown =
      localised === text && input.sentence.language === q.language
        ? wholeOf(
            input.sentence.text,
            { tokens: input.tokens, spans: input.words.spans, tag: input.words.tag },
            input.span,
          )
        : localised;
    // the other candidate sentences that hold the same answer agree with it
    const agreeing = scored.pSentences
      .map((p, i) => ({ p, i }))
      .filter(({ i }) => i !== scored.best && normalisedText(a.sentences[i] as SentenceInput).includes(key))
      .sort((x, y) => y.p - x.p);
    const citations = dedupe(
      [bestSentence, ...agreeing.map(({ i }) => a.sentences[i] as SentenceInput)],
      deps,
    );
    const agreement = new Set(citations.map((c) => c.source)).size;
    return {
      ...base,
      answered: true,
      answer: shown,
      confidence: round(predict(models.confidence, spanConfidenceInput(scored.pDecision, top.p))),
      citations,
      kind: "value",
      agreement,
    };
  }
  return {
    ...base,
    answered: true,
    answer: bestSentence.ev.sentence.text.trim(),
    confidence: round(scored.pDecision),
    citations: [citeSentence(bestSentence.ev.sentence, deps)],
    kind: "sentence",
    agreement: 1,
  };
}

/**
 * A list: the distinct fitting spans of the best sentences whose chance of being an answer, the
 * span's given its sentence times the sentence's, is above the list threshold. The span's alone
 * let in the best fitting words of unlikely sentences ("a press event" beside the names).
 */
function composeList(
  a: Analysis,
  scored: Scored,
  models: Models,
  deps: RankingDeps,
): Pick<Answer, "answered" | "answer" | "citations" | "kind" | "items" | "agreement"> | undefined {
  const chosen: { span: Span; sentence: SentenceInput }[] = [];
  for (const s of scored.spans) {
    if (s.p * s.candidate.input.pSentence < models.thresholds.list || chosen.length >= MAX_LIST_ITEMS)
      continue;
    const span = s.candidate.input.span;
    if (
      kindFit(a.type, span.kind) === 0 ||
      s.candidate.input.spanTerms.every((t) => s.candidate.input.questionTerms.has(t))
    )
      continue;
    const key = norm(localise(span.text, a.q.language, deps));
    if (
      chosen.some((c) => {
        const other = norm(localise(c.span.text, a.q.language, deps));
        return other.includes(key) || key.includes(other);
      })
    )
      continue;
    chosen.push({ span, sentence: a.sentences[s.candidate.sentence] as SentenceInput });
  }
  const kept = placesAtOneLevel(chosen, a.q, deps);
  if (kept.length < 2) return undefined;
  const items = kept.map((c) => ({
    text: localise(c.span.text, a.q.language, deps),
    citations: [citeSentence(c.sentence.ev.sentence, deps)],
  }));
  const citations = dedupe(
    kept.map((c) => c.sentence),
    deps,
  );
  return {
    answered: true,
    answer: items.map((i) => i.text).join(", "),
    citations,
    kind: "list",
    items,
    agreement: new Set(citations.map((c) => c.source)).size,
  };
}

/**
 * The items of a list of places, as the question asks for them: inside the country or continent
 * it names when some items are ("stores in Europe": Lisbon, Oslo, not Lima nor Europe itself;
 * "besides Peru" holds no item, so it is no area), and none that holds another item (Peru
 * beside Lima, South America beside Quito): the list stays at the finest
 * level it names. Items that are no known place are kept: the place table leaves out towns
 * named like people or words (Austin, Reading), so being unknown says little.
 */
export function placesAtOneLevel<T extends { span: Span }>(
  chosen: T[],
  q: QuestionAnalysis,
  deps: RankingDeps,
): T[] {
  const lexicon = deps.index.analyzer.lexicon;
  const placeOf = (text: string) => lexicon.placeByAlias.get(aliasKey(text));
  const places = chosen.map((c) => placeOf(c.span.text));
  // an area counts when it holds some item ("besides Peru" holds none of the cities)
  const areas = q.entities
    .map(placeOf)
    .filter((p): p is Place => p !== undefined && (p.type === "country" || p.type === "continent"))
    .filter((area) => places.some((p) => p && p !== area && placeWithin(p, area)));
  return chosen.filter((_, i) => {
    const place = places[i];
    if (!place) return true;
    if (areas.length && !areas.some((area) => area !== place && placeWithin(place, area))) return false;
    return !places.some((other, j) => j !== i && other && other !== place && placeWithin(other, place));
  });
}

function dedupe(sentences: SentenceInput[], deps: RankingDeps): Citation[] {
  const seen = new Set<number>();
  const out: Citation[] = [];
  for (const s of sentences) {
    if (seen.has(s.ev.sentence.id) || out.length >= MAX_CITATIONS) continue;
    seen.add(s.ev.sentence.id);
    out.push(citeSentence(s.ev.sentence, deps));
  }
  return out;
}

function round(x: number): number {
  return Number(Math.min(0.999, Math.max(0, x)).toFixed(3));
}
