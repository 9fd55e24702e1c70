import type { Answer } from "../answer/types.js";
import type { Catalog } from "../answering.js";
import type { AnswerOptions } from "../core.js";
import type { Language } from "../text/language.js";

/** What the worker is started with. */
export interface WorkerOptions {
  seedsDir: string;
  intentsDir: string;
  cacheDir?: string;
  /** Reload when the articles or intents change. */
  watch: boolean;
  /** ARTICLES_BACKEND=postgres: the articles are read from this database (npm run ingest), not seedsDir. */
  databaseUrl?: string;
}

/**
 * What a log line is: a warning about the articles (a file skipped), a worker that has loaded,
 * or any other event (a reload, a restart). A caller that has said the warnings already, or
 * for which a start is no news, drops those kinds, never by the wording.
 */
export type LogKind = "warning" | "ready" | "event";

/** Told a log line and its kind. */
export type Log = (message: string, kind?: LogKind) => void;

/** Main thread -> worker. */
export type ToWorker =
  | { type: "ask"; id: number; question: string; options?: AnswerOptions }
  | { type: "catalog"; id: number; language: Language };

/** Worker -> main thread. */
export type FromWorker =
  | { type: "ready"; articles: number; intents: number }
  | { type: "answer"; id: number; answer: Answer }
  | { type: "catalog"; id: number; catalog: Catalog }
  | { type: "error"; id: number; message: string }
  | { type: "log"; message: string; kind?: LogKind }
  | { type: "fatal"; message: string };
