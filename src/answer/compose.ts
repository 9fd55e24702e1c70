import type { Sentence } from "../corpus/types.js";
import type { AnswerType, IntentMatch } from "../intents/types.js";
import type { QuestionAnalysis } from "../question/analyze.js";
import type { Language } from "../text/language.js";
import { tokenize } from "../text/terms.js";
import {
  askedGroup,
  type Candidate,
  type CandidateDeps,
  type ExtractOptions,
  enumerated,
  enumerationGroups,
  extractCandidates,
  type ItemGroup,
  personOfKey,
} from "./candidates.js";
import type { Evidence } from "./evidence.js";
import { findNameRuns, namesForArticle, placeLevel, splitTitle } from "./names.js";
import type { Answer, AnswerItem, Citation } from "./types.js";

/** Evidence must cover at least this share of the question's terms to answer from it. */
export const MIN_COVERAGE = 0.7;
/** Citations shown for one answer. */
const MAX_CITATIONS = 3;

const MESSAGES = {
  notCovered: {
    en: "The articles don't say.",
    de: "Dazu steht nichts in den Artikeln.",
  },
  closest: {
    en: (titles: string) => `The closest they come: ${titles}.`,
    de: (titles: string) => `Am nächsten kommen: ${titles}.`,
  },
  disagree: {
    en: "The articles disagree; each figure is given with its source.",
    de: "Die Artikel widersprechen sich; jede Angabe steht mit ihrer Quelle da.",
  },
};

/** What the articles do cover near a question they don't answer: the titles of the closest ones. */
export function closestNote(
  q: QuestionAnalysis,
  evidence: Evidence[],
  deps: CandidateDeps,
): string | undefined {
  const titles: string[] = [];
  for (const e of evidence) {
    if (e.coverage < 0.5) continue;
    const title = deps.index.corpus.articles[e.sentence.article]?.title;
    if (title && !titles.includes(title)) titles.push(title);
    if (titles.length === 2) break;
  }
  return titles.length ? MESSAGES.closest[q.language](titles.map((t) => `"${t}"`).join(", ")) : undefined;
}

/** The citation of a whole sentence. */
export function citeSentence(s: Sentence, deps: CandidateDeps): Citation {
  const article = deps.index.corpus.articles[s.article];
  return {
    source: article?.source ?? "",
    title: article?.title ?? "",
    quote: s.text,
    start: s.start,
    end: s.end,
    language: s.language,
  };
}

/** Writes place names in the question's language: "Universität München" -> "Universität Munich" for an English question. */
export function localise(text: string, language: Language, deps: CandidateDeps): string {
  const lexicon = deps.names.lexicon;
  const whole = lexicon.placeByAlias.get(text.toLowerCase());
  if (whole) return language === "de" ? whole.de : whole.en;
  let out = text;
  for (const t of tokenize(text).reverse()) {
    const place = lexicon.placeByAlias.get(t.word.toLowerCase());
    if (place && place.key.split(" ").length === 1) {
      out = out.slice(0, t.start) + (language === "de" ? place.de : place.en) + out.slice(t.end);
    }
  }
  return out;
}

/** An abstention: the articles do not answer this. */
export function abstain(q: QuestionAnalysis, intent: IntentMatch, confidence: number, note?: string): Answer {
  return {
    question: q.raw,
    answered: false,
    answer: MESSAGES.notCovered[q.language],
    intent: intent.id,
    confidence: Number(confidence.toFixed(3)),
    language: q.language,
    citations: [],
    kind: "abstain",
    note,
  };
}

interface Group {
  key: string;
  texts: string[];
  best: Candidate;
  /** Best candidate per article. */
  byArticle: Map<number, Candidate>;
  score: number;
}

/** What each other article that supports an answer adds to its score, and how well it must support it. */
const AGREEMENT_BONUS = 0.15;
const AGREEMENT_SHARE = 0.85;

/**
 * A person named by surname alone ("Roche", key "person:roche||") is the one person of that
 * surname the candidates name in full ("Ida Roche", "person:roche|ida|"), when there is one.
 */
function mergedKeys(cands: Candidate[]): Map<string, string> {
  const full = new Map<string, Set<string>>();
  for (const c of cands) {
    const person = personOfKey(c.key);
    if (!person?.full) continue;
    const keys = full.get(person.surname) ?? new Set<string>();
    keys.add(c.key);
    full.set(person.surname, keys);
  }
  const out = new Map<string, string>();
  for (const c of cands) {
    const person = personOfKey(c.key);
    const keys = person && !person.full ? full.get(person.surname) : undefined;
    if (keys?.size === 1) out.set(c.key, [...keys][0] as string);
  }
  return out;
}

/** Merges candidates with the same key; an answer found in several articles scores higher. */
function group(cands: Candidate[]): Group[] {
  const groups = new Map<string, Group>();
  const merged = mergedKeys(cands);
  for (const c of cands) {
    const key = merged.get(c.key) ?? c.key;
    let g = groups.get(key);
    if (!g) {
      g = { key, texts: [], best: c, byArticle: new Map(), score: 0 };
      groups.set(key, g);
    }
    g.texts.push(c.text);
    if (c.score > g.best.score) g.best = c;
    const art = c.evidence.sentence.article;
    const prev = g.byArticle.get(art);
    if (!prev || c.score > prev.score) g.byArticle.set(art, c);
  }
  for (const g of groups.values()) {
    const scores = [...g.byArticle.values()].map((c) => c.score).sort((a, b) => b - a);
    const top = scores[0] ?? 0;
    // Another article adds weight when it supports the answer about as well: a mere mention in
    // weaker evidence is not agreement.
    g.score = top + AGREEMENT_BONUS * scores.slice(1).filter((s) => s >= AGREEMENT_SHARE * top).length;
  }
  return [...groups.values()].sort((a, b) => b.score - a.score);
}

function citationsOf(g: Group, deps: CandidateDeps): Citation[] {
  return [...g.byArticle.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_CITATIONS)
    .map((c) => citeSentence(c.evidence.sentence, deps));
}

function confidenceOf(ev: Evidence, agreement: number): number {
  return Math.min(
    0.99,
    0.35 + 0.45 * ev.coverage + 0.05 * Math.min(agreement, 3) + (ev.namesInSentence ? 0.05 : 0),
  );
}

/** An answer from the articles, with the fields every kind shares filled in. */
function answered(
  q: QuestionAnalysis,
  intent: IntentMatch,
  evidence: Evidence,
  fields: Pick<Answer, "answer" | "citations" | "kind" | "agreement"> & Partial<Answer>,
): Answer {
  return {
    question: q.raw,
    answered: true,
    intent: intent.id,
    confidence: Number(confidenceOf(evidence, fields.agreement ?? 1).toFixed(3)),
    language: q.language,
    ...fields,
  };
}

/** The longest spelling of a merged answer ("Maria Okafor" over "Okafor"). */
function display(g: Group, q: QuestionAnalysis, deps: CandidateDeps): string {
  const longest = g.texts.reduce((a, b) => (b.length > a.length ? b : a));
  return localise(longest, q.language, deps);
}

/** Answer types where two articles can give different figures or dates for the same fact. */
const FIGURE_TYPES = new Set<AnswerType>(["money", "number", "percent", "count", "measure", "date"]);
/** A rival figure must be found about as well as the best one to count as disagreement. */
const RIVAL_SCORE_SHARE = 0.95;

/**
 * Other figures that answer the question about as well as the best one, from other articles
 * than the best one's: the articles disagree, and each is shown with its source.
 */
function disagreeing(best: Group, groups: Group[]): Group[] {
  return groups
    .slice(1)
    .filter(
      (g) =>
        g.score >= best.score * RIVAL_SCORE_SHARE &&
        g.best.evidence.coverage >= best.best.evidence.coverage &&
        [...g.byArticle.keys()].every((a) => !best.byArticle.has(a)),
    )
    .slice(0, 2);
}

function sourceOf(g: Group, deps: CandidateDeps): string {
  return deps.index.corpus.articles[g.best.evidence.sentence.article]?.source ?? "";
}

/** The kind of place a question names ("which city", "in welchem Land"), if any. */
function askedPlaceLevel(text: string): "city" | "country" | undefined {
  const noun =
    /\b(?:which|what|welche[nmrs]?)\s+(?:\p{L}+\s+)?(city|cities|town|towns|country|countries|nation|nations|stadt|städte|städten|land|länder|ländern)\b/iu
      .exec(text)?.[1]
      ?.toLowerCase();
  if (!noun) return undefined;
  return /^(?:city|cities|town|towns|stadt|städte|städten)$/.test(noun) ? "city" : "country";
}

/** Answers with one value or name of the expected type. */
export function composeValue(
  q: QuestionAnalysis,
  intent: IntentMatch,
  type: AnswerType,
  evidence: Evidence[],
  deps: CandidateDeps,
  options: ExtractOptions = {},
): Answer | undefined {
  const usable = evidence.filter((e) => e.constraintsMet && e.coverage >= MIN_COVERAGE);
  let cands = usable.slice(0, 25).flatMap((e) => extractCandidates(e, type, q, deps, options));
  // "Which city ...?" is never answered by a region, "which country ...?" by neither a region
  // nor a city (a city may be a country too: city-states).
  const level = type === "place" ? askedPlaceLevel(q.text) : undefined;
  if (level) {
    const wrong = level === "city" ? ["region"] : ["region", "city"];
    cands = cands.filter((c) => !wrong.includes(placeLevel(c.text, deps.names.lexicon)));
  }
  const groups = group(cands);
  const best = groups[0];
  if (!best) return undefined;
  const rivals = FIGURE_TYPES.has(type) ? disagreeing(best, groups) : [];
  if (rivals.length) {
    const shown = [best, ...rivals];
    return answered(q, intent, best.best.evidence, {
      answer: shown.map((g) => `${display(g, q, deps)} (${sourceOf(g, deps)})`).join("; "),
      citations: shown.flatMap((g) => citationsOf(g, deps).slice(0, 1)),
      kind: "value",
      agreement: 1,
      note: MESSAGES.disagree[q.language],
    });
  }
  const coordinated = NAME_TYPES.has(type) ? coordination(best.best, cands) : undefined;
  return answered(q, intent, best.best.evidence, {
    answer: coordinated ?? display(best, q, deps),
    citations: citationsOf(best, deps),
    kind: "value",
    agreement: best.byArticle.size,
  });
}

/** Answer types that are names, which a sentence may give two or three of at once. */
const NAME_TYPES = new Set<AnswerType>(["place", "person", "organisation"]);
const COMMA_GAP = /^\s*,\s*$/;
const CONJUNCTION_GAP = /^\s*,?\s+(?:and|or|und|oder|&)\s+$/i;

/**
 * The names a sentence joins with the best one ("in Cardiff and Swansea", "A, B and C"), as the
 * sentence writes them; undefined when it names it alone. Commas alone are no enumeration:
 * "Bergen, Norway" is a city and its country.
 */
function coordination(best: Candidate, cands: Candidate[]): string | undefined {
  const text = best.evidence.sentence.text;
  const same = cands
    .filter((c) => c.evidence.sentence.id === best.evidence.sentence.id)
    .sort((a, b) => a.start - b.start)
    .filter((c, i, all) => i === 0 || c.start >= (all[i - 1] as Candidate).end);
  const gap = (i: number) => text.slice((same[i] as Candidate).end, (same[i + 1] as Candidate).start);
  // Enumerations: names joined by commas, ended by a conjunction ("A, B and C").
  let first = 0;
  for (let i = 0; i + 1 < same.length; i++) {
    if (CONJUNCTION_GAP.test(gap(i))) {
      const [a, b] = [same[first] as Candidate, same[i + 1] as Candidate];
      if (a.start <= best.start && best.start <= b.start) return text.slice(a.start, b.end);
      first = i + 2;
      i++;
    } else if (!COMMA_GAP.test(gap(i))) first = i + 1;
  }
  return undefined;
}

/** How list groups are named in answers, per language. */
export const GROUP_LABELS: Record<Language, Record<ItemGroup | "other", string>> = {
  en: { existing: "existing", new: "new", other: "also" },
  de: { existing: "bestehende", new: "neue", other: "außerdem" },
};

/** "A", "A and B", "A, B and C" (German "und"). */
function enumerate(texts: string[], language: Language): string {
  if (texts.length < 2) return texts.join("");
  return `${texts.slice(0, -1).join(", ")} ${language === "de" ? "und" : "and"} ${texts[texts.length - 1]}`;
}

/**
 * A list as text; grouped the way the articles group it ("existing: A, B; new: C; also: D")
 * when they do, else one list ("A, B and C").
 */
function listText(items: AnswerItem[], language: Language): string {
  if (!items.some((i) => i.group))
    return enumerate(
      items.map((i) => i.text),
      language,
    );
  const labels = GROUP_LABELS[language];
  const parts: string[] = [];
  for (const g of ["existing", "new", undefined] as const) {
    const members = items.filter((i) => i.group === g).map((i) => i.text);
    if (members.length) parts.push(`${labels[g ?? "other"]}: ${members.join(", ")}`);
  }
  return parts.join("; ");
}

/** Answers a list question: every item of the type across all articles, each with its citation. */
export function composeList(
  q: QuestionAnalysis,
  intent: IntentMatch,
  type: AnswerType,
  evidence: Evidence[],
  deps: CandidateDeps,
): Answer | undefined {
  const usable = evidence.filter((e) => e.constraintsMet && e.coverage >= MIN_COVERAGE);
  // The strongest evidence that names items of the type sets the bar (a sentence that matches
  // the question but names none does not).
  const found = new Map<Evidence, Candidate[]>();
  const itemsOf = (e: Evidence) => {
    let items = found.get(e);
    if (!items) {
      items = extractCandidates(e, type, q, deps);
      found.set(e, items);
    }
    return items;
  };
  const top = usable.find((e) => itemsOf(e).length > 0);
  if (!top) return undefined;
  const strong = usable.filter((e) => e.coverage >= top.coverage * 0.9);
  const groupOf = new Map<string, ItemGroup>();
  let cands = strong.flatMap((e) => {
    const items = itemsOf(e);
    for (const [c, g] of enumerationGroups(items, e.sentence.text))
      if (!groupOf.has(c.key)) groupOf.set(c.key, g);
    return enumerated(items, e.sentence.text);
  });
  // A list of places is of cities and countries, not of the continents and regions around them.
  if (type === "place") cands = cands.filter((c) => placeLevel(c.text, deps.names.lexicon) !== "region");
  // A short form of another item is that item: "Velmora" is "Velmora Robotics".
  const texts = cands.map((c) => c.text);
  cands = cands.filter((c) => !texts.some((t) => t !== c.text && t.startsWith(`${c.text} `)));
  const groups = group(cands);
  if (groups.length === 0) return undefined;
  // Reading order of the strongest evidence gives a natural order of the items.
  let items: AnswerItem[] = groups.map((g) => ({
    text: display(g, q, deps),
    citations: citationsOf(g, deps),
    group: groupOf.get(g.key),
  }));
  // "Which new offices ...?": only that group, when the articles group the items.
  const wanted = askedGroup(q.text);
  if (wanted && items.some((i) => i.group === wanted)) items = items.filter((i) => i.group === wanted);
  // The sentences that name the most items come first: one enumeration beats many mentions.
  const bySentence = new Map<string, { citation: Citation; items: number }>();
  for (const item of items) {
    for (const c of item.citations) {
      const key = `${c.source}:${c.start}`;
      const entry = bySentence.get(key) ?? { citation: c, items: 0 };
      entry.items++;
      bySentence.set(key, entry);
    }
  }
  const citations = [...bySentence.values()].sort((a, b) => b.items - a.items).map((e) => e.citation);
  const articles = new Set(citations.map((c) => c.source)).size;
  return answered(q, intent, top, {
    answer: listText(items, q.language),
    citations: citations.slice(0, 8),
    kind: "list",
    items,
    agreement: articles,
  });
}

/** Roles written out and abbreviated are one answer: "Chief Operating Officer" = "COO". */
function roleKey(role: string): string {
  const words = role.replace(/^(?:the|former)\s+/gi, "").split(/\s+/);
  const key =
    words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w)) ? words.map((w) => w[0]).join("") : role;
  return `role:${key.toLowerCase()}`;
}

/** Answers "who is X?" with X's role or title as the articles give it. */
export function composeRole(
  q: QuestionAnalysis,
  intent: IntentMatch,
  evidence: Evidence[],
  deps: CandidateDeps,
): Answer | undefined {
  const subject = (q.subject ?? "").toLowerCase();
  const last = subject.split(/\s+/).pop() ?? "";
  if (!last) return undefined;
  const cands: Candidate[] = [];
  for (const ev of evidence.filter((e) => e.constraintsMet && e.namesInSentence > 0)) {
    const text = ev.sentence.text;
    for (const run of findNameRuns(
      ev.sentence,
      namesForArticle(deps.names, deps.index.corpus, ev.sentence.article),
    )) {
      const { title, name } = splitTitle(run.text, deps.names.roleWords);
      if (!name.toLowerCase().endsWith(last)) continue;
      let role = title;
      let start = run.start;
      if (!role) {
        // A title written before the name in lower case: "managing partner Ida Roche".
        const before =
          /(?:^|[,;(]\s*|\b(?:the|a|an|as|der|die|als|said|says|told|by|with|from|under|and|sagte|von|mit)\s+)((?:\p{L}+\s+){0,2}?(\p{L}+))\s+(?:(?:Dr|Prof|Mr|Mrs|Ms|Sir|Dame)\.?\s+)?$/u.exec(
            text.slice(Math.max(0, run.start - 50), run.start),
          );
        if (before && deps.names.roleWords.has((before[2] as string).toLowerCase())) {
          role = (before[1] as string).replace(/^(?:whose|his|her|its|their|our|dessen|deren)\s+/i, "");
          start = run.start - before[0].length + before[0].indexOf(role);
        }
      }
      if (!role) {
        const after =
          /^,\s*((?:the\s+)?(?:former\s+)?[\p{L} -]+?(?:\s+(?:of|at|bei)\s+[\p{Lu}][\p{L} ]*?)?)(?=,|\.|$)/u.exec(
            text.slice(run.end),
          );
        const words = after?.[1]?.split(/\s+/) ?? [];
        if (after && words.some((w) => deps.names.roleWords.has(w.toLowerCase()))) {
          role = after[1] as string;
          start = run.end + text.slice(run.end).indexOf(role);
        }
      }
      let weaker = false;
      if (!role) {
        // Without a title, a description in apposition: "the Velmarans, nomads from the east".
        const apposition = /^,\s*((?:a |an |the )?\p{Ll}[\p{L} -]{2,60}?)(?=[,.;]|$)/u.exec(
          text.slice(run.end),
        );
        if (apposition) {
          role = apposition[1] as string;
          start = run.end + text.slice(run.end).indexOf(role);
          weaker = true;
        }
      }
      if (role) {
        cands.push({
          text: role,
          key: roleKey(role),
          evidence: ev,
          start,
          end: start + role.length,
          score: ev.score - (weaker ? 1 : 0),
        });
      }
    }
  }
  const best = group(cands)[0];
  if (!best) return undefined;
  return answered(q, intent, best.best.evidence, {
    answer: best.texts.reduce((a, b) => (b.length > a.length ? b : a)),
    citations: citationsOf(best, deps),
    kind: "value",
    agreement: best.byArticle.size,
  });
}

/** A copula between a subject and what it is: "is", "was", "will be", "ist", "war". */
const COPULA = "(?:is|was|are|were|will be|remains|ist|war|sind|waren|bleibt)";
/** Where a noun phrase after a copula ends: a mark, or a clause of its own ("who ...", "and has ..."). */
const PHRASE_END = String.raw`(?=\s*(?:[,;:.!?()"“”„]|$)|\s+(?:who|which|that|whose|where|when|der|die|das|dessen|deren|and (?:is|was|has|will))\b)`;
/** A noun phrase after a copula, and another item of an enumeration (", amber", not ", whose ..."). */
const PHRASE = String.raw`\S[^,;:.!?()"“”„]{1,80}?`;
const ITEM = String.raw`(?:,\s*(?!(?:who|whose|which|that|where|when)\b)[^,;:.!?()"“”„]{1,40}?)`;
const ESCAPE = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A name right before what follows it ("Velvet Tide| is the opening act"). */
const NAME_BEFORE =
  /(\p{Lu}[\p{L}\p{N}'’&.-]*(?:\s+(?:of|de|von|the|and|&)?\s*\p{Lu}[\p{L}\p{N}'’&.-]*)*)\s+$/u;

/**
 * The subject of "who/what is the X?" as it would be written in a sentence: without its article
 * and without what follows a preposition ("the director of ESTA" -> "director"; the rest must
 * hold in the sentence like any other word of the question).
 */
function subjectHead(subject: string): string {
  return subject
    .replace(/^(?:the|a|an|der|die|das|ein|eine)\s+/i, "")
    .split(/\s+(?:of|in|at|for|on|from|von|bei|im|für|aus)\s+/i)[0]
    ?.trim() as string;
}

/**
 * "Who is the headline act?" answered from "The headline act is the band Silver Arches" (or
 * "Silver Arches is the headline act"): the noun phrase the sentence equates with the question's
 * subject. Only for a subject that is not a name (a name is answered by its role); a who-question
 * takes a phrase with a name in it.
 */
export function composeCopula(
  q: QuestionAnalysis,
  intent: IntentMatch,
  evidence: Evidence[],
  deps: CandidateDeps,
): Answer | undefined {
  if (!q.subject || q.terms.every((t) => t.entity)) return undefined;
  const head = subjectHead(q.subject);
  if (head.length < 3) return undefined;
  const words = head.split(/\s+/).map(ESCAPE).join("\\s+");
  const after = new RegExp(
    `(?:^|[^\\p{L}])${words}\\s+${COPULA}\\s+(${PHRASE}(?:${ITEM}*,?\\s+(?:and|or|und|oder)\\s+${PHRASE})?)${PHRASE_END}`,
    "iu",
  );
  const before = new RegExp(`(?:^|[^\\p{L}])${COPULA}\\s+(?:the|der|die|das)\\s+${words}(?![\\p{L}])`, "iu");
  const wantsName = q.answerType === "person" || q.answerType === "organisation";
  const cands: Candidate[] = [];
  for (const ev of evidence.filter((e) => e.constraintsMet && e.coverage >= MIN_COVERAGE)) {
    const text = ev.sentence.text;
    let phrase: string | undefined;
    let start = 0;
    const a = after.exec(text);
    if (a) {
      phrase = (a[1] as string).trim();
      start = a.index + a[0].lastIndexOf(phrase);
    } else {
      const b = before.exec(text);
      const name = b ? NAME_BEFORE.exec(text.slice(0, b.index + 1)) : null;
      if (name) {
        phrase = name[1] as string;
        start = name.index;
      }
    }
    if (!phrase || (wantsName && !/\p{Lu}/u.test(phrase))) continue;
    cands.push({
      text: phrase,
      key: phrase.toLowerCase().replace(/^(?:the|a|an|der|die|das)\s+/, ""),
      evidence: ev,
      start,
      end: start + phrase.length,
      score: ev.score,
    });
  }
  const best = group(cands)[0];
  if (!best) return undefined;
  return answered(q, intent, best.best.evidence, {
    answer: best.best.text,
    citations: citationsOf(best, deps),
    kind: "value",
    agreement: best.byArticle.size,
  });
}

/** True when a sentence opens a definition of a name: "X is a ...", "X, the ...", "X wurde ...". */
function defines(text: string, subject: string): boolean {
  const name = ESCAPE(subject.replace(/^(?:the|a|an|der|die|das)\s+/i, ""));
  return new RegExp(
    `(?:^|[^\\p{L}])${name}(?:\\s+(?:is|was|are|were|has been|ist|war|sind|wurde)\\b|\\s*,\\s*(?:a|an|the|ein|eine|der|die|das)\\b|\\s*\\()`,
    "iu",
  ).test(text);
}

/** Answers with the best sentence itself (descriptions, and questions of no recognised type). */
export function composeSentence(
  q: QuestionAnalysis,
  intent: IntentMatch,
  evidence: Evidence[],
  deps: CandidateDeps,
): Answer | undefined {
  const usable = evidence.filter((e) => e.constraintsMet && e.coverage >= MIN_COVERAGE);
  const top = usable[0];
  if (!top) return undefined;
  // "What is X?": a sentence that defines X ("X is a ...", "X, a ...", "X wurde ...") if one is as good.
  const definition = q.subject
    ? usable.find((e) => e.coverage >= top.coverage && defines(e.sentence.text, q.subject as string))
    : undefined;
  const best = definition ?? top;
  return answered(q, intent, best, {
    answer: best.sentence.text,
    citations: [citeSentence(best.sentence, deps)],
    kind: "sentence",
    agreement: 1,
  });
}
