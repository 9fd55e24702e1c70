/**
 * The answering worker: loads the articles and intents (reloading them when they change) and
 * answers the questions the main thread sends. The Slack app runs the core here, so no answer
 * and no reload ever blocks the thread that acknowledges Slack's requests.
 */
import { parentPort, workerData } from "node:worker_threads";
import { catalogOf } from "../answering.js";
import { answer } from "../core.js";
import { LiveDeps } from "../live-deps.js";
import type { FromWorker, ToWorker, WorkerOptions } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("worker.js runs as a worker thread");
const send = (message: FromWorker) => port.postMessage(message);
const options = workerData as WorkerOptions;

let live: LiveDeps;
try {
  live = new LiveDeps({
    seedsDir: options.seedsDir,
    intentsDir: options.intentsDir,
    cacheDir: options.cacheDir,
    log: (message) => send({ type: "log", message }),
  });
} catch (err) {
  send({ type: "fatal", message: (err as Error).message });
  process.exit(1);
}
if (options.watch) live.watch();
const deps = live.current();
send({ type: "ready", articles: deps.index.corpus.articles.length, intents: deps.intents.intents.length });

port.on("message", (message: ToWorker) => {
  try {
    if (message.type === "ask")
      send({
        type: "answer",
        id: message.id,
        answer: answer(message.question, live.current(), message.options),
      });
    else send({ type: "catalog", id: message.id, catalog: catalogOf(live.current(), message.language) });
  } catch (err) {
    send({ type: "error", id: message.id, message: (err as Error).message });
  }
});
