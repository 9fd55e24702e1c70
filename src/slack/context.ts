import type { Logger } from "@slack/logger";
import type { Ask } from "../answering.js";
import type { Deduper } from "./dedupe.js";

/** What the listeners share: the answering core, the dedupe memory and the logger. */
export interface ListenerContext {
  /** Answers a question (on the answering worker in the Slack app). */
  ask: Ask;
  dedupe: Deduper;
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
