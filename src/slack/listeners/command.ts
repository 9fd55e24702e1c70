import type { App } from "@slack/bolt";
import { stripSlackMarkup } from "../../text/slack-markup.js";
import { describeError, type ListenerContext } from "../context.js";
import { renderAnswer, renderError } from "../render.js";

/** The slash command's name, as in manifest.yml. */
export const COMMAND = "/openai-facts";
/** Longest command text read; the rest is cut before any work. */
const MAX_COMMAND_TEXT = 2000;

/**
 * `/openai-facts <question>`, `help`, `sources`: acknowledged at once, then answered privately
 * to the asker (ephemeral) through the response URL, with the question restated.
 */
export function registerCommand(app: App, ctx: ListenerContext) {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const text = stripSlackMarkup(String(command.text ?? "").slice(0, MAX_COMMAND_TEXT), { links: "drop" });
    const question = text === "" ? "help" : text;
    let reply: ReturnType<typeof renderAnswer>;
    try {
      const a = await ctx.ask(question);
      reply = renderAnswer(a, { question: a.kind === "meta" ? undefined : text });
    } catch (err) {
      ctx.logger.error(`answering ${COMMAND} failed: ${describeError(err)}`);
      reply = renderError();
    }
    try {
      await respond({ response_type: "ephemeral", replace_original: false, ...reply });
    } catch (err) {
      ctx.logger.error(`responding to ${COMMAND} failed: ${describeError(err)}`);
    }
  });
}
