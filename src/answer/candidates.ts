import type { Sentence } from "../corpus/types.js";
import type { AnswerType } from "../intents/types.js";
import type { Lexicon } from "../lexicon/types.js";
import type { QuestionAnalysis } from "../question/analyze.js";
import { KIN } from "../question/relatives.js";
import type { CorpusIndex } from "../retrieval/index.js";
import type { Language } from "../text/language.js";
import { type Analyzer, tokenize } from "../text/terms.js";
import { OwnerCache } from "../util/owner-cache.js";
import { type Evidence, positionedTerms } from "./evidence.js";
import {
  findNames,
  type NameContext,
  type NameSpan,
  namesForArticle,
  personParts,
  placeLevel,
  surnameOf,
} from "./names.js";
import {
  askedCurrency,
  dateKey,
  findCounts,
  findDates,
  findMeasures,
  findMoney,
  findMultipliers,
  findPercents,
  findQuotes,
  findReasons,
  type ValueSpan,
} from "./values.js";

/** A possible answer found in one evidence sentence. */
export interface Candidate {
  text: string;
  /** Candidates with the same key are the same answer (München = Munich, Okafor = Maria Okafor). */
  key: string;
  evidence: Evidence;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  score: number;
}

/** Everything candidate extraction needs. */
export interface CandidateDeps {
  index: CorpusIndex;
  names: NameContext;
}

/** The kinds of name that can answer each name-typed question. */
const NAME_KINDS: Partial<Record<AnswerType, NameSpan["kind"][]>> = {
  person: ["person"],
  place: ["place"],
  organisation: ["organisation", "other"],
};

/** A count without the "of" its span may end with: "hundreds of executives" answers "hundreds". */
function withoutOf(c: ValueSpan): ValueSpan {
  const text = c.text.replace(/\s+(?:of|von)$/i, "");
  return { text, start: c.start, end: c.start + text.length };
}

/** "of the", "of its", "of the town's" after a count: what follows is the whole it is part of. */
const PARTITIVE =
  /^\s+(?:of|von)\s+(?:(?:the|its|their|these|those|all|den|der|die|\p{L}+['’]s)\s+)+(?=\S)/iu;

/** Verbs of change: "how much will X rise?" is answered by a share or a factor too. */
const CHANGE_VERB =
  /\b(?:rise[sn]?|rose|increase[sd]?|grow[sn]?|grew|fall[s]?|fell|fallen|drop(?:s|ped)?|decline[sd]?|cut|climb(?:s|ed)?|jump(?:s|ed)?|shrink[s]?|shrank|steig(?:en|t)|stieg|sink(?:en|t)|sank|wachsen|wächst|wuchs)\b/i;

/**
 * Kinds of names that answer a who-question only as the agent of its verb: after it in the
 * passive ("designed by the firm X") or right before it ("X voted against").
 */
const AGENT_KINDS: NameSpan["kind"][] = ["organisation"];

/** Nouns of a who-question that asks for a group of people, not one person. */
const COLLECTIVE =
  /\b(?:class|classes|people|peoples|tribes?|groups?|enem(?:y|ies)|allies|rulers|settlers|inhabitants|natives|population|invaders|volk|völker|stamm|stämme|herrscher|siedler|einwohner|feinde?)\b/iu;

/** What a people answering a who-question loses against a person of the same evidence. */
const PEOPLE_PENALTY = 0.4;

/**
 * A people or group named in the plural: "the Velmorans", "the Anglo-Tarnish", "the Tarn
 * Saxons" (a name no list classifies, ending in a plural, after "the").
 */
function isPeopleName(n: NameSpan, text: string): boolean {
  return (
    n.kind === "other" &&
    /^(?:\p{Lu}\p{L}*[- ])*\p{Lu}\p{Ll}+s$/u.test(n.text) &&
    /\bthe\s+$/i.test(text.slice(Math.max(0, n.start - 8), n.start))
  );
}

const tokenStarts = new OwnerCache<CandidateDeps["index"], number, number[]>(20_000);

/** Where each of a sentence's words (tokenize's) starts, computed once per sentence. */
function startsOf(sentence: Sentence, deps: CandidateDeps): number[] {
  return tokenStarts.get(deps.index, sentence.id, () => tokenize(sentence.text).map((t) => t.start));
}

/** The position (in tokenize's words) of the word at a character offset of a sentence. */
function tokenIndexAt(sentence: Sentence, offset: number, deps: CandidateDeps): number {
  const starts = startsOf(sentence, deps);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo; // the number of words that start before the offset
}

/** The character offset of a sentence's word (tokenize's words, by index). */
function tokenStartOf(sentence: Sentence, token: number, deps: CandidateDeps): number {
  return startsOf(sentence, deps)[token] ?? sentence.text.length;
}

/** Units of time, which a question may count ("how many years"). */
const TIME_UNIT =
  /^(?:years?|months?|weeks?|days?|hours?|decades?|centuries|jahre[n]?|monate[n]?|wochen|tage[n]?|stunden)$/i;

/** Words of price and cost in a question. */
const PRICE_WORD =
  /\b(?:cost|costs|costing|price|prices|priced|pay|paid|worth|preis|preise|kosten|kostet|kostete|bezahlt)\b/i;

/** Questions that ask where something is based (which "X-based" answers). */
const BASED_QUESTION = /\b(?:based|headquartered|headquarters|home|sitz|hauptsitz|ansässig|beheimatet)\b/i;

/** A verb in the passive with its agent: "backed by", "built by" (read from the verb on). */
const PASSIVE_AFTER = /^\p{L}+\s+by\b/iu;

/** What separates two clauses: a conjunction or a comma. */
const CLAUSE_BREAK = /\b(?:and|or|but|und|oder|aber)\b|[,;]/i;
/** What a value in the clause of the question's nearest word gains over one across a clause break. */
const ATTACHED_BONUS = 0.15;

/** The key under which a name or value is merged with its other spellings. */
export function candidateKey(text: string, kind: AnswerType, deps: CandidateDeps): string {
  const lower = text.toLowerCase().replace(/\s+/g, " ").trim();
  const place = deps.names.lexicon.placeByAlias.get(lower);
  if (place) return `place:${place.key}`;
  if (kind === "person") {
    const { surname, given, number } = personParts(text, deps.names.roleWords);
    return `${PERSON}${surname}|${given}|${number}`;
  }
  if (kind === "date") return dateKey(text);
  // Merge names written with place names of either language ("Universität München" = "Universität Munich").
  const words = tokenize(text).map(
    (t) => deps.names.lexicon.placeByAlias.get(t.word.toLowerCase())?.key ?? t.word.toLowerCase(),
  );
  return `${kind}:${words.join(" ")}`;
}

const PERSON = "person:";

/**
 * For a person's key: the surname, and whether the name says more (a given name, a regnal
 * number) than the surname alone ("Roche" against "Ida Roche").
 */
export function personOfKey(key: string): { surname: string; full: boolean } | undefined {
  if (!key.startsWith(PERSON)) return undefined;
  const [surname = "", given = "", number = ""] = key.slice(PERSON.length).split("|");
  return { surname, full: given !== "" || number !== "" };
}

/**
 * True when a candidate only repeats the question: all its terms are the question's ("Velmaran"
 * for "the Velmarans"), or it is a person whose surname the question names ("Maria Okafor" when
 * asked about Okafor).
 */
function questionMentions(
  q: QuestionAnalysis,
  text: string,
  type: AnswerType,
  deps: CandidateDeps,
  sentence: Sentence,
): boolean {
  const terms = deps.index.analyzer.terms(text, sentence.language);
  const asked = new Set(q.terms.map((t) => t.term));
  if (terms.length === 0) return false;
  const askedNames = new Set(q.terms.filter((t) => t.entity).map((t) => t.term));
  return (
    terms.every((t) => asked.has(t)) ||
    (type === "person" &&
      deps.index.analyzer.terms(surnameOf(text), sentence.language).every((t) => asked.has(t))) ||
    // "Northwind Capital" when asked what Northwind invested in: the company asked about.
    (type === "organisation" && askedNames.has(terms[0] as string))
  );
}

/** Values of a type in a sentence (dates, amounts, ...), or undefined when the type is not a value. */
function valuesOf(
  type: AnswerType,
  text: string,
  q: QuestionAnalysis,
  analyzer: Analyzer,
  language: Language,
): ValueSpan[] | undefined {
  switch (type) {
    case "date":
      return findDates(text);
    case "money": {
      // An amount in the currency the question names, if it names one ("in euros").
      const currency = askedCurrency(q.text);
      const money = findMoney(text).filter((m) => !currency || currency.test(m.text));
      // "How big / how large": an amount, or a size when the thing is not money.
      if (q.measure === "big" || q.measure === "large") return [...money, ...findMeasures(text)];
      // "How much will X rise?": by a share or a factor, when the sentence gives one ("rises by
      // 8 percent to £31 million"), else by an amount.
      const change = CHANGE_VERB.test(q.text) ? [...findPercents(text), ...findMultipliers(text)] : [];
      if (change.length) return change;
      // "How much can the truck carry?": a weight, where the sentence gives no amount of money
      // (and the question is not about a price).
      return money.length || currency || PRICE_WORD.test(q.text) ? money : findMeasures(text, "heavy");
    }
    case "percent":
      return findPercents(text);
    case "number": {
      const m = findMultipliers(text);
      return m.length ? m : [...findPercents(text), ...findMoney(text)];
    }
    case "count": {
      // A count answers only when it counts what was asked ("how many *people*").
      const counted =
        /\b(?:how many|wie ?viele)\s+(?!(?:are|were|is|was|did|do|does|have|has|had|will|would|can|could|sind|waren|haben|hat|wurden)\b)(\p{L}+)/iu
          .exec(q.text)?.[1]
          ?.toLowerCase();
      if (!counted) return findCounts(text).map(withoutOf);
      // The counted word as written, or in the other language ("employees" = "Mitarbeiter").
      const countedTerms = new Set(analyzer.termsOfWord(counted, q.language));
      /** The counted word is among the three words after an offset ("of" left out). */
      const counts = (from: number) =>
        text
          .slice(from, from + 40)
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter((w) => w && w !== "of" && w !== "von")
          .slice(0, 3)
          .some(
            (w) =>
              w.startsWith(counted.slice(0, Math.max(4, counted.length - 2))) ||
              analyzer.termsOfWord(w, language).some((t) => countedTerms.has(t)),
          );
      // "How many years ...?": a count of a time unit may sit inside a date ("the next two years").
      const found = findCounts(text, TIME_UNIT.test(counted)).map(withoutOf);
      // "Two of the town's nine libraries": the part counts the libraries asked about, not the whole.
      const wholes = new Set<ValueSpan>();
      const parts = found.filter((c) => {
        const partitive = PARTITIVE.exec(text.slice(c.end))?.[0];
        if (!partitive || !counts(c.end + partitive.length)) return false;
        const whole = found.find((w) => w.start === c.end + partitive.length);
        if (whole) wholes.add(whole);
        return true;
      });
      return [...parts, ...found.filter((c) => !wholes.has(c) && !parts.includes(c) && counts(c.end))];
    }
    case "measure":
      // "How heavy" is answered by a weight, "how old" by years, "how tall/far" by a length.
      return findMeasures(text, q.measure);
    case "reason":
      return findReasons(text);
    case "quote":
      return findQuotes(text);
    default:
      return undefined;
  }
}

/** Drops a country written right after a city ("Lyon, France"): it only locates the city. */
function dropQualifyingPlaces(names: NameSpan[], text: string, lexicon: Lexicon): NameSpan[] {
  return names.filter((n, i) => {
    const prev = names[i - 1];
    if (prev?.kind !== "place" || n.kind !== "place") return true;
    return !(
      /^\s*,\s*$/.test(text.slice(prev.end, n.start)) &&
      placeLevel(n.text, lexicon) === "country" &&
      placeLevel(prev.text, lexicon) === "city"
    );
  });
}

const nameCache = new OwnerCache<NameContext, number, NameSpan[]>(100_000);

/** The names of an article sentence (countries that only locate a city dropped), computed once. */
function namesOf(sentence: Sentence, deps: CandidateDeps): NameSpan[] {
  return nameCache.get(deps.names, sentence.id, () => {
    const ctx = namesForArticle(deps.names, deps.index.corpus, sentence.article);
    return dropQualifyingPlaces(findNames(sentence, ctx), sentence.text, deps.names.lexicon);
  });
}

/** "Who sold ...?" asks for the subject of its verb; "who did X marry?" for the object. */
const SUBJECT_QUESTION =
  /^\s*(?:who|which \p{L}+|what \p{L}+)\s+(?:(?:is|are|was|were)\s+(?=\p{L}+ing\b))?(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could)\b)(\p{L}+)/iu;
const OBJECT_QUESTION = /^\s*(?:who|whom)\s+(?:did|does|do|will|would)\s+.+?\s(\p{L}+)\s*\??\s*$/iu;
/** How far (in words) a subject or an object is looked for from its verb. */
const ROLE_WINDOW = 12;
const ROLE_BONUS = 0.3;

/**
 * Where the verb the question is about is in the sentence, and which side of it the answer is
 * on (before it for a subject, after it for an object; after "by" for a passive subject).
 */
function verbSide(
  q: QuestionAnalysis,
  ev: Evidence,
  deps: CandidateDeps,
): { verbs: number[]; side: "before" | "after" } | undefined {
  const sentence = ev.sentence;
  const subject = SUBJECT_QUESTION.exec(q.text)?.[1];
  const object = subject ? undefined : OBJECT_QUESTION.exec(q.text)?.[1];
  const verb = subject ?? object;
  if (!verb) return undefined;
  const terms = new Set(deps.index.analyzer.terms(verb, sentence.language));
  const verbs = positionedTerms(deps.index, sentence)
    .filter((t) => terms.has(t.term))
    .map((t) => t.token);
  if (verbs.length) return { verbs, side: subject ? "before" : "after" };
  // The sentence says it with another verb ("Who became king of X?" / "Ida Roche took the title
  // of king of X"): the subject still comes before the rest of the question's words.
  return subject && ev.ownTokens.length ? { verbs: [Math.min(...ev.ownTokens)], side: "before" } : undefined;
}

/** The job titles a question asks about, lower case ("who is the COO?" -> ["coo"]). */
function askedTitles(q: QuestionAnalysis, deps: CandidateDeps): string[] {
  return q.terms
    .filter((t) => !t.entity && deps.names.roleWords.has(t.word.toLowerCase()))
    .map((t) => t.word.toLowerCase());
}

const TITLE_BEFORE = /(\p{L}+),?\s+$/u;
const TITLE_AFTER = /^\s*(?:,|\()\s*(?:the\s+|der\s+|die\s+)?(?:former\s+|ehemalige[rn]?\s+)?(\p{L}+)/u;

/**
 * True when a name carries one of the titles: right before it ("COO Jane Doe") or in
 * apposition after it ("Jane Doe, CEO of Acme"): that person holds the title.
 */
function hasTitle(text: string, span: { start: number; end: number }, titles: string[]): boolean {
  const lead = text.slice(Math.max(0, span.start - 40), span.start);
  const before = TITLE_BEFORE.exec(lead)?.[1];
  const after = TITLE_AFTER.exec(text.slice(span.end, span.end + 40))?.[1];
  if ([before, after].some((w) => w !== undefined && titles.includes(w.toLowerCase()))) return true;
  // The title written out: "Chief Executive Officer Ida Roche" for "CEO".
  const written = /((?:\p{Lu}\p{L}*\s+){2,5})$/u.exec(lead)?.[1] ?? "";
  const initials = written
    .trim()
    .split(/\s+/)
    .map((w) => w.charAt(0).toLowerCase())
    .join("");
  return titles.some((t) => initials.endsWith(t) && t.length >= 2);
}

/**
 * What a person loses who is named only to describe someone the question asks about, in an
 * apposition ("Ida, sister of Duke Tarn, and Ben Askew" for "who did Ida marry?").
 */
const DESCRIPTION_PENALTY = 0.6;

const APPOSITION_BEFORE =
  /(\p{Lu}\p{L}*),\s+(?:the\s+)?((?:\p{Ll}+\s+){1,3})(?:of|to)\s+(?:\p{Lu}\p{L}*\s+)?$/u;

/** True when the name at `start` is in an apposition to a name of the question whose noun it does not ask. */
function describesAsked(q: QuestionAnalysis, text: string, start: number, deps: CandidateDeps): boolean {
  const m = APPOSITION_BEFORE.exec(text.slice(Math.max(0, start - 60), start));
  if (!m) return false;
  const asked = new Set(q.terms.map((t) => t.term));
  const named = (m[1] as string).toLowerCase();
  const nouns = deps.index.analyzer.terms(m[2] as string, "en");
  return q.terms.some((t) => t.entity && t.word.toLowerCase() === named) && !nouns.some((n) => asked.has(n));
}

/** A relative named right before a name: "her mother, Ida Roche", "his son Ben". */
const KIN_BEFORE = new RegExp(`\\b(${KIN})\\b,?\\s+$`, "iu");

/** True when a question asks for one relative and the name is introduced as another. */
function otherRelative(q: QuestionAnalysis, sentence: Sentence, start: number, deps: CandidateDeps): boolean {
  const asked = q.relatives?.[0]?.[0];
  const kin = asked && KIN_BEFORE.exec(sentence.text.slice(Math.max(0, start - 30), start))?.[1];
  return (
    kin !== undefined && !deps.index.analyzer.termsOfWord(kin, sentence.language).includes(asked as string)
  );
}

/** Options of extractCandidates. */
export interface ExtractOptions {
  /**
   * Only names that are the agent of the question's verb in the passive: "X was built by
   * Velmora Aerospace" answers "who built X?" with an organisation.
   */
  agentsOnly?: boolean;
}

/** Finds the candidates of an answer type in one evidence sentence, scored by evidence and proximity. */
export function extractCandidates(
  ev: Evidence,
  type: AnswerType,
  q: QuestionAnalysis,
  deps: CandidateDeps,
  options: ExtractOptions = {},
): Candidate[] {
  const sentence = ev.sentence;
  /** `agentOnly`: a name of another kind, which answers only as the agent of the question's verb. */
  let spans: { text: string; start: number; end: number; agentOnly?: boolean; people?: boolean }[];
  const values = valuesOf(type, sentence.text, q, deps.index.analyzer, sentence.language);
  if (values) spans = values;
  else {
    const kinds = NAME_KINDS[type];
    if (!kinds) return [];
    // "Who designed X?" is answered by a firm too, when the sentence says "designed by" it.
    const agents = type === "person" ? AGENT_KINDS : [];
    // "Who was the ruling class?" may be answered by a people ("the Velmorans"), after any person.
    const peoples = type === "person" && COLLECTIVE.test(q.text);
    spans = namesOf(sentence, deps)
      .filter(
        (n) =>
          kinds.includes(n.kind) || agents.includes(n.kind) || (peoples && isPeopleName(n, sentence.text)),
      )
      .map((n) => ({
        ...n,
        agentOnly: !kinds.includes(n.kind) && agents.includes(n.kind),
        people: peoples && !kinds.includes(n.kind) && !agents.includes(n.kind),
      }));
  }
  const out: Candidate[] = [];
  const role = type === "person" || type === "organisation" ? verbSide(q, ev, deps) : undefined;
  const titles = type === "person" ? askedTitles(q, deps) : [];
  for (const span of spans) {
    if (type !== "quote" && type !== "reason" && questionMentions(q, span.text, type, deps, sentence))
      continue;
    // "Her mother, Ida Roche" is not the father asked about.
    if (type === "person" && otherRelative(q, sentence, span.start, deps)) continue;
    // "the Oslo-based carmaker" says where the company is based, not where its event took place.
    if (type === "place" && /^-based\b/i.test(sentence.text.slice(span.end)) && !BASED_QUESTION.test(q.text))
      continue;
    const at = tokenIndexAt(sentence, span.start, deps);
    // A name is near the words of the relation asked about (the intent's too: "guidance of X");
    // a figure near the question's own words ("injuring 400", not "37 people").
    const anchors = values && ev.ownTokens.length ? ev.ownTokens : ev.matchedTokens;
    const distance = anchors.length ? Math.min(...anchors.map((t) => Math.abs(t - at))) : 10;
    // A figure in the same clause as the nearest question word ("injuring more than 400"), not
    // across an "and" or a comma ("37 people and injuring ...").
    const nearest = anchors.find((t) => Math.abs(t - at) === distance);
    const attached =
      values !== undefined &&
      nearest !== undefined &&
      distance <= 4 &&
      !CLAUSE_BREAK.test(
        nearest < at
          ? sentence.text.slice(tokenStartOf(sentence, nearest, deps), span.start)
          : sentence.text.slice(span.end, tokenStartOf(sentence, nearest, deps)),
      );
    const passive = /\bby\s+(?:\p{L}+\s+){0,3}$/iu.test(
      sentence.text.slice(Math.max(0, span.start - 30), span.start),
    );
    // A possessive is not the verb's subject or object: "Okafor's role will involve leading".
    const possessive = /^['’]s\b/.test(sentence.text.slice(span.end));
    // "built by the agency X", not "established by the treaty of X" (the treaty is the agent).
    const agent =
      passive && !/\bof\s+(?:the\s+)?$/i.test(sentence.text.slice(Math.max(0, span.start - 10), span.start));
    // The verb's agent: after it in the passive ("designed by X"), or right before it as the
    // subject of a who-question's verb ("The Green group voted against").
    const actsAsAgent =
      (agent && role?.verbs.some((v) => at > v && at - v <= 6)) ||
      (span.agentOnly &&
        !passive &&
        role?.side === "before" &&
        role.verbs.some((v) => at < v && v - at <= 2) &&
        !possessive &&
        // not the patient of a passive verb: "the (VR) maker backed by X"
        !/^\W*(?:\p{L}+\W+){0,2}by\b/u.test(sentence.text.slice(span.end, span.end + 40)));
    if ((options.agentsOnly || span.agentOnly) && !actsAsAgent) continue;
    // The subject's side of the verb: before it, or after "by" when the verb is passive
    // ("the firm backed by X": not the firm).
    const onSide =
      !possessive &&
      role?.verbs.some((v) =>
        role.side === "before" &&
        !passive &&
        !PASSIVE_AFTER.test(sentence.text.slice(tokenStartOf(sentence, v, deps)))
          ? at < v && v - at <= ROLE_WINDOW
          : at > v && at - v <= ROLE_WINDOW,
      ) === true;
    out.push({
      text: span.text,
      key: candidateKey(span.text, type, deps),
      evidence: ev,
      start: span.start,
      end: span.end,
      score:
        ev.score +
        0.6 / (1 + distance / 4) +
        (attached ? ATTACHED_BONUS : 0) +
        (onSide ? ROLE_BONUS : 0) +
        (titles.length && hasTitle(sentence.text, span, titles) ? ROLE_BONUS : 0) -
        (span.people ? PEOPLE_PENALTY : 0) -
        (type === "person" && describesAsked(q, sentence.text, span.start, deps) ? DESCRIPTION_PENALTY : 0),
    });
  }
  return out;
}

/** How the text groups the items of its enumerations ("existing offices in A and B, new ones in C"). */
export type ItemGroup = "existing" | "new";

// Qualifiers before an enumeration that say which group it is (English and German).
const GROUP_WORDS: [RegExp, ItemGroup][] = [
  [
    /\b(?:existing|current|established|already|bestehend\w*|vorhanden\w*|bisherig\w*|bereits)\b/iu,
    "existing",
  ],
  [
    /\b(?:new|planned|upcoming|future|additional|neue?[nmrs]?|geplant\w*|künftig\w*|weitere?[nmrs]?)\b/iu,
    "new",
  ],
];

/** The group a question asks for ("which new offices ...?"), when it names exactly one. */
export function askedGroup(question: string): ItemGroup | undefined {
  const named = GROUP_WORDS.filter(([re]) => re.test(question)).map(([, group]) => group);
  return named.length === 1 ? named[0] : undefined;
}

/**
 * The group each enumerated candidate belongs to, when its sentence has two or more
 * enumerations each led by a qualifier ("existing ..." / "new ...").
 */
export function enumerationGroups(cands: Candidate[], text: string): Map<Candidate, ItemGroup> {
  const out = new Map<Candidate, ItemGroup>();
  const runs = enumerationRuns(cands, text);
  if (runs.length < 2) return out;
  let from = 0;
  for (const run of runs) {
    const lead = text.slice(from, (run[0] as Candidate).start);
    // The qualifier nearest the enumeration wins.
    let best: { at: number; group: ItemGroup } | undefined;
    for (const [re, group] of GROUP_WORDS) {
      for (const m of lead.matchAll(new RegExp(re.source, "giu"))) {
        if (!best || m.index > best.at) best = { at: m.index, group };
      }
    }
    if (best) for (const c of run) out.set(c, best.group);
    from = (run[run.length - 1] as Candidate).end;
  }
  return new Set(out.values()).size >= 2 ? out : new Map();
}

function enumerationRuns(cands: Candidate[], text: string): Candidate[][] {
  const sorted = [...cands].sort((a, b) => a.start - b.start);
  const runs: Candidate[][] = [];
  let run: Candidate[] = [];
  for (const c of sorted) {
    const prev = run[run.length - 1];
    if (prev && /^\s*(?:,|,?\s*(?:and|und|or|oder|&))\s*(?:the\s+)?$/i.test(text.slice(prev.end, c.start)))
      run.push(c);
    else {
      run = [c];
      runs.push(run);
    }
  }
  return runs.filter((r) => r.length >= 2);
}

/** The items written as enumerations ("A, B, and C") when the sentence has any; else all. */
export function enumerated(cands: Candidate[], text: string): Candidate[] {
  const lists = enumerationRuns(cands, text);
  return lists.length ? lists.flat() : cands;
}
