import type { Logger } from "@slack/logger";
import type { Ask, Browse } from "../answering.js";
import type { Conversations } from "./conversations.js";
import type { FeedbackLog } from "./feedback-log.js";
import type { Metrics } from "./metrics.js";
import type { Once } from "./once.js";
import type { RespondRetry } from "./respond.js";
import type { UserLanguages } from "./user-language.js";

/** What the listeners share: the answering core, the memories, the feedback log and the logger. */
export interface ListenerContext {
  /** Answers a question (on the answering worker in the Slack app). */
  ask: Ask;
  /** The articles and the checked suggestions (App Home, the assistant pane). */
  browse: Browse;
  /** Claims in the state store: each message handled once, each answer posted once. */
  once: Once;
  conversations: Conversations;
  feedback: FeedbackLog;
  /** How response_url calls are retried. */
  respondRetry: Partial<RespondRetry>;
  /** The counters: questions, answers, abstentions, latency, duplicates, errors. */
  metrics: Metrics;
  /** The language each user reads Slack in (the Home tab, the assistant pane's greeting). */
  languages: UserLanguages;
  logger: Logger;
}

/** The cause of an error, for logs: its name and message, never a stack into Slack. */
export function describeError(err: unknown): string {
  if (err && typeof err === "object") {
    const e = err as { code?: string; message?: string; data?: { error?: string }; statusCode?: number };
    return [e.code, e.statusCode, e.data?.error, e.message].filter(Boolean).join(" ");
  }
  return String(err);
}
