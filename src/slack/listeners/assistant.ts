import { type App, Assistant } from "@slack/bolt";
import { detectLanguage } from "../../text/language.js";
import { describeError, type ListenerContext } from "../context.js";
import { truncate } from "../escape.js";
import { labelsFor } from "../labels.js";
import { answeredBefore, answerInConversation, answerMetadata, isDuplicate } from "../reply.js";

/** Longest thread title set from a question. */
const MAX_TITLE = 60;

/**
 * Slack's assistant pane (Bolt's Assistant): a new thread gets a greeting and suggested prompts
 * (questions checked to be answered); each message is answered in its thread, with the status
 * "is reading the articles…" while the core works and the thread titled after its first
 * question; follow-ups and "why?" work as in any conversation. Bolt routes every message of a
 * DM thread here, so replies in a DM's threads are answered the same way.
 */
export function registerAssistant(app: App, ctx: ListenerContext) {
  const assistant = new Assistant({
    // The bot answers from its articles, not from the channel the user is looking at: the
    // thread's context is not kept (and Bolt's default store would read the thread's history).
    threadContextStore: { get: async () => ({}), save: async () => {} },
    threadStarted: async ({ event, body, client, say, setSuggestedPrompts }) => {
      try {
        const language = await ctx.languages.of(client, event.assistant_thread.user_id);
        const labels = labelsFor(language);
        const catalog = await ctx.browse(language);
        const text = labels.greeting(catalog.articles.length);
        // Greeted once, as answers are posted once: a process that takes the event over asks
        // Slack whether the greeting (found by its metadata) is in the thread already.
        const eventId = (body as { event_id?: string }).event_id;
        const { channel_id: channel, thread_ts: thread } = event.assistant_thread;
        await ctx.once.post(
          eventId,
          () => say({ text, ...(eventId ? { metadata: answerMetadata(eventId) } : {}) }),
          eventId ? () => answeredBefore(client, { channel, thread, ts: thread }, eventId) : undefined,
        );
        if (catalog.suggestions.length)
          await setSuggestedPrompts({
            title: labels.tryAsking,
            prompts: catalog.suggestions.map((s) => ({ title: truncate(s, 75), message: s })),
          });
      } catch (err) {
        const channel = event.assistant_thread.channel_id;
        ctx.metrics.error("listener");
        ctx.logger.error(`starting an assistant thread in ${channel} failed: ${describeError(err)}`);
      }
    },
    threadContextChanged: async () => {},
    userMessage: async ({ message, body, client, context, setStatus, setTitle }) => {
      if ("subtype" in message && message.subtype && message.subtype !== "file_share") return;
      if ("bot_id" in message && message.bot_id) return;
      const user = "user" in message ? message.user : undefined;
      const thread = "thread_ts" in message ? message.thread_ts : undefined;
      if (!user || user === context.botUserId || !thread) return;
      if (await isDuplicate(ctx, (body as { event_id?: string }).event_id, message.channel, message.ts))
        return;
      ctx.metrics.question("assistant");
      const text = "text" in message ? (message.text ?? "") : "";
      const place = {
        channel: message.channel,
        thread,
        ts: message.ts,
        user,
        what: "assistant message",
        eventId: (body as { event_id?: string }).event_id,
      };
      await answerInConversation(ctx, client, place, text, async (question, isNew) => {
        // The question is plain text already (Slack markup stripped); a title notifies no one.
        if (isNew) await setTitle(truncate(question, MAX_TITLE));
        await setStatus(labelsFor(detectLanguage(question)).reading);
      });
    },
  });
  app.assistant(assistant);
}
