import type { WebClient } from "@slack/web-api";
import type { Answer } from "../answer/types.js";
import { detectLanguage } from "../text/language.js";
import { stripSlackMarkup } from "../text/slack-markup.js";
import { refOf } from "./answer-ref.js";
import { describeError, type ListenerContext } from "./context.js";
import type { Turn } from "./conversations.js";
import { renderAnswer, renderError, type SlackMessage } from "./render.js";
import { renderWhy } from "./render-why.js";
import { postToResponseUrl } from "./respond.js";

/** Where a question was asked: the bot answers there. */
export interface Place {
  channel: string;
  /** The conversation's thread, where the answer goes (undefined: a DM outside threads). */
  thread?: string;
  /** The question's message. */
  ts: string;
  /** Who asked (for private replies). */
  user?: string;
  /** For logs: "mention", "direct message", "thread reply", "assistant message". */
  what: string;
  /** Put :eyes: on the question while answering (channels). */
  eyes?: boolean;
  /** The Events API event it came in (its answer is posted once, and carries the id in its metadata). */
  eventId?: string;
}

/** The metadata type of the bot's answers: the event they answer, for a takeover to find. */
export const ANSWER_METADATA = "facts_answer";

/**
 * Whether the bot's answer to an event is in the conversation already (a process that took the
 * event over asks before posting): its message carries the event id in its metadata.
 */
/** The message metadata that names the event a bot message answers (found again on a takeover). */
export function answerMetadata(eventId: string) {
  return { event_type: ANSWER_METADATA, event_payload: { event_id: eventId } };
}

/** Whether Slack has a bot message answering `eventId` in the place (its thread, else its channel, after it). */
export async function answeredBefore(
  client: WebClient,
  place: Pick<Place, "channel" | "thread" | "ts">,
  eventId: string,
): Promise<boolean> {
  const common = { channel: place.channel, oldest: place.ts, include_all_metadata: true, limit: 200 };
  const res = place.thread
    ? await client.conversations.replies({ ...common, ts: place.thread })
    : await client.conversations.history(common);
  return (res.messages ?? []).some((m) => {
    const metadata = (m as { metadata?: { event_type?: string; event_payload?: { event_id?: unknown } } })
      .metadata;
    return metadata?.event_type === ANSWER_METADATA && metadata.event_payload?.event_id === eventId;
  });
}

/** What a surface does before the core answers (the assistant pane's status and title). */
export type BeforeAnswer = (question: string, isNewConversation: boolean) => Promise<unknown>;

/** "why", "why this answer?", "warum?": a request for the last answer's explanation. */
const WHY =
  /^(?:why|warum|wieso|weshalb)(?:\s+(?:this|that|the)\s+answer|\s+(?:diese|die)\s+antwort)?\s*[?!.]*$/i;

/** True when a message asks why the bot answered as it did. */
export function isWhyRequest(question: string): boolean {
  return WHY.test(question.trim());
}

/** The names and places a question in a conversation is asked with: the last turn's. */
function contextOf(turn: Turn | undefined): string[] | undefined {
  return turn?.entities.length ? turn.entities : undefined;
}

/** Asks the core; an error is logged and becomes undefined. */
async function askSafely(
  ctx: ListenerContext,
  question: string,
  names: string[] | undefined,
  what: string,
): Promise<Answer | undefined> {
  try {
    return await ctx.ask(question, names ? { context: { entities: names } } : undefined);
  } catch (err) {
    ctx.metrics.error("answer");
    ctx.logger.error(`answering a ${what} failed: ${describeError(err)}`);
    return undefined;
  }
}

/** The message of an answer with its buttons, or the apology. */
function messageOf(answer: Answer | undefined, question: string, names: string[] | undefined): SlackMessage {
  return answer
    ? renderAnswer(answer, { buttons: { ref: refOf(answer, names) } })
    : renderError(detectLanguage(question));
}

/** The turn an answer leaves for the next question (none for help, thanks and the like). */
function turnOf(answer: Answer, question: string, names: string[] | undefined, ts: string): Turn | undefined {
  if (answer.kind === "meta") return undefined;
  return {
    question,
    ...(names ? { context: names } : {}),
    entities: answer.trace?.entities ?? [],
    questionTs: ts,
  };
}

async function react(ctx: ListenerContext, client: WebClient, add: boolean, place: Place): Promise<void> {
  const args = { channel: place.channel, timestamp: place.ts, name: "eyes" };
  try {
    await (add ? client.reactions.add(args) : client.reactions.remove(args));
  } catch (err) {
    ctx.logger.debug(`reactions.${add ? "add" : "remove"} on ${place.channel} failed: ${describeError(err)}`);
  }
}

/** Sends a message only the user sees, in the conversation's thread. Logs a failure. */
export async function postPrivately(
  ctx: ListenerContext,
  client: WebClient,
  where: { channel: string; user: string; thread?: string },
  message: SlackMessage,
): Promise<void> {
  try {
    await client.chat.postEphemeral({
      channel: where.channel,
      user: where.user,
      ...(where.thread ? { thread_ts: where.thread } : {}),
      ...message,
    });
  } catch (err) {
    ctx.metrics.error("post");
    ctx.logger.error(`posting a private reply in ${where.channel} failed: ${describeError(err)}`);
  }
}

/**
 * Sends a message only the user sees through a response URL (slash commands, buttons), retried
 * on 429 and 5xx. Logs a failure; resolves with whether it was sent.
 */
export async function respondPrivately(
  ctx: ListenerContext,
  responseUrl: string,
  message: SlackMessage,
  what: string,
): Promise<boolean> {
  try {
    await postToResponseUrl(
      responseUrl,
      { response_type: "ephemeral", replace_original: false, ...message },
      ctx.respondRetry,
    );
    return true;
  } catch (err) {
    ctx.metrics.error("respond");
    ctx.logger.error(`${what} failed: ${describeError(err)}`);
    return false;
  }
}

/** "Why this answer?" for a question asked in a conversation: asked again, explained privately. */
export async function explainPrivately(
  ctx: ListenerContext,
  client: WebClient,
  where: { channel: string; user: string; thread?: string },
  turn: Pick<Turn, "question" | "context">,
  /** The event it answers: sent once (a private reply cannot be looked up, so a takeover that finds it claimed skips it). */
  eventId?: string,
): Promise<void> {
  const answer = await askSafely(ctx, turn.question, turn.context, "why request");
  await ctx.once.post(eventId, () =>
    postPrivately(ctx, client, where, answer ? renderWhy(answer) : renderError()),
  );
}

/**
 * Answers a question asked in a conversation and posts the answer there, with its buttons. In a
 * conversation the bot answered before, "why?" gets the last answer's explanation (privately),
 * and a question with no names of its own is asked with the last question's. The conversation
 * and the answer's place are remembered (for follow-ups and edits). Never throws: a failure to
 * answer posts a short apology, a failure to post is logged.
 */
export async function answerInConversation(
  ctx: ListenerContext,
  client: WebClient,
  place: Place,
  text: string,
  beforeAnswer?: BeforeAnswer,
): Promise<void> {
  const startedAt = performance.now();
  const question = stripSlackMarkup(text, { links: "drop" });
  const conversation = await ctx.conversations.conversation(place.channel, place.thread);
  const turn = conversation?.turn;
  if (turn && place.user && isWhyRequest(question)) {
    await explainPrivately(
      ctx,
      client,
      { channel: place.channel, user: place.user, thread: place.thread },
      turn,
      place.eventId,
    );
    return;
  }
  const names = contextOf(turn);
  const seen = place.eyes ? react(ctx, client, true, place) : undefined;
  if (beforeAnswer) {
    const isNew = conversation === undefined;
    await beforeAnswer(question, isNew).catch((err) =>
      ctx.logger.debug(`preparing to answer a ${place.what} failed: ${describeError(err)}`),
    );
  }
  const answer = await askSafely(ctx, question, names, `${place.what} in ${place.channel}`);
  const message = messageOf(answer, question, names);
  try {
    const { eventId } = place;
    const posted = await ctx.once.post(
      eventId,
      () =>
        client.chat.postMessage({
          channel: place.channel,
          ...(place.thread ? { thread_ts: place.thread } : {}),
          ...message,
          ...(eventId ? { metadata: answerMetadata(eventId) } : {}),
          unfurl_links: false,
          unfurl_media: false,
        }),
      () => answeredBefore(client, place, eventId as string),
    );
    if (posted) ctx.metrics.answered(answer, startedAt);
    if (answer && posted?.ts) {
      await Promise.all([
        ctx.conversations.recordTurn(place.channel, place.thread, turnOf(answer, question, names, place.ts)),
        ctx.conversations.recordAnswer(place.channel, place.ts, {
          ...(place.thread ? { thread: place.thread } : {}),
          answerTs: posted.ts,
          ...(names ? { context: names } : {}),
        }),
      ]);
    }
  } catch (err) {
    ctx.metrics.error("post");
    ctx.logger.error(
      `posting the answer to a ${place.what} in ${place.channel} failed: ${describeError(err)}`,
    );
  }
  if (seen) {
    await seen;
    await react(ctx, client, false, place);
  }
}

/**
 * An edited question the bot answered: asked again (with the names it was first asked with)
 * and the bot's answer updated in place with chat.update. A question the bot did not answer
 * is left alone. Never throws.
 */
export async function updateAnswer(
  ctx: ListenerContext,
  client: WebClient,
  channel: string,
  questionTs: string,
  text: string,
): Promise<void> {
  const answered = await ctx.conversations.answerTo(channel, questionTs);
  if (!answered) return;
  const startedAt = performance.now();
  const question = stripSlackMarkup(text, { links: "drop" });
  const answer = await askSafely(ctx, question, answered.context, `edited question in ${channel}`);
  try {
    await client.chat.update({
      channel,
      ts: answered.answerTs,
      ...messageOf(answer, question, answered.context),
    });
    ctx.metrics.answered(answer, startedAt);
  } catch (err) {
    ctx.metrics.error("post");
    ctx.logger.error(`updating the answer to an edited question in ${channel} failed: ${describeError(err)}`);
    return;
  }
  const last = await ctx.conversations.lastTurn(channel, answered.thread);
  if (answer && last?.questionTs === questionTs)
    await ctx.conversations.recordTurn(
      channel,
      answered.thread,
      turnOf(answer, question, answered.context, questionTs),
    );
}

/**
 * True (and logged) when the message was handled before under another event id (the same
 * message delivered again). Retries of one event id never get here: the event journal drops
 * them (journal-receiver.ts). The claim is in the state store, so it holds across restarts and
 * replicas.
 */
export async function isDuplicate(
  ctx: ListenerContext,
  eventId: string | undefined,
  channel: string,
  ts: string,
): Promise<boolean> {
  const duplicate = await ctx.once.seenBefore(eventId, channel, ts);
  if (duplicate) {
    ctx.metrics.duplicate();
    ctx.logger.debug(`duplicate delivery of ${channel}/${ts} ignored`);
  }
  return duplicate;
}
