import { LruMap } from "../util/lru-map.js";

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

/** Options of Conversations. */
export interface ConversationOptions {
  /** Conversations remembered (default 10,000); the least recently used go first. */
  maxConversations?: number;
  /** Answered questions remembered for edits (default 50,000). */
  maxQuestions?: number;
}

/**
 * What the bot remembers of the conversations it answered in, in memory and bounded: which
 * threads it is part of (their replies are answered without a mention), the last question of
 * each (a follow-up without names of its own is read with its names), and where its answer to
 * each question is (an edited question updates it). A restart forgets; a shared store is
 * another issue.
 */
export class Conversations {
  private readonly turns: LruMap<string, Turn | null>;
  private readonly answers: LruMap<string, AnsweredQuestion>;

  constructor(options: ConversationOptions = {}) {
    this.turns = new LruMap(options.maxConversations ?? 10_000);
    this.answers = new LruMap(options.maxQuestions ?? 50_000);
  }

  /** True when the bot has answered in this thread (of this channel). */
  isPartOf(channel: string, thread: string | undefined): boolean {
    return this.turns.has(key(channel, thread));
  }

  /** The last question answered from the articles in the conversation. */
  lastTurn(channel: string, thread: string | undefined): Turn | undefined {
    return this.turns.get(key(channel, thread)) ?? undefined;
  }

  /**
   * Records that the bot answered in a conversation, and the turn to carry on from. A turn of
   * undefined (help, thanks: no names to carry) keeps the conversation's last turn.
   */
  recordTurn(channel: string, thread: string | undefined, turn: Turn | undefined): void {
    const k = key(channel, thread);
    this.turns.set(k, turn ?? this.turns.get(k) ?? null);
  }

  /** Records where the answer to a question is. */
  recordAnswer(channel: string, questionTs: string, answer: AnsweredQuestion): void {
    this.answers.set(key(channel, questionTs), answer);
  }

  /** Where the answer to a question is, when the bot answered it. */
  answerTo(channel: string, questionTs: string): AnsweredQuestion | undefined {
    return this.answers.get(key(channel, questionTs));
  }
}

const key = (channel: string, ts: string | undefined) => `${channel}:${ts ?? ""}`;
