import type { Logger } from "@slack/logger";
import type { StateStore } from "../store/types.js";
import { describeError } from "./context.js";
import { truncate } from "./escape.js";

/** The last question the bot answered in a conversation (a thread, a DM, an assistant thread). */
export interface Turn {
  /** The question as asked (plain text). */
  question: string;
  /** The names and places it was asked with from the turn before (AnswerOptions.context). */
  context?: string[];
  /** The names and places it was read with: what the next question without names gets. */
  entities: string[];
  /** Its message's ts. */
  questionTs: string;
}

/** Where the bot's answer to one question is, to update it when the question is edited. */
export interface AnsweredQuestion {
  /** The conversation's thread ts (undefined: a DM outside threads). */
  thread?: string;
  answerTs: string;
  /** The names and places it was asked with (AnswerOptions.context). */
  context?: string[];
}

/** How long a conversation, and where an answer is, are remembered after their last change. */
export const CONVERSATION_TTL_MS = 7 * 24 * 3_600_000;

/** Options of Conversations. */
export interface ConversationOptions {
  /** How long a conversation and an answer's place are kept after their last change (default 7 days). */
  ttlMs?: number;
}

/** The names kept of a turn (a question names a few). */
const MAX_NAMES = 12;
/** The question kept of a turn, in characters (questions are cut to 500 before any work). */
const MAX_QUESTION = 600;

const names = (list: unknown): string[] | undefined =>
  Array.isArray(list)
    ? list
        .filter((n): n is string => typeof n === "string")
        .slice(0, MAX_NAMES)
        .map((n) => truncate(n, 100))
    : undefined;

/** A turn as stored: null for a conversation without one (help, thanks). */
function parseTurn(text: string): Turn | null | undefined {
  try {
    const v = JSON.parse(text) as Partial<Turn> | null;
    if (v === null) return null;
    if (typeof v?.question !== "string" || typeof v.questionTs !== "string") return undefined;
    const context = names(v.context);
    return {
      question: v.question,
      ...(context?.length ? { context } : {}),
      entities: names(v.entities) ?? [],
      questionTs: v.questionTs,
    };
  } catch {
    return undefined;
  }
}

function parseAnswer(text: string): AnsweredQuestion | undefined {
  try {
    const v = JSON.parse(text) as Partial<AnsweredQuestion> | null;
    if (typeof v?.answerTs !== "string") return undefined;
    const context = names(v.context);
    return {
      ...(typeof v.thread === "string" ? { thread: v.thread } : {}),
      answerTs: v.answerTs,
      ...(context?.length ? { context } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * What the bot remembers of the conversations it answered in: which threads it is part of
 * (their replies are answered without a mention), the last question of each (a follow-up
 * without names of its own is read with its names, "why?" explains it), and where its answer to
 * each question is (an edited question updates it). Kept in the state store (the file store,
 * or Redis shared by every replica), so that a reply reaching another replica, or coming after
 * a restart, is recognised; each entry expires `ttlMs` after its last change, and holds a
 * bounded amount (the question cut, a few names). A store that fails is logged and taken for
 * "nothing remembered": the bot answers what it can rather than fail the event.
 */
export class Conversations {
  private readonly ttlMs: number;

  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
    options: ConversationOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? CONVERSATION_TTL_MS;
  }

  /**
   * The conversation, when the bot has answered in it: its last turn (undefined when it had none
   * to carry, such as help). Undefined when the bot is not part of it.
   */
  async conversation(channel: string, thread: string | undefined): Promise<{ turn?: Turn } | undefined> {
    const text = await this.read(turnKey(channel, thread));
    if (text === undefined) return undefined;
    const turn = parseTurn(text);
    return turn ? { turn } : {};
  }

  /** True when the bot has answered in this thread (of this channel). */
  async isPartOf(channel: string, thread: string | undefined): Promise<boolean> {
    return (await this.conversation(channel, thread)) !== undefined;
  }

  /** The last question answered from the articles in the conversation. */
  async lastTurn(channel: string, thread: string | undefined): Promise<Turn | undefined> {
    return (await this.conversation(channel, thread))?.turn;
  }

  /**
   * Records that the bot answered in a conversation, and the turn to carry on from. A turn of
   * undefined (help, thanks: no names to carry) keeps the conversation's last turn.
   */
  async recordTurn(channel: string, thread: string | undefined, turn: Turn | undefined): Promise<void> {
    const k = turnKey(channel, thread);
    try {
      if (turn === undefined) await this.store.claim(k, "null", this.ttlMs);
      else
        await this.store.put(
          k,
          JSON.stringify({ ...turn, question: truncate(turn.question, MAX_QUESTION) }),
          this.ttlMs,
        );
    } catch (err) {
      this.logger.warn(
        `remembering the conversation ${channel}/${thread ?? "-"} failed: ${describeError(err)}`,
      );
    }
  }

  /** Records where the answer to a question is. */
  async recordAnswer(channel: string, questionTs: string, answer: AnsweredQuestion): Promise<void> {
    try {
      await this.store.put(answerKey(channel, questionTs), JSON.stringify(answer), this.ttlMs);
    } catch (err) {
      this.logger.warn(
        `remembering where the answer to ${channel}/${questionTs} is failed: ${describeError(err)}`,
      );
    }
  }

  /** Where the answer to a question is, when the bot answered it. */
  async answerTo(channel: string, questionTs: string): Promise<AnsweredQuestion | undefined> {
    const text = await this.read(answerKey(channel, questionTs));
    return text === undefined ? undefined : parseAnswer(text);
  }

  private async read(key: string): Promise<string | undefined> {
    try {
      return await this.store.get(key);
    } catch (err) {
      this.logger.warn(`reading a conversation from the state store failed: ${describeError(err)}`);
      return undefined;
    }
  }
}

const turnKey = (channel: string, ts: string | undefined) => `conv:${channel}:${ts ?? ""}`;
const answerKey = (channel: string, ts: string) => `answer:${channel}:${ts}`;
