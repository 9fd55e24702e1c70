import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../config-paths.js";

/**
 * A German <-> English dictionary for question words the articles say in the other language:
 * Frank Richter's Ding dictionary (Debian's package trans-de-en, GPL 2 or later,
 * /usr/share/trans/de-en, 200,000 entries with their inflected forms), extracted by
 * scripts/build-dictionary.mjs into .cache/de-en.tsv: one German word a line, a tab, its English
 * words, the most frequent first. The question's words find sentences through their translations
 * as through WordNet's synonyms (src/ranking/pipeline.ts, relatedTerms); the index's own terms
 * are not changed (mapping every German word to English terms lost 41 German questions).
 * Without the file there is no dictionary and the bilingual lexicon alone bridges the languages.
 */
export const DING_FILE = "/usr/share/trans/de-en";
export const DICTIONARY_FILE = join(PROJECT_ROOT, ".cache", "de-en.tsv");

/** English translations kept per German word: the most frequent English words among its senses. */
export const MAX_TRANSLATIONS = 3;

const NOTE = /\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|\/[^/\s]+\//g;
const PLACEHOLDER = /(?:^|\s)(?:sb|sth|jdn|jdm|jds|jd|etw|sich|one's|oneself|so)\.?(?=\s|$)/g;
const GERMAN_WORD = /^\p{L}[\p{L}-]*$/u;
const ENGLISH_WORD = /^[a-z][a-z-]*$/;

const clean = (s: string) => s.replace(NOTE, " ").replace(PLACEHOLDER, " ").replace(/\s+/g, " ").trim();

/**
 * Parses Ding's format ("Büro {n} | Büros {pl} :: office | offices", sub-entries aligned by " | ",
 * alternatives by "; ") into German single word (lower case) -> its English one-word
 * translations, the `max` most frequent by `rank` (lower is more frequent; words without a rank
 * are left out), so that the common senses win ("leiten": head, lead rather than conduct).
 */
export function parseDing(
  text: string,
  rank: (englishWord: string) => number | undefined,
  max = MAX_TRANSLATIONS,
): Map<string, string[]> {
  const candidates = new Map<string, Set<string>>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [de, en] = line.split(" :: ");
    if (!de || !en) continue;
    const ds = de.split(" | ");
    const es = en.split(" | ");
    if (ds.length !== es.length) continue;
    ds.forEach((germanSide, i) => {
      const english = (es[i] as string)
        .split(/;\s*/)
        .map((alt) =>
          clean(alt.split("/")[0] as string)
            .replace(/^to /, "")
            .toLowerCase(),
        )
        .filter((w) => ENGLISH_WORD.test(w));
      if (english.length === 0) return;
      for (const alt of germanSide.split(/;\s*/)) {
        const word = clean(alt);
        if (!GERMAN_WORD.test(word)) continue;
        const key = word.toLowerCase();
        const set = candidates.get(key) ?? new Set<string>();
        for (const w of english) set.add(w);
        candidates.set(key, set);
      }
    });
  }
  const out = new Map<string, string[]>();
  for (const [de, set] of candidates) {
    const ranked = [...set]
      .map((w) => ({ w, r: rank(w) }))
      .filter((x): x is { w: string; r: number } => x.r !== undefined)
      .sort((a, b) => a.r - b.r)
      .slice(0, max)
      .map((x) => x.w);
    if (ranked.length) out.set(de, ranked);
  }
  return out;
}

/** The dictionary's lines ("german\tenglish english"). */
export function serializeDictionary(map: Map<string, string[]>): string {
  return `${[...map].map(([de, en]) => `${de}\t${en.join(" ")}`).join("\n")}\n`;
}

/** The dictionary both ways: German word -> English words, English word -> German words. */
export interface BilingualDictionary {
  deToEn: ReadonlyMap<string, readonly string[]>;
  enToDe: ReadonlyMap<string, readonly string[]>;
}

/** German words kept per English word: those that give it first, then second, ... */
const MAX_REVERSE = 4;

/** The dictionary from its lines; the English side is inverted, each German word's first translation first. */
export function dictionaryOf(text: string): BilingualDictionary {
  const deToEn = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) deToEn.set(line.slice(0, tab), line.slice(tab + 1).split(" "));
  }
  const byPlace: Map<string, string[]>[] = [];
  for (const [de, en] of deToEn)
    en.forEach((w, i) => {
      byPlace[i] ??= new Map();
      const list = (byPlace[i] as Map<string, string[]>).get(w) ?? [];
      list.push(de);
      (byPlace[i] as Map<string, string[]>).set(w, list);
    });
  const enToDe = new Map<string, string[]>();
  for (const level of byPlace)
    for (const [w, des] of level) {
      const list = enToDe.get(w) ?? [];
      for (const de of des) if (list.length < MAX_REVERSE) list.push(de);
      enToDe.set(w, list);
    }
  return { deToEn, enToDe };
}

/** Loads .cache/de-en.tsv (or `file`); undefined when it is not there. */
export function loadDictionary(file = DICTIONARY_FILE): BilingualDictionary | undefined {
  return existsSync(file) ? dictionaryOf(readFileSync(file, "utf8")) : undefined;
}

/** Linking elements between the parts of a German compound ("Finanzierung-s-runde"). */
const LINKS = ["", "s", "es", "n", "en", "e", "er"];
/** The shortest part of a compound taken. */
const MIN_PART = 3;

/**
 * A German compound as its first part and its head, both words `known` says are words
 * ("finanzierungsrunde" -> ["finanzierung", "runde"]): the longest known head whose rest is a
 * known word, with or without a linking element; undefined when there is none.
 */
export function splitCompound(word: string, known: (w: string) => boolean): [string, string] | undefined {
  const w = word.toLowerCase();
  for (let i = MIN_PART; i <= w.length - MIN_PART; i++) {
    const head = w.slice(i);
    if (!known(head)) continue;
    const rest = w.slice(0, i);
    for (const link of LINKS) {
      if (!rest.endsWith(link)) continue;
      const first = rest.slice(0, rest.length - link.length);
      if (first.length >= MIN_PART && known(first)) return [first, head];
    }
  }
  return undefined;
}
