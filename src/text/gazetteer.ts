import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../config-paths.js";

/**
 * What compromise's lexicon knows of a name: place (city, country), organisation, person,
 * first name. The lexicon's names are extracted once into a small JSON file (.cache/), so a
 * start needs neither compromise's 250 ms load nor its tagger: a name is looked up as a whole,
 * then word by word, as compromise's own lexicon match does.
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

const PLACE = 1;
const CITY = 2;
const COUNTRY = 4;
const ORG = 8;
const PERSON = 16;
const FIRST_NAME = 32;
const VERB = 64;
const ADJECTIVE = 128;
const FORMAT = 2;

interface CompromiseModel {
  model(): {
    one: { lexicon: Record<string, string | string[]>; tagSet: Record<string, { parents?: string[] }> };
  };
  version: string;
}

let table: Map<string, number> | undefined;
const cache = new Map<string, NameTags>();

function bitsOf(tags: string[], tagSet: Record<string, { parents?: string[] }>): number {
  const all = new Set(tags.flatMap((t) => [t, ...(tagSet[t]?.parents ?? [])]));
  return (
    (all.has("Place") ? PLACE : 0) |
    (all.has("City") ? CITY : 0) |
    (all.has("Country") ? COUNTRY : 0) |
    (all.has("Organization") ? ORG : 0) |
    (all.has("Person") ? PERSON : 0) |
    (all.has("FirstName") ? FIRST_NAME : 0) |
    (all.has("Verb") ? VERB : 0) |
    (all.has("Adjective") ? ADJECTIVE : 0)
  );
}

/** Extracts the names (and the verbs and adjectives) of compromise's lexicon: word or phrase -> bits. */
export function extractGazetteer(): { version: string; entries: Record<string, number> } {
  const nlp = createRequire(import.meta.url)("compromise") as CompromiseModel;
  const { lexicon, tagSet } = nlp.model().one;
  const entries: Record<string, number> = {};
  for (const [word, tags] of Object.entries(lexicon)) {
    const bits = bitsOf(Array.isArray(tags) ? tags : [tags], tagSet);
    if (bits) entries[word] = bits;
  }
  return { version: `${FORMAT}:${nlp.version}`, entries };
}

const FILE = join(PROJECT_ROOT, ".cache", "gazetteer.json");

/** The installed compromise's version, read from its package.json without loading it. */
function compromiseVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve("compromise"));
  while (dir !== dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version: string;
      };
      if (pkg.name === "compromise") return `${FORMAT}:${pkg.version}`;
    } catch {
      // not here: go up
    }
    dir = dirname(dir);
  }
  return `${FORMAT}:unknown`;
}

/** Loads the gazetteer from .cache/, building it from compromise when missing or stale. */
export function loadGazetteer(): void {
  if (table) return;
  const version = compromiseVersion();
  try {
    const data = JSON.parse(readFileSync(FILE, "utf8")) as {
      version: string;
      entries: Record<string, number>;
    };
    if (data.version === version) {
      table = new Map(Object.entries(data.entries));
      return;
    }
  } catch {
    // missing or corrupt: rebuilt below
  }
  const data = extractGazetteer();
  table = new Map(Object.entries(data.entries));
  try {
    mkdirSync(dirname(FILE), { recursive: true });
    const tmp = `${FILE}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, FILE);
  } catch {
    // a read-only checkout still works, it just extracts again next time
  }
}

function lookup(text: string): number {
  return table?.get(text.toLowerCase().replace(/['’]s$/, "")) ?? 0;
}

/** compromise's tags for a name, cached. */
export function nameTags(text: string): NameTags {
  let tags = cache.get(text);
  if (tags) return tags;
  loadGazetteer();
  const words = text.split(/\s+/).filter(Boolean);
  let bits = lookup(text);
  if (!bits) for (const w of words) bits |= lookup(w);
  tags = {
    place: (bits & PLACE) !== 0,
    city: (bits & CITY) !== 0,
    country: (bits & COUNTRY) !== 0,
    organisation: (bits & ORG) !== 0,
    person: (bits & PERSON) !== 0,
    firstName: ((lookup(words[0] ?? "") | (words.length === 1 ? bits : 0)) & FIRST_NAME) !== 0,
  };
  if (cache.size >= 200_000) cache.clear();
  cache.set(text, tags);
  return tags;
}

/** What compromise's lexicon says of one English word's class: a verb form, an adjective. */
export function wordClass(word: string): { verb: boolean; adjective: boolean } {
  loadGazetteer();
  const bits = lookup(word);
  return { verb: (bits & VERB) !== 0, adjective: (bits & ADJECTIVE) !== 0 };
}
