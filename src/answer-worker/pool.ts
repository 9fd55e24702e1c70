import { Worker } from "node:worker_threads";
import type { Answer } from "../answer/types.js";
import type { Catalog } from "../answering.js";
import type { AnswerOptions } from "../core.js";
import type { Language } from "../text/language.js";
import type { FromWorker, ToWorker, WorkerOptions } from "./protocol.js";

/** Options of AnswerWorker. */
export interface AnswerWorkerOptions extends WorkerOptions {
  /** Told the worker's log lines (reloads, warnings) and restarts. */
  log?: (message: string) => void;
  /** The worker's script (default: worker.js next to this module, compiled or bundled). */
  workerUrl?: URL;
}

interface Pending {
  resolve: (result: Answer | Catalog) => void;
  reject: (e: Error) => void;
}

/**
 * The answering core on a worker thread. `ask` posts the question and resolves with the answer;
 * the calling thread stays free (it only copies a question in and an answer out). A worker that
 * dies is restarted; the questions it held are rejected (the caller replies with an apology).
 */
export class AnswerWorker {
  private worker!: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(private readonly options: AnswerWorkerOptions) {}

  /** Starts the worker; resolves once it has loaded the articles and intents. */
  static async start(options: AnswerWorkerOptions): Promise<AnswerWorker> {
    const pool = new AnswerWorker(options);
    await pool.spawn();
    return pool;
  }

  private spawn(): Promise<void> {
    const { log, workerUrl, ...data } = this.options;
    const worker = new Worker(workerUrl ?? new URL("./worker.js", import.meta.url), { workerData: data });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on("message", (m: FromWorker) => {
        if (m.type === "ready") {
          ready = true;
          log?.(`answering worker ready: ${m.articles} articles, ${m.intents} intents`);
          resolve();
        } else if (m.type === "fatal") reject(new Error(m.message));
        else if (m.type === "log") log?.(m.message);
        else this.settle(m);
      });
      worker.on("error", (err) => {
        if (!ready) reject(err);
        else log?.(`answering worker failed: ${err.message}`);
      });
      worker.on("exit", (code) => {
        this.failPending(new Error(`the answering worker stopped (exit code ${code})`));
        if (!ready) reject(new Error(`the answering worker stopped while loading (exit code ${code})`));
        else if (!this.closed && this.worker === worker) {
          log?.("answering worker stopped; starting a new one");
          this.spawn().catch((err: Error) => log?.(`cannot restart the answering worker: ${err.message}`));
        }
      });
    });
  }

  private settle(m: Extract<FromWorker, { id: number }>): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.type === "answer") p.resolve(m.answer);
    else if (m.type === "catalog") p.resolve(m.catalog);
    else p.reject(new Error(m.message));
  }

  private failPending(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Answers a question on the worker. */
  ask(question: string, options?: AnswerOptions): Promise<Answer> {
    return this.request({ type: "ask", id: this.nextId++, question, options }) as Promise<Answer>;
  }

  /** The articles and the checked suggestions in a language, from the worker. */
  catalog(language: Language): Promise<Catalog> {
    return this.request({ type: "catalog", id: this.nextId++, language }) as Promise<Catalog>;
  }

  private request(message: ToWorker): Promise<Answer | Catalog> {
    if (this.closed) return Promise.reject(new Error("the answering worker is closed"));
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  /** Stops the worker; questions still pending are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
    this.failPending(new Error("the answering worker is closed"));
  }
}
