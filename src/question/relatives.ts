import type { Language } from "../text/language.js";
import type { Analyzer } from "../text/terms.js";

// Relatives a question asks about through a name ("Ida's son", "the nephew of Tarn"): such a
// question is about the son, so a sentence about Ida alone does not answer it.

/** Nouns naming a relative, English and German (alternatives of a regular expression). */
export const KIN =
  "son|sons|daughter|daughters|father|mother|parents|brother|brothers|sister|sisters|wife|husband|widow|nephew|niece|uncle|aunt|cousin|grandson|granddaughter|grandfather|grandmother|heir|successor|predecessor|sohn|tochter|vater|mutter|bruder|schwester|ehefrau|ehemann|neffe|nichte|onkel|tante|erbe|nachfolger|vorgänger";
/** The converse of a relation: "X's father" is stated as "X, son of ...". */
const CONVERSE: Record<string, string[]> = {
  son: ["father", "mother", "parents"],
  daughter: ["father", "mother", "parents"],
  father: ["son", "daughter", "child"],
  mother: ["son", "daughter", "child"],
  parents: ["son", "daughter", "child"],
  husband: ["wife"],
  wife: ["husband"],
  nephew: ["uncle", "aunt"],
  niece: ["uncle", "aunt"],
  uncle: ["nephew", "niece"],
  aunt: ["nephew", "niece"],
  grandson: ["grandfather", "grandmother"],
  granddaughter: ["grandfather", "grandmother"],
  grandfather: ["grandson", "granddaughter"],
  grandmother: ["grandson", "granddaughter"],
  successor: ["predecessor"],
  predecessor: ["successor"],
  sohn: ["vater", "mutter"],
  tochter: ["vater", "mutter"],
  vater: ["sohn", "tochter"],
  mutter: ["sohn", "tochter"],
  ehemann: ["ehefrau"],
  ehefrau: ["ehemann"],
  nachfolger: ["vorgänger"],
  vorgänger: ["nachfolger"],
};

/** "Ida's son", "Ida Roche's elder brother", "the son of Ida", "der Sohn von Ida". */
const RELATIVE_OF_NAME = new RegExp(
  `\\p{Lu}[\\p{L}.-]*['’]s?\\s+(?:\\p{Ll}+\\s+)?(${KIN})\\b|\\b(${KIN})\\s+(?:of|von|des)\\s+(?:the\\s+|der\\s+)?\\p{Lu}`,
  "gu",
);

/**
 * The relatives a question names through a name: per relative, the terms that name the relation,
 * its own first, then the converse ones ("Osric's father": "their son Osric"), leaving out a
 * converse the question uses itself ("Ida's son ... his father's refuge" says nothing of a son).
 */
export function relativesAsked(
  text: string,
  terms: readonly { term: string; word: string; entity: boolean }[],
  analyzer: Analyzer,
  language: Language,
): string[][] {
  const kin = new Set([...text.matchAll(RELATIVE_OF_NAME)].map((m) => (m[1] ?? m[2] ?? "").toLowerCase()));
  const asked = new Set(terms.map((t) => t.term));
  return terms
    .filter((t) => !t.entity && kin.has(t.word.toLowerCase()))
    .map((t) => {
      const lower = t.word.toLowerCase();
      const converse = (CONVERSE[lower] ?? CONVERSE[lower.replace(/s$/, "")] ?? [])
        .flatMap((w) => analyzer.termsOfWord(w, language))
        .filter((c) => !asked.has(c));
      return [t.term, ...converse];
    });
}
