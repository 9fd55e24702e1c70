import { join } from "node:path";
import {
  abstain,
  closestNote,
  composeCopula,
  composeList,
  composeRole,
  composeSentence,
  composeValue,
} from "./answer/compose.js";
import { gatherEvidence } from "./answer/evidence.js";
import { composeMeta } from "./answer/meta.js";
import { classifyName, type NameContext } from "./answer/names.js";
import type { Answer } from "./answer/types.js";
import { noArticleWarning } from "./corpus/load.js";
import type { Corpus } from "./corpus/types.js";
import { loadIntentModel } from "./intents/cache.js";
import { type IntentModel, matchIntent } from "./intents/match.js";
import type { AnswerType, SlotKind } from "./intents/types.js";
import { loadLexicon } from "./lexicon/load.js";
import { analyzeQuestion } from "./question/analyze.js";
import { cacheKey, loadCachedIndex, saveIndex } from "./retrieval/cache.js";
import { buildIndex, type CorpusIndex } from "./retrieval/index.js";
import { loadIndex } from "./retrieval/parallel.js";
import { Analyzer } from "./text/terms.js";

/** A meta intent (help, sources, ...) must match this well: a question is never taken for "help". */
const MIN_META_CONFIDENCE = 0.6;

/** Everything the core needs to answer: built once at start, passed down explicitly. */
export interface Deps {
  index: CorpusIndex;
  intents: IntentModel;
  names: NameContext;
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
}

/** Builds the answering dependencies from an already loaded corpus. */
export function buildDeps(corpus: Corpus, intentsDir: string): Deps {
  const analyzer = new Analyzer(loadLexicon(join(intentsDir, "lexicon")));
  return depsFromIndex(buildIndex(corpus, analyzer), intentsDir);
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

function depsFromIndex(index: CorpusIndex, intentsDir: string, cacheDir?: string): Deps {
  const { analyzer } = index;
  const lexicon = analyzer.lexicon;
  const base = { stats: index.stats, lexicon, roleWords: analyzer.roleWords };
  // People are found per article, when an article is first searched (namesForArticle).
  const names: NameContext = { ...base, people: new Set() };
  const intents = loadIntentModel(intentsDir, analyzer, cacheDir);
  return { index, intents, names };
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
  const deps = depsFromIndex(index, options.intentsDir, options.cacheDir);
  options.onTiming?.({
    load: timing.load,
    index: timing.index + Math.round(performance.now() - tBuilt),
    cached,
  });
  return deps;
}

function slotKind(name: string, deps: Deps): SlotKind | undefined {
  const kind = classifyName(name, { before: "", after: "" }, deps.names);
  return kind === "other" ? "organisation" : kind;
}

/**
 * Answers one question from the articles: the core of every front end. Never throws for any
 * input text; abstains (answered: false) when the articles do not answer.
 */
export function answer(question: string, deps: Deps): Answer {
  const q = analyzeQuestion(String(question ?? ""), {
    analyzer: deps.index.analyzer,
    stats: deps.index.stats,
    knownWords: deps.intents.words,
  });
  const match = matchIntent(q, deps.intents, (name) => slotKind(name, deps));
  const isMeta =
    match.intent?.kind === "meta" && q.entities.length === 0 && match.confidence >= MIN_META_CONFIDENCE;
  if (!q.text || isMeta) {
    return composeMeta(q, match, deps);
  }
  let intent = match.intent?.kind === "meta" ? { ...match, intent: undefined, id: "fallback" } : match;
  let type: AnswerType = q.answerType ?? intent.intent?.answerType ?? "description";
  const subjectIsName = q.subject !== undefined && q.entities.length > 0 && q.terms.every((t) => t.entity);
  if (subjectIsName && (type === "person" || type === "description")) {
    // "Who is X?" has no words but the name: the intent is the one that answers with a role.
    type = "role";
    const roleIntent = deps.intents.intents.find((i) => i.answerType === "role");
    if (roleIntent) intent = { ...intent, intent: roleIntent, id: roleIntent.id };
  }
  const at = intent.intent ? deps.intents.intents.indexOf(intent.intent) : -1;
  const expansions = new Set(deps.intents.expansions[at] ?? []);
  const evidence = gatherEvidence(deps.index, q, expansions, deps.intents.synonyms[at] ?? []);
  // "Who is the headline act?" when a sentence says what the headline act is.
  let result: Answer | undefined =
    !q.list && (type === "person" || type === "organisation" || type === "description")
      ? composeCopula(q, intent, evidence, deps)
      : undefined;
  if (result) {
    // answered by the sentence that equates the subject with its answer
  } else if (type === "role")
    result = composeRole(q, intent, evidence, deps) ?? composeSentence(q, intent, evidence, deps);
  else if (q.list && (type === "place" || type === "organisation" || type === "person")) {
    result = composeList(q, intent, type, evidence, deps);
  } else if (type === "description") result = composeSentence(q, intent, evidence, deps);
  else if (type === "reason" || type === "quote") {
    result = composeValue(q, intent, type, evidence, deps) ?? composeSentence(q, intent, evidence, deps);
  } else {
    result = composeValue(q, intent, type, evidence, deps);
    // "Who built X?" when the articles say "X was built by Velmora Aerospace": an organisation.
    if (!result && type === "person")
      result = composeValue(q, intent, "organisation", evidence, deps, { agentsOnly: true });
  }
  const best = evidence[0];
  return (
    result ??
    abstain(q, intent, best ? Math.min(0.5, best.coverage * 0.5) : 0.1, closestNote(q, evidence, deps))
  );
}
