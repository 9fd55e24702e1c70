import type { App } from "@slack/bolt";
import type { ListenerContext } from "../context.js";
import { isDuplicate, updateAnswer } from "../reply.js";

/** The parts of a message_changed event read here. */
interface ChangedMessage {
  subtype: "message_changed";
  channel: string;
  ts: string;
  message?: { ts?: string; text?: string; bot_id?: string; user?: string };
  previous_message?: { text?: string };
}

/**
 * An edited question the bot answered (message_changed, in channels, groups and DMs): the
 * answer is updated in place. An edit that leaves the text as it was (Slack adds a link
 * preview) and edits of bots' messages change nothing. A deleted question (message_deleted)
 * leaves the answer alone: it is not listened to.
 */
export function registerMessageEdit(app: App, ctx: ListenerContext) {
  app.message(async ({ message, body, client }) => {
    if (!("subtype" in message) || message.subtype !== "message_changed") return;
    const changed = message as unknown as ChangedMessage;
    const edited = changed.message;
    if (!edited?.ts || edited.bot_id || edited.text === undefined) return;
    if (edited.text === changed.previous_message?.text) return;
    if (await isDuplicate(ctx, (body as { event_id?: string }).event_id, changed.channel, changed.ts)) return;
    ctx.metrics.question("edit");
    await updateAnswer(ctx, client, changed.channel, edited.ts, edited.text);
  });
}
