#!/usr/bin/env node
import "dotenv/config";
import { AnswerWorker } from "./answer-worker/pool.js";
import { TeamAnswerers } from "./answer-worker/teams.js";
import { runConsole } from "./cli/console.js";
import { ConfigError, readConfig } from "./config.js";
import { cacheDirFrom } from "./config-paths.js";
import { LiveDeps } from "./live-deps.js";
import { openInstallations } from "./slack/installations.js";
import { openStore } from "./store/open.js";

/**
 * `npm start`: the Slack app when SLACK_BOT_TOKEN is set (Socket Mode with SLACK_APP_TOKEN,
 * HTTP otherwise), else the console, saying which and how to connect Slack.
 */
async function main() {
  const config = readConfig();
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const data = { seedsDir: config.seedsDir, intentsDir: config.intentsDir, cacheDir: cacheDirFrom() };
  if (config.mode === "console") {
    if (config.articles.backend === "postgres")
      process.stderr.write(
        "ARTICLES_BACKEND=postgres serves the Slack app and npm run ask; the console reads the articles of SEEDS_DIR.\n",
      );
    // Articles and intents are reloaded when their files change; a bad change keeps the last good set.
    const live = new LiveDeps({ ...data, log });
    live.watch();
    process.stderr.write(
      "No SLACK_BOT_TOKEN set: running the console. To connect Slack, copy .env.example to .env and fill in the tokens, or the OAuth settings for several workspaces (see README.md).\n",
    );
    await runConsole(process.stdin, process.stdout, live, { interactive: process.stdin.isTTY === true });
    live.close();
    return;
  }
  // The core answers (and reloads) on a worker thread: the thread that acknowledges Slack's
  // requests within its 3 seconds is never blocked by an answer or a reload.
  // The state store: retry dedupe and the event journal, in DATA_DIR or, with REDIS_URL, in Redis.
  const store = await openStore(config, log);
  log(
    config.redisUrl
      ? "state store: Redis (REDIS_URL), shared by every replica"
      : `state store: file in ${config.dataDir} (one process; set REDIS_URL to run several)`,
  );
  // Several workspaces (OAuth): installations in PostgreSQL with DATABASE_URL, else in Redis with
  // REDIS_URL, else a file in DATA_DIR.
  const installations = config.oauth ? await openInstallations(config, log) : undefined;
  if (installations)
    log(
      `installations: ${
        installations.kind === "postgres"
          ? "PostgreSQL (DATABASE_URL), shared by every replica"
          : installations.kind === "redis"
            ? "Redis (REDIS_URL), shared by every replica"
            : `file in ${config.dataDir}`
      }; install at GET /slack/install`,
    );
  const databaseUrl = config.articles.backend === "postgres" ? config.articles.databaseUrl : undefined;
  log(
    databaseUrl
      ? "articles: PostgreSQL (ARTICLES_BACKEND=postgres, DATABASE_URL; load them with npm run ingest)"
      : `articles: ${config.seedsDir}`,
  );
  const worker = await AnswerWorker.start({
    ...data,
    watch: !databaseUrl,
    log,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  // ARTICLES_BY_TEAM_DIR: a workspace with a folder of its own is answered from it (a worker of its own).
  const answerers = new TeamAnswerers(
    worker,
    config.articlesByTeamDir,
    (seedsDir) => AnswerWorker.start({ ...data, seedsDir, watch: true, log }),
    log,
  );
  if (config.articlesByTeamDir)
    log(`articles: a folder per workspace in ${config.articlesByTeamDir}, else ${config.seedsDir}`);
  // Bolt is loaded only for Slack: the console and `ask` start faster without it.
  const { createSlackApp } = await import("./slack/app.js");
  const slack = createSlackApp({
    config,
    ask: (q, options) => answerers.ask(q, options),
    browse: (language) => answerers.catalog(language),
    indexReady: () => answerers.ready,
    store,
    installations,
  });
  let stopping = false;
  // Stop accepting (HTTP: 503, so Slack retries elsewhere; Socket Mode: the socket closes),
  // finish every event acked so far within SHUTDOWN_GRACE_MS, name those that could not be
  // finished (they stay in the journal: a replica or the next start takes them over), exit 0.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const inFlight = slack.journal.inFlight.length;
    log(
      `${signal}: stopping; finishing the ${inFlight} event(s) in hand (up to ${config.shutdownGraceMs} ms)`,
    );
    slack.stopAccepting();
    const unfinished = await slack.drain(config.shutdownGraceMs);
    for (const id of unfinished)
      log(`event ${id} was not finished within SHUTDOWN_GRACE_MS: left in the journal, to be taken over`);
    log(
      `${signal}: ${unfinished.length ? `${unfinished.length} event(s) left in the journal` : "every acked event finished"}; exiting`,
    );
    // The worker is closed only when nothing is left (closing it fails the questions it holds).
    await settleWithin([slack.stop(), ...(unfinished.length ? [] : [answerers.close()])], 2000);
    await settleWithin([store.close(), ...(installations ? [installations.close()] : [])], 2000);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await slack.start();
}

/** Waits for the promises to settle, at most `ms`. */
async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise((r) => {
    timer = setTimeout(r, ms);
  });
  await Promise.race([Promise.allSettled(promises), timeUp]);
  clearTimeout(timer);
}

main().catch((err) => {
  const message =
    err instanceof ConfigError ? `configuration error: ${err.message}` : `error: ${(err as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
