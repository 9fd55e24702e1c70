import type { WebClient } from "@slack/web-api";
import { stripSlackMarkup } from "../text/slack-markup.js";
import { describeError, type ListenerContext } from "./context.js";
import { renderAnswer, renderError } from "./render.js";

/**
 * Answers a message's text and posts the answer to a channel (in a thread when given). A failure
 * to answer posts a short apology; a failure to post is logged. Neither throws.
 */
export async function replyWithAnswer(
  ctx: ListenerContext,
  client: WebClient,
  where: { channel: string; thread_ts?: string; what: string },
  text: string,
): Promise<void> {
  let message: ReturnType<typeof renderAnswer>;
  try {
    message = renderAnswer(await ctx.ask(stripSlackMarkup(text, { links: "drop" })));
  } catch (err) {
    ctx.logger.error(`answering a ${where.what} in ${where.channel} failed: ${describeError(err)}`);
    message = renderError();
  }
  try {
    await client.chat.postMessage({
      channel: where.channel,
      thread_ts: where.thread_ts,
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (err) {
    ctx.logger.error(
      `posting the answer to a ${where.what} in ${where.channel} failed: ${describeError(err)}`,
    );
  }
}

/** True (and logged) when a delivery was handled before: a retry or a duplicate. */
export function isDuplicate(
  ctx: ListenerContext,
  eventId: string | undefined,
  channel: string,
  ts: string,
): boolean {
  const duplicate = ctx.dedupe.checkAndRemember([eventId && `event:${eventId}`, `msg:${channel}:${ts}`]);
  if (duplicate) ctx.logger.debug(`duplicate delivery of ${channel}/${ts} ignored`);
  return duplicate;
}
