import type { Logger } from "@slack/logger";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { Answer } from "../answer/types.js";

/** Where a question came from, for the counters. */
export type Surface = "mention" | "direct_message" | "thread_reply" | "assistant" | "command" | "edit";

/** What failed, for the error counter. */
export type ErrorStage = "answer" | "post" | "respond" | "listener" | "home" | "button" | "authorize";

/** Why the HTTP receiver refused a request. */
export type RefusedReason =
  | "signature"
  | "future_timestamp"
  | "malformed_body"
  | "too_large"
  | "not_slack"
  | "draining"
  | "failed";

/** Upper bounds of the answer latency histogram, in seconds. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60];

/**
 * The Slack app's counters, in a Prometheus registry of its own (one per app: tests run several
 * in one process). HTTP mode serves them at GET /metrics; Socket Mode logs them periodically
 * (`logSummary`). Listeners call one method per place.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly questions: Counter<"surface">;
  private readonly answers: Counter<"kind">;
  private readonly abstentions: Counter;
  private readonly latency: Histogram;
  private readonly duplicates: Counter;
  private readonly errors: Counter<"stage">;
  private readonly webApiRetries: Counter<"method">;
  private readonly refused: Counter<"reason">;

  constructor() {
    const registers = [this.registry];
    this.questions = new Counter({
      name: "facts_questions_total",
      help: "Questions received, by surface (retried deliveries not counted).",
      labelNames: ["surface"],
      registers,
    });
    this.answers = new Counter({
      name: "facts_answers_total",
      help: "Answers posted, abstentions not included, by kind (value, list, sentence, meta).",
      labelNames: ["kind"],
      registers,
    });
    this.abstentions = new Counter({
      name: "facts_abstentions_total",
      help: 'Replies posted that say "the articles don\'t say".',
      registers,
    });
    this.latency = new Histogram({
      name: "facts_answer_latency_seconds",
      help: "Time from a question reaching its listener to its reply being posted.",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.duplicates = new Counter({
      name: "facts_duplicate_deliveries_total",
      help: "Retried or duplicated deliveries dropped (already answered).",
      registers,
    });
    this.errors = new Counter({
      name: "facts_errors_total",
      help: "Failures, by stage (answer: the core; post, respond: Slack calls; listener: uncaught; authorize: an event of a workspace with no installation).",
      labelNames: ["stage"],
      registers,
    });
    this.webApiRetries = new Counter({
      name: "facts_web_api_retries_total",
      help: "Web API calls re-sent after a 429, a 5xx or a refused connection, by method.",
      labelNames: ["method"],
      registers,
    });
    this.refused = new Counter({
      name: "facts_http_requests_refused_total",
      help: "HTTP requests to /slack/events refused, by reason.",
      labelNames: ["reason"],
      registers,
    });
    // The process's figures (CPU, memory, event loop lag) help read the others.
    collectDefaultMetrics({ register: this.registry });
  }

  /** A question reached a listener. */
  question(surface: Surface): void {
    this.questions.inc({ surface });
  }

  /** A reply to a question was posted, `startedAt` (performance.now()) after it reached its listener. */
  answered(answer: Answer | undefined, startedAt: number): void {
    this.latency.observe((performance.now() - startedAt) / 1000);
    if (!answer) return; // the apology: counted as an error where answering failed
    if (answer.kind === "abstain") this.abstentions.inc();
    else this.answers.inc({ kind: answer.kind });
  }

  /** A retried or duplicated delivery was dropped. */
  duplicate(): void {
    this.duplicates.inc();
  }

  error(stage: ErrorStage): void {
    this.errors.inc({ stage });
  }

  webApiRetry(method: string): void {
    this.webApiRetries.inc({ method });
  }

  refusedRequest(reason: RefusedReason): void {
    this.refused.inc({ reason });
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One line with the totals (Socket Mode logs it periodically). */
  async summary(): Promise<string> {
    const total = async (m: Counter<string>) => (await m.get()).values.reduce((sum, v) => sum + v.value, 0);
    const hist = await this.latency.get();
    const count = hist.values.find((v) => v.metricName === "facts_answer_latency_seconds_count")?.value ?? 0;
    const sum = hist.values.find((v) => v.metricName === "facts_answer_latency_seconds_sum")?.value ?? 0;
    const parts = [
      `questions=${await total(this.questions)}`,
      `answers=${await total(this.answers)}`,
      `abstentions=${await total(this.abstentions)}`,
      `duplicates_dropped=${await total(this.duplicates)}`,
      `errors=${await total(this.errors)}`,
      `web_api_retries=${await total(this.webApiRetries)}`,
      `mean_answer_latency_ms=${count ? Math.round((sum / count) * 1000) : 0}`,
    ];
    return `metrics: ${parts.join(" ")}`;
  }

  /** Logs `summary()` every `intervalMs` at info level; returns the function that stops it. */
  logEvery(intervalMs: number, logger: Logger): () => void {
    const timer = setInterval(() => {
      this.summary().then(
        (line) => logger.info(line),
        (err: unknown) => logger.warn(`could not summarise the metrics: ${String(err)}`),
      );
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
