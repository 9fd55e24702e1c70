import { createRequire } from "node:module";
import { isStopword } from "./stopwords.js";
import type { Token } from "./terms.js";

/**
 * The part of speech of each word of a sentence, coarsely, for the span features. For English,
 * compromise's lexicon and its pre-tagger (suffixes, capitals, neighbouring words), without its
 * post-tagger: the post-tagger's pattern corrections changed 4% of these coarse tags on the
 * dev sets' articles and cost four fifths of the tagging time (2.6 ms a sentence against 0.5).
 * compromise is loaded on first use (about 250 ms, so a start that answers no English question
 * never pays it). For German, which compromise does not tag, what the spelling says: a
 * capitalised word inside the sentence is a noun, a stop word a function word.
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

/** A term of a compromise document: its text with the white space and punctuation around it, and its tags. */
interface CompromiseTerm {
  pre: string;
  text: string;
  post: string;
  tags: Set<string>;
}
interface CompromiseDoc {
  compute(method: string): void;
  docs: CompromiseTerm[][];
}
type Compromise = { tokenize(text: string): CompromiseDoc };

let nlp: Compromise | undefined;

function tagOf(tags: ReadonlySet<string>): WordTag {
  const has = (t: string) => tags.has(t);
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
  const doc = nlp.tokenize(text);
  doc.compute("lexicon");
  doc.compute("preTagger");
  // a term's place in the text: the terms with their surroundings spell the text, in order
  const starts: number[] = [];
  const terms: CompromiseTerm[] = [];
  let at = 0;
  for (const sentence of doc.docs)
    for (const term of sentence) {
      at += term.pre.length;
      starts.push(at);
      terms.push(term);
      at += term.text.length + term.post.length;
    }
  // each token takes the tag of the compromise term its first character falls in
  let k = 0;
  const ends = (i: number) => (starts[i] as number) + (terms[i] as CompromiseTerm).text.length;
  tokens.forEach((t, i) => {
    while (k < terms.length && ends(k) <= t.start) k++;
    const term = terms[k];
    if (term && (starts[k] as number) <= t.start) out[i] = tagOf(term.tags);
  });
  return out;
}
