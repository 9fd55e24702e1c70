import type { App } from "@slack/bolt";
import type { ListenerContext } from "../context.js";
import { isDuplicate, replyWithAnswer } from "../reply.js";

/**
 * Direct messages: every question answered, no mention needed. Edits, deletions, joins and
 * other subtypes, and messages from bots (the bot itself included), are not answered.
 */
export function registerDirectMessage(app: App, ctx: ListenerContext) {
  app.message(async ({ message, body, client }) => {
    if (message.channel_type !== "im") return;
    if ("subtype" in message && message.subtype) return;
    if ("bot_id" in message && message.bot_id) return;
    if (isDuplicate(ctx, (body as { event_id?: string }).event_id, message.channel, message.ts)) return;
    const thread_ts = "thread_ts" in message ? message.thread_ts : undefined;
    const text = "text" in message ? (message.text ?? "") : "";
    await replyWithAnswer(ctx, client, { channel: message.channel, thread_ts, what: "direct message" }, text);
  });
}
