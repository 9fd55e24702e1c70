import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import { loadPlaces, type PlaceOverride, placeKey } from "../knowledge/places.js";
import { parseYaml } from "../text/yaml.js";
import "../util/zod-messages.js";
import { PlaceMap } from "./place-map.js";
import { buildTitles, NO_TITLES, type Titles } from "./titles.js";
import type { Lexicon, Place } from "./types.js";

export { placeWithin } from "./place-map.js";

const nonEmpty = () => z.string().check(z.minLength(1));
const PlacesSchema = z.array(
  z.object({
    type: z.optional(z.enum(["city", "country", "continent", "region"])),
    en: nonEmpty(),
    de: z.optional(nonEmpty()),
    aliases: z.optional(z.array(z.string())),
    country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
  }),
);
const RolesSchema = z.object({
  en: z.array(z.string()),
  de: z.array(z.string()),
  en_prefixes: z._default(z.array(z.string()), []),
  de_prefixes: z._default(z.array(z.string()), []),
});
const DeEnSchema = z.record(z.string(), z.string());
const forms = () => z.array(nonEmpty()).check(z.minLength(1));
const TitlesSchema = z.object({
  titles: z.array(
    z.object({
      de: forms(),
      en: forms(),
      direction: z.optional(z.enum(["both", "de-en", "en-de"])),
      gender: z.optional(z.enum(["m", "f"])),
    }),
  ),
  prefixes: z._default(z.array(z.object({ de: forms(), en: forms() })), []),
  heads: z._default(z.array(z.object({ de: forms(), en: z.string().check(z.regex(/\{\}/)) })), []),
  parts: z._default(z.record(z.string(), nonEmpty()), {}),
});

/** titles.yml of a lexicon folder; a folder without one translates no titles. */
function loadTitles(dir: string): Titles {
  const file = join(dir, "titles.yml");
  return existsSync(file) ? buildTitles(readYaml(file, TitlesSchema)) : NO_TITLES;
}

/** The lower-case, one-space form of a name under which it is looked up ("Mexiko-Stadt" -> "mexiko stadt"). */
export const aliasKey: (name: string) => string = placeKey;

function readYaml<T>(file: string, schema: z.ZodMiniType<T>): T {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`lexicon: cannot read ${file}: ${(err as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`lexicon: ${file}: ${issue?.path.join(".") || "(top)"}: ${issue?.message}`);
  }
  return result.data;
}

/** The entries of a lexicon folder's places.yml, as curated places to merge over the data packages'. */
export function loadCuratedPlaces(dir: string): PlaceOverride[] {
  return readYaml(join(dir, "places.yml"), PlacesSchema).map((p) => ({
    kind: p.type,
    en: p.en,
    de: p.de,
    aliases: p.aliases,
    country: p.country,
  }));
}

/**
 * Loads places.yml, roles.yml, de-en.yml and titles.yml (if there) from a lexicon folder; a bad file stops with its
 * name. The places are the data packages' (src/knowledge/places.ts, from .cache/places.json)
 * with places.yml's entries merged over them.
 */
export function loadLexicon(dir: string): Lexicon {
  const world = loadPlaces({ overrides: loadCuratedPlaces(dir) });
  const placeByAlias = new PlaceMap(world);
  let places: Place[] | undefined;
  const roles = readYaml(join(dir, "roles.yml"), RolesSchema);
  const deToEn = new Map<string, string[]>();
  for (const [de, en] of Object.entries(readYaml(join(dir, "de-en.yml"), DeEnSchema))) {
    deToEn.set(de.toLowerCase(), en.toLowerCase().split(/\s+/).filter(Boolean));
  }
  return {
    deToEn,
    // Made on first use only: a start needs none of the 4,500 places.
    get places() {
      places ??= world.all.map((info) => placeByAlias.placeOf(info));
      return places;
    },
    placeByAlias,
    roles: { en: roles.en, de: roles.de, prefixes: [...roles.en_prefixes, ...roles.de_prefixes] },
    titles: loadTitles(dir),
  };
}
