/**
 * The answering worker: loads the articles and intents (reloading them when they change) and
 * answers the questions the main thread sends. The Slack app runs the core here, so no answer
 * and no reload ever blocks the thread that acknowledges Slack's requests. With a database
 * (ARTICLES_BACKEND=postgres) the articles are read from PostgreSQL instead of a folder: the
 * same answering on the candidates its full-text search finds.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Answer } from "../answer/types.js";
import { type Catalog, catalogOf } from "../answering.js";
import { type AnswerOptions, answer } from "../core.js";
import { LiveDeps } from "../live-deps.js";
import type { Language } from "../text/language.js";
import type { FromWorker, Log, ToWorker, WorkerOptions } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("worker.js runs as a worker thread");
const send = (message: FromWorker) => port.postMessage(message);
const options = workerData as WorkerOptions;
const log: Log = (message, kind) => send({ type: "log", message, kind });

/** What answers: the folder's index in memory, or PostgreSQL. */
interface Source {
  answer(question: string, options?: AnswerOptions): Answer | Promise<Answer>;
  catalog(language: Language): Catalog | Promise<Catalog>;
}

async function open(): Promise<Source> {
  if (options.databaseUrl) {
    const { PostgresArticles } = await import("../retrieval/postgres/articles.js");
    const db = await PostgresArticles.open({
      databaseUrl: options.databaseUrl,
      intentsDir: options.intentsDir,
      cacheDir: options.cacheDir,
      log,
    });
    send({ type: "ready", articles: db.articleCount, intents: db.intentCount });
    return db;
  }
  const live = new LiveDeps({
    seedsDir: options.seedsDir,
    intentsDir: options.intentsDir,
    cacheDir: options.cacheDir,
    log,
  });
  if (options.watch) live.watch();
  const deps = live.current();
  send({ type: "ready", articles: deps.index.corpus.articles.length, intents: deps.intents.intents.length });
  return {
    answer: (question, o) => answer(question, live.current(), o),
    catalog: (language) => catalogOf(live.current(), language),
  };
}

open().then(
  (source) => {
    port.on("message", async (message: ToWorker) => {
      try {
        if (message.type === "ask")
          send({
            type: "answer",
            id: message.id,
            answer: await source.answer(message.question, message.options),
          });
        else send({ type: "catalog", id: message.id, catalog: await source.catalog(message.language) });
      } catch (err) {
        send({ type: "error", id: message.id, message: (err as Error).message });
      }
    });
  },
  (err: Error) => {
    // A database that cannot be read is named by its variable, never its URL (it may hold a password).
    const message = options.databaseUrl
      ? `cannot read the articles from DATABASE_URL: ${err.message.replace(options.databaseUrl, "DATABASE_URL")}`
      : err.message;
    send({ type: "fatal", message });
    process.exit(1);
  },
);
