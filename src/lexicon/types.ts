import type { PlaceKind } from "../knowledge/places.js";
import type { Titles } from "./titles.js";

/** A place with its names in both languages. */
export interface Place {
  /** The shared term for all its names: the English name in lower case. */
  key: string;
  en: string;
  de: string;
  /** Its other names and spellings (not `en` or `de`). */
  aliases: string[];
  /** City, country, continent or region (a curated place no source knows is taken as a city). */
  type?: PlaceKind;
  /** ISO 3166-1 alpha-2 code of the country: a country's own, a city's country's ("GB"). */
  country?: string;
  /** Codes of the continents it lies in, the main one first ("EU"; Russia: "AS", "EU"). */
  continents?: readonly string[];
}

/** Language data the matcher and the answer composer share (intents/lexicon/*.yml). */
export interface Lexicon {
  /** German word (lower case) -> English words. */
  deToEn: Map<string, string[]>;
  /**
   * The places of the data packages (src/knowledge/places.ts) merged with places.yml, in the
   * order their names are resolved (curated, then continents, countries, cities by size).
   */
  readonly places: Place[];
  /** Every name of every place, lower case, words joined by one space -> the place it means first. */
  placeByAlias: ReadonlyMap<string, Place>;
  roles: { en: string[]; de: string[]; prefixes: string[] };
  /** Job titles as phrases in both languages, for writing a title answer in the asker's (titles.yml). */
  titles: Titles;
}
