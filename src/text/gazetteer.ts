import { createRequire } from "node:module";

/**
 * What compromise's lexicon knows of a name: place (city, country), organisation, person,
 * first name. compromise is loaded on first use (its CommonJS build loads faster than its ES
 * modules), and each distinct string is looked up once.
 */
export interface NameTags {
  place: boolean;
  city: boolean;
  country: boolean;
  organisation: boolean;
  person: boolean;
  /** The first word is a known first name. */
  firstName: boolean;
}

type Nlp = (text: string) => { has(match: string): boolean };
const require = createRequire(import.meta.url);
let nlp: Nlp | undefined;
const cache = new Map<string, NameTags>();
const MAX_CACHE = 200_000;

/** Loads compromise now (start-up can warm it before the first question needs it). */
export function loadGazetteer(): void {
  nlp ??= require("compromise") as Nlp;
}

/** compromise's tags for a name, cached. */
export function nameTags(text: string): NameTags {
  let tags = cache.get(text);
  if (tags) return tags;
  loadGazetteer();
  const doc = (nlp as Nlp)(text);
  tags = {
    place: doc.has("#Place"),
    city: doc.has("#City"),
    country: doc.has("#Country"),
    organisation: doc.has("#Organization"),
    person: doc.has("#Person"),
    firstName: doc.has("^#FirstName"),
  };
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(text, tags);
  return tags;
}
