import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { ConfigError, readConfig } from "../../src/config.js";
import { answer } from "../../src/core.js";
import { Deduper } from "../../src/slack/dedupe.js";
import { escapeMrkdwn, truncate } from "../../src/slack/escape.js";
import { MAX_BLOCKS, MAX_TEXT, renderAnswer } from "../../src/slack/render.js";
import { captureLogs } from "../helpers/capture-logger.js";
import { seedsDeps } from "../helpers/fixtures.js";

describe("escapeMrkdwn", () => {
  it("escapes &, < and > and defuses broadcasts", () => {
    expect(escapeMrkdwn("<!channel> & <@U1> <https://x|y> @here @everyone")).toBe(
      "&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt; @\u2060here @\u2060everyone",
    );
  });
  it("truncate cuts at a word with an ellipsis", () => {
    expect(truncate("one two three four", 10)).toBe("one two…");
    expect(truncate("short", 10)).toBe("short");
  });
});

describe("Deduper", () => {
  it("reports a key seen within the TTL, forgets after it, and stays bounded", () => {
    let now = 0;
    const d = new Deduper({ ttlMs: 1000, maxKeys: 3, now: () => now });
    expect(d.checkAndRemember(["a", "x"])).toBe(false);
    expect(d.checkAndRemember(["b", "x"])).toBe(true); // same channel+ts under another event id
    now = 2000;
    expect(d.checkAndRemember(["a"])).toBe(false);
    for (const k of ["k1", "k2", "k3", "k4"]) d.checkAndRemember([k]);
    expect(d.size).toBe(3);
  });
});

describe("readConfig", () => {
  it("picks console, socket or HTTP mode", () => {
    expect(readConfig({}).mode).toBe("console");
    expect(readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).mode).toBe("socket");
    const http = readConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "abcdef0123456789",
      PORT: "8080",
    });
    expect(http.mode).toBe("http");
    expect(http.port).toBe(8080);
    expect(http.slackApiUrl).toBe("https://slack.com/api/");
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "nope" }, /SLACK_BOT_TOKEN/],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /SLACK_SIGNING_SECRET is missing/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }, /SLACK_APP_TOKEN/],
    [{ SLACK_APP_TOKEN: "xapp-1" }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", PORT: "http" }, /PORT/],
    [{ SLACK_API_URL: "ftp://x" }, /SLACK_API_URL/],
    [{ LOG_LEVEL: "chatty" }, /LOG_LEVEL/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "short!" }, /SLACK_SIGNING_SECRET is malformed/],
  ])("names the variable at fault, never its value", (env, message) => {
    let error: unknown;
    try {
      readConfig(env as NodeJS.ProcessEnv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    for (const v of Object.values(env)) if (v.length > 5) expect((error as Error).message).not.toContain(v);
  });
});

describe("RedactingLogger", () => {
  it("removes given secrets and anything shaped like a Slack token", () => {
    const { logger, capture } = captureLogs(["my-signing-secret-value"]);
    logger.error(
      "failed with my-signing-secret-value and xoxb-123-abc and xapp-1-A-b",
      new Error("xoxp-9-9"),
    );
    expect(capture.lines[0]).not.toMatch(/my-signing-secret-value|xoxb-123|xapp-1-A|xoxp-9/);
  });
});

describe("renderAnswer", () => {
  const deps = seedsDeps();
  it("renders a cited answer (snapshot)", () => {
    expect(renderAnswer(answer("Who leads Tokyo?", deps))).toMatchSnapshot();
  });
  it("renders a list with numbered sources and a German quote note (snapshot)", () => {
    expect(
      renderAnswer(answer("Where are the offices?", deps), { question: "Where are the offices?" }),
    ).toMatchSnapshot();
  });
  it("renders an abstention without citations (snapshot)", () => {
    expect(renderAnswer(answer("Who leads the Paris office?", deps))).toMatchSnapshot();
  });

  it("stays within Slack's limits for huge answers", () => {
    const quote = "word ".repeat(2000);
    const big: Answer = {
      question: "q",
      answered: true,
      answer: "x".repeat(10_000),
      intent: "fallback",
      confidence: 0.5,
      language: "en",
      kind: "sentence",
      citations: Array.from({ length: 80 }, (_, i) => ({
        source: `f${i}.txt`,
        title: "t",
        quote,
        start: 0,
        end: 1,
        language: "en" as const,
      })),
    };
    const msg = renderAnswer(big);
    expect(msg.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const b of msg.blocks) {
      const texts =
        b.type === "section" ? [b.text.text] : b.type === "context" ? b.elements.map((e) => e.text) : [];
      for (const t of texts) expect(t.length).toBeLessThanOrEqual(MAX_TEXT);
    }
    expect(msg.text.length).toBeLessThanOrEqual(4000);
  });
});
