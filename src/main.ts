#!/usr/bin/env node
import "dotenv/config";
import { runConsole } from "./cli/console.js";
import { intentsDirFrom, seedsDirFrom } from "./config-paths.js";
import { createDeps } from "./core.js";

/**
 * `npm start`: the Slack app when Slack tokens are set, otherwise the console, saying which
 * and how to connect Slack.
 */
async function main() {
  const hasSlackToken = Boolean(process.env.SLACK_BOT_TOKEN?.trim());
  const deps = createDeps({
    seedsDir: seedsDirFrom(undefined),
    intentsDir: intentsDirFrom(),
    onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
  });
  if (hasSlackToken) {
    process.stderr.write(
      "SLACK_BOT_TOKEN is set, but the Slack front end is not part of this build yet; running the console instead.\n",
    );
  } else {
    process.stderr.write(
      "No SLACK_BOT_TOKEN set: running the console. To connect Slack, copy .env.example to .env and fill in the tokens (see README.md).\n",
    );
  }
  await runConsole(process.stdin, process.stdout, deps, { interactive: process.stdin.isTTY === true });
}

main().catch((err) => {
  process.stderr.write(`error: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
