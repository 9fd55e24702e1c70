import type { Answer, SourceArticle } from "./answer/types.js";
import { type AnswerOptions, answer, type Deps, suggestionsFor } from "./core.js";
import { articleName } from "./corpus/load.js";
import type { Language } from "./text/language.js";

/** Answers one question, wherever the core runs (this thread or a worker). */
export type Ask = (question: string, options?: AnswerOptions) => Promise<Answer>;

/** What the bot knows: its articles, and questions it is checked to answer. */
export interface Catalog {
  articles: SourceArticle[];
  /** Suggested questions in the language asked for, each answered by the bot. */
  suggestions: string[];
}

/** Describes the articles, wherever the core runs. */
export type Browse = (language: Language) => Promise<Catalog>;

/** Answers on this thread with the current dependencies (console, tests). */
export function askInProcess(deps: () => Deps): Ask {
  return async (question, options) => answer(question, deps(), options);
}

/** The catalog of a set of articles. */
export function catalogOf(deps: Deps, language: Language): Catalog {
  const articles = deps.index.corpus.articles.map((a) => ({
    source: a.source,
    title: articleName(a),
    language: a.language,
    ...(a.date ? { date: a.date } : {}),
    ...(a.url ? { url: a.url } : {}),
  }));
  return { articles, suggestions: suggestionsFor(deps, language) };
}

/** Describes the articles on this thread (tests). */
export function browseInProcess(deps: () => Deps): Browse {
  return async (language) => catalogOf(deps(), language);
}
