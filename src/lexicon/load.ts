import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import { tokenize } from "../text/terms.js";
import { parseYaml } from "../text/yaml.js";
import "../util/zod-messages.js";
import type { Lexicon, Place } from "./types.js";

const nonEmpty = () => z.string().check(z.minLength(1));
const PlacesSchema = z.array(
  z.object({
    type: z.optional(z.enum(["city", "country", "region"])),
    en: nonEmpty(),
    de: z.optional(nonEmpty()),
    aliases: z.optional(z.array(z.string())),
  }),
);
const RolesSchema = z.object({
  en: z.array(z.string()),
  de: z.array(z.string()),
  en_prefixes: z._default(z.array(z.string()), []),
  de_prefixes: z._default(z.array(z.string()), []),
});
const DeEnSchema = z.record(z.string(), z.string());

/** The lower-case, one-space form of a name under which it is looked up. */
export function aliasKey(name: string): string {
  return tokenize(name)
    .map((t) => t.word.toLowerCase())
    .join(" ");
}

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

/** Loads places.yml, roles.yml and de-en.yml from a lexicon folder; a bad file stops with its name. */
export function loadLexicon(dir: string): Lexicon {
  const places: Place[] = readYaml(join(dir, "places.yml"), PlacesSchema).map((p) => ({
    key: p.en.toLowerCase(),
    en: p.en,
    de: p.de ?? p.en,
    aliases: p.aliases ?? [],
    type: p.type,
  }));
  const placeByAlias = new Map<string, Place>();
  for (const p of places) for (const name of [p.en, p.de, ...p.aliases]) placeByAlias.set(aliasKey(name), p);
  const roles = readYaml(join(dir, "roles.yml"), RolesSchema);
  const deToEn = new Map<string, string[]>();
  for (const [de, en] of Object.entries(readYaml(join(dir, "de-en.yml"), DeEnSchema))) {
    deToEn.set(de.toLowerCase(), en.toLowerCase().split(/\s+/).filter(Boolean));
  }
  return {
    deToEn,
    places,
    placeByAlias,
    roles: { en: roles.en, de: roles.de, prefixes: [...roles.en_prefixes, ...roles.de_prefixes] },
  };
}
