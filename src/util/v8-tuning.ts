import { setFlagsFromString } from "node:v8";

/**
 * V8 settings for this program, set once by each command before it answers anything. V8's flags
 * are the process's: worker threads started later have them too. Each was measured side by side
 * (BENCHMARKS.md):
 *
 * - `--no-regexp-tier-up`: a regular expression is compiled straight to machine code on its first
 *   use. By default V8 first runs it in its bytecode interpreter and compiles it again on the
 *   second use, which suits a pattern used once, not the bot's patterns (dates, amounts,
 *   measures), each run on dozens of sentences a question. The first question's pattern work at
 *   the seeds halves (dates 19 -> 9.5 ms, measures 23 -> 4.6 ms).
 * - `--interrupt-budget=140000` (V8's default 67584) and
 *   `--max-inlined-bytecode-size-cumulative=300` (default 920): a function is handed to the
 *   optimizing compiler after about twice as much work, and inlines less into itself. Answering
 *   runs a few large functions (gathering evidence, extracting candidates, matching intents) a
 *   few times per question; with the defaults the optimizing compiler spends 80-145 ms on each of
 *   them on the second core, often more than a few hundred questions gain from the result, and a
 *   command that ends waits for a compile still running. Per question over 200 questions, side by
 *   side: seeds 2.65 -> 1.9 ms, 10,000 articles 10.1 -> 8.9 ms; cold start unchanged.
 */
export const V8_FLAGS = [
  "--no-regexp-tier-up",
  "--interrupt-budget=140000",
  "--max-inlined-bytecode-size-cumulative=300",
];

/**
 * The npm scripts put V8_FLAGS on node's command line, where V8 reads them before it starts
 * (package.json; tests/util/v8-tuning.test.ts keeps the two the same). A program started without
 * them (`node dist/bin/ask.js`) sets them itself, once, before it answers anything: Node calls
 * flags changed after start-up undefined behaviour (scripts/bench-starts.mjs compares the two).
 * Says which it was.
 */
export function tuneV8(execArgv: readonly string[] = process.execArgv): "command line" | "set at runtime" {
  const missing = V8_FLAGS.filter((f) => !execArgv.includes(f));
  for (const f of missing) setFlagsFromString(f);
  return missing.length ? "set at runtime" : "command line";
}
