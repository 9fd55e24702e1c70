import { readFileSync } from "node:fs";
import { sortedLineValue } from "../util/files.js";
import {
  decodePlaces,
  extractPlaces,
  keyOf,
  PLACES_FILE,
  type PlacesData,
  placesVersion,
  savePlaces,
} from "./places-extract.js";

export { PLACES_FILE, placesVersion } from "./places-extract.js";

/**
 * Places of the world from maintained data packages (see places-extract.ts): the continents,
 * the countries with their English and German names, and the cities of 100,000 people or more
 * and the capitals, each with its country and continents; merged with a curated list
 * (intents/lexicon/places.yml: German names of cities and continents, abbreviations, regions),
 * which wins. Names are matched whole, ignoring case, in either language: "Tokio" is Tokyo,
 * "Deutschland" is Germany, "Europa" is Europe.
 */
export type PlaceKind = "city" | "country" | "continent" | "region";

export interface PlaceInfo {
  kind: PlaceKind;
  /** The English name, as answers to English questions write it ("Munich", "Germany"). */
  en: string;
  /** The German name ("München", "Deutschland"); the English one when no source has another. */
  de: string;
  /** Every name the place is matched on, display names included where fit ("Tokyo", "Tokio"). */
  names: readonly string[];
  /** The lookup form of each of `names`, in the same order (`placeKey`: "mexiko stadt"). */
  keys: readonly string[];
  /** ISO 3166-1 alpha-2 code of the country: a country's own, a city's country's ("GB"). */
  country?: string;
  /**
   * Codes of the continents it lies in (AF, AN, AS, EU, NA, OC, SA), the main one first:
   * a continent's own, a country's (Russia: AS, EU), a city's country's; none for a region.
   */
  continents: readonly string[];
  /** A city's population (GeoNames); undefined for other places and curated ones. */
  population?: number;
  /** True for a country's capital. */
  capital?: boolean;
  /** True when the curated list names the place (its names and display names win). */
  curated?: boolean;
}

/** A curated place (a places.yml entry): it names a package's place, adding names, or is a place of its own. */
export interface PlaceOverride {
  /** When given, the entry names only places of this kind; else every place it names. */
  kind?: PlaceKind;
  en: string;
  de?: string;
  aliases?: readonly string[];
  /** For a place of its own (one no package has): its country's ISO code, which gives its continents too. */
  country?: string;
}

export interface Places {
  /** Every place, in the order names resolve in (curated, then continents, countries, cities by size). */
  readonly all: readonly PlaceInfo[];
  /**
   * What a name means, if it is a place: "tokio" -> Tokyo, "Brüssel" -> Brussels. Where a
   * city and a country share a name (Singapore), the broader place: the country.
   */
  lookup(name: string): PlaceInfo | undefined;
  /** Every place of that name, in the order of `lookup` ("Singapore": the country, the city). */
  lookupAll(name: string): readonly PlaceInfo[];
  /** Like `lookupAll` for a name already in lookup form (`placeKey`), without normalising it again. */
  byKey(key: string): readonly PlaceInfo[];
  /** True when a name in lookup form is a place's (as `byKey(key).length > 0`, without decoding it). */
  hasKey(key: string): boolean;
  /** Every name of every place, in lookup form, once each. */
  keys(): IterableIterator<string>;
  /**
   * True when the place named first lies in the area named second, or is it: a city in its
   * country or continent, a country in its continent ("London" within "Europe", "Japan"
   * within "Asien"). A region (Middle East, European Union) contains nothing: no source says
   * what lies in it. False when either name is no place.
   */
  within(place: string | PlaceInfo, area: string | PlaceInfo): boolean;
}

/** The form under which a name is looked up: its words, lower case, joined by one space ("Mexiko-Stadt" -> "mexiko stadt"). */
export function placeKey(name: string): string {
  return keyOf(name.normalize("NFC"));
}

/** True when `place` lies in `area` or is it (see `Places.within`). */
export function within(place: PlaceInfo, area: PlaceInfo): boolean {
  if (place === area) return true;
  if (area.kind === "country") return place.kind === "city" && place.country === area.country;
  if (area.kind === "continent") {
    const code = area.continents[0];
    return place.kind !== "continent" && code !== undefined && place.continents.includes(code);
  }
  return false;
}

/** Broader kinds first: where places share a name, the name means the broadest of them. */
const BREADTH: Record<PlaceKind, number> = { continent: 0, country: 1, region: 2, city: 3 };
const FIELDS = 8;
const NONE: readonly PlaceInfo[] = Object.freeze([]);
/** Names whose places are remembered once looked up (a start asks for a few thousand words). */
const MAX_REMEMBERED = 50_000;
/**
 * Look-ups after which every name is put in a Set: a corpus being indexed asks for each of its
 * words once, and a Set answers a word that is no place's name (most) several times faster
 * than the binary search; a start, asking for a few hundred, never pays for building it.
 */
const SET_AFTER = 5_000;

/** One line of the table as a place; undefined when it is not of the table's form. */
function decode(line: string): PlaceInfo | undefined {
  const f = line.split("\t");
  const kind = f[0] as PlaceKind;
  const en = f[1] as string;
  if (f.length !== FIELDS || !Object.hasOwn(BREADTH, kind) || !en) return undefined;
  const names = f[3] ? f[3].split("|") : [en];
  // Every field set, in one order: one object shape for all places.
  return {
    kind,
    en,
    de: f[2] || en,
    names,
    keys: names.map(keyOf),
    country: f[4] || undefined,
    continents: f[5] ? f[5].split(",") : [],
    population: f[6] ? Number(f[6]) : undefined,
    capital: f[7] === "1",
    curated: false,
  };
}

/**
 * The place table of the data packages, read lazily: a load parses the file and merges the
 * curated places; a name is found by a binary search of the sorted index of names and its
 * places are decoded when first asked for, so that a start does not build the 4,500 places it
 * mostly never meets. The curated places, and every name they have, are resolved at load.
 */
class PlaceTable implements Places {
  /** Each line's place once decoded, by where the line starts (curated changes are made to it): one object per place. */
  private readonly decoded = new Map<number, PlaceInfo | undefined>();
  /** The names of curated places -> their places (curated first): fixed at load. */
  private readonly curatedNames = new Map<string, readonly PlaceInfo[]>();
  /** Other names looked up -> their places (none: not a place's name). */
  private readonly remembered = new Map<string, readonly PlaceInfo[]>();
  /** Every name of the index, once looked up more than SET_AFTER times. */
  private known: Set<string> | undefined;
  private searches = 0;
  /** Curated places, broader first: they come first for every name they have. */
  private readonly curated: PlaceInfo[] = [];
  private everything: PlaceInfo[] | undefined;

  /** `data`: the extracted table (see PlacesData). */
  constructor(
    private readonly data: PlacesData,
    overrides: readonly PlaceOverride[],
  ) {
    this.curate(overrides);
  }

  /** Where the lines of a key's places start, as written: a binary search of the sorted "key\tstarts" index. */
  private linesOf(key: string): string | undefined {
    return sortedLineValue(this.data.keys, key);
  }

  /** The place whose line starts at `start` of the table. */
  private place(start: number): PlaceInfo | undefined {
    if (this.decoded.has(start)) return this.decoded.get(start);
    const t = this.data.table;
    let end = t.indexOf("\n", start);
    if (end < 0) end = t.length;
    const p = start === 0 || t[start - 1] === "\n" ? decode(t.slice(start, end)) : undefined;
    this.decoded.set(start, p);
    return p;
  }

  /** The package places of a name, in table order. */
  private packagePlaces(key: string): PlaceInfo[] {
    const starts = this.linesOf(key);
    if (!starts) return [];
    const out: PlaceInfo[] = [];
    for (const n of starts.split(",")) {
      const p = this.place(Number(n));
      if (p) out.push(p);
    }
    return out;
  }

  /** Merges the curated places over the packages' (see PlaceOverride). */
  private curate(overrides: readonly PlaceOverride[]): void {
    for (const o of overrides) {
      const names = [o.en, ...(o.de ? [o.de] : []), ...(o.aliases ?? [])];
      const keys = names.map(placeKey);
      const named = new Set(keys.flatMap((k) => this.byKey(k)).filter((p) => !o.kind || p.kind === o.kind));
      if (named.size === 0) {
        // No package knows it (a region, a town too small for the table): a place of its own;
        // one without a kind is taken as a town.
        const country = o.country ? this.countryOf(o.country) : undefined;
        named.add({
          kind: o.kind ?? "city",
          en: o.en,
          de: o.de ?? o.en,
          names: [],
          keys: [],
          country: country?.country,
          continents: country?.continents ?? [],
          population: undefined,
          capital: false,
          curated: false,
        });
      }
      for (const p of named) {
        p.en = o.en;
        if (o.de) p.de = o.de;
        const added = names
          .map((n, i) => [n, keys[i] as string] as const)
          .filter(([n]) => !p.names.includes(n));
        p.names = [...added.map(([n]) => n), ...p.names];
        p.keys = [...added.map(([, k]) => k), ...p.keys];
        if (!p.curated) this.curated.push(p);
        p.curated = true;
        // Curated places come first for every name they have, the broader first.
        this.curated.sort((a, b) => BREADTH[a.kind] - BREADTH[b.kind]);
        for (const key of p.keys) this.curatedNames.set(key, this.resolve(key));
      }
    }
    this.remembered.clear();
  }

  /** The country of an ISO code (a search of the "code\tline" lines). */
  private countryOf(code: string): PlaceInfo | undefined {
    if (!/^[A-Z]{2}$/.test(code)) return undefined;
    const line = new RegExp(`^${code}\t(\\d+)$`, "m").exec(this.data.countries)?.[1];
    return line === undefined ? undefined : this.place(Number(line));
  }

  /** A name's places afresh: the curated places that have it, then the packages' in table order. */
  private resolve(key: string): readonly PlaceInfo[] {
    const list = [
      ...this.curated.filter((p) => p.keys.includes(key)),
      ...this.packagePlaces(key).filter((p) => !p.curated),
    ];
    return list.length > 0 ? list : NONE;
  }

  get all(): readonly PlaceInfo[] {
    if (!this.everything) {
      this.everything = [...this.curated];
      const t = this.data.table;
      for (let start = 0; start < t.length; ) {
        const p = this.place(start);
        if (p && !p.curated) this.everything.push(p);
        const end = t.indexOf("\n", start);
        start = end < 0 ? t.length : end + 1;
      }
    }
    return this.everything;
  }

  byKey(key: string): readonly PlaceInfo[] {
    let list = this.curatedNames.get(key) ?? this.remembered.get(key);
    if (list) return list;
    if (!this.known && ++this.searches > SET_AFTER) this.known = new Set(this.keys());
    // A name no curated place has is only the packages' (every curated name is in curatedNames).
    list = this.known && !this.known.has(key) ? NONE : this.packagePlaces(key);
    if (list.length === 0) list = NONE;
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(key, list);
    return list;
  }

  hasKey(key: string): boolean {
    return this.byKey(key).length > 0;
  }

  *keys(): IterableIterator<string> {
    const t = this.data.keys;
    for (let start = 0; start < t.length; ) {
      let end = t.indexOf("\n", start);
      if (end < 0) end = t.length;
      const tab = t.indexOf("\t", start);
      if (tab > start && tab < end) yield t.slice(start, tab);
      start = end + 1;
    }
    for (const key of this.curatedNames.keys()) if (this.linesOf(key) === undefined) yield key;
  }

  lookupAll(name: string): readonly PlaceInfo[] {
    return this.byKey(placeKey(name));
  }

  lookup(name: string): PlaceInfo | undefined {
    return this.lookupAll(name)[0];
  }

  within(place: string | PlaceInfo, area: string | PlaceInfo): boolean {
    const places = typeof place === "string" ? this.lookupAll(place) : [place];
    const areas = typeof area === "string" ? this.lookupAll(area) : [area];
    return places.some((p) => areas.some((a) => within(p, a)));
  }
}

/** The package places' table from `file`, extracted first (about a second) when missing, corrupt or of another version. */
function readTable(file: string, overrides: readonly PlaceOverride[]): PlaceTable {
  const version = placesVersion();
  try {
    const data = decodePlaces(readFileSync(file, "utf8"));
    if (data?.version === version) return new PlaceTable(data, overrides);
  } catch {
    // missing or corrupt: extracted below
  }
  const data = extractPlaces();
  savePlaces(data, file);
  return new PlaceTable(data, overrides);
}

export interface LoadPlacesOptions {
  /** The extracted table (default .cache/places.json). */
  file?: string;
  /** Curated places, merged over the packages' (places.yml's entries). */
  overrides?: readonly PlaceOverride[];
}

/**
 * Loads the places: the table extracted from the data packages (from `file`, extracting it
 * first, about a second, when it is missing, corrupt or of another version, and then writing it
 * for next time; a read-only checkout just extracts again), merged with the curated overrides.
 * A warm load takes a few milliseconds: places are decoded when first looked up.
 */
export function loadPlaces(options: LoadPlacesOptions = {}): Places {
  return readTable(options.file ?? PLACES_FILE, options.overrides ?? []);
}
