import { afterEach, describe, expect, it } from "vitest";
import { askInProcess, browseInProcess } from "../../src/answering.js";
import { ConfigError, readConfig } from "../../src/config.js";
import { createSlackApp, type SlackApp } from "../../src/slack/app.js";
import { captureLogs } from "../helpers/capture-logger.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { slackCorpusDeps } from "../helpers/models.js";
import { BOT_TOKEN, SECRET } from "../helpers/slack-app.js";

let fake: FakeSlack | undefined;
let slack: SlackApp | undefined;
afterEach(async () => {
  await slack?.stop().catch(() => undefined);
  await fake?.close();
  slack = undefined;
  fake = undefined;
});

async function start(failure?: Parameters<FakeSlack["failNext"]>[1]) {
  fake = new FakeSlack();
  await fake.start();
  if (failure) fake.failNext("auth.test", failure);
  const { logger, capture } = captureLogs([BOT_TOKEN, SECRET]);
  const config = readConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    FEEDBACK_LOG: "off",
  });
  slack = createSlackApp({
    config,
    ask: askInProcess(slackCorpusDeps),
    browse: browseInProcess(slackCorpusDeps),
    webApiRetries: 0,
    webApiTimeoutMs: 1000,
    logger,
  });
  return { started: slack.start(), capture };
}

describe("the bot token is checked with Slack before listening", () => {
  it("a token Slack rejects stops start-up with a message naming SLACK_BOT_TOKEN, never its value", async () => {
    const { started, capture } = await start({ status: 200, body: { ok: false, error: "invalid_auth" } });
    const err = await started.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
    expect((err as Error).message).not.toContain(BOT_TOKEN);
    expect(capture.lines.join("\n")).not.toMatch(/listening/);
  });

  it("a good token starts, after one auth.test", async () => {
    const { started } = await start();
    expect(await started).toBeGreaterThan(0);
    expect(fake?.calls.filter((c) => c.method === "auth.test").length).toBeGreaterThanOrEqual(1);
  });

  it("Slack out of reach at start stops it with a message naming SLACK_API_URL, not listening", async () => {
    const { started, capture } = await start({ status: 0 });
    const err = await started.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/could not check SLACK_BOT_TOKEN with Slack at SLACK_API_URL/);
    expect((err as Error).message).not.toContain(BOT_TOKEN);
    expect(capture.lines.join("\n")).not.toMatch(/listening/);
  }, 10_000);
});
