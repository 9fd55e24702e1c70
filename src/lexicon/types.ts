/** A place with its names in both languages. */
export interface Place {
  /** The shared term for all its names: the English name in lower case. */
  key: string;
  en: string;
  de: string;
  aliases: string[];
  /** City, country or region, when the table says. */
  type?: "city" | "country" | "region";
}

/** Language data the matcher and the answer composer share (intents/lexicon/*.yml). */
export interface Lexicon {
  /** German word (lower case) -> English words. */
  deToEn: Map<string, string[]>;
  places: Place[];
  /** Every name of every place, lower case, words joined by one space -> the place. */
  placeByAlias: Map<string, Place>;
  roles: { en: string[]; de: string[]; prefixes: string[] };
}
