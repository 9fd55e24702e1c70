import type { App } from "@slack/bolt";
import type { Answer } from "../../answer/types.js";
import { detectLanguage } from "../../text/language.js";
import { stripSlackMarkup } from "../../text/slack-markup.js";
import { refOf } from "../answer-ref.js";
import { describeError, type ListenerContext } from "../context.js";
import { renderAnswer, renderError, type SlackMessage } from "../render.js";
import { respondPrivately } from "../reply.js";

/** The slash command's name, as in manifest.yml. */
export const COMMAND = "/openai-facts";
/** Longest command text read; the rest is cut before any work. */
const MAX_COMMAND_TEXT = 2000;

/**
 * `/openai-facts <question>`, `help`, `sources`: acknowledged at once, then answered privately
 * to the asker (ephemeral) through the response URL (retried on 429 and 5xx), with the question
 * restated and a "Share in channel" button.
 */
export function registerCommand(app: App, ctx: ListenerContext) {
  app.command(COMMAND, async ({ command, ack }) => {
    await ack();
    ctx.metrics.question("command");
    const startedAt = performance.now();
    const text = stripSlackMarkup(String(command.text ?? "").slice(0, MAX_COMMAND_TEXT), { links: "drop" });
    const question = text === "" ? "help" : text;
    let reply: SlackMessage;
    let a: Answer | undefined;
    try {
      a = await ctx.ask(question);
      reply =
        a.kind === "meta"
          ? renderAnswer(a)
          : renderAnswer(a, { question: text, buttons: { ref: refOf(a), share: true } });
    } catch (err) {
      ctx.metrics.error("answer");
      ctx.logger.error(`answering ${COMMAND} failed: ${describeError(err)}`);
      reply = renderError(detectLanguage(question));
    }
    if (await respondPrivately(ctx, command.response_url, reply, `responding to ${COMMAND}`))
      ctx.metrics.answered(a, startedAt);
  });
}
