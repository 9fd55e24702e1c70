import { join } from "node:path";
import { type Ask, askInProcess, type Browse, browseInProcess } from "../../src/answering.js";
import { readConfig } from "../../src/config.js";
import { createSlackApp, type SlackApp, type SlackAppOptions } from "../../src/slack/app.js";
import { captureLogs } from "./capture-logger.js";
import {
  buttonClick,
  commandBody,
  eventEnvelope,
  FakeSlack,
  interactionBody,
  postSigned,
  type RecordedCall,
  waitUntil,
} from "./fake-slack.js";
import { tempDir } from "./fixtures.js";
import { slackCorpusDeps } from "./models.js";

export const SECRET = "b7e1c0ffee0123456789abcdefabcdef";
export const BOT_TOKEN = "xoxb-7-7-TestBotToken";
export const APP_TOKEN = "xapp-1-A1-TestAppToken";

/** Options of `startSlack`. */
export interface StartOptions {
  mode: "http" | "socket";
  ask?: Ask;
  browse?: Browse;
  /** More settings (METRICS_LOG_INTERVAL_MS, ...). */
  env?: NodeJS.ProcessEnv;
  /** Options of the app beyond these (time-outs, retries, readiness). */
  app?: Partial<Omit<SlackAppOptions, "config" | "logger">>;
}

/** The real Bolt app against a fake Slack, in one mode, with helpers that deliver what Slack would. */
export interface TestSlack {
  fake: FakeSlack;
  slack: SlackApp;
  capture: ReturnType<typeof captureLogs>["capture"];
  feedbackLog: string;
  /** HTTP mode's port (undefined in Socket Mode). */
  port: number | undefined;
  /** Delivers an event (HTTP: a signed POST; Socket Mode: an envelope); resolves once it is acknowledged. */
  event(event: Record<string, unknown>): Promise<void>;
  /** Clicks a button (block_actions); resolves with how long the acknowledgement took (ms). */
  click(payload: Record<string, unknown>): Promise<number>;
  /** Runs the slash command; resolves with the response posted to its response URL. */
  command(text: string, id: string): Promise<Record<string, unknown>>;
  /** Web API calls of a method, from the `since`-th on. */
  calls(method: string, since?: number): RecordedCall[];
  close(): Promise<void>;
}

let envelopes = 0;

/**
 * Starts the Slack app (HTTP on port 0, or Socket Mode over the fake's WebSocket) answering from
 * the test corpus with the retrieval-only models, its feedback log in a temporary folder.
 */
export async function startSlack(options: StartOptions): Promise<TestSlack> {
  const fake = new FakeSlack();
  await fake.start();
  const feedbackLog = join(tempDir(), "logs", "feedback.jsonl");
  // As the app's own logger would: the secrets of the settings redacted (OAuth's too).
  const { logger, capture } = captureLogs(
    [BOT_TOKEN, APP_TOKEN, SECRET, options.env?.SLACK_CLIENT_SECRET, options.env?.SLACK_STATE_SECRET].filter(
      (s): s is string => Boolean(s),
    ),
  );
  const env: NodeJS.ProcessEnv = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: "debug",
    FEEDBACK_LOG: feedbackLog,
    ...(options.mode === "socket"
      ? { SLACK_APP_TOKEN: APP_TOKEN }
      : { SLACK_SIGNING_SECRET: SECRET, PORT: "0" }),
    ...options.env,
  };
  const slack = createSlackApp({
    config: readConfig(env),
    ask: options.ask ?? askInProcess(slackCorpusDeps),
    browse: options.browse ?? browseInProcess(slackCorpusDeps),
    webApiRetries: 0,
    respondRetry: { baseDelayMs: 50 },
    ...options.app,
    logger,
  });
  const port = await slack.start();
  if (options.mode === "socket") await fake.waitForSocket();

  /** Sends an envelope over the WebSocket and waits for its ack; resolves with the time it took. */
  const viaSocket = async (type: string, payload: Record<string, unknown>): Promise<number> => {
    const envelope_id = `env-${++envelopes}`;
    const t0 = Date.now();
    fake.sendEnvelope({ envelope_id, type, payload, accepts_response_payload: type !== "events_api" });
    await waitUntil(
      () => fake.socketFrames.some((f) => f.envelope_id === envelope_id),
      3000,
      `the ack of ${type}`,
    );
    return Date.now() - t0;
  };
  const viaHttp = async (body: string, contentType: string): Promise<number> => {
    const t0 = Date.now();
    const res = await postSigned(port as number, SECRET, body, { contentType });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text}`);
    return Date.now() - t0;
  };
  const form = "application/x-www-form-urlencoded";
  return {
    fake,
    slack,
    capture,
    feedbackLog,
    port,
    async event(event) {
      const envelope = eventEnvelope(event);
      if (options.mode === "socket") await viaSocket("events_api", envelope);
      else await viaHttp(JSON.stringify(envelope), "application/json");
    },
    click(payload) {
      return options.mode === "socket"
        ? viaSocket("interactive", payload)
        : viaHttp(interactionBody(payload), form);
    },
    async command(text, id) {
      const body = commandBody(text, fake.responseUrl(id));
      if (options.mode === "socket")
        await viaSocket("slash_commands", Object.fromEntries(new URLSearchParams(body)));
      else await viaHttp(body, form);
      await waitUntil(() => fake.responseTo(id) !== undefined, 5000, `the response to ${id}`);
      return fake.responseTo(id) as Record<string, unknown>;
    },
    calls(method, since = 0) {
      return fake.callsOf(method).slice(since);
    },
    async close() {
      await slack.stop();
      await fake.close();
    },
  };
}

/** A click on one of the buttons of a message the bot posted. */
export function clickOn(
  button: { action_id: string; value: string } | undefined,
  where: Parameters<typeof buttonClick>[1],
): Record<string, unknown> {
  if (!button) throw new Error("no such button on the message");
  return buttonClick(button, where);
}
