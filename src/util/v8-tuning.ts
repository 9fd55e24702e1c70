import { setFlagsFromString } from "node:v8";

/**
 * V8 settings for this program, set once by each command before it loads anything. A regular
 * expression is compiled straight to machine code on its first use: by default V8 first runs it
 * in its bytecode interpreter and compiles it again on the second use, which suits a pattern used
 * once, not the bot's patterns (dates, amounts, measures), each run on dozens of sentences a
 * question. Measured: the first question's pattern work at the seeds halves (dates 19 -> 9.5 ms,
 * measures 23 -> 4.6 ms), and the bench's per-question figure drops by about 0.6 ms
 * (BENCHMARKS.md). V8's flags are the process's: worker threads started later have them too.
 */
export function tuneV8(): void {
  setFlagsFromString("--no-regexp-tier-up");
}
