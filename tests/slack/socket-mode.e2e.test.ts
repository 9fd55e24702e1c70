import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askInProcess, browseInProcess } from "../../src/answering.js";
import { readConfig } from "../../src/config.js";
import { createSlackApp, type SlackApp } from "../../src/slack/app.js";
import { captureLogs } from "../helpers/capture-logger.js";
import { eventEnvelope, FakeSlack, mentionEvent, waitUntil } from "../helpers/fake-slack.js";
import { seedsDeps } from "../helpers/fixtures.js";

const APP_TOKEN = "xapp-1-A1-SeCrEtApPtOkEn";
const BOT_TOKEN = "xoxb-333-444-AnOtHeRsEcReT";

describe("Slack in Socket Mode, end to end against a local WebSocket server", () => {
  const fake = new FakeSlack();
  let slack: SlackApp;
  const { logger, capture } = captureLogs([APP_TOKEN, BOT_TOKEN]);

  beforeAll(async () => {
    await fake.start();
    const config = readConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "debug",
    });
    slack = createSlackApp({
      config,
      ask: askInProcess(seedsDeps),
      browse: browseInProcess(seedsDeps),
      webApiRetries: 0,
      logger,
    });
    await slack.start();
    await fake.waitForSocket();
  });
  afterAll(async () => {
    await slack.stop();
    await fake.close();
  });

  it("opened the connection with the app-level token", () => {
    const open = fake.callsOf("apps.connections.open")[0];
    expect(open?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
  });

  it("acks an events_api envelope and answers the mention in its thread", async () => {
    const event = mentionEvent("who leads Tokyo?");
    fake.sendEnvelope({
      envelope_id: "env-1",
      type: "events_api",
      payload: eventEnvelope(event),
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
    });
    await waitUntil(() => fake.socketFrames.some((f) => f.envelope_id === "env-1"), 5000, "the ack");
    await waitUntil(() => fake.callsOf("chat.postMessage").length > 0, 5000, "the answer");
    const post = fake.callsOf("chat.postMessage")[0];
    expect(post?.body.thread_ts).toBe(event.ts);
    expect(JSON.stringify(post?.body.blocks)).toContain("Nagasaki");
  });

  it("answers a redelivered envelope (retry_attempt 1) only once", async () => {
    const before = fake.callsOf("chat.postMessage").length;
    const payload = eventEnvelope(mentionEvent("where are the offices?"), "EvSock2");
    fake.sendEnvelope({
      envelope_id: "env-2",
      type: "events_api",
      payload,
      retry_attempt: 0,
      retry_reason: "",
    });
    fake.sendEnvelope({
      envelope_id: "env-3",
      type: "events_api",
      payload,
      retry_attempt: 1,
      retry_reason: "timeout",
    });
    await waitUntil(() => fake.socketFrames.some((f) => f.envelope_id === "env-3"));
    await waitUntil(() => fake.callsOf("chat.postMessage").length > before);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.callsOf("chat.postMessage").length).toBe(before + 1);
  });

  it("acks a slash_commands envelope and responds privately", async () => {
    fake.sendEnvelope({
      envelope_id: "env-cmd",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        token: "x",
        team_id: "T1",
        channel_id: "C1",
        user_id: "U1",
        command: "/openai-facts",
        text: "sources",
        response_url: fake.responseUrl("sock-cmd"),
        trigger_id: "1.2.3",
        api_app_id: "A1",
      },
    });
    await waitUntil(
      () => fake.socketFrames.some((f) => f.envelope_id === "env-cmd"),
      5000,
      "the command ack",
    );
    await waitUntil(() => fake.responses.length > 0, 5000, "the response");
    const body = fake.responses[0]?.body as Record<string, unknown>;
    expect(body.response_type).toBe("ephemeral");
    expect(JSON.stringify(body.blocks)).toContain("I know 5 articles");
  });

  it("reconnects after the connection drops and goes on answering", async () => {
    const opens = fake.callsOf("apps.connections.open").length;
    fake.dropSockets();
    await fake.waitForSocket();
    expect(fake.callsOf("apps.connections.open").length).toBeGreaterThan(opens);
    const before = fake.callsOf("chat.postMessage").length;
    fake.sendEnvelope({
      envelope_id: "env-after",
      type: "events_api",
      payload: eventEnvelope(mentionEvent("who is Brad Lightcap?")),
      retry_attempt: 0,
      retry_reason: "",
    });
    await waitUntil(
      () => fake.callsOf("chat.postMessage").length > before,
      10_000,
      "an answer after reconnecting",
    );
  });

  it("keeps the tokens out of the logs", () => {
    const all = capture.lines.join("\n");
    expect(all).not.toContain("SeCrEtApPtOkEn");
    expect(all).not.toContain("AnOtHeRsEcReT");
  });
});
