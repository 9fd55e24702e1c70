import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../src/config.js";
import { mentionEvent, waitUntil } from "../helpers/fake-slack.js";
import { APP_TOKEN, BOT_TOKEN, startSlack, type TestSlack } from "../helpers/slack-app.js";

describe("Socket Mode logs the counters periodically (no /metrics without an HTTP server)", () => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startSlack({ mode: "socket", env: { METRICS_LOG_INTERVAL_MS: "1000" } });
  });
  afterAll(() => t.close());

  it("logs questions, answers, abstentions, dropped retries, errors and Web API retries every interval", async () => {
    const metricLines = () => t.capture.lines.filter((l) => /^INFO metrics: /.test(l));
    const event = mentionEvent("who leads the Berlin office?");
    await t.event(event);
    await t.event(event); // a duplicate delivery (same channel and ts): dropped
    await waitUntil(() => t.calls("chat.postMessage").length >= 1, 5000, "the answer");
    const seen = metricLines().length;
    await waitUntil(() => metricLines().length >= seen + 1, 3000, "a metrics line");
    const line = metricLines().at(-1) as string;
    expect(line).toMatch(
      /^INFO metrics: questions=1 answers=1 abstentions=0 duplicates_dropped=1 errors=0 web_api_retries=0 mean_answer_latency_ms=\d+$/,
    );
    // And again a second later: periodic, not once.
    await waitUntil(() => metricLines().length >= seen + 2, 3000, "a second metrics line");
    expect(t.capture.lines.join("\n")).not.toContain(APP_TOKEN);
    expect(t.capture.lines.join("\n")).not.toContain(BOT_TOKEN);
  });
});

describe("METRICS_LOG_INTERVAL_MS", () => {
  const base = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN };
  it("is 60 s when unset or empty, 0 when off, and refused by name when malformed", () => {
    expect(readConfig(base).metricsLogIntervalMs).toBe(60_000);
    expect(readConfig({ ...base, METRICS_LOG_INTERVAL_MS: " " }).metricsLogIntervalMs).toBe(60_000);
    expect(readConfig({ ...base, METRICS_LOG_INTERVAL_MS: "off" }).metricsLogIntervalMs).toBe(0);
    expect(readConfig({ ...base, METRICS_LOG_INTERVAL_MS: "5000" }).metricsLogIntervalMs).toBe(5000);
    for (const bad of ["abc", "10", "-5", "1.5e4", "60s"]) {
      expect(() => readConfig({ ...base, METRICS_LOG_INTERVAL_MS: bad })).toThrow(ConfigError);
      expect(() => readConfig({ ...base, METRICS_LOG_INTERVAL_MS: bad })).toThrow(/METRICS_LOG_INTERVAL_MS/);
    }
  });
});
