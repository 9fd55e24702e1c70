import { createRequire } from "node:module";
import type snowballStemmers from "snowball-stemmers";
import { stemmer as porter } from "stemmer";
import type { Lexicon } from "../lexicon/types.js";
import type { Language } from "./language.js";
import { isStopword, STOPWORDS } from "./stopwords.js";
import { type Token, tokenize } from "./tokenize.js";

export { type Token, tokenize };

type Stemmer = ReturnType<(typeof snowballStemmers)["newStemmer"]>;
let germanStemmer: Stemmer | undefined;
/**
 * Snowball's German stemmer, loaded on first use: the package holds every Snowball language and
 * its loading is start-up time spent only when German text is analysed.
 */
function german(): Stemmer {
  germanStemmer ??= (
    createRequire(import.meta.url)("snowball-stemmers") as typeof snowballStemmers
  ).newStemmer("german");
  return germanStemmer;
}
/** Irregular English forms a stemmer cannot join to their base ("led" -> "lead"). */
const IRREGULAR: Record<string, string> = Object.fromEntries(
  (
    "led:lead ran:run began:begin begun:begin met:meet rose:rise risen:rise grew:grow grown:grow " +
    "bought:buy sold:sell took:take taken:take made:make held:hold became:become won:win left:leave " +
    "brought:bring spent:spend paid:pay told:tell chose:choose chosen:choose built:build sought:seek " +
    "thought:think hired:hire founded:found founding:found founder:found founders:found fell:fall " +
    "fallen:fall fought:fight gave:give given:give went:go gone:go came:come saw:see seen:see " +
    "knew:know known:know wrote:write written:write spoke:speak spoken:speak drove:drive driven:drive " +
    "rode:ride fled:flee struck:strike stood:stand sent:send lost:lose kept:keep felt:feel fed:feed " +
    "slew:slay slain:slay swore:swear sworn:swear broke:break broken:break bore:bear born:bear " +
    "wore:wear worn:wear threw:throw thrown:throw caught:catch taught:teach dealt:deal meant:mean " +
    "heard:hear sat:sit stole:steal stolen:steal hid:hide hidden:hide froze:freeze shook:shake " +
    "forgave:forgive overthrew:overthrow overthrown:overthrow undertook:undertake withdrew:withdraw " +
    "arose:arise arisen:arise bent:bend bound:bind drew:draw drawn:draw ate:eat eaten:eat flew:fly " +
    "flown:fly got:get gotten:get hung:hang lent:lend rang:ring sang:sing sank:sink shot:shoot " +
    "slid:slide spun:spin sprang:spring stuck:stick strove:strive swam:swim swept:sweep swung:swing " +
    "tore:tear torn:tear understood:understand wove:weave woven:weave wept:weep married:marry " +
    "marriage:marry marriages:marry died:die dies:die dying:die men:man women:woman children:child "
  )
    .trim()
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);
const MAX_PLACE_WORDS = 4;

/**
 * One stem for a German verb's forms, which Snowball's German stemmer leaves apart: it strips
 * "-en" and "-e" but not the "-t"/"-et" of the present, past and participle, nor the
 * participle's "ge-" ("gespendet", "spendete", "spenden" -> "spend"; "gebaut", "baute" -> "bau").
 * `stem` is Snowball's stem of `word`; what is left is at least three letters.
 */
export function verbBase(word: string, stem: string): string {
  let base = stem;
  if (word.length >= 6 && word.startsWith("ge") && /(?:t|en)$/.test(word))
    base = german().stem(word.slice(2));
  const cut = /et$/.test(base) ? 2 : /[^aeiouäöü]t$|[aeiouäöü]ut$/.test(base) ? 1 : 0;
  return cut && base.length - cut >= 3 ? base.slice(0, -cut) : base;
}

/**
 * Maps words of either language to one shared set of terms, so that a German question finds an
 * English sentence and the other way round: place names through the place table (München -> munich),
 * German words through the bilingual lexicon, then English (Porter) stemming. German words the
 * lexicon lacks are German-stemmed, then Porter-stemmed, which also joins most cognates
 * ("internationalen" and "international" both become "intern").
 */
export class Analyzer {
  private readonly cacheEn = new Map<string, readonly string[]>();
  private readonly cacheDe = new Map<string, readonly string[]>();
  /** German word -> English terms, as the lexicon lists them. */
  private readonly deLexicon = new Map<string, string[]>();
  /** The same under the German stems of the listed words, built on first German text. */
  private deStems: Map<string, string[]> | undefined;
  /**
   * First words of the multi-word place names as typed (lower case, capitalised, upper case:
   * "new", "New", "NEW" of "new york city") -> the second words that follow them, lower case.
   */
  private readonly phraseNext = new Map<string, Set<string>>();

  constructor(readonly lexicon: Lexicon) {
    for (const alias of lexicon.placeByAlias.keys()) {
      if (!alias.includes(" ")) continue;
      const [first, second] = alias.split(" ") as [string, string];
      for (const form of [first, first.charAt(0).toUpperCase() + first.slice(1), first.toUpperCase()]) {
        const next = this.phraseNext.get(form) ?? new Set<string>();
        next.add(second);
        this.phraseNext.set(form, next);
      }
    }
    for (const [de, en] of lexicon.deToEn) {
      this.deLexicon.set(
        de,
        en.flatMap((w) => (STOPWORDS.has(w) ? [] : [porter(w)])),
      );
    }
  }

  private roleWordSet: Set<string> | undefined;

  /** The words of the lexicon's job titles and roles, lower case ("chief", "ceo", "präsident"). */
  get roleWords(): Set<string> {
    this.roleWordSet ??= new Set(
      [...this.lexicon.roles.en, ...this.lexicon.roles.de].flatMap((r) => r.toLowerCase().split(/\s+/)),
    );
    return this.roleWordSet;
  }

  /** True when the bilingual lexicon lists a German word, in any inflected form ("Büros"). */
  isGermanWord(word: string): boolean {
    const lower = word.toLowerCase().normalize("NFC");
    if (this.deLexicon.has(lower)) return true;
    const stem = german().stem(lower);
    return this.deLexicon.has(stem) || this.germanStems().has(stem);
  }

  private germanStems(): Map<string, string[]> {
    if (!this.deStems) {
      this.deStems = new Map();
      for (const [de, terms] of this.deLexicon) {
        const stem = german().stem(de);
        if (!this.deLexicon.has(stem) && !this.deStems.has(stem)) this.deStems.set(stem, terms);
      }
    }
    return this.deStems;
  }

  /** The terms of one word (none for a stop word, several for a compound the lexicon splits). */
  termsOfWord(word: string, language: Language): readonly string[] {
    const cache = language === "de" ? this.cacheDe : this.cacheEn;
    let terms = cache.get(word);
    if (terms) return terms;
    terms = this.computeTerms(word, language);
    if (cache.size > 200_000) cache.clear();
    cache.set(word, terms);
    return terms;
  }

  private computeTerms(word: string, language: Language): readonly string[] {
    let lower = word.toLowerCase().normalize("NFC");
    if (/^\p{N}/u.test(lower)) return [lower.replace(/,/g, ".")];
    lower = lower.replace(/['’]s$/, "").replace(/['’]/g, "");
    if (isStopword(lower, language) || lower.length < 2) return [];
    const place = this.lexicon.placeByAlias.get(lower);
    if (place) return [place.key];
    if (language === "de" || this.deLexicon.has(lower)) {
      const direct = this.deLexicon.get(lower);
      if (direct) return direct;
      if (language === "de") {
        const stem = german().stem(lower);
        const base = verbBase(lower, stem);
        const viaStem =
          this.deLexicon.get(stem) ?? this.germanStems().get(stem) ?? this.germanStems().get(base);
        if (viaStem) return viaStem;
        return [porter(base)];
      }
    }
    return [porter(IRREGULAR[lower] ?? lower)];
  }

  /** The terms of a text, in order, with multi-word place names joined into one term. */
  terms(text: string, language: Language): string[] {
    return this.termsOfTokens(tokenize(text), language).map((t) => t.term);
  }

  /** Like `terms`, keeping each term's position in the token list. */
  termsOfTokens(tokens: Token[], language: Language): { term: string; token: number }[] {
    const out: { term: string; token: number }[] = [];
    const words = tokens.map((t) => t.word);
    for (let i = 0; i < tokens.length; i++) {
      const phrase = this.placeAt(words, i);
      if (phrase) {
        out.push({ term: phrase.key, token: i });
        i += phrase.length - 1;
        continue;
      }
      for (const term of this.termsOfWord((tokens[i] as Token).word, language)) out.push({ term, token: i });
    }
    return out;
  }

  /** True when a word can begin a place name of several words ("New"). */
  startsPlace(word: string): boolean {
    return this.phraseNext.has(word);
  }

  /** The place name of several words that begins at word i, if any ("New York City"). */
  placeAt(words: readonly string[], i: number): { key: string; length: number } | undefined {
    const first = words[i] as string;
    // Place names start with a capital or are typed in lower case; skip the rest cheaply.
    const second = words[i + 1];
    if (second === undefined || !this.phraseNext.get(first)?.has(second.toLowerCase())) return undefined;
    for (let n = Math.min(MAX_PLACE_WORDS, words.length - i); n >= 2; n--) {
      const phrase = words
        .slice(i, i + n)
        .map((w) => w.toLowerCase())
        .join(" ");
      const place = this.lexicon.placeByAlias.get(phrase);
      if (place) return { key: place.key, length: n };
    }
    return undefined;
  }
}
