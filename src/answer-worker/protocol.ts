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
  | { type: "log"; message: string }
  | { type: "fatal"; message: string };
