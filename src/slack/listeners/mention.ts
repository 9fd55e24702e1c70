import type { App } from "@slack/bolt";
import { answer } from "../../core.js";
import { stripSlackMarkup } from "../../text/slack-markup.js";
import { describeError, type ListenerContext } from "../context.js";
import { renderAnswer, renderError } from "../render.js";

/** Mentions in channels: answered in the question's thread, follow-ups in that thread too. */
export function registerMention(app: App, ctx: ListenerContext) {
  app.event("app_mention", async ({ event, body, client }) => {
    if (event.bot_id || ("subtype" in event && event.subtype)) return;
    const eventId = (body as { event_id?: string }).event_id;
    if (ctx.dedupe.checkAndRemember([eventId && `event:${eventId}`, `msg:${event.channel}:${event.ts}`])) {
      ctx.logger.debug(`duplicate delivery of mention ${event.channel}/${event.ts} ignored`);
      return;
    }
    const thread_ts = event.thread_ts ?? event.ts;
    let message: ReturnType<typeof renderAnswer>;
    try {
      message = renderAnswer(answer(stripSlackMarkup(event.text ?? ""), ctx.deps()));
    } catch (err) {
      ctx.logger.error(`answering a mention in ${event.channel} failed: ${describeError(err)}`);
      message = renderError();
    }
    try {
      await client.chat.postMessage({
        channel: event.channel,
        thread_ts,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      ctx.logger.error(`posting the answer to ${event.channel}/${thread_ts} failed: ${describeError(err)}`);
    }
  });
}
