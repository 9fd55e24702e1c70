import { createRequire } from "node:module";
import { isStopword } from "./stopwords.js";
import type { Token } from "./terms.js";

/**
 * The part of speech of each word of a sentence, coarsely, for the span features: compromise's
 * tagger in context for English (loaded on first use: about 250 ms, so a start that answers no
 * English question never pays it); for German, which compromise does not tag, what the spelling
 * says: a capitalised word inside the sentence is a noun, a stop word a function word.
 */
export const WordTag = {
  other: 0,
  /** Nouns, proper nouns, acronyms, numbers (not pronouns). */
  noun: 1,
  adjective: 2,
  verb: 3,
  adverb: 4,
  determiner: 5,
  /** Prepositions, conjunctions, pronouns, negations, question words. */
  function: 6,
} as const;
export type WordTag = (typeof WordTag)[keyof typeof WordTag];

interface CompromiseTerm {
  offset: { start: number; length: number };
  tags: string[];
}
type Compromise = (text: string) => { json(options: object): { terms: CompromiseTerm[] }[] };

let nlp: Compromise | undefined;

function tagOf(tags: readonly string[]): WordTag {
  const has = (t: string) => tags.includes(t);
  if (has("Pronoun")) return WordTag.function;
  if (has("Noun") || has("Value") || has("Acronym")) return WordTag.noun;
  if (has("Adjective")) return WordTag.adjective;
  if (has("Verb")) return WordTag.verb;
  if (has("Adverb")) return WordTag.adverb;
  if (has("Determiner")) return WordTag.determiner;
  if (has("Preposition") || has("Conjunction") || has("Negative") || has("QuestionWord"))
    return WordTag.function;
  return WordTag.other;
}

const CAPITAL = /^\p{Lu}/u;
const DIGIT = /^\p{N}/u;

/** The tag of each token of `text` (tokens from `tokenize(text)`). */
export function tagWords(text: string, tokens: readonly Token[], language: "en" | "de"): Uint8Array {
  const out = new Uint8Array(tokens.length);
  if (language === "de") {
    tokens.forEach((t, i) => {
      const lower = t.word.toLowerCase();
      if (isStopword(lower, "de")) out[i] = WordTag.function;
      else if (DIGIT.test(t.word) || (CAPITAL.test(t.word) && i > 0)) out[i] = WordTag.noun;
    });
    return out;
  }
  nlp ??= createRequire(import.meta.url)("compromise") as Compromise;
  const terms = nlp(text)
    .json({ offset: true, terms: { offset: true, tags: true } })
    .flatMap((s) => s.terms);
  // each token takes the tag of the compromise term its first character falls in
  let k = 0;
  const ends = (term: CompromiseTerm) => term.offset.start + term.offset.length;
  tokens.forEach((t, i) => {
    while (k < terms.length && ends(terms[k] as CompromiseTerm) <= t.start) k++;
    const term = terms[k];
    if (term && term.offset.start <= t.start) out[i] = tagOf(term.tags);
  });
  return out;
}
