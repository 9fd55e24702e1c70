/**
 * Job titles and roles as phrases in both languages (intents/lexicon/titles.yml): the short
 * answer "Geschäftsführerin" is "managing director" for an English asker, "former president" is
 * "ehemaliger Präsident" for a German one. The de-en table is for matching (bags of words,
 * "managing director ceo"); this one is for writing, so each entry is a phrase with a first form
 * to write. German compounds the table does not list are split into a known head and a known
 * first part ("Missionsleiterin" -> "head of mission"). A title it does not know gives undefined,
 * and the caller keeps the article's words.
 */
import type { Language } from "../text/language.js";

export interface TitleEntry {
  de: string[];
  en: string[];
  direction: "both" | "de-en" | "en-de";
  /** The gender of the German form written (de[0]): the prefix's ending follows it. */
  gender: "m" | "f";
}

export interface Titles {
  /** Lower-case German form -> its entry (the first entry that lists it). */
  byDe: ReadonlyMap<string, TitleEntry>;
  byEn: ReadonlyMap<string, TitleEntry>;
  /** "ehemaliger"/"ehemalige" <-> "former": German masculine form first, then feminine. */
  prefixes: readonly { de: string[]; en: string[] }[];
  /** Heads of German compounds, longest form first, with the English pattern ("head of {}"). */
  heads: readonly { form: string; en: string }[];
  /** First parts of German compounds, lower case -> English. */
  parts: ReadonlyMap<string, string>;
}

/** What titles.yml holds, as parsed. */
export interface TitlesData {
  titles: { de: string[]; en: string[]; direction?: "both" | "de-en" | "en-de"; gender?: "m" | "f" }[];
  prefixes: { de: string[]; en: string[] }[];
  heads: { de: string[]; en: string }[];
  parts: Record<string, string>;
}

export const NO_TITLES: Titles = {
  byDe: new Map(),
  byEn: new Map(),
  prefixes: [],
  heads: [],
  parts: new Map(),
};

const key = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

export function buildTitles(data: TitlesData): Titles {
  const byDe = new Map<string, TitleEntry>();
  const byEn = new Map<string, TitleEntry>();
  for (const t of data.titles) {
    const entry: TitleEntry = {
      de: t.de,
      en: t.en,
      direction: t.direction ?? "both",
      gender: t.gender ?? "m",
    };
    // A German form is read when the entry goes German -> English, an English one the other way.
    if (entry.direction !== "en-de") for (const f of t.de) if (!byDe.has(key(f))) byDe.set(key(f), entry);
    if (entry.direction !== "de-en") for (const f of t.en) if (!byEn.has(key(f))) byEn.set(key(f), entry);
  }
  const heads = data.heads
    .flatMap((h) => h.de.map((form) => ({ form: form.toLowerCase(), en: h.en })))
    .sort((a, b) => b.form.length - a.form.length);
  const parts = new Map(Object.entries(data.parts).map(([de, en]) => [de.toLowerCase(), en]));
  return { byDe, byEn, prefixes: data.prefixes, heads, parts };
}

/** What else a compound's first part may be: a place ("Asien-Chef"), a word of the de-en table. */
export interface TitleWords {
  titles: Titles;
  deToEn?: ReadonlyMap<string, string[]>;
  /** The English name of a German place name, if it is one. */
  placeEn?: (name: string) => string | undefined;
}

/** A German compound title as English by its head and first part ("Vertriebsleiterin" -> "head of sales"). */
function compound(word: string, w: TitleWords): string | undefined {
  const lower = word.toLowerCase();
  for (const head of w.titles.heads) {
    if (!lower.endsWith(head.form) || lower.length < head.form.length + 3) continue;
    const first = word.slice(0, word.length - head.form.length).replace(/-$/, "");
    // "Missions-" and "Abteilungs-" have a linking s; "Finanz" has none.
    for (const part of [first, first.replace(/s$/, ""), first.replace(/es$/, "")]) {
      if (part.length < 3) continue;
      const english =
        w.titles.parts.get(part.toLowerCase()) ?? w.placeEn?.(part) ?? w.deToEn?.get(part.toLowerCase())?.[0];
      if (english) return head.en.replace("{}", english);
    }
  }
  return undefined;
}

/** The title itself, without prefix or tail, in the other language, and the gender it is written in. */
function core(text: string, from: Language, w: TitleWords): { text: string; gender: "m" | "f" } | undefined {
  if (from === "de") {
    const entry = w.titles.byDe.get(key(text));
    if (entry?.en[0]) return { text: entry.en[0], gender: "m" };
    if (/^\p{Lu}[\p{L}-]+$/u.test(text)) {
      const c = compound(text, w);
      if (c) return { text: c, gender: "m" };
    }
    return undefined;
  }
  const entry = w.titles.byEn.get(key(text));
  return entry?.de[0] ? { text: entry.de[0], gender: entry.gender } : undefined;
}

/** A name after "of"/"von": capitalised words, with the small words names have ("Bank of Japan"). */
const NAME = String.raw`\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}&.'’-]*|in|of|and|&|für|und|der|des|de))*`;
const TAIL: Record<Language, RegExp> = {
  en: new RegExp(String.raw`^(.+?)\s+(of|at)\s+(${NAME})$`, "u"),
  de: new RegExp(String.raw`^(.+?)\s+(von|bei)\s+(${NAME})$`, "u"),
};
const TAIL_WORD: Record<Language, Record<string, string>> = {
  en: { of: "von", at: "bei" },
  de: { von: "of", bei: "at" },
};

/**
 * A title as the other language writes it ("Geschäftsführerin" -> "managing director",
 * "former president of Hooli" -> "ehemaliger Präsident von Hooli"), or undefined when the text
 * is not a title this data knows as a whole.
 */
export function translateTitle(
  text: string,
  from: Language,
  to: Language,
  w: TitleWords,
): string | undefined {
  if (from === to) return undefined;
  let rest = text.trim();
  if (!rest || rest.length > 80) return undefined;
  const prefixes: { de: string[]; en: string[] }[] = [];
  const lead = (f: string) => (f.endsWith("-") ? f.toLowerCase() : `${f.toLowerCase()} `);
  for (let n = 0; n < 2; n++) {
    const lower = rest.toLowerCase();
    let form: string | undefined;
    const p = w.titles.prefixes.find((p) => {
      form = p[from].find((f) => lower.startsWith(lead(f)));
      return form !== undefined;
    });
    if (!p || form === undefined) break;
    rest = rest.slice(form.length).trim();
    prefixes.push(p);
  }
  let title = core(rest, from, w);
  let tail = "";
  if (!title) {
    const m = TAIL[from].exec(rest);
    if (!m) return undefined;
    title = core(m[1] as string, from, w);
    tail = ` ${TAIL_WORD[from][(m[2] as string).toLowerCase()]} ${m[3]}`;
  }
  if (!title) return undefined;
  const gender = title.gender;
  const words = prefixes.map((p) => (to === "de" ? (p.de[gender === "f" ? 1 : 0] ?? p.de[0]) : p.en[0]));
  return `${words.join(" ")}${words.length ? " " : ""}${title.text}${tail}`;
}
