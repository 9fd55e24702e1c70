import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { localiseAnswer } from "./answer/localise.js";
import { composeMeta } from "./answer/meta.js";
import { classifyName, type NameContext } from "./answer/names.js";
import type { Answer, SourceArticle } from "./answer/types.js";
import { PROJECT_ROOT } from "./config-paths.js";
import { articleName, noArticleWarning } from "./corpus/load.js";
import type { Article, Corpus } from "./corpus/types.js";
import { explainAnswer, explainMeta } from "./explain.js";
import { loadIntentModel } from "./intents/cache.js";
import { type IntentModel, matchIntent } from "./intents/match.js";
import { DESCRIPTIVE_TYPES, type IntentMatch, type SlotKind } from "./intents/types.js";
import { type BilingualDictionary, loadDictionary } from "./knowledge/de-en-dictionary.js";
import { loadWordVectors, type WordVectors } from "./knowledge/embeddings.js";
import { loadWordNet, type WordNet } from "./knowledge/wordnet.js";
import { loadLexicon } from "./lexicon/load.js";
import { analyzeQuestion, MAX_QUESTION_CHARS, type QuestionAnalysis } from "./question/analyze.js";
import { analyse, compose, type Models, score } from "./ranking/pipeline.js";
import { parseWeights } from "./ranking/weights.js";
import { cacheKey, loadCachedIndex, saveIndex } from "./retrieval/cache.js";
import { buildIndex, type CorpusIndex } from "./retrieval/index.js";
import { loadIndex } from "./retrieval/parallel.js";
import { suggestQuestions } from "./suggest.js";
import type { Language } from "./text/language.js";
import { stripSlackMarkup } from "./text/slack-markup.js";
import { Analyzer } from "./text/terms.js";

/** The fitted models the core answers with (written by `npm run train`). */
export const WEIGHTS_FILE = join(PROJECT_ROOT, "model", "weights.json");

/** A meta intent (help, sources, ...) must match this well: a question is never taken for "help". */
const MIN_META_CONFIDENCE = 0.6;

/** Everything the core needs to answer: built once at start, passed down explicitly. */
export interface Deps {
  index: CorpusIndex;
  intents: IntentModel;
  names: NameContext;
  /** The fitted models and thresholds. */
  models: Models;
  /** WordNet's related words, for question words the articles say otherwise. */
  wordnet: WordNet;
  /** English word vectors, for question words the articles say with a close word; undefined without .cache/embeddings.*. */
  vectors: WordVectors | undefined;
  /** The German <-> English dictionary; undefined without .cache/de-en.tsv (scripts/build-dictionary.mjs). */
  dictionary: BilingualDictionary | undefined;
}

let wordnet: WordNet | undefined;
/** WordNet, loaded once per process (its table is read-only). */
function sharedWordNet(): WordNet {
  wordnet ??= loadWordNet();
  return wordnet;
}

let dictionary: { loaded: BilingualDictionary | undefined } | undefined;
/** The bilingual dictionary, loaded once per process (read-only). */
function sharedDictionary(): BilingualDictionary | undefined {
  dictionary ??= { loaded: loadDictionary() };
  return dictionary.loaded;
}

let vectors: { loaded: WordVectors | undefined } | undefined;
/** The word vectors, loaded once per process (read-only); undefined, with one warning, without their files. */
function sharedWordVectors(): WordVectors | undefined {
  vectors ??= { loaded: loadWordVectors() };
  return vectors.loaded;
}

/** Where the core reads its data from. */
export interface DepsOptions {
  seedsDir: string;
  intentsDir: string;
  /** Called with each warning (a skipped article file). */
  onWarning?: (message: string) => void;
  /** Called once with how long loading the articles and building the index took (ms). */
  onTiming?: (timing: { load: number; index: number; cached: boolean }) => void;
  /** Folder of the persistent index cache; none: no cache. */
  cacheDir?: string;
  /** The fitted models (default: WEIGHTS_FILE). */
  weightsFile?: string;
  /** The models themselves (training passes untrained ones); else read from `weightsFile`. */
  models?: Models;
}

let defaultModels: Models | undefined;
/** Reads a weights file; throws naming the file when it is missing or malformed. */
export function loadModels(file = WEIGHTS_FILE): Models {
  if (file === WEIGHTS_FILE && defaultModels) return defaultModels;
  if (!existsSync(file)) throw new Error(`${file}: no weights file (run npm run train)`);
  const models = parseWeights(readFileSync(file, "utf8"), file);
  if (file === WEIGHTS_FILE) defaultModels = models;
  return models;
}

/** Builds the answering dependencies from an already loaded corpus (with the committed models unless given others). */
export function buildDeps(corpus: Corpus, intentsDir: string, models?: Models): Deps {
  const analyzer = new Analyzer(loadLexicon(join(intentsDir, "lexicon")));
  return depsFromIndex(buildIndex(corpus, analyzer), intentsDir, undefined, undefined, models);
}

/**
 * Reads a folder of articles (on several threads when it is large) and builds the answering
 * dependencies, without the index cache. Warnings stay in the corpus for the caller to judge.
 */
export function buildDepsFromFolder(seedsDir: string, intentsDir: string): Deps {
  const lexiconDir = join(intentsDir, "lexicon");
  const index = loadIndex(seedsDir, new Analyzer(loadLexicon(lexiconDir)), { lexiconDir });
  return depsFromIndex(index, intentsDir);
}

/** The answering dependencies around an index (the intents, the fitted models, WordNet, the word vectors). */
export function depsFromIndex(
  index: CorpusIndex,
  intentsDir: string,
  cacheDir?: string,
  weightsFile?: string,
  models?: Models,
): Deps {
  const { analyzer } = index;
  const lexicon = analyzer.lexicon;
  const base = { stats: index.stats, lexicon, roleWords: analyzer.roleWords };
  // People are found per article, when an article is first searched (namesForArticle).
  const names: NameContext = { ...base, people: new Set() };
  const intents = loadIntentModel(intentsDir, analyzer, cacheDir);
  return {
    index,
    intents,
    names,
    models: models ?? loadModels(weightsFile),
    wordnet: sharedWordNet(),
    vectors: sharedWordVectors(),
    dictionary: sharedDictionary(),
  };
}

/**
 * Loads the articles and intents and builds the index, or reads the index from the cache when
 * one matches the files. Throws on a malformed intent file.
 */
export function createDeps(options: DepsOptions): Deps {
  const t0 = performance.now();
  const lexiconDir = join(options.intentsDir, "lexicon");
  const analyzer = new Analyzer(loadLexicon(lexiconDir));
  const key = options.cacheDir ? cacheKey(options.seedsDir, lexiconDir) : "";
  let index = options.cacheDir
    ? loadCachedIndex(options.seedsDir, key, options.cacheDir, analyzer)
    : undefined;
  const cached = index !== undefined;
  // load: reading the files or the cache; index: everything after (parallel.ts splits its own time).
  let timing = { load: Math.round(performance.now() - t0), index: 0 };
  let tBuilt = performance.now();
  if (index) for (const w of index.corpus.warnings) options.onWarning?.(w);
  else {
    index = loadIndex(options.seedsDir, analyzer, {
      lexiconDir,
      onWarning: options.onWarning,
      onTiming: (t) => {
        timing = { load: timing.load + t.load, index: t.index };
      },
    });
    tBuilt = performance.now();
    if (index.corpus.articles.length === 0) options.onWarning?.(noArticleWarning(options.seedsDir));
    if (options.cacheDir) saveIndex(index, key, options.cacheDir);
  }
  const deps = depsFromIndex(
    index,
    options.intentsDir,
    options.cacheDir,
    options.weightsFile,
    options.models,
  );
  options.onTiming?.({
    load: timing.load,
    index: timing.index + Math.round(performance.now() - tBuilt),
    cached,
  });
  return deps;
}

function slotKind(name: string, deps: Pick<Deps, "names">): SlotKind | undefined {
  const kind = classifyName(name, { before: "", after: "" }, deps.names);
  return kind === "other" ? "organisation" : kind;
}

/** What a front end knows beyond the question's text. */
export interface AnswerOptions {
  /**
   * The conversation it was asked in: the names and places the previous question was read with.
   * A question with none of its own is read with them ("when did it open?" after "who runs the
   * Telgard plant?" asks about the Telgard plant).
   */
  context?: { entities: string[] };
  /**
   * false: the answer carries no trace, for a caller that writes only the contract (which has
   * none). Its time is within the noise of `npm run bench:sets` (0.92-1.12x a build that made
   * every trace, answers identical on the five dev sets).
   */
  trace?: boolean;
}

/** A question read and routed: its analysis, its intent, and whether it is about the bot itself. */
export interface Routed {
  q: QuestionAnalysis;
  intent: IntentMatch;
  /** Help, sources, a greeting, thanks or nothing at all: answered without the articles. */
  meta: boolean;
  /** Names and places taken from the conversation (AnswerOptions.context) into the question. */
  carried: string[];
}

/** The names and places of a context worth carrying into a question (figures are not). */
function namesToCarry(context: AnswerOptions["context"]): string[] {
  return (context?.entities ?? []).filter((e) => typeof e === "string" && /^\p{L}/u.test(e)).slice(0, 6);
}

/** Reads a question once and matches it against the intents. */
export function route(
  question: string,
  deps: Pick<Deps, "index" | "intents" | "names">,
  options: AnswerOptions = {},
): Routed {
  const raw = String(question ?? "");
  const read = (text: string) =>
    analyzeQuestion(text, {
      analyzer: deps.index.analyzer,
      stats: deps.index.stats,
      knownWords: deps.intents.words,
    });
  const kindOf = (name: string) => slotKind(name, deps);
  let q = read(raw);
  let match = matchIntent(q, deps.intents, kindOf);
  const isMeta = (m: IntentMatch) =>
    !q.text || (m.intent?.kind === "meta" && q.entities.length === 0 && m.confidence >= MIN_META_CONFIDENCE);
  let carried: string[] = [];
  if (!isMeta(match) && q.entities.length === 0) {
    carried = namesToCarry(options.context);
    // The names go where the question would have said them: read as one question, raw kept.
    if (carried.length) {
      q = { ...read(`${q.text.replace(/[\s?!.]+$/u, "")} ${carried.join(" ")}?`), raw };
      match = matchIntent(q, deps.intents, kindOf);
    }
  }
  const meta = isMeta(match);
  const intent =
    match.intent?.kind === "meta" && !meta ? { ...match, intent: undefined, id: "fallback" } : match;
  // "Who is X?" with nothing but the name: asked for X's role, not for a person.
  const onlyName = q.subject !== undefined && q.entities.length > 0 && q.terms.every((t) => t.entity);
  if (onlyName && (q.answerType === undefined || q.answerType === "person")) q.answerType = "role";
  return { q, intent, meta, carried };
}

const articlesBySource = new WeakMap<Corpus, Map<string, Article>>();

/** A corpus's articles by file name, worked out once per corpus. */
function bySourceOf(corpus: Corpus): Map<string, Article> {
  let map = articlesBySource.get(corpus);
  if (!map) {
    map = new Map(corpus.articles.map((x) => [x.source, x]));
    articlesBySource.set(corpus, map);
  }
  return map;
}

/** The articles an answer cites, each once, in the order first cited (list items' first). */
function sourcesOf(a: Answer, deps: Deps): SourceArticle[] {
  const files = [...(a.items ?? []).flatMap((i) => i.citations), ...a.citations].map((c) => c.source);
  const bySource = bySourceOf(deps.index.corpus);
  return [...new Set(files)].flatMap((source) => {
    const x = bySource.get(source);
    if (!x) return [];
    return [
      {
        source,
        title: articleName(x),
        language: x.language,
        ...(x.date ? { date: x.date } : {}),
        ...(x.url ? { url: x.url } : {}),
      },
    ];
  });
}

/** The questions the bot suggests for these articles (help, App Home, the assistant pane), each checked to be answered. */
export function suggestionsFor(deps: Deps, language: Language): string[] {
  return suggestQuestions(
    deps,
    language,
    (question) => answer(question, deps),
    (name) => slotKind(name, deps),
  );
}

/**
 * Answers one question from the articles: the core of every front end. Never throws for any
 * input text; abstains (answered: false) when the fitted confidence is below its threshold.
 * The answer carries its sources and a trace of what decided it.
 */
export function answer(question: string, deps: Deps, options: AnswerOptions = {}): Answer {
  const { q, intent, meta, carried } = route(question, deps, options);
  const shortened = stripSlackMarkup(String(question ?? "")).length > MAX_QUESTION_CHARS;
  const extra = shortened ? { shortened } : {};
  if (meta) {
    const examples = intent.id === "help" || !q.text ? suggestionsFor(deps, q.language) : undefined;
    const meta = { ...composeMeta(q, intent, deps, examples), ...extra };
    return options.trace === false ? meta : { ...meta, trace: explainMeta(q.entities, intent.id) };
  }
  const analysis = analyse(q, intent, deps);
  const scored = score(analysis, deps.models, deps);
  // The value or title in the asker's language ("$6.4 billion" for "6,4 Milliarden Dollar",
  // "managing director" for "Geschäftsführer", and back); quotes stay verbatim. Titles only when
  // the question asks for a role or a description: the answer to "who leads it?" may be a
  // surname that is also a title ("Kaiser", "König") and stays a name.
  const titles = DESCRIPTIVE_TYPES.has(analysis.type) ? deps.names.lexicon : undefined;
  const composed = localiseAnswer(compose(analysis, scored, deps.models, deps), titles);
  const out: Answer = { ...composed, sources: sourcesOf(composed, deps), ...extra };
  return options.trace === false
    ? out
    : { ...out, trace: explainAnswer(analysis, scored, deps.models, carried) };
}
