import type { App } from "@slack/bolt";
import type { ListenerContext } from "../context.js";
import { answerInConversation, isDuplicate } from "../reply.js";

/** Mentions in channels: answered in the question's thread (with :eyes: while answering), follow-ups in that thread too. */
export function registerMention(app: App, ctx: ListenerContext) {
  app.event("app_mention", async ({ event, body, client }) => {
    if (event.bot_id || ("subtype" in event && event.subtype)) return;
    if (await isDuplicate(ctx, (body as { event_id?: string }).event_id, event.channel, event.ts)) return;
    ctx.metrics.question("mention");
    const place = {
      channel: event.channel,
      thread: event.thread_ts ?? event.ts,
      ts: event.ts,
      user: event.user,
      what: "mention",
      eventId: (body as { event_id?: string }).event_id,
      eyes: true,
    };
    await answerInConversation(ctx, client, place, event.text ?? "");
  });
}
