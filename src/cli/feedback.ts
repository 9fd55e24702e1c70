#!/usr/bin/env node
import "dotenv/config";
import { existsSync, readFileSync } from "node:fs";
import { ConfigError, feedbackLogFrom } from "../config.js";
import { formatFeedback, summariseFeedback } from "./feedback-summary.js";
import { runMain } from "./run-main.js";

const USAGE = "usage: npm run feedback [-- FILE]   (default: FEEDBACK_LOG, else .data/feedback.jsonl)";

/**
 * `npm run feedback`: summarises the feedback log of the Slack app's "Helpful" / "Not helpful"
 * buttons: the number of ratings and the share helpful, per intent and per answer.
 */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let file: string | undefined;
  try {
    file = argv[0] ?? feedbackLogFrom();
  } catch (err) {
    if (err instanceof ConfigError) throw new Error(`configuration error: ${err.message}`);
    throw err;
  }
  if (!file) {
    process.stdout.write("FEEDBACK_LOG is off: no feedback is kept.\n");
    return 0;
  }
  if (!existsSync(file)) {
    process.stdout.write(`No feedback yet (${file} does not exist).\n`);
    return 0;
  }
  process.stdout.write(formatFeedback(summariseFeedback(readFileSync(file, "utf8"))));
  return 0;
}

runMain(main);
