import type { App } from "@slack/bolt";
import { answer } from "../../core.js";
import { stripSlackMarkup } from "../../text/slack-markup.js";
import { describeError, type ListenerContext } from "../context.js";
import { renderAnswer, renderError } from "../render.js";

/**
 * Direct messages: every question answered, no mention needed. Edits, deletions, joins and
 * other subtypes, and messages from bots (the bot itself included), are not answered.
 */
export function registerDirectMessage(app: App, ctx: ListenerContext) {
  app.message(async ({ message, body, client }) => {
    if (message.channel_type !== "im") return;
    if ("subtype" in message && message.subtype) return;
    if ("bot_id" in message && message.bot_id) return;
    const text = "text" in message ? (message.text ?? "") : "";
    const eventId = (body as { event_id?: string }).event_id;
    if (
      ctx.dedupe.checkAndRemember([eventId && `event:${eventId}`, `msg:${message.channel}:${message.ts}`])
    ) {
      ctx.logger.debug(`duplicate delivery of DM ${message.channel}/${message.ts} ignored`);
      return;
    }
    let reply: ReturnType<typeof renderAnswer>;
    try {
      reply = renderAnswer(answer(stripSlackMarkup(text), ctx.deps()));
    } catch (err) {
      ctx.logger.error(`answering a DM failed: ${describeError(err)}`);
      reply = renderError();
    }
    const thread_ts = "thread_ts" in message ? message.thread_ts : undefined;
    try {
      await client.chat.postMessage({
        channel: message.channel,
        thread_ts,
        ...reply,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      ctx.logger.error(`posting a DM answer to ${message.channel} failed: ${describeError(err)}`);
    }
  });
}
