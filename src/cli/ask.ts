#!/usr/bin/env node
import { type Answer, toContract } from "../answer/types.js";
import { AnswerPool, ThisThreadTaker } from "../answer-worker/answer-pool.js";
import { AnswerWorker } from "../answer-worker/pool.js";
import type { Log } from "../answer-worker/protocol.js";
import { askThreadsFrom } from "../config.js";
import { cacheDirFrom, intentsDirFrom, seedsDirFrom } from "../config-paths.js";
import { answer, createDeps, type Deps } from "../core.js";
import { backendSettingsFrom } from "../retrieval/postgres/settings.js";
import { answerLines } from "./answer-lines.js";
import { parseArgs } from "./args.js";
import { renderText } from "./render-text.js";
import { runMain } from "./run-main.js";

const USAGE = `usage: npm run ask -- [--json | --jsonl] [--why] [--seeds DIR] "question"
  (no option)  a readable answer with numbered citations
  --json       one JSON object (the answer contract)
  --jsonl      one question per line of standard input, one JSON object per line
  --seeds DIR  read the articles from DIR instead of seeds/ (or set SEEDS_DIR)
  --threads N  answer a long --jsonl input on N threads (or set ASK_THREADS; default: the cores, at most 4)
  --why        also what decided the answer: the words matched, the probability against the
               threshold, the features that weighed most, the sentences scored best
               (with --json: the answer's "trace" beside the contract's fields)
  --timing     print how long loading and indexing took, on stderr`;

/** One answer as `ask` prints it: readable, or the contract's JSON; with --why, its trace too. */
function printed(a: Answer, args: ReturnType<typeof parseArgs>): string {
  if (!args.json) return renderText(a, args.why);
  return JSON.stringify(args.why ? { ...toContract(a), trace: a.trace } : toContract(a));
}

/** ARTICLES_BACKEND=postgres: the articles are read from DATABASE_URL (npm run ingest). */
async function askPostgres(args: ReturnType<typeof parseArgs>, databaseUrl: string): Promise<number> {
  const t0 = performance.now();
  const { PostgresArticles } = await import("../retrieval/postgres/articles.js");
  const db = await PostgresArticles.open({
    databaseUrl,
    intentsDir: intentsDirFrom(),
    cacheDir: cacheDirFrom(),
  });
  if (args.timing)
    process.stderr.write(`timing: load ${Math.round(performance.now() - t0)} ms, index 0 ms (postgres)\n`);
  try {
    if (args.jsonl) await answerLines(process.stdin, process.stdout, (q) => db.answer(q));
    else {
      const a = await db.answer(args.question);
      process.stdout.write(`${printed(a, args)}\n`);
    }
  } finally {
    await db.close();
  }
  return 0;
}

/** Questions read ahead of the last answer written: a batch is dealt in long runs of consecutive questions. */
const READ_AHEAD = 8192;
/** --jsonl starts its helper threads once this many questions wait: a batch, not a person typing. */
const HELP_WHEN_WAITING = 256;

/**
 * --jsonl on this thread and, once a backlog builds up, on `threads - 1` helper threads too:
 * each helper loads the articles itself and takes runs of consecutive questions (AnswerPool);
 * the answers are written in order as they come.
 */
async function answerOnThreads(deps: Deps, args: ReturnType<typeof parseArgs>, threads: number) {
  const log: Log = (m, kind) => {
    // this thread has said the articles' warnings already, and a helper's start is no news
    if (kind !== "warning" && kind !== "ready") process.stderr.write(`${m}\n`);
  };
  // the lines written are the contract, which has no trace: none is made
  const untraced = { trace: false };
  const pool = new AnswerPool([new ThisThreadTaker((q) => answer(q, deps, untraced))], {
    count: threads - 1,
    whenWaiting: HELP_WHEN_WAITING,
    start: async () => {
      const worker = await AnswerWorker.start({
        seedsDir: seedsDirFrom(args.seeds),
        intentsDir: intentsDirFrom(),
        cacheDir: cacheDirFrom(),
        watch: false,
        log,
      });
      return { ask: (q) => worker.ask(q, untraced), close: () => worker.close() };
    },
    log,
  });
  try {
    await answerLines(process.stdin, process.stdout, (q) => pool.ask(q), undefined, READ_AHEAD);
  } finally {
    await pool.close();
  }
  if (args.timing) process.stderr.write(`timing: answered on ${pool.size} thread(s)\n`);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help || (!args.jsonl && !args.question)) {
    process.stderr.write(`${USAGE}\n`);
    return args.help ? 0 : 2;
  }
  const backend = backendSettingsFrom();
  if (backend.backend === "postgres") return askPostgres(args, backend.databaseUrl as string);
  const threads = args.jsonl ? askThreadsFrom(args.threads) : 1;
  const deps = createDeps({
    seedsDir: seedsDirFrom(args.seeds),
    intentsDir: intentsDirFrom(),
    onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
    onTiming: args.timing
      ? (t) =>
          process.stderr.write(
            `timing: load ${t.load} ms, index ${t.index} ms${t.cached ? " (index cache)" : ""}\n`,
          )
      : undefined,
    cacheDir: cacheDirFrom(),
  });
  if (args.jsonl && threads > 1) await answerOnThreads(deps, args, threads);
  else if (args.jsonl) await answerLines(process.stdin, process.stdout, deps);
  else {
    process.stdout.write(`${printed(answer(args.question, deps), args)}\n`);
  }
  return 0;
}

runMain(main);
