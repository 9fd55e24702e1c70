#!/usr/bin/env node
import { createInterface } from "node:readline";
import { toContract } from "../answer/types.js";
import { cacheDirFrom, intentsDirFrom, seedsDirFrom } from "../config-paths.js";
import { answer, createDeps, type Deps } from "../core.js";
import { parseArgs } from "./args.js";
import { renderText } from "./render-text.js";
import { runMain } from "./run-main.js";

const USAGE = `usage: npm run ask -- [--json | --jsonl] [--seeds DIR] "question"
  (no option)  a readable answer with numbered citations
  --json       one JSON object (the answer contract)
  --jsonl      one question per line of standard input, one JSON object per line
  --seeds DIR  read the articles from DIR instead of seeds/ (or set SEEDS_DIR)
  --timing     print how long loading and indexing took, on stderr`;

/** Answers every line of a stream, one JSON line each, in order, written as it goes. */
export async function answerLines(input: NodeJS.ReadableStream, out: NodeJS.WritableStream, deps: Deps) {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) out.write(`${JSON.stringify(toContract(answer(line, deps)))}\n`);
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
  if (args.jsonl) await answerLines(process.stdin, process.stdout, deps);
  else {
    const a = answer(args.question, deps);
    process.stdout.write(args.json ? `${JSON.stringify(toContract(a))}\n` : `${renderText(a)}\n`);
  }
  return 0;
}

runMain(main);
