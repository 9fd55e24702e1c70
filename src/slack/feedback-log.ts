import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "@slack/logger";
import { describeError } from "./context.js";

/** One click on "Helpful" or "Not helpful": one JSON line of the feedback log. */
export interface FeedbackRecord {
  /** When (ISO 8601, UTC). */
  at: string;
  /** Who clicked (Slack user id) and in which workspace and channel. */
  user: string;
  team?: string;
  channel?: string;
  /** The answer's message (absent for a private answer). */
  message_ts?: string;
  helpful: boolean;
  question: string;
  answer: string;
  intent: string;
  language: string;
  /** The articles the answer cited (file names). */
  sources: string[];
}

/**
 * Appends feedback to a JSON-lines file (FEEDBACK_LOG), creating its folder on first use; one
 * line per click, written in order. Without a path, clicks are only thanked. A failed write is
 * logged, never thrown: the asker still gets the thank-you.
 */
export class FeedbackLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string | undefined,
    private readonly logger: Logger,
  ) {}

  /** Appends one record; resolves once it is written (or the failure logged). */
  append(record: FeedbackRecord): Promise<void> {
    const path = this.path;
    if (!path) return Promise.resolve();
    const line = `${JSON.stringify(record)}\n`;
    this.queue = this.queue.then(async () => {
      try {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, line, "utf8");
      } catch (err) {
        this.logger.error(`writing the feedback log failed: ${describeError(err)}`);
      }
    });
    return this.queue;
  }
}
