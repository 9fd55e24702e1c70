import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../config-paths.js";

/**
 * A German <-> English dictionary for question words the articles say in the other language:
 * Frank Richter's Ding dictionary (Debian's package trans-de-en, GPL 2 or later,
 * /usr/share/trans/de-en, 200,000 entries with their inflected forms), extracted by
 * scripts/build-dictionary.mjs into .cache/de-en.tsv: each German word's English words, the most
 * frequent first, and each English word's German words (sorted lines, looked up in place). The question's words find sentences through their translations
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

/**
 * Words -> their translations, over lines "word<TAB>translation translation" sorted by word (as
 * JavaScript compares strings): looked up by binary search in the text as read, so loading it
 * costs one pass for the line starts, not a parse.
 */
export class WordTable {
  private readonly starts: Int32Array;
  constructor(private readonly text: string) {
    const starts: number[] = [];
    for (let at = 0; at < text.length; ) {
      const end = text.indexOf("\n", at);
      if (end !== at) starts.push(at);
      if (end < 0) break;
      at = end + 1;
    }
    this.starts = Int32Array.from(starts);
  }
  private keyAt(i: number): string {
    const at = this.starts[i] as number;
    return this.text.slice(at, this.text.indexOf("\t", at));
  }
  private find(word: string): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const key = this.keyAt(mid);
      if (key === word) return mid;
      if (key < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  get(word: string): readonly string[] | undefined {
    const i = this.find(word);
    if (i < 0) return undefined;
    const at = this.text.indexOf("\t", this.starts[i] as number) + 1;
    const end = this.text.indexOf("\n", at);
    return this.text.slice(at, end < 0 ? undefined : end).split(" ");
  }
  has(word: string): boolean {
    return this.find(word) >= 0;
  }
}

/** Lines for a WordTable: "word<TAB>translations", sorted by word. */
function tableText(entries: Iterable<[string, readonly string[]]>): string {
  const lines = [...entries]
    .filter(([w, t]) => w && !/[\t\n]/.test(w) && t.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([w, t]) => `${w}\t${t.join(" ")}`);
  return `${lines.join("\n")}\n`;
}

/** The line between the two tables of the dictionary file. */
const SECTION = "\f\n";

/** The dictionary both ways: German word -> English words, English word -> German words. */
export interface BilingualDictionary {
  deToEn: WordTable;
  enToDe: WordTable;
}

/** German words kept per English word: those that give it first, then second, ... */
const MAX_REVERSE = 4;

/**
 * The dictionary file's text: the German -> English table, then its inversion (each English
 * word's German words, those that give it first first), as two WordTable texts.
 */
export function dictionaryText(deToEn: ReadonlyMap<string, readonly string[]>): string {
  const byPlace: Map<string, string[]>[] = [];
  for (const [word, en] of deToEn)
    en.forEach((w, i) => {
      byPlace[i] ??= new Map();
      const level = byPlace[i] as Map<string, string[]>;
      const list = level.get(w) ?? [];
      list.push(word);
      level.set(w, list);
    });
  const reverse = new Map<string, string[]>();
  for (const level of byPlace)
    for (const [w, words] of level) {
      const list = reverse.get(w) ?? [];
      for (const x of words) if (list.length < MAX_REVERSE) list.push(x);
      reverse.set(w, list);
    }
  return `${tableText(deToEn)}${SECTION}${tableText(reverse)}`;
}

/** The dictionary from its file's text (`dictionaryText`). */
export function parseDictionary(text: string): BilingualDictionary {
  const cut = text.indexOf(SECTION);
  const de = cut < 0 ? text : text.slice(0, cut);
  const en = cut < 0 ? "" : text.slice(cut + SECTION.length);
  return { deToEn: new WordTable(de), enToDe: new WordTable(en) };
}

/** Loads .cache/de-en.tsv (or `file`); undefined when it is not there. */
export function loadDictionary(file = DICTIONARY_FILE): BilingualDictionary | undefined {
  return existsSync(file) ? parseDictionary(readFileSync(file, "utf8")) : undefined;
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
