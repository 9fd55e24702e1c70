import type { Corpus, Sentence } from "../corpus/types.js";
import type { Lexicon } from "../lexicon/types.js";
import type { CorpusStats } from "../retrieval/index.js";
import { nameTags } from "../text/gazetteer.js";
import { OwnerCache } from "../util/owner-cache.js";
import { isCalendarWord } from "./values.js";

/** What kind of thing a name names. */
export type NameKind = "person" | "place" | "organisation" | "other";

/** A proper name found in a sentence; offsets are relative to the sentence text. */
export interface NameSpan {
  text: string;
  start: number;
  end: number;
  kind: NameKind;
}

/** What name finding needs to know about the corpus. */
export interface NameContext {
  stats: CorpusStats;
  lexicon: Lexicon;
  /** Lower-case names (and surnames) seen with a person cue in the article at hand. */
  people: Set<string>;
  /** Lower-case words of role titles ("chief", "officer", "geschäftsführer"). */
  roleWords: Set<string>;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}&.'’-]*/gu;
/** Last words of company and institution names ("Velmora Robotics", "Northwind Capital"). */
const ORG_WORDS =
  "inc|corp|corporation|ltd|llc|plc|gmbh|ag|group|holdings|motor|motors|industries|services|systems|technologies|labs|bank|connected|foundation|university|institute|agency|ministry|council|company|partners|robotics|logistics|capital|imports|exports|analytics|ventures|networks|software|solutions|airlines|airways|media|studios|pharmaceuticals|therapeutics|energy|foods|electronics|semiconductors|dynamics|aerospace|automotive|insurance|investments|securities|telecom|construction|engineering|architects|associates|consulting|builders|brothers|trust";
const ORG_SUFFIX = new RegExp(`\\b(?:${ORG_WORDS})\\.?$`, "i");
const ORG_WORD = new RegExp(`^(?:${ORG_WORDS})$`, "i");
const ORG_CUE_BEFORE =
  /\b(?:company|companies|firm|firms|giants?|manufacturer|maker|conglomerate|startup|partner|partners|rival|carrier|operator|bank|group|lab|unternehmen|firma|konzern|hersteller)\s+$/i;
/** Kinds of place named right after: "the city of Velmora", "the river Ashkel", "die Stadt X". */
const PLACE_CUE_BEFORE =
  /\b(?:city|town|village|port|island|province|region|county|district|river|lake|valley|mountain|citadel|fortress|capital|kingdom|duchy|Stadt|Dorf|Insel|Provinz|Region|Fluss|Hauptstadt)\s+(?:of\s+)?$|\b(?:in|across|throughout|im)\s+(?:northern|southern|eastern|western|central|north|south|east|west|north-eastern|north-western|south-eastern|south-western|nördlichen|südlichen|östlichen|westlichen)\s+$/i;

/** A kind of place in apposition right after a name: "Telgard, a city on the river Olm". */
const PLACE_CUE_AFTER =
  /^,\s+(?:a|an|the)\s+(?:\p{L}+\s+)?(?:city|town|village|port|capital|island|province|region|county|district|country|kingdom)\b/iu;

/** Kinship words and marrying: the name right after one is a person ("her nephew Tobin de Marvel"). */
const KIN_CUE_BEFORE =
  /\b(?:married|marries|marry|wed|weds|heiratete|son|daughter|wife|husband|brother|sister|father|mother|nephew|niece|uncle|aunt|cousin|widow|heir|grandson|granddaughter|Sohn|Tochter|Ehefrau|Ehemann|Bruder|Schwester|Vater|Mutter|Neffe|Nichte|Onkel|Tante|Witwe|Erbe)\s+$/i;
function compromiseKind(name: string): NameKind | undefined {
  const tags = nameTags(name);
  if (tags.place) return "place";
  if (tags.organisation) return "organisation";
  if (tags.person || tags.firstName) return "person";
  return undefined;
}

/** True when compromise's gazetteer knows the word as a city or country ("Toronto", "paris"). */
export function isKnownPlace(word: string): boolean {
  const tags = nameTags(word);
  return tags.city || tags.country;
}

const NATIONALITY = /^(\p{L}{3,}?)(?:ese|ean|ian|an|ish|i)$/iu;

/**
 * The country or city a nationality word is formed from ("Italian" -> Italy, "Maltese" ->
 * Malta, "Kenyan" -> Kenya), when the place table or the gazetteer knows it.
 */
export function placeOfNationality(word: string, lexicon: Lexicon): string | undefined {
  const base = NATIONALITY.exec(word)?.[1];
  const forms = base ? [base, `${base}a`, `${base}e`, `${base}y`, `${word}y`] : [`${word}y`];
  for (const form of forms) {
    const name = form.charAt(0).toUpperCase() + form.slice(1).toLowerCase();
    if (lexicon.placeByAlias.has(form.toLowerCase()) || isKnownPlace(name)) return name;
  }
  return undefined;
}

/**
 * A place's level: the place table's kind when it has the place, else whether compromise knows
 * it as a city, a country, or neither (a region, a continent).
 */
export function placeLevel(name: string, lexicon: Lexicon): "city" | "country" | "continent" | "region" {
  const place = lexicon.placeByAlias.get(name.toLowerCase());
  if (place?.type) return place.type;
  const tags = nameTags(place?.en ?? name);
  if (tags.city) return "city";
  if (tags.country) return "country";
  // Known as a place but neither (a continent, a region); unknown names are taken as towns.
  return tags.place ? "region" : "city";
}

/** Regnal numbers and generational suffixes: "Aldric II", "Tom Brandt Jr". */
const NAME_SUFFIX = /^(?:[IVX]+|Jr|Sr|Junior|Senior)\.?$/;

/** A name's words and, taken off its end, its regnal number or suffix ("Osric III" -> ["Osric"], "III"). */
function splitSuffix(name: string): { words: string[]; number: string } {
  const words = name.trim().split(/\s+/);
  const suffix: string[] = [];
  while (words.length > 1 && NAME_SUFFIX.test(words[words.length - 1] as string))
    suffix.unshift(words.pop() as string);
  return { words, number: suffix.join(" ") };
}

/**
 * What tells people apart: the word a person is referred to by alone, their given name and
 * regnal number when written ("Lord Tarn" and "Lady Tarn", "Osric I" and "Osric II" are two
 * people). A leading job title is left out ("King Osric II" is "Osric II").
 */
export function personParts(
  name: string,
  roleWords: Set<string>,
): { surname: string; given: string; number: string } {
  const { words, number } = splitSuffix(splitTitle(name.trim(), roleWords).name);
  return {
    surname: (words[words.length - 1] as string).toLowerCase(),
    given: words.length > 1 ? (words[0] as string).toLowerCase() : "",
    number: number.toLowerCase().replace(/\./g, ""),
  };
}

/**
 * The word a person is referred to by alone: the last word of the name, leaving out a regnal
 * number or a suffix ("Osric III" -> "Osric", "Maria Okafor" -> "Okafor").
 */
export function surnameOf(name: string): string {
  const { words } = splitSuffix(name);
  return words[words.length - 1] as string;
}

/** Lower-case words inside names ("Tobin de Marvel", "Anna von der Heide"). */
const PARTICLES = new Set([
  "de",
  "la",
  "le",
  "del",
  "della",
  "di",
  "da",
  "du",
  "van",
  "von",
  "der",
  "den",
  "ter",
  "bin",
  "ibn",
  "al",
]);

/** True when a word can be part of a name here (capitalised and not an ordinary word). */
/** Forms of address before a name ("Dr. Ida Roche"): not names themselves. */
const HONORIFIC = /^(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|Herr|Frau)$/;

function isNameWord(word: string, sentenceStart: boolean, language: string, ctx: NameContext): boolean {
  if (!/^\p{Lu}/u.test(word) || HONORIFIC.test(word)) return false;
  const lower = word.toLowerCase().replace(/['’]s$/, "");
  if (/^\p{Lu}[\p{Lu}\d&-]+$/u.test(word) || /\p{Ll}\p{Lu}/u.test(word) || /\d/.test(word)) return true;
  if (ctx.stats.nameWords.has(lower) || ctx.lexicon.placeByAlias.has(lower) || ctx.people.has(lower))
    return true;
  if (ctx.stats.lowerSeen.has(lower)) return false;
  if (language === "de") return compromiseKind(word) !== undefined;
  return !sentenceStart;
}

/** Splits a leading role title off a name: "Prime Minister Jane Doe" -> ["Prime Minister", "Jane Doe"]. */
export function splitTitle(name: string, roleWords: Set<string>): { title: string; name: string } {
  const words = name.split(/\s+/);
  // Everything up to the last role word is the title: "Acme CEO Jane Doe", "German Prime Minister X".
  let i = words.length - 1;
  while (i > 0 && !roleWords.has((words[i - 1] as string).toLowerCase())) i--;
  return { title: words.slice(0, i).join(" "), name: words.slice(i).join(" ") };
}

/** Finds the proper names of a sentence (runs of name words), unclassified. */
export function findNameRuns(sentence: Pick<Sentence, "text" | "language">, ctx: NameContext): NameSpan[] {
  const text = sentence.text;
  const words = [...text.matchAll(WORD)].map((m) => {
    // "Oslo-based": the name is Oslo (classifyName reads the suffix as a place cue).
    let word = m[0].replace(/[.'’-]+$/, "").replace(/-(?:based|born|headquartered)$/i, "");
    const possessive = /['’]s$/.test(word);
    if (possessive) word = word.slice(0, -2);
    return {
      word,
      start: m.index,
      end: m.index + word.length,
      possessive,
      stop: /[,;:)(]/.test(text[m.index + m[0].length] ?? ""),
    };
  });
  /** Only white space between two offsets: the words are adjacent. */
  const adjacent = (end: number, start: number) => /^\s+$/.test(text.slice(end, start));
  /** Word i is a particle (or particles) followed by a capitalised name word. */
  const joinsName = (i: number): boolean => {
    const w = words[i];
    const next = words[i + 1];
    if (!w || !next || !PARTICLES.has(w.word) || !adjacent(w.end, next.start)) return false;
    return /^\p{Lu}/u.test(next.word)
      ? isNameWord(next.word, false, sentence.language, ctx)
      : joinsName(i + 1);
  };
  /** The word before a position is a role title: "the chronicler |Ida". */
  const titledBefore = (start: number): boolean => {
    const before = /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1];
    return before !== undefined && ctx.roleWords.has(before.toLowerCase());
  };
  const runs: NameSpan[] = [];
  let current: NameSpan | undefined;
  words.forEach((w, i) => {
    const atStart = i === 0 || afterSentenceEnd(text, w.start);
    let ok = w.word.length > 0 && isNameWord(w.word, atStart, sentence.language, ctx);
    const next = words[i + 1];
    const ordinary = ctx.stats.lowerSeen.has(w.word.toLowerCase());
    if (!ok && !ordinary && /^\p{Lu}/u.test(w.word) && next && /^\p{Lu}/u.test(next.word)) {
      // A word that is only a name together with the next one: "San Francisco" in a German sentence.
      ok =
        compromiseKind(`${w.word} ${next.word}`) === "place" ||
        ctx.lexicon.placeByAlias.has(`${w.word} ${next.word}`.toLowerCase());
    }
    if (
      !ok &&
      atStart &&
      next &&
      /^\p{Lu}/u.test(next.word) &&
      adjacent(w.end, next.start) &&
      nameTags(w.word).firstName
    ) {
      // A first name opening a sentence, before a capitalised word: "William Finch, a baker, ...".
      ok = true;
    }
    if (
      !ok &&
      /^\p{Lu}/u.test(w.word) &&
      ctx.roleWords.has(w.word.toLowerCase()) &&
      next &&
      adjacent(w.end, next.start) &&
      isNameWord(next.word, false, sentence.language, ctx)
    ) {
      // A capitalised title before a name starts it: "King Osric III" (splitTitle takes it off).
      ok = true;
    }
    // "of" or "the" between a one-word name and the next word, all adjacent.
    const bridges = (link: string) =>
      current !== undefined &&
      w.word === link &&
      next !== undefined &&
      !current.text.includes(" ") &&
      adjacent(current.end, w.start) &&
      adjacent(w.end, next.start);
    if (
      !ok &&
      current &&
      next &&
      bridges("of") &&
      isNameWord(next.word, false, sentence.language, ctx) &&
      !ctx.lexicon.placeByAlias.has(next.word.toLowerCase()) &&
      !isKnownPlace(next.word) &&
      (nameTags(current.text).firstName || titledBefore(current.start))
    ) {
      // A first name, or a name after a title, with a byname of an unknown place: "Thomas of
      // Rellwick", "the chronicler Ida of Sunn" (but "Henry of England" stays a person and a country).
      ok = true;
    }
    if (
      !ok &&
      current &&
      next &&
      w.word === "of" &&
      adjacent(current.end, w.start) &&
      adjacent(w.end, next.start) &&
      ORG_HEAD.test(current.text.split(/\s+/).pop() as string) &&
      /^\p{Lu}/u.test(next.word)
    ) {
      // An institution of a place or a field: "University of Turin", "Bank of Velmora".
      ok = true;
    }
    if (
      !ok &&
      next &&
      bridges("the") &&
      EPITHET.test(next.word) &&
      !/^\s+\p{Lu}/u.test(text.slice(next.end, next.end + 2))
    ) {
      // An epithet: "Aldo the Red", "Ida the Younger".
      ok = true;
    }
    if (
      !ok &&
      current &&
      adjacent(current.end, w.start) &&
      joinsName(i) &&
      !ctx.roleWords.has((current.text.split(/\s+/).pop() as string).toLowerCase())
    ) {
      // A particle inside a name: "Tobin de Marvel", "Ida de la Roche" (but "Sprecher von
      // Velmora" is a title and an organisation).
      ok = true;
    }
    if (
      !ok &&
      atStart &&
      next &&
      adjacent(w.end, next.start) &&
      /^\p{Lu}/u.test(w.word) &&
      /^\p{Lu}/u.test(next.word) &&
      ORG_WORD.test(next.word)
    ) {
      // A sentence that opens with a company's name: "Northwind Capital closed ...".
      ok = !ctx.stats.lowerSeen.has(w.word.toLowerCase()) || ctx.stats.nameWords.has(w.word.toLowerCase());
    }
    if (
      !ok &&
      current &&
      adjacent(current.end, w.start) &&
      /^\p{Lu}/u.test(w.word) &&
      ORG_WORD.test(w.word)
    ) {
      // A company word after a name ends the company's name: "Velmora Robotics", though the
      // articles also write "robotics".
      ok = true;
    }
    const ampersand = current !== undefined && /^\s*&\s*$/.test(text.slice(current.end, w.start));
    if (!ok && ampersand && /^\p{Lu}/u.test(w.word) && !ctx.stats.lowerSeen.has(w.word.toLowerCase())) {
      // "&" between two names joins a firm's name: "Askew & Jay".
      ok = true;
    }
    if (!ok && current && /^\p{Lu}/u.test(w.word) && adjacent(current.end, w.start)) {
      // A capitalised word after a first name is its surname: "Tobin Jay".
      ok = nameTags(current.text.split(/\s+/).pop() as string).firstName;
    }
    if (ok && current && (adjacent(current.end, w.start) || ampersand)) {
      current.end = w.end;
      current.text = text.slice(current.start, current.end);
    } else if (ok) {
      current = { text: w.word, start: w.start, end: w.end, kind: "other" };
      runs.push(current);
    } else current = undefined;
    if (w.possessive || w.stop) current = undefined;
  });
  return runs;
}

/** Decides whether a name is a person, a place, an organisation or something else. */
export function classifyName(
  name: string,
  context: { before: string; after: string },
  ctx: NameContext,
): NameKind {
  const lower = name.toLowerCase();
  const last = surnameOf(name).toLowerCase();
  if (ctx.people.has(lower) || (name.includes(" ") && ctx.people.has(last))) return "person";
  if (ctx.lexicon.placeByAlias.has(lower)) return "place";
  if (/^-(?:based|born|headquartered)\b/i.test(context.after)) return "place";
  if (/ of /.test(name) && ORG_HEAD.test(name.split(/\s+/)[0] as string)) return "organisation";
  if (ORG_SUFFIX.test(name) || ORG_CUE_BEFORE.test(context.before)) return "organisation";
  if (KIN_CUE_BEFORE.test(context.before)) return "person";
  if (/\b(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|Herr|Frau)\.?\s+$/.test(context.before)) return "person";
  if (/\sthe\s/.test(name) && EPITHET.test(name.split(/\s+/).pop() as string)) return "person";
  if (PLACE_CUE_BEFORE.test(context.before) || PLACE_CUE_AFTER.test(context.after)) return "place";
  const kind = compromiseKind(name);
  // A one-word "first name" the articles also write in the plural is a people or an adjective:
  // "the Velmarans", "Velmaran castles".
  if (kind === "person" && !name.includes(" ") && ctx.stats.wordFreq.has(`${lower}s`)) return "other";
  if (kind) return kind;
  if (/^\p{Lu}[\p{Lu}\d&-]+$/u.test(name) || /\p{Ll}\p{Lu}/u.test(name)) return "organisation";
  return "other";
}

const AS_ROLE =
  /^\s+(?:\p{Ll}+\s+){0,4}(?:as|als)\s+(?:the\s+|its\s+|a\s+|an\s+|der\s+|neuer\s+)?(?:new\s+|former\s+)?(\p{L}[\p{L} -]{1,40}?)\b/u;
const PERSON_AFTER =
  /^\s*,?\s*(?:the\s+|a\s+|der\s+|die\s+)?(?:former\s+|then\s+|new\s+|ehemals\s+|ehemalige[rn]?\s+)?(\p{L}[\p{L} -]{1,40}?)\b/u;

/**
 * Collects the names that some sentence marks as a person: a role title right before
 * ("CEO Jane Doe", "Geschäftsführer Max Muster"), a role right after ("X, the former president
 * of ..."), "X said", or compromise's first-name list. Their surnames count too, so "Paris’s
 * role" is read as the person (Jane Paris), not the city.
 */
export function collectPeople(sentences: Sentence[], ctx: Omit<NameContext, "people">): Set<string> {
  const people = new Set<string>();
  const probe: NameContext = { ...ctx, people };
  for (const s of sentences) {
    for (const run of findNameRuns(s, probe)) {
      const { title, name } = splitTitle(run.text, ctx.roleWords);
      const after = s.text.slice(run.end, run.end + 60);
      const roleAfter = PERSON_AFTER.exec(after)?.[1]
        ?.split(/\s+/)
        .some((w) => ctx.roleWords.has(w.toLowerCase()));
      const said = /^\s+(?:said|says|told|explained|added|sagte|erklärte)\b/.test(after);
      // "X has been welcomed as the president", "X was named as CEO", "X joins as head".
      const roleAs = AS_ROLE.exec(after)?.[1]
        ?.split(/\s+/)
        .some((w) => ctx.roleWords.has(w.toLowerCase()));
      // A first name makes a person, unless the rest is a place: "Wayne County" is a region.
      const words = name.split(/\s+/);
      const firstName =
        nameTags(words[0] as string).firstName && !isKnownPlace(words[words.length - 1] as string);
      const kin = KIN_CUE_BEFORE.test(s.text.slice(Math.max(0, run.start - 30), run.start));
      // A name of one word is a person only with a cue of its own: a title or kinship word before
      // it, "said" after it, or a role in apposition ("Ida, the Mayor of ..."; not "the
      // Velmaran duke", where the word describes the role).
      // A title followed by another name is that name's title: "in Bergen, CEO Ida Roche said".
      const ownRole = roleAfter && !roleTitleOfNext(after, ctx.roleWords);
      const apposition = ownRole && /^\s*,/.test(after);
      if (!name.includes(" ") && !(title || apposition || said || kin)) continue;
      // Companies say things too: a one-word name shaped like a company's ("VelmoraAI", "NRF") is
      // a person only with a title or kinship word of its own.
      if (!name.includes(" ") && ORG_SHAPED.test(name) && !(title || kin)) continue;
      if (title || ownRole || roleAs || said || firstName || kin) {
        people.add(name.toLowerCase());
        if (name.includes(" ")) people.add(surnameOf(name).toLowerCase());
      }
    }
  }
  return people;
}

/** True when the words after ", " are a role directly followed by a capitalised name. */
function roleTitleOfNext(after: string, roleWords: Set<string>): boolean {
  const words = after
    .replace(/^\s*,\s*/, "")
    .split(/\s+/)
    .slice(0, 5);
  for (let i = 0; i + 1 < words.length; i++) {
    const w = (words[i] as string).toLowerCase();
    if (
      roleWords.has(w) &&
      /^\p{Lu}\p{Ll}/u.test(words[i + 1] as string) &&
      !roleWords.has((words[i + 1] as string).toLowerCase())
    )
      return true;
    if (!roleWords.has(w) && !/^(?:the|a|an|der|die|new|former)$/i.test(w)) return false;
  }
  return false;
}

/** Words that head an institution's name before "of": "University of Turin". */
const ORG_HEAD =
  /^(?:University|Institute|College|School|Academy|Bank|Ministry|Department|Council|Museum|Church|Order|Society|Association|Federation|Board|Court)$/;

/** Epithets written after "the" in a name: "Aldo the Red", "Ida the Great". */
const EPITHET =
  /^(?:Red|Black|White|Fair|Bold|Great|Good|Wise|Pious|Younger|Elder|Old|Young|Conqueror|Confessor|Unready|Lionheart|Lion-hearted|Magnificent|Just|Cruel|Lame|Tall|Short|Fat|Simple)$/;

/** Capitals inside a word or all capitals: how company names are written ("VelmoraAI", "NRF"). */
const ORG_SHAPED = /^\p{Lu}[\p{Lu}\d&-]+$|\p{Ll}\p{Lu}/u;

const COORDINATION = /^\s*(?:,|,?\s*(?:and|und|or|oder|&))\s*$/i;
const KIND_RANK: Record<NameKind, number> = { place: 3, organisation: 2, other: 1, person: 0 };

/**
 * Names written as one enumeration ("Hooli, Vandelay and Wayne Data"; "Austin and Toronto")
 * name things of one kind: members take the kind most of them have, places and organisations
 * winning ties over people (a first name like "Wayne" misleads more often than a city does).
 */
function harmoniseEnumerations(names: NameSpan[], text: string): NameSpan[] {
  let start = 0;
  for (let i = 1; i <= names.length; i++) {
    const prev = names[i - 1] as NameSpan;
    const cur = names[i];
    if (cur && COORDINATION.test(text.slice(prev.end, cur.start))) continue;
    const group = names.slice(start, i);
    if (group.length >= 2) {
      const counts = new Map<NameKind, number>();
      for (const n of group) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
      const kind = [...counts].sort((a, b) => b[1] - a[1] || KIND_RANK[b[0]] - KIND_RANK[a[0]])[0]?.[0];
      for (const n of group) if (kind && (kind !== "other" || n.kind === "person")) n.kind = kind;
    }
    start = i;
  }
  return names;
}

const articlePeople = new OwnerCache<NameContext, number, NameContext>(20_000);

/**
 * The name context for the sentences of one article: its people are the names that article
 * marks as persons (so "Paris’s role" is the person its earlier sentence named, not the
 * city). Computed on first use per article, so start-up does not pay for every article.
 */
export function namesForArticle(base: NameContext, corpus: Corpus, article: number): NameContext {
  return articlePeople.get(base, article, () => {
    const sentences = (corpus.articles[article]?.sentences ?? []).map(
      (id) => corpus.sentences[id] as Sentence,
    );
    return { ...base, people: collectPeople(sentences, base) };
  });
}

const OPENING_QUOTES = new Set(["“", '"', "„"]);
const WHITE = /\s/;

/**
 * Whether `text` before `end` closes a sentence: a full stop, question or exclamation mark or
 * colon, then white space and perhaps an opening quote, as /[.!?:]\s*[“"„]?$/ tests the text
 * before `end`, read backwards from `end` (testing the prefix at every word cost the square of a
 * sentence's length).
 */
export function afterSentenceEnd(text: string, end: number): boolean {
  let k = end - 1;
  if (k >= 0 && OPENING_QUOTES.has(text[k] as string)) k--;
  while (k >= 0 && WHITE.test(text[k] as string)) k--;
  return k >= 0 && ".!?:".includes(text[k] as string);
}

/** The names of a sentence, classified. */
export function findNames(sentence: Pick<Sentence, "text" | "language">, ctx: NameContext): NameSpan[] {
  const runs = findNameRuns(sentence, ctx).filter((run) =>
    run.text.split(/\s+/).some((w) => !ctx.roleWords.has(w.toLowerCase())),
  );
  const named = runs.filter(
    // A month or a weekday is not a name, nor is a nationality used as an adjective: "the
    // Danish retailer Coop Nord".
    (run) =>
      !isCalendarWord(run.text) &&
      (run.text.includes(" ") ||
        !/^\s+\p{Ll}/u.test(sentence.text.slice(run.end)) ||
        !(
          placeOfNationality(run.text, ctx.lexicon) ||
          (/(?:ish|ese|ian|ean)$/.test(run.text) && !nameTags(run.text).firstName)
        )),
  );
  const names = named.map((run) => {
    const { title, name } = splitTitle(run.text, ctx.roleWords);
    const start = run.start + (title ? run.text.indexOf(name, title.length) : 0);
    const span = { text: name, start, end: start + name.length, kind: "other" as NameKind };
    span.kind = title
      ? "person"
      : classifyName(
          name,
          { before: sentence.text.slice(0, start), after: sentence.text.slice(span.end) },
          ctx,
        );
    return span;
  });
  return harmoniseEnumerations(names, sentence.text);
}
