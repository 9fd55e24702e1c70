import { isKnownPlace } from "../answer/names.js";
import type { MeasureAdjective } from "../answer/values.js";
import type { AnswerType } from "../intents/types.js";
import type { CorpusStats } from "../retrieval/index.js";
import { nameTags } from "../text/gazetteer.js";
import { detectLanguage, type Language } from "../text/language.js";
import { stripSlackMarkup } from "../text/slack-markup.js";
import { STOPWORDS } from "../text/stopwords.js";
import { type Analyzer, type Token, tokenize } from "../text/terms.js";
import { isEnglishWord } from "./dictionary.js";
import { relativesAsked } from "./relatives.js";
import { correctWord } from "./typos.js";

/** Longest question the bot reads; the rest is cut before any work. */
export const MAX_QUESTION_CHARS = 500;

/** One content term of a question. */
export interface QuestionTerm {
  term: string;
  /** The word as typed (after typo correction). */
  word: string;
  /** A name, place or figure: the evidence must contain it. */
  entity: boolean;
  /** Index of the word it came from: adjacent name words form one name ("Maria Okafor"). */
  token: number;
}

/** What the bot reads out of a question before looking for its answer. */
export interface QuestionAnalysis {
  /** The text as received. */
  raw: string;
  /** Plain text: Slack markup removed, white space folded, cut to MAX_QUESTION_CHARS. */
  text: string;
  language: Language;
  /** The expected answer type from the question's wording, when it says. */
  answerType: AnswerType | undefined;
  /** The question asks for several items ("which companies", "where are the offices"). */
  list: boolean;
  terms: QuestionTerm[];
  /** Names, places and figures as written in the question. */
  entities: string[];
  /** For "who is X?" / "what is X?": X. */
  subject?: string;
  /** The term of the noun that names the answer's kind ("which *companies*"): the answer itself meets it. */
  typeNoun?: string;
  /** Terms a sentence may lack at a small cost: the verb of "how long did it take?", "price". */
  softTerms?: string[];
  /**
   * Terms a sentence may lack at no cost, which count when it has them: light verbs ("go up
   * against", "became king") and a frame's verb ("take place", "located").
   */
  optionalTerms?: string[];
  /** For "how long / tall / heavy ...?" (and "wie lang ..."): the adjective, in English. */
  measure?: MeasureAdjective;
  /**
   * A relative named through a name ("Ida's son", "the nephew of Tarn"): the question is about
   * the son, so a sentence about Ida alone does not answer it. Per relative, the terms that
   * name the relation: its own, or the converse one ("Osric's father": "their son Osric").
   */
  relatives?: string[][];
}

/**
 * Light verbs: their meaning is in the words around them ("go up against", "became king",
 * "take part"), and an article says the same with another verb ("led ... against", "took the
 * title of king"). A sentence without one neither gains nor loses.
 */
const LIGHT_VERB =
  /^(?:go|goes|went|gone|going|get|gets|got|gotten|getting|come|comes|came|coming|become|becomes|became|becoming|take|takes|took|taken|taking|give|gives|gave|given|giving)$/i;

/** "When did X take place / happen / occur?" */
const EVENT_FRAME = /\b(?:take|took|taken|takes) place\b|\b(?:happen|happened|occur|occurred)\W*$/;
const EVENT_WORD = /^(?:place|happen|happened|occur|occurred)$/i;

/** "Where is X located?": the verb only restates the question's frame. */
const PLACE_FRAME_VERB = /^(?:located|situated|lie|lies|lay|sit|sits)$/i;

/** Nouns that name the kind of answer after "which" / "what" / "welche". */
const TYPE_NOUNS = new Set(
  (
    "company companies firm firms business businesses organisation organisations organization organizations " +
    "startup startups customer customers client clients partner partners city cities town towns country countries " +
    "place places location locations region regions river rivers island islands person people year month day " +
    "university universities institute institutes agency agencies school schools " +
    "unternehmen firma firmen kunden partner stadt städte städten land länder ländern ort orte jahr"
  ).split(" "),
);

// Rules from the wh-word and the noun after it (Li & Roth's coarse classes), English and German.
const TYPE_RULES: [RegExp, AnswerType][] = [
  [
    /\bhow much (?:faster|slower|more|less|bigger|larger|higher|lower|cheaper|better)\b|\bwie ?viel (?:schneller|mehr|weniger|größer|höher|billiger)\b|\bhow many times\b/,
    "number",
  ],
  [
    /\b(?:what|which) (?:percentage|percent|share|proportion|fraction)\b|\bhow many percent\b|\bwie ?viel prozent\b|\bwelche[rn]? anteil\b|\bwhat per ?cent\b/,
    "percent",
  ],
  [/\bhow many\b|\bwie ?viele\b|\bnumber of\b|\banzahl\b/, "count"],
  [
    /\bhow (?:long|tall|high|wide|far|deep|heavy|old)\b|\bwie (?:lang|lange|breit|weit|tief|schwer|alt)\b/,
    "measure",
  ],
  [
    /\b(?:how much|how big|how large|wie ?viel|wie groß|wie hoch|what (?:was|is|will be) the (?:size|value|amount|price|cost|budget|revenue|turnover|salary|fee|fine|valuation))\b|\b(?:price|preis)\W*$/,
    "money",
  ],
  [
    /\bwhen\b|\bwann\b|\bseit wann\b|\b(?:what|which|in what|in which) (?:year|date|month|day|decade|century|time)\b|\bum wie ?viel uhr\b|\bin welche[mn] (?:jahr|monat|jahrhundert)\b/,
    "date",
  ],
  [
    /\bwhy\b|\bwarum\b|\bweshalb\b|\bwieso\b|\bfor what reason\b|\bwhat (?:is|was|were) the reasons?\b|\baus welchem grund\b/,
    "reason",
  ],
  [
    /\bwhat (?:did|does|do|has|have) .{1,60}? (?:say|said|expect|predict|claim|tell|state|think|believe|hope|anticipate)\b|\bwas (?:sagte|sagt|hat|erwartet|erwartete)\b.{0,60}\b(?:gesagt|erwartet|sagte|sagt)?/,
    "quote",
  ],
  [
    /\bwhat (?:role|position|job|title) (?:does|did|do|has|had|will|is|was)\b|\bwhat (?:is|was) (?:the )?(?:role|position|job|title) of\b|\bwelche (?:rolle|position|funktion)\b/,
    "role",
  ],
  // "What language ...?": the sentence that names it ("the Danish language"), not a name.
  [/\b(?:what|which|welche[rs]?) (?:language|languages|sprache|sprachen)\b/, "description"],
  [
    // "What does the office aim to do?" asks for what is said of it, whatever the intent.
    /\bwhat (?:does|did|do|will|would|is|are|was|were) .{1,80}?\b(?:aims?|aiming|plans?|planning|intends?|intending|seeks?|seeking|hopes?|hoping|tries|trying|try|wants?) to\b|\bwhat (?:does|did|do|will|would) .{1,80}? do\b/,
    "description",
  ],
  [
    /\bwhere\b|\bwo\b|\b(?:what|which|welche[nmrs]?) (?:[a-zäöüß]+ )?(?:offices|büros|standorte|niederlassungen)\b|\bwohin\b|\bwoher\b|\b(?:in|to|from) (?:which|what) (?:city|cities|country|countries|region|regions|place|places|location|locations|town|state)\b|\bin welche[nmr]? (?:stadt|städten|städte|land|ländern|länder|region)\b|\b(?:what|which) (?:city|cities|country|countries|region|place|places|location|locations|town|river|lake|island|islands|valley|province)\b|\bwhat (?:is|was|were|are) the capital\b|\bwelche[nmr]? (?:stadt|städte|länder|land)\b/,
    "place",
  ],
  [
    /\b(?:which|what|welche[nmrs]?|name (?:the|a)) (?:\w+ ){0,2}(?:company|companies|organi[sz]ations?|firms?|business(?:es)?|partners?|giants?|banks?|startups?|customers?|clients?|investors?|groups?|brands?|universit(?:y|ies)|institutes?|agenc(?:y|ies)|rivals?|competitors?|teams?|clubs?|bands?|makers?|manufacturers?|carmakers?|suppliers?|airlines?|unternehmen|firmen?|organisationen?|kunden|konzerne?|universität|universitäten|hersteller|konkurrenten?|vereine?)\b/,
    "organisation",
  ],
  [
    /\bwho\b|\bwhom\b|\bwer\b|\bwen\b|\bwem\b|\b(?:which|what) (?:person|people|executive|leader|man|woman|ceo)\b/,
    "person",
  ],
];

const PLURAL_LIST =
  /\b(?:offices|companies|cities|countries|locations|places|customers|clients|partners|organi[sz]ations|firms|businesses|giants|investors|products|markets|brands|banks|startups|members|bases|hubs|büros|städten|städte|standorte|standorten|firmen|kunden|länder|ländern|niederlassungen|produkte|welche unternehmen)\b/;

/** "the two millers", "die drei Gründer": several items asked for by number. */
const COUNTED_PLURAL = /\b(?:the|die|der)\s+(?:two|three|four|five|zwei|drei|vier|fünf)\s+\p{L}+/u;

/** The answer type a question asks for, from its wh-word and the noun after it. */
export function answerTypeOf(lower: string): AnswerType | undefined {
  for (const [re, type] of TYPE_RULES) if (re.test(lower)) return type;
  return undefined;
}

/** "Which prime minister ...?", "welcher Geschäftsführer ...?": a job title after the wh-word asks for a person. */
function asksForTitleHolder(lower: string, deps: AnalyzeDeps): boolean {
  const after = /^(?:which|what|welche[rnms]?)\s+((?:\p{L}+\s+){0,2}\p{L}+)/u.exec(lower)?.[1];
  if (after?.split(/\s+/).some((w) => deps.analyzer.roleWords.has(w))) return true;
  // A terse question that ends with a title ("council leader?", "velmora chef?") asks who holds it.
  const words = lower.match(/\p{L}+/gu) ?? [];
  return (
    !words.some((w) => QUESTION_WORDS.has(w)) && deps.analyzer.roleWords.has(words[words.length - 1] ?? "")
  );
}
const QUESTION_WORDS = new Set(
  "who whom whose what which when where why how is are was were does did do can wer wen wem wessen was welche welcher welches welchen wann wo wie warum ist sind".split(
    " ",
  ),
);

/** Words a question uses that an answering sentence need not contain ("what happened", "already"). */
const EMPTY_WORD =
  /^(?:happen|happens|happened|occur|occurs|occurred|geschah|geschehen|passiert|passierte|already|bereits)$/i;
const MONEY_FRAME = /\bhow much money\b|\bwie ?viel geld\b/;
const NAME_OF = /^what(?:'s| is| was) the name of (?:the )?/;

/** "how long", "wie weit": the adjectives that ask for a measure, with their English form. */
const MEASURE_ADJECTIVES: Record<string, MeasureAdjective> = {
  long: "long",
  tall: "tall",
  high: "high",
  wide: "wide",
  far: "far",
  deep: "deep",
  heavy: "heavy",
  old: "old",
  big: "big",
  large: "large",
  lang: "long",
  lange: "long",
  breit: "wide",
  weit: "far",
  tief: "deep",
  schwer: "heavy",
  alt: "old",
  groß: "large",
};

/** The measure a word asks for when it follows "how" / "wie" ("how *long*"). */
function measureAt(words: Token[], k: number): MeasureAdjective | undefined {
  if (!/^(?:how|wie)$/i.test(words[k - 1]?.word ?? "")) return undefined;
  return MEASURE_ADJECTIVES[(words[k]?.word ?? "").toLowerCase()];
}

/**
 * True for a word of the question's frame, which the answering sentence need not contain: "how
 * *long*", "what *happened*", "how much *money*", "what is the *name* of the president?".
 */
function isFrameWord(words: Token[], k: number, lower: string, nameOfTitle: boolean): boolean {
  const word = (words[k] as Token).word;
  return (
    measureAt(words, k) !== undefined ||
    EMPTY_WORD.test(word) ||
    (/^(?:money|geld)$/i.test(word) && MONEY_FRAME.test(lower)) ||
    (nameOfTitle && /^name$/i.test(word)) ||
    // "wie viele Betten": the German "how many", not a word to find.
    /^wie ?viele?[nr]?$/i.test(`${words[k - 1]?.word ?? ""} ${word}`) ||
    /^wieviele?[nr]?$/i.test(word)
  );
}

/** Options that let `analyzeQuestion` read names and typos against the corpus. */
export interface AnalyzeDeps {
  analyzer: Analyzer;
  stats: CorpusStats;
  /** Extra words that count as known (the intents' vocabulary). */
  knownWords?: Set<string>;
}

/** True when a name list (compromise's lexicon) knows the word as a person, organisation or place. */
function isNamed(word: string): boolean {
  const tags = nameTags(word);
  return tags.person || tags.organisation || tags.place || tags.firstName;
}

function isEntityToken(token: Token, index: number, deps: AnalyzeDeps, language: Language): boolean {
  // A possessive is the name it is made of ("Roche's" -> "Roche").
  const word = token.word.replace(/(?<=\p{L}{2})['’]s?$/u, "");
  const lower = word.toLowerCase();
  if (/^\p{N}/u.test(word)) return true;
  if (deps.analyzer.lexicon.placeByAlias.has(lower)) return true;
  // A job title is what is asked about, not a name the evidence must hold ("who is the CEO?").
  if (deps.analyzer.roleWords.has(lower)) return false;
  // German capitalises every noun: one the bilingual lexicon lists is a word ("Unternehmen"), not a name.
  if (language === "de" && deps.analyzer.isGermanWord(lower)) return false;
  if (deps.stats.nameWords.has(lower)) return true;
  // A place, even one the articles never mention, is a constraint ("the Toronto office").
  if (/^\p{L}{3,}$/u.test(word) && !STOPWORDS.has(lower) && isKnownPlace(word)) return true;
  if (STOPWORDS.has(lower)) return false;
  // Other capitalised words are names when the articles know them; an unknown one ("LLMs")
  // is just a word the articles may phrase differently. In German every noun is capitalised:
  // only a word a name list knows is a name there ("Betten" is a word, "Tenby" a name).
  if (/^\p{Lu}/u.test(word) && index > 0) {
    if (language === "de") return isNamed(word);
    return deps.stats.wordFreq.has(lower) && !deps.stats.lowerSeen.has(lower);
  }
  return false;
}

/** Reads a question: plain text, language, expected answer type, content terms and names. */
export function analyzeQuestion(raw: string, deps: AnalyzeDeps): QuestionAnalysis {
  const text = stripSlackMarkup(raw.slice(0, MAX_QUESTION_CHARS * 4), { links: "drop" }).slice(
    0,
    MAX_QUESTION_CHARS,
  );
  const language = detectLanguage(text);
  const lower = text.toLowerCase();
  const tokens = tokenize(text);
  const known = deps.stats.wordFreq;
  // A word is corrected only when neither the articles, the intents nor English know it, and
  // no word of the articles shares its terms ("marry" stays: the articles say "married").
  const corpusHasTerms = (lw: string) =>
    deps.analyzer.termsOfWord(lw, language).every((t) => deps.stats.sentenceDf.has(t));
  const isKnown = (lw: string) =>
    /^\p{N}/u.test(lw) ||
    STOPWORDS.has(lw) ||
    known.has(lw) ||
    deps.knownWords?.has(lw) === true ||
    corpusHasTerms(lw) ||
    (language === "en" && isEnglishWord(lw));
  // Typos are corrected against the corpus vocabulary before anything else reads the words.
  const corrected: Token[] = tokens.map((token) => {
    const lw = token.word.toLowerCase();
    return { ...token, word: (isKnown(lw) ? undefined : correctWord(lw, known)) ?? token.word };
  });
  const isEntity = corrected.map((t, i) => isEntityToken(t, i, deps, language));
  // A capitalised word after a name goes on it in German too ("Oliver Jay"), unless it is a word.
  for (let i = 1; i < corrected.length && language === "de"; i++) {
    const word = (corrected[i] as Token).word;
    if (isEntity[i - 1] && !isEntity[i] && /^\p{Lu}/u.test(word) && !deps.analyzer.isGermanWord(word))
      isEntity[i] = /^\p{Lu}/u.test((corrected[i - 1] as Token).word) && !STOPWORDS.has(word.toLowerCase());
  }
  const entities = corrected.filter((_, i) => isEntity[i]).map((t) => t.word);
  // "What is the name of the president of X?" asks for a person, like "which president".
  const nameOfTitle = NAME_OF.test(lower) && asksForTitleHolder(lower.replace(NAME_OF, "which "), deps);
  const terms: QuestionTerm[] = [];
  for (const { term, token } of deps.analyzer.termsOfTokens(corrected, language)) {
    const t = corrected[token] as Token;
    if (isFrameWord(corrected, token, lower, nameOfTitle)) continue;
    // A German question quotes English names and words ("ChatGPT Enterprise"): when the articles
    // know a word only as English analyses it, that is its term.
    const english =
      language === "de" && !deps.stats.sentenceDf.has(term) ? deps.analyzer.termsOfWord(t.word, "en") : [];
    const chosen =
      english.length === 1 && deps.stats.sentenceDf.has(english[0] as string) ? (english[0] as string) : term;
    terms.push({ term: chosen, word: t.word, entity: isEntity[token] === true, token });
  }
  // The noun after "which" (adjectives allowed in between: "which Danish companies").
  const wh = corrected.findIndex((t) => /^(?:which|what|welche[nmrs]?)$/i.test(t.word));
  const nounAt =
    wh < 0
      ? -1
      : corrected.findIndex((t, k) => k > wh && k <= wh + 3 && TYPE_NOUNS.has(t.word.toLowerCase()));
  const typeNoun = terms.find((t) => t.token === nounAt)?.term;
  // "How long did it take / last?": the verb is mostly the question's frame; a sentence with
  // it is better, one without it still answers ("after three years of construction").
  const last = corrected.length - 1;
  // Likewise the price words of a question for an amount ("what did X cost?", "q-haul price?").
  const typeFromWording = answerTypeOf(lower);
  const asksAmount = typeFromWording === "money";
  const softTerms = terms
    .filter(
      (t) =>
        (t.token === last &&
          /^how long\b/.test(lower) &&
          /^(?:take|takes|took|taken|last|lasted)$/i.test(t.word)) ||
        (asksAmount && /^(?:cost|costs|price|prices|preis|preise|kosten|kostet|kostete)$/i.test(t.word)),
    )
    .map((t) => t.term);
  const optionalTerms = terms
    .filter(
      (t) =>
        LIGHT_VERB.test(t.word) ||
        // "When did X take place / happen?": the verb is the frame of a question for a date.
        (typeFromWording === "date" && EVENT_FRAME.test(lower) && EVENT_WORD.test(t.word)) ||
        (typeFromWording === "place" && PLACE_FRAME_VERB.test(t.word)),
    )
    .map((t) => t.term);
  // The noun that names the answer's kind is never a name to find ("which university").
  for (const t of terms) if (t.token === nounAt) t.entity = false;
  const answerType =
    typeFromWording ??
    // (the words as corrected: "helth minster?" asks for the minister)
    (asksForTitleHolder(corrected.map((t) => t.word.toLowerCase()).join(" "), deps) || nameOfTitle
      ? "person"
      : undefined);
  const list =
    (PLURAL_LIST.test(lower) || COUNTED_PLURAL.test(lower)) &&
    answerType !== "count" &&
    answerType !== "money";
  const subject = /^(?:who|what|wer|was)\s+(?:is|was|are|were|ist|war|sind|waren)\s+(.+?)\??$/i.exec(
    text,
  )?.[1];
  // "What role does X have?": X is who the role is asked of.
  const roleOf = answerType === "role" && !subject && entities.length ? entities.join(" ") : undefined;
  const measure = corrected.map((_, k) => measureAt(corrected, k)).find((m) => m !== undefined);
  const relatives = relativesAsked(text, terms, deps.analyzer, language);
  return {
    raw,
    text,
    language,
    answerType,
    list,
    terms,
    entities,
    subject: subject ?? roleOf,
    typeNoun,
    softTerms,
    optionalTerms,
    measure,
    relatives,
  };
}
