import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { type AnswerRef, decodeRef } from "../answer-ref.js";
import { describeError, type ListenerContext } from "../context.js";
import { labelsFor } from "../labels.js";
import { ACTION, renderAnswer, renderError, renderNote, type SlackMessage } from "../render.js";
import { renderWhy } from "../render-why.js";
import { postPrivately, respondPrivately } from "../reply.js";
import { postToResponseUrl } from "../respond.js";

/** Where a button was clicked: the clicker, the channel, the answer's message and thread. */
interface Click {
  user: string;
  team?: string;
  channel?: string;
  messageTs?: string;
  thread?: string;
  /** The answer was private (a slash command's): reply through the response URL. */
  ephemeral: boolean;
  responseUrl?: string;
  ref?: AnswerRef;
}

function clickOf(body: BlockAction, action: ButtonAction): Click {
  const container = body.container as
    | { is_ephemeral?: boolean; thread_ts?: string; message_ts?: string }
    | undefined;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  return {
    user: body.user.id,
    team: body.team?.id ?? body.user.team_id,
    channel: body.channel?.id,
    messageTs: message?.ts ?? container?.message_ts,
    thread: message?.thread_ts ?? container?.thread_ts,
    ephemeral: container?.is_ephemeral === true,
    responseUrl: body.response_url,
    ref: decodeRef(action.value),
  };
}

/** A reply only the clicker sees: in the answer's thread, or through the response URL for a private answer. */
async function replyPrivately(ctx: ListenerContext, client: WebClient, click: Click, message: SlackMessage) {
  if (!click.ephemeral && click.channel) {
    await postPrivately(
      ctx,
      client,
      { channel: click.channel, user: click.user, thread: click.thread },
      message,
    );
    return;
  }
  if (click.responseUrl)
    await respondPrivately(ctx, click.responseUrl, message, "replying privately to a button");
}

/** "Helpful" / "Not helpful": logged (who, when, question, answer, sources), thanked privately. */
function onFeedback(ctx: ListenerContext, helpful: boolean) {
  return async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    const click = clickOf(body, action);
    const t = labelsFor(click.ref?.l ?? "en");
    if (!click.ref) {
      await replyPrivately(ctx, client, click, renderNote(t.expired));
      return;
    }
    await ctx.feedback.append({
      at: new Date().toISOString(),
      user: click.user,
      ...(click.team ? { team: click.team } : {}),
      ...(click.channel ? { channel: click.channel } : {}),
      ...(click.messageTs && !click.ephemeral ? { message_ts: click.messageTs } : {}),
      helpful,
      question: click.ref.q,
      answer: click.ref.a,
      intent: click.ref.i,
      language: click.ref.l,
      sources: click.ref.s,
    });
    await replyPrivately(ctx, client, click, renderNote(helpful ? t.thanks : t.thanksNotHelpful));
  };
}

/** "Why this answer?": the question asked again (with the names it was asked with), its trace sent privately. */
function onWhy(ctx: ListenerContext) {
  return async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    const click = clickOf(body, action);
    if (!click.ref) {
      await replyPrivately(ctx, client, click, renderNote(labelsFor("en").expired));
      return;
    }
    let message: SlackMessage;
    try {
      message = renderWhy(await ctx.ask(click.ref.q, contextOf(click.ref)));
    } catch (err) {
      ctx.metrics.error("button");
      ctx.logger.error(`explaining an answer failed: ${describeError(err)}`);
      message = renderError(click.ref.l);
    }
    await replyPrivately(ctx, client, click, message);
  };
}

/**
 * "Share in channel" under a slash command's private answer: the question asked again and the
 * answer posted in the channel, attributed to the asker; the private copy goes. When the bot
 * cannot post there, the asker is told privately.
 */
function onShare(ctx: ListenerContext) {
  return async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    const click = clickOf(body, action);
    const t = labelsFor(click.ref?.l ?? "en");
    if (!click.ref || !click.channel) {
      await replyPrivately(ctx, client, click, renderNote(t.expired));
      return;
    }
    const ref = click.ref;
    try {
      const answer = await ctx.ask(ref.q, contextOf(ref));
      const message = renderAnswer(answer, { question: ref.q, sharedBy: click.user, buttons: { ref } });
      const posted = await client.chat.postMessage({
        channel: click.channel,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
      // Replies under the shared answer are a conversation the bot is part of.
      if (posted.ts && answer.kind !== "meta")
        await ctx.conversations.recordTurn(click.channel, posted.ts, {
          question: ref.q,
          ...(ref.c ? { context: ref.c } : {}),
          entities: answer.trace?.entities ?? [],
          questionTs: posted.ts,
        });
    } catch (err) {
      ctx.metrics.error("button");
      ctx.logger.error(`sharing an answer in ${click.channel} failed: ${describeError(err)}`);
      await replyPrivately(ctx, client, click, renderNote(t.cannotShare));
      return;
    }
    if (click.responseUrl)
      await postToResponseUrl(click.responseUrl, { delete_original: true }, ctx.respondRetry).catch((err) =>
        ctx.logger.debug(`removing the private copy of a shared answer failed: ${describeError(err)}`),
      );
  };
}

const contextOf = (ref: AnswerRef) => (ref.c?.length ? { context: { entities: ref.c } } : undefined);

type ButtonArgs = {
  ack: () => Promise<void>;
  body: BlockAction;
  action: ButtonAction;
  client: WebClient;
};

/** The buttons under answers: each click acknowledged at once (within Slack's 3 seconds), then handled. */
export function registerActions(app: App, ctx: ListenerContext) {
  app.action<BlockAction<ButtonAction>>(ACTION.helpful, onFeedback(ctx, true));
  app.action<BlockAction<ButtonAction>>(ACTION.notHelpful, onFeedback(ctx, false));
  app.action<BlockAction<ButtonAction>>(ACTION.why, onWhy(ctx));
  app.action<BlockAction<ButtonAction>>(ACTION.share, onShare(ctx));
}
