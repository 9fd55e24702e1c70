import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { type LoadOptions, listArticleFiles, loadArticleFiles, noArticleWarning } from "../corpus/load.js";
import type { Article, Corpus, Sentence } from "../corpus/types.js";
import type { Analyzer } from "../text/terms.js";
import {
  analyzeSentences,
  type CorpusIndex,
  indexFromAnalysis,
  mergeAnalyses,
  type TermAnalysis,
} from "./index.js";

/**
 * A folder is read on several threads only from this many files per thread. A helper starts
 * cold (loads the code, compiles it as it runs, has its own heap): on this 2-core machine two
 * threads were no faster than one at 1,000 to 4,000 synthetic articles, and about 15% faster
 * at 10,000 (median of six runs each: 6.0 s against 7.1 s).
 */
const MIN_FILES_PER_THREAD = 2500;
/** Threads at most, whatever the machine has. */
const MAX_THREADS = 4;
/**
 * A helper thread that takes this many times as long as this thread took for the same number
 * of files (and at least MIN_WAIT_MS) is given up on; its files are read here instead.
 */
const WAIT_FACTOR = 4;
const MIN_WAIT_MS = 30_000;

/** Options of `loadIndex`. */
export interface LoadIndexOptions extends LoadOptions {
  /** The lexicon folder the analyser was made from: helper threads make their own from it. */
  lexiconDir: string;
  /** Threads to read on (default: the machine's cores, at most MAX_THREADS). */
  threads?: number;
  /** Files per thread below which one thread reads everything (default MIN_FILES_PER_THREAD). */
  minFilesPerThread?: number;
  /** The helper thread's script (default: shard-worker.js next to this module). */
  workerUrl?: URL;
  /** How long to wait for a helper before reading its files here (default: see WAIT_FACTOR). */
  helperTimeoutMs?: number;
  /** Called with how long reading (with the per-piece analysis) and indexing took. */
  onTiming?: (timing: { load: number; index: number; threads: number }) => void;
}

/** What a helper thread sends back: its piece of the corpus, compactly, and its analysis. */
export interface ShardResult {
  ok: boolean;
  error?: string;
  articles?: Omit<Article, "text" | "sentences">[];
  texts?: string[];
  /** Per article, its number of sentences. */
  sentenceCounts?: Int32Array;
  /** Per sentence: start, end, language (0 en, 1 de). */
  spans?: Int32Array;
  warnings?: string[];
  analysis?: TermAnalysis;
}

/** What a helper thread is given. */
export interface ShardRequest {
  dir: string;
  names: string[];
  lexiconDir: string;
  maxBytes?: number;
  /** Set to 1 once the result is posted. */
  done: Int32Array;
}

/** A piece of a corpus loaded on a helper thread, packed for posting back. */
export function packShard(corpus: Corpus, analysis: TermAnalysis): ShardResult {
  const spans = new Int32Array(corpus.sentences.length * 3);
  corpus.sentences.forEach((s, i) => {
    spans[i * 3] = s.start;
    spans[i * 3 + 1] = s.end;
    spans[i * 3 + 2] = s.language === "de" ? 1 : 0;
  });
  return {
    ok: true,
    articles: corpus.articles.map(({ text: _t, sentences: _s, ...meta }) => meta),
    texts: corpus.articles.map((a) => a.text),
    sentenceCounts: Int32Array.from(corpus.articles, (a) => a.sentences.length),
    spans,
    warnings: corpus.warnings,
    analysis,
  };
}

/** Appends an unpacked piece to the corpus being assembled (ids continue from what is there). */
function appendShard(corpus: Corpus, shard: ShardResult): void {
  const { articles = [], texts = [], sentenceCounts = new Int32Array(), spans = new Int32Array() } = shard;
  let span = 0;
  articles.forEach((meta, k) => {
    const article = corpus.articles.length;
    const text = texts[k] as string;
    const ids: number[] = [];
    for (let n = sentenceCounts[k] as number; n > 0; n--, span += 3) {
      const start = spans[span] as number;
      const end = spans[span + 1] as number;
      const id = corpus.sentences.length;
      const language = spans[span + 2] === 1 ? "de" : "en";
      corpus.sentences.push({ id, article, start, end, text: text.slice(start, end), language } as Sentence);
      ids.push(id);
    }
    corpus.articles.push({ ...meta, text, sentences: ids });
  });
}

/** Appends a piece loaded on this thread, renumbering its articles and sentences in place. */
function appendLocal(corpus: Corpus, piece: Corpus): void {
  const articleBase = corpus.articles.length;
  const sentenceBase = corpus.sentences.length;
  for (const s of piece.sentences) {
    s.id += sentenceBase;
    s.article += articleBase;
    corpus.sentences.push(s);
  }
  for (const a of piece.articles) {
    a.sentences = a.sentences.map((id) => id + sentenceBase);
    corpus.articles.push(a);
  }
}

/** A started helper thread and what it was asked to read. */
interface Helper {
  worker?: Worker;
  port?: MessagePort;
  names: string[];
  done: Int32Array;
}

function startHelper(url: URL, request: Omit<ShardRequest, "done">): Helper {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const helper: Helper = { names: request.names, done };
  try {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(url, {
      workerData: { ...request, done, port: port2 },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    worker.unref();
    // A failing helper is replaced by reading its files here; its error must not end the process.
    worker.on("error", () => {});
    helper.worker = worker;
    helper.port = port1;
  } catch {
    // no helper: its files are read here
  }
  return helper;
}

/** The helper's result, waiting (blocking this thread) at most `waitMs`; undefined if it failed. */
function awaitHelper(helper: Helper, waitMs: number): ShardResult | undefined {
  if (!helper.worker || !helper.port) return undefined;
  const deadline = performance.now() + waitMs;
  while (Atomics.load(helper.done, 0) === 0) {
    const left = deadline - performance.now();
    if (left <= 0) break;
    Atomics.wait(helper.done, 0, 0, Math.min(left, 1000));
  }
  const message = receiveMessageOnPort(helper.port)?.message as ShardResult | undefined;
  helper.port.close();
  void helper.worker.terminate();
  return message?.ok ? message : undefined;
}

/**
 * Reads a folder of articles and indexes it, on several threads when it is large: each reads,
 * splits and analyses a consecutive share of the files (this thread too), the analyses are
 * merged, and this thread builds the article index. The index is the same as `buildIndex`'s on
 * one thread. A helper that fails or stalls is replaced by reading its files here: nothing is
 * lost. Blocks until done (Atomics.wait), like the one-thread build it replaces.
 */
export function loadIndex(dir: string, analyzer: Analyzer, options: LoadIndexOptions): CorpusIndex {
  const t0 = performance.now();
  const names = listArticleFiles(dir);
  const url = options.workerUrl ?? new URL("./shard-worker.js", import.meta.url);
  const wanted = Math.min(options.threads ?? availableParallelism(), MAX_THREADS);
  const perThread = options.minFilesPerThread ?? MIN_FILES_PER_THREAD;
  const threads = existsSync(fileURLToPath(url))
    ? Math.max(1, Math.min(wanted, Math.floor(names.length / perThread)))
    : 1;
  const size = Math.ceil(names.length / threads);
  const pieces = Array.from({ length: threads }, (_, k) => names.slice(k * size, (k + 1) * size));
  const load = { maxBytes: options.maxBytes, onWarning: options.onWarning };
  const helpers = pieces
    .slice(1)
    .map((piece) =>
      startHelper(url, { dir, names: piece, lexiconDir: options.lexiconDir, maxBytes: options.maxBytes }),
    );
  const tOwn = performance.now();
  const own = loadArticleFiles(dir, pieces[0] ?? [], load);
  const corpus: Corpus = { dir, articles: [], sentences: [], warnings: [...own.warnings] };
  appendLocal(corpus, own);
  const analyses = [analyzeSentences(own.sentences, analyzer)];
  const waitMs = options.helperTimeoutMs ?? Math.max(MIN_WAIT_MS, WAIT_FACTOR * (performance.now() - tOwn));
  for (const helper of helpers) {
    const result = awaitHelper(helper, waitMs);
    if (result?.analysis) {
      for (const w of result.warnings ?? []) options.onWarning?.(w);
      corpus.warnings.push(...(result.warnings ?? []));
      appendShard(corpus, result);
      analyses.push(result.analysis);
    } else {
      const piece = loadArticleFiles(dir, helper.names, load);
      corpus.warnings.push(...piece.warnings);
      const base = corpus.sentences.length;
      appendLocal(corpus, piece);
      analyses.push(analyzeSentences(corpus.sentences.slice(base), analyzer));
    }
  }
  if (corpus.articles.length === 0) corpus.warnings.push(noArticleWarning(dir));
  const t1 = performance.now();
  const index = indexFromAnalysis(corpus, analyzer, mergeAnalyses(analyses));
  options.onTiming?.({ load: Math.round(t1 - t0), index: Math.round(performance.now() - t1), threads });
  return index;
}
