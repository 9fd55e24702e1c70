import { Worker } from "node:worker_threads";
import type { Answer } from "../answer/types.js";
import type { Catalog } from "../answering.js";
import type { AnswerOptions } from "../core.js";
import type { Language } from "../text/language.js";
import type { FromWorker, Log, ToWorker, WorkerOptions } from "./protocol.js";

/** Options of AnswerWorker. */
export interface AnswerWorkerOptions extends WorkerOptions {
  /** Told the worker's log lines (reloads, warnings) and restarts. */
  log?: Log;
  /** The worker's script (default: worker.js next to this module, compiled or bundled). */
  workerUrl?: URL;
}

interface Pending {
  message: ToWorker;
  /** Workers it was sent to: a question that every one of MAX_ATTEMPTS workers died under fails. */
  attempts: number;
  resolve: (result: Answer | Catalog) => void;
  reject: (e: Error) => void;
}

/** Workers a question is sent to before it fails (it may be the question that kills them). */
const MAX_ATTEMPTS = 3;

/**
 * The answering core on a worker thread. `ask` posts the question and resolves with the answer;
 * the calling thread stays free (it only copies a question in and an answer out). A worker that
 * dies is restarted and the questions it held are asked again on the new one, never dropped (a
 * question that three workers died under fails: the caller replies with an apology); questions
 * asked meanwhile wait for it.
 */
export class AnswerWorker {
  private worker!: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  /** The current worker has loaded and takes questions. */
  private live = false;

  private constructor(private readonly options: AnswerWorkerOptions) {}

  /** Whether a worker has its index loaded and takes questions now (GET /healthz). */
  get ready(): boolean {
    return this.live && !this.closed;
  }

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
    this.live = false;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on("message", (m: FromWorker) => {
        if (m.type === "ready") {
          ready = true;
          log?.(`answering worker ready: ${m.articles} articles, ${m.intents} intents`, "ready");
          this.live = true;
          this.resend();
          resolve();
        } else if (m.type === "fatal") reject(new Error(m.message));
        else if (m.type === "log") log?.(m.message, m.kind);
        else this.settle(m);
      });
      worker.on("error", (err) => {
        if (!ready) reject(err);
        else log?.(`answering worker failed: ${err.message}`);
      });
      worker.on("exit", (code) => {
        if (this.worker === worker) this.live = false;
        const stopped = new Error(`the answering worker stopped (exit code ${code})`);
        if (!ready) {
          reject(new Error(`the answering worker stopped while loading (exit code ${code})`));
          if (this.closed || this.pending.size === 0 || this.worker !== worker) this.failPending(stopped);
        } else if (!this.closed && this.worker === worker) {
          // The questions it held stay pending: the new worker gets them (resend) once loaded.
          const held = this.pending.size;
          log?.(
            `answering worker stopped (exit code ${code}); starting a new one${held ? `, which will be asked the ${held} question(s) in flight again` : ""}`,
          );
          this.spawn().catch((err: Error) => {
            log?.(`cannot restart the answering worker: ${err.message}`);
            this.failPending(stopped);
          });
        } else this.failPending(stopped);
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

  /** Sends the pending requests to the worker that just loaded; one sent to MAX_ATTEMPTS workers fails. */
  private resend(): void {
    for (const [id, p] of this.pending) {
      if (p.attempts >= MAX_ATTEMPTS) {
        this.pending.delete(id);
        p.reject(new Error(`the answering worker stopped under this question ${p.attempts} times`));
        continue;
      }
      p.attempts++;
      this.worker.postMessage(p.message);
    }
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
      // While a new worker loads, the request waits; resend() sends it.
      this.pending.set(message.id, { message, attempts: this.live ? 1 : 0, resolve, reject });
      if (this.live) this.worker.postMessage(message);
    });
  }

  /** Stops the worker; questions still pending are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
    this.failPending(new Error("the answering worker is closed"));
  }
}
