#!/usr/bin/env node
import "dotenv/config";
import { AnswerWorker } from "./answer-worker/pool.js";
import { runConsole } from "./cli/console.js";
import { ConfigError, readConfig } from "./config.js";
import { cacheDirFrom } from "./config-paths.js";
import { LiveDeps } from "./live-deps.js";
import { tuneV8 } from "./util/v8-tuning.js";

/**
 * `npm start`: the Slack app when SLACK_BOT_TOKEN is set (Socket Mode with SLACK_APP_TOKEN,
 * HTTP otherwise), else the console, saying which and how to connect Slack.
 */
async function main() {
  tuneV8();
  const config = readConfig();
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const data = { seedsDir: config.seedsDir, intentsDir: config.intentsDir, cacheDir: cacheDirFrom() };
  if (config.mode === "console") {
    // Articles and intents are reloaded when their files change; a bad change keeps the last good set.
    const live = new LiveDeps({ ...data, log });
    live.watch();
    process.stderr.write(
      "No SLACK_BOT_TOKEN set: running the console. To connect Slack, copy .env.example to .env and fill in the tokens (see README.md).\n",
    );
    await runConsole(process.stdin, process.stdout, live, { interactive: process.stdin.isTTY === true });
    live.close();
    return;
  }
  // The core answers (and reloads) on a worker thread: the thread that acknowledges Slack's
  // requests within its 3 seconds is never blocked by an answer or a reload.
  const worker = await AnswerWorker.start({ ...data, watch: true, log });
  // Bolt is loaded only for Slack: the console and `ask` start faster without it.
  const { createSlackApp } = await import("./slack/app.js");
  const slack = createSlackApp({
    config,
    ask: (q, options) => worker.ask(q, options),
    browse: (language) => worker.catalog(language),
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    Promise.all([slack.stop(), worker.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  await slack.start();
}

main().catch((err) => {
  const message =
    err instanceof ConfigError ? `configuration error: ${err.message}` : `error: ${(err as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
