import type { Answer } from "./answer/types.js";
import type { Deps } from "./core.js";
import type { Article } from "./corpus/types.js";
import type { SlotKind } from "./intents/types.js";
import { localise } from "./ranking/cite.js";
import type { Language } from "./text/language.js";
import { STOPWORDS } from "./text/stopwords.js";
import { type Token, tokenize } from "./text/terms.js";

/** Suggestions offered at once (Slack's assistant pane shows up to four). */
export const MAX_SUGGESTIONS = 4;
/** Articles whose headlines are read, and questions answered at most, to find them. */
const HEADLINES = 20;
const MAX_CHECKS = 40;

const SLOT = /\{(person|place|organisation)\}/g;

/** True for a word of a name: capitalised, and never written in lower case in the articles. */
function isNameWord(word: string, deps: Deps, language: Language): boolean {
  const lower = word.toLowerCase();
  if (!/^\p{Lu}/u.test(word) || STOPWORDS.has(lower)) return false;
  if (deps.index.analyzer.lexicon.placeByAlias.has(lower)) return true;
  // German capitalises every noun: a word the lexicon lists is a word ("Büro"), not a name.
  if (language === "de" && deps.index.analyzer.isGermanWord(lower)) return false;
  return deps.index.stats.wordFreq.has(lower) && !deps.index.stats.lowerSeen.has(lower);
}

/** The names a headline mentions (runs of name words: "Acme Robotics"), by kind, in its order. */
function headlineNames(
  article: Article,
  deps: Deps,
  kindOf: (name: string) => SlotKind | undefined,
  language: Language,
): Map<SlotKind, string[]> {
  const names: string[] = [];
  let previous: Token | undefined;
  for (const t of tokenize(article.title)) {
    if (!isNameWord(t.word, deps, article.language)) {
      previous = undefined;
      continue;
    }
    const adjacent = previous && article.title.slice(previous.end, t.start) === " ";
    if (adjacent && names.length) names[names.length - 1] += ` ${t.word}`;
    else names.push(t.word);
    previous = t;
  }
  const out = new Map<SlotKind, string[]>();
  for (const name of names) {
    const kind = kindOf(name);
    if (!kind) continue;
    const written = kind === "place" ? localise(name, language, deps) : name;
    const list = out.get(kind) ?? [];
    if (!list.includes(written)) list.push(written);
    out.set(kind, list);
  }
  return out;
}

/** A template with its slots filled from one headline's names, or undefined when one is missing. */
function fill(template: string, names: Map<SlotKind, string[]>): string | undefined {
  let missing = false;
  const text = template.replace(SLOT, (_m, kind: SlotKind) => {
    const name = names.get(kind)?.[0];
    if (!name) missing = true;
    return name ?? "";
  });
  return missing ? undefined : text;
}

/** A question to try: an intent's template filled from one article's headline, or an intent's own example. */
interface Candidate {
  intent: string;
  question: string;
  /** Index of the article whose headline filled it (-1: an intent's example). */
  article: number;
}

/** The questions to try: the intents' templates filled from each headline, then the intents' own examples. */
function candidates(
  deps: Deps,
  language: Language,
  kindOf: (name: string) => SlotKind | undefined,
): Candidate[] {
  const intents = deps.intents.intents.filter((i) => i.kind === "question");
  const out: Candidate[] = [];
  deps.index.corpus.articles.slice(0, HEADLINES).forEach((article, k) => {
    const names = headlineNames(article, deps, kindOf, language);
    for (const intent of intents) {
      const templates = intent.suggest[language].length ? intent.suggest[language] : intent.suggest.en;
      for (const t of templates) {
        const question = fill(t, names);
        if (question) out.push({ intent: intent.id, question, article: k });
      }
    }
  });
  for (const intent of intents) {
    const example = (language === "de" ? intent.examples.de[0] : undefined) ?? intent.examples.en[0];
    if (example) out.push({ intent: intent.id, question: example, article: -1 });
  }
  return out;
}

const cache = new WeakMap<Deps, Map<Language, string[]>>();

/**
 * Questions to suggest (help, App Home, the assistant pane), built from the articles: the
 * intents' suggestion templates filled with the names of the articles' headlines, at most one
 * per intent and, while there are others, one per article, each kept only when `ask` answers
 * it from the articles. Worked out once per set of articles and language; a nested call while
 * it runs (help among the candidates) gets none.
 */
export function suggestQuestions(
  deps: Deps,
  language: Language,
  ask: (question: string) => Answer,
  kindOf: (name: string) => SlotKind | undefined,
): string[] {
  const byLanguage = cache.get(deps) ?? new Map<Language, string[]>();
  cache.set(deps, byLanguage);
  const known = byLanguage.get(language);
  if (known) return known;
  const found: string[] = [];
  byLanguage.set(language, found);
  const answered = new Map<string, boolean>();
  const isAnswered = (question: string) => {
    let ok = answered.get(question);
    if (ok === undefined && answered.size < MAX_CHECKS) {
      const a = ask(question);
      ok = a.answered && a.kind !== "meta";
      answered.set(question, ok);
    }
    return ok === true;
  };
  const all = candidates(deps, language, kindOf);
  const intents = new Set<string>();
  const articles = new Set<number>();
  // First one question per article and intent, then one per intent.
  for (const fresh of [true, false]) {
    for (const c of all) {
      if (found.length >= MAX_SUGGESTIONS) return found;
      const used = intents.has(c.intent) || found.includes(c.question);
      if (used || (fresh && (c.article < 0 || articles.has(c.article)))) continue;
      if (!isAnswered(c.question)) continue;
      found.push(c.question);
      intents.add(c.intent);
      articles.add(c.article);
    }
  }
  return found;
}
