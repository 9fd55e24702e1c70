#!/usr/bin/env node
import "dotenv/config";
import { runConsole } from "./cli/console.js";
import { ConfigError, readConfig } from "./config.js";
import { cacheDirFrom } from "./config-paths.js";
import { LiveDeps } from "./live-deps.js";

/**
 * `npm start`: the Slack app when SLACK_BOT_TOKEN is set (Socket Mode with SLACK_APP_TOKEN,
 * HTTP otherwise), else the console, saying which and how to connect Slack.
 */
async function main() {
  const config = readConfig();
  // Articles and intents are reloaded when their files change; a bad change keeps the last good set.
  const live = new LiveDeps({
    seedsDir: config.seedsDir,
    intentsDir: config.intentsDir,
    log: (m) => process.stderr.write(`${m}\n`),
    cacheDir: cacheDirFrom(),
  });
  live.watch();
  if (config.mode === "console") {
    process.stderr.write(
      "No SLACK_BOT_TOKEN set: running the console. To connect Slack, copy .env.example to .env and fill in the tokens (see README.md).\n",
    );
    await runConsole(process.stdin, process.stdout, live, { interactive: process.stdin.isTTY === true });
    live.close();
    return;
  }
  // Bolt is loaded only for Slack: the console and `ask` start faster without it.
  const { createSlackApp } = await import("./slack/app.js");
  const slack = createSlackApp({ config, deps: () => live.current() });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    live.close();
    slack.stop().then(
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
