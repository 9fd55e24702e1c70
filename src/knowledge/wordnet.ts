import { readFileSync } from "node:fs";
import { sortedLineValue } from "../util/files.js";
import {
  extractWordNet,
  saveWordNet,
  WORDNET_FILE,
  type WordNetData,
  wordnetVersion,
} from "./wordnet-extract.js";

export { WORDNET_FILE } from "./wordnet-extract.js";

/**
 * WordNet's synonyms, derivations and hypernyms of English lemmas, from a compact table extracted
 * once into .cache/wordnet.json (scripts/build-wordnet.mjs, or the first load).
 *
 * - "syn": in the same synset as one of the lemma's 2 most frequent senses of a part of speech
 *   (boss -> chief, rival -> competitor);
 * - "der": a derivationally related form of the lemma in any of its senses (lead -> leader);
 * - "hyper": in a direct hypernym of the lemma's first sense of a part of speech
 *   (office -> place of business).
 * At most 30 related lemmas, in that order. Antonyms are apart (`antonyms`), never "related".
 */
export type WordNetRelation = "syn" | "der" | "hyper";

export interface RelatedLemma {
  lemma: string;
  relation: WordNetRelation;
}

export interface WordNet {
  /** The lemmas related to a lemma (lower case, words joined by a space); [] when WordNet has none. */
  related(lemma: string): readonly RelatedLemma[];
  /**
   * The WordNet lemma of a word or phrase: an irregular form's base from WordNet's exception
   * lists ("led" -> "lead", "men" -> "man"), else the word itself when it is a lemma, else the
   * first lemma given by morphy's detachment rules ("offices" -> "office", "hired" -> "hire",
   * "companies" -> "company"); a phrase's first or last word may be inflected
   * ("teamed up" -> "team up"). undefined when none is a lemma.
   * An irregular form that is also a lemma gives the exception's base ("left" -> "leave").
   */
  base(form: string): string | undefined;
  /**
   * WordNet's antonyms of a lemma in any of its senses: direct ones of the word itself
   * (important -> unimportant), and for an adjective satellite those of its head adjective;
   * [] when none.
   */
  antonyms(lemma: string): readonly string[];
}

const RELATIONS: readonly WordNetRelation[] = ["syn", "der", "hyper"];

/** morphy's detachment rules (nouns, verbs, adjectives), plus -ied -> -y. */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ["s", ""],
  ["ses", "s"],
  ["xes", "x"],
  ["zes", "z"],
  ["ches", "ch"],
  ["shes", "sh"],
  ["men", "man"],
  ["ies", "y"],
  ["es", "e"],
  ["es", ""],
  ["ed", "e"],
  ["ed", ""],
  ["ied", "y"],
  ["ing", "e"],
  ["ing", ""],
  ["er", ""],
  ["est", ""],
  ["er", "e"],
  ["est", "e"],
];

function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, " ");
}

function isData(x: unknown): x is WordNetData {
  const d = x as Partial<WordNetData> | null;
  return (
    typeof d === "object" &&
    d !== null &&
    typeof d.version === "string" &&
    typeof d.table === "string" &&
    typeof d.morph === "object" &&
    d.morph !== null
  );
}

class Table implements WordNet {
  private readonly cache = new Map<string, readonly RelatedLemma[]>();

  constructor(
    private readonly table: string,
    private readonly morph: Record<string, string>,
  ) {}

  /** The entry of a lemma: a binary search over the sorted "lemma\tentry" lines. */
  private entry(key: string): string | undefined {
    return sortedLineValue(this.table, key);
  }

  private isLemma(word: string): boolean {
    return word.length > 0 && this.entry(word) !== undefined;
  }

  related(lemma: string): readonly RelatedLemma[] {
    const key = normalize(lemma);
    let list = this.cache.get(key);
    if (list) return list;
    const entry = this.entry(key) ?? "";
    const out: RelatedLemma[] = [];
    entry.split("|").forEach((field, i) => {
      const relation = RELATIONS[i]; // undefined for the antonyms' field, after the relations
      if (!relation || !field) return;
      for (const other of field.split(",")) out.push({ lemma: other, relation });
    });
    list = Object.freeze(out);
    if (this.cache.size >= 50_000) this.cache.clear();
    this.cache.set(key, list);
    return list;
  }

  antonyms(lemma: string): readonly string[] {
    const field = (this.entry(normalize(lemma)) ?? "").split("|")[RELATIONS.length];
    return field ? field.split(",") : [];
  }

  /** The base of one word: exception, itself, detachment rules (a doubled final consonant undone). */
  private baseWord(word: string): string | undefined {
    if (Object.hasOwn(this.morph, word)) return this.morph[word];
    if (this.isLemma(word)) return word;
    for (const [suffix, ending] of SUFFIXES) {
      if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
      const stem = word.slice(0, -suffix.length);
      const candidate = stem + ending;
      if (this.isLemma(candidate)) return candidate;
      // stopped -> stop, planning -> plan
      if (ending === "" && /([b-df-hj-np-tv-z])\1$/.test(stem) && this.isLemma(stem.slice(0, -1)))
        return stem.slice(0, -1);
    }
    return undefined;
  }

  base(form: string): string | undefined {
    const text = normalize(form);
    if (!text) return undefined;
    const whole = this.baseWord(text);
    if (whole) return whole;
    const words = text.split(" ");
    if (words.length < 2) return undefined;
    const first = this.baseWord(words[0] ?? "");
    if (first) {
      const phrase = [first, ...words.slice(1)].join(" ");
      if (this.isLemma(phrase)) return phrase;
    }
    const last = this.baseWord(words[words.length - 1] ?? "");
    if (last) {
      const phrase = [...words.slice(0, -1), last].join(" ");
      if (this.isLemma(phrase)) return phrase;
    }
    return undefined;
  }
}

/**
 * Loads the WordNet table from `file` (default .cache/wordnet.json), extracting it from the
 * installed WordNet packages first (a few seconds) when the file is missing, corrupt or of
 * another version, and then writing it for next time (atomically; a read-only checkout just
 * extracts again). Loading a warm file takes some tens of milliseconds: call it once and keep it.
 */
export function loadWordNet(file: string = WORDNET_FILE): WordNet {
  const version = wordnetVersion();
  let data: WordNetData | undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (isData(parsed) && parsed.version === version) data = parsed;
  } catch {
    // missing or corrupt: extracted below
  }
  if (!data) {
    data = extractWordNet();
    saveWordNet(data, file);
  }
  return new Table(data.table, data.morph);
}
