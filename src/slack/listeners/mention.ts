import type { App } from "@slack/bolt";
import type { ListenerContext } from "../context.js";
import { isDuplicate, replyWithAnswer } from "../reply.js";

/** Mentions in channels: answered in the question's thread, follow-ups in that thread too. */
export function registerMention(app: App, ctx: ListenerContext) {
  app.event("app_mention", async ({ event, body, client }) => {
    if (event.bot_id || ("subtype" in event && event.subtype)) return;
    if (isDuplicate(ctx, (body as { event_id?: string }).event_id, event.channel, event.ts)) return;
    const where = { channel: event.channel, thread_ts: event.thread_ts ?? event.ts, what: "mention" };
    await replyWithAnswer(ctx, client, where, event.text ?? "");
  });
}
