import type { App } from "@slack/bolt";
import type { ListenerContext } from "../context.js";
import { answerInConversation, isDuplicate } from "../reply.js";

/**
 * Replies in a channel thread the bot answered in (message.channels, message.groups): answered
 * without a new mention. Nothing else of a channel is read: messages outside such threads,
 * messages from bots (the bot included), edits and other subtypes, messages that mention the
 * bot (the mention listener answers those) and messages addressed to someone else.
 */
export function registerThreadReply(app: App, ctx: ListenerContext) {
  app.message(async ({ message, body, client, context }) => {
    if (message.channel_type !== "channel" && message.channel_type !== "group") return;
    if ("subtype" in message && message.subtype && message.subtype !== "file_share") return;
    if ("bot_id" in message && message.bot_id) return;
    const thread = "thread_ts" in message ? message.thread_ts : undefined;
    const user = "user" in message ? message.user : undefined;
    if (!thread || thread === message.ts || !user || user === context.botUserId) return;
    const text = "text" in message ? (message.text ?? "") : "";
    // A mention of anyone (the bot: answered as a mention; someone else: not meant for the bot).
    if (/<@[UW][A-Z0-9]+>/.test(text)) return;
    if (!(await ctx.conversations.isPartOf(message.channel, thread))) return;
    if (await isDuplicate(ctx, (body as { event_id?: string }).event_id, message.channel, message.ts)) return;
    ctx.metrics.question("thread_reply");
    const place = {
      channel: message.channel,
      thread,
      ts: message.ts,
      user,
      what: "thread reply",
      eventId: (body as { event_id?: string }).event_id,
      eyes: true,
    };
    await answerInConversation(ctx, client, place, text);
  });
}
