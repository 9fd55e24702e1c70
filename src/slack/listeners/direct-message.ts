import type { App } from "@slack/bolt";
import type { ListenerContext } from "../context.js";
import { answerInConversation, isDuplicate } from "../reply.js";

/**
 * Direct messages: every question answered, no mention needed; a message with a file attached
 * is answered from its text. Edits (see message-edit.ts), deletions, joins and other subtypes,
 * and messages from bots (the bot itself included), are not answered here. Messages in a DM's
 * threads go to the assistant listener (Bolt's Assistant takes every DM thread message).
 */
export function registerDirectMessage(app: App, ctx: ListenerContext) {
  app.message(async ({ message, body, client }) => {
    if (message.channel_type !== "im") return;
    if ("subtype" in message && message.subtype && message.subtype !== "file_share") return;
    if ("bot_id" in message && message.bot_id) return;
    if (await isDuplicate(ctx, (body as { event_id?: string }).event_id, message.channel, message.ts)) return;
    ctx.metrics.question("direct_message");
    const thread = "thread_ts" in message ? message.thread_ts : undefined;
    const user = "user" in message ? message.user : undefined;
    const text = "text" in message ? (message.text ?? "") : "";
    const place = {
      channel: message.channel,
      thread,
      ts: message.ts,
      user,
      what: "direct message",
      eventId: (body as { event_id?: string }).event_id,
    };
    await answerInConversation(ctx, client, place, text);
  });
}
