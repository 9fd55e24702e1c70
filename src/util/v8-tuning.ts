/**
 * V8 settings for this program, given on node's command line by the npm scripts (package.json;
 * tests/util/v8-tuning.test.ts keeps the two the same), where V8 reads them before it starts.
 * They are never set from inside the program: Node calls flags changed after start-up undefined
 * behaviour, and a start that died silently right after "answering worker ready" was seen with
 * them set that way (scripts/bench-starts.mjs compares the two). `node dist/bin/x.js` started
 * without them runs the same, only without the tuning. V8's flags are the process's: worker
 * threads have them too. Each was measured side by side
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
