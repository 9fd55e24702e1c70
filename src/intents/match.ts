import type { QuestionAnalysis } from "../question/analyze.js";
import { answerTypeOf } from "../question/analyze.js";
import { detectLanguage } from "../text/language.js";
import type { Analyzer } from "../text/terms.js";
import type { Intent, IntentMatch, SlotKind } from "./types.js";

/** Intents prepared for matching: each example as a bag of terms. */
export interface IntentModel {
  intents: Intent[];
  /** Each example's terms and the (weighted) norm of its term vector. */
  examples: { intent: number; terms: Map<string, number>; norm: number }[];
  expansions: Set<string>[];
  /** Per intent: its groups of synonyms, as terms. */
  synonyms: Set<string>[][];
  /** Per intent: every term of its examples. */
  vocabulary: Set<string>[];
  /** Term -> weight (rarer across intents weighs more). */
  weight: Map<string, number>;
  /** Every word of every example and expansion, lower case: typo correction treats them as known. */
  words: Set<string>;
}

/** Below this, a question goes to the general fallback instead of an intent. */
export const MIN_INTENT_CONFIDENCE = 0.3;

function bag(terms: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t, 1);
  return out;
}

/** Terms of an example or a question for intent matching: its words plus its answer type. */
function featureTerms(text: string, analyzer: Analyzer): string[] {
  const type = answerTypeOf(text.toLowerCase());
  return [...analyzer.terms(text, detectLanguage(text)), ...(type ? [`type:${type}`] : [])];
}

/** Prepares intents for `matchIntent`. */
export function buildIntentModel(intents: Intent[], analyzer: Analyzer): IntentModel {
  const examples: IntentModel["examples"] = [];
  const words = new Set<string>();
  intents.forEach((intent, i) => {
    for (const ex of [...intent.examples.en, ...intent.examples.de]) {
      examples.push({ intent: i, terms: bag(featureTerms(ex, analyzer)), norm: 0 });
      for (const w of ex.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
    }
    for (const w of [...intent.expansions, ...intent.synonyms.flat()]) words.add(w.toLowerCase());
  });
  const df = new Map<string, number>();
  for (const ex of examples) for (const t of ex.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const [t, n] of df) weight.set(t, Math.log(1 + examples.length / n));
  for (const ex of examples) ex.norm = normOf(ex.terms, weight);
  const expansions = intents.map(
    (intent) => new Set(intent.expansions.flatMap((w) => analyzer.terms(w, detectLanguage(w)))),
  );
  const synonyms = intents.map((intent) =>
    intent.synonyms.map((group) => new Set(group.flatMap((w) => analyzer.terms(w, detectLanguage(w))))),
  );
  const vocabulary = intents.map(() => new Set<string>());
  for (const ex of examples) for (const t of ex.terms.keys()) vocabulary[ex.intent]?.add(t);
  return { intents, examples, expansions, synonyms, vocabulary, weight, words };
}

/** A term's weight; a term no example has weighs like a rare one. */
const termWeight = (weight: Map<string, number>, t: string) => weight.get(t) ?? 1.5;

function normOf(terms: Map<string, number>, weight: Map<string, number>): number {
  let sum = 0;
  for (const t of terms.keys()) sum += termWeight(weight, t) ** 2;
  return Math.sqrt(sum);
}

/** Term -> the examples that have it (an inverted index of the examples, made on first use). */
const examplesWith = new WeakMap<IntentModel, Map<string, number[]>>();

function examplesByTerm(model: IntentModel): Map<string, number[]> {
  const known = examplesWith.get(model);
  if (known) return known;
  const index = new Map<string, number[]>();
  model.examples.forEach((ex, k) => {
    for (const t of ex.terms.keys()) {
      const list = index.get(t) ?? [];
      list.push(k);
      index.set(t, list);
    }
  });
  examplesWith.set(model, index);
  return index;
}

/**
 * Weighted cosine of a question's terms and each example's (binary bags): the dot product is the
 * sum of the squared weights of the terms they share, gathered through the examples that have
 * each of the question's terms.
 */
function cosines(q: Map<string, number>, qNorm: number, model: IntentModel): Float64Array {
  const dot = new Float64Array(model.examples.length);
  if (!qNorm) return dot;
  const index = examplesByTerm(model);
  for (const t of q.keys()) {
    const w = termWeight(model.weight, t) ** 2;
    for (const k of index.get(t) ?? []) dot[k] = (dot[k] as number) + w;
  }
  model.examples.forEach((ex, k) => {
    dot[k] = ex.norm ? (dot[k] as number) / (qNorm * ex.norm) : 0;
  });
  return dot;
}

/** Words that make a request polite and change nothing about it ("help please", "Hilfe bitte"). */
const POLITE = new Set(["please", "pls", "plz", "bitte", "mal"]);

/** A short text as compared with a meta intent's examples: lower case, no punctuation, no polite words. */
function plainWords(text: string): string {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => !POLITE.has(w)).join(" ");
}

const metaExamples = new WeakMap<IntentModel, Map<string, number>>();

/** Each meta intent's examples as plain words -> the intent's index (made on first use). */
function metaExamplesOf(model: IntentModel): Map<string, number> {
  let map = metaExamples.get(model);
  if (!map) {
    map = new Map();
    for (const [i, intent] of model.intents.entries())
      if (intent.kind === "meta")
        for (const ex of [...intent.examples.en, ...intent.examples.de]) map.set(plainWords(ex), i);
    metaExamples.set(model, map);
  }
  return map;
}

/**
 * Matches a question to the intent whose examples it resembles most (IDF-weighted cosine over
 * terms, names left out, the expected answer type as one more term), with a bonus for the
 * intent's expansion words. Returns "fallback" below MIN_INTENT_CONFIDENCE.
 */
export function matchIntent(
  question: QuestionAnalysis,
  model: IntentModel,
  classify: (name: string) => SlotKind | undefined,
): IntentMatch {
  // A meta intent's own example, as written ("what can you do?", "Hilfe bitte"): that intent,
  // even when its words are all stop words and leave the cosine nothing to compare.
  const asMeta = metaExamplesOf(model).get(plainWords(question.text));
  if (asMeta !== undefined && question.entities.length === 0) {
    const intent = model.intents[asMeta] as Intent;
    return { intent, id: intent.id, confidence: 1, slots: {} };
  }
  const terms = question.terms.filter((t) => !t.entity).map((t) => t.term);
  if (question.answerType) terms.push(`type:${question.answerType}`);
  const q = bag(terms);
  const qNorm = normOf(q, model.weight);
  const scores = model.intents.map(() => 0);
  const similarity = cosines(q, qNorm, model);
  model.examples.forEach((ex, k) => {
    scores[ex.intent] = Math.max(scores[ex.intent] as number, similarity[k] as number);
  });
  const plain = terms.filter((t) => !t.startsWith("type:"));
  model.intents.forEach((intent, i) => {
    if (intent.kind === "meta" || plain.length === 0) return;
    const hits = plain.filter((t) => model.expansions[i]?.has(t)).length;
    scores[i] = (scores[i] as number) + (0.25 * hits) / plain.length;
  });
  // A meta intent ("help", "thanks") must account for every word of the question:
  // "who used the church?" is a question, not a request for help.
  model.intents.forEach((intent, i) => {
    if (intent.kind === "meta" && !plain.every((t) => model.vocabulary[i]?.has(t))) scores[i] = 0;
  });
  let best = -1;
  scores.forEach((s, i) => {
    if (best < 0 || s > (scores[best] as number)) best = i;
  });
  const confidence = Math.min(1, scores[best] ?? 0);
  const intent = confidence >= MIN_INTENT_CONFIDENCE ? model.intents[best] : undefined;
  const slots: IntentMatch["slots"] = {};
  for (const name of question.entities) {
    const kind = classify(name);
    if (kind && !slots[kind] && (!intent || intent.slots.includes(kind))) slots[kind] = name;
  }
  return { intent, id: intent?.id ?? "fallback", confidence: Number(confidence.toFixed(3)), slots };
}
