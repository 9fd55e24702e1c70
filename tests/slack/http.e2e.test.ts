import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askInProcess, browseInProcess } from "../../src/answering.js";
import { readConfig } from "../../src/config.js";
import { buildDeps } from "../../src/core.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { createSlackApp, type SlackApp } from "../../src/slack/app.js";
import { captureLogs } from "../helpers/capture-logger.js";
import {
  commandBody,
  dmEvent,
  eventEnvelope,
  FakeSlack,
  mentionEvent,
  postSigned,
  waitUntil,
} from "../helpers/fake-slack.js";
import { INTENTS, seedsDeps, tempDir } from "../helpers/fixtures.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const BOT_TOKEN = "xoxb-111-222-SeCrEtBoTtOkEn";

describe("Slack over HTTP, end to end against a local fake Slack", () => {
  const fake = new FakeSlack();
  let slack: SlackApp;
  let port: number;
  const { logger, capture } = captureLogs([BOT_TOKEN, SECRET]);
  // The seeds plus one article whose text tries to ping everyone.
  const hostile = tempDir({
    "hostile.txt":
      "The <!channel> memo says Acme moved to <https://evil.example|Berlin> & Paris. It was signed by Ana Ruiz.\n",
  });
  const hostileDeps = buildDeps(loadCorpus(hostile), INTENTS);
  let useHostile = false;
  let brokenCore = false;

  beforeAll(async () => {
    await fake.start();
    const config = readConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "0",
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "debug",
    });
    slack = createSlackApp({
      config,
      ask: askInProcess(() => {
        if (brokenCore) throw new Error("kaboom: index corrupted at /secret/path");
        return useHostile ? hostileDeps : seedsDeps();
      }),
      browse: browseInProcess(seedsDeps),
      webApiRetries: 1,
      logger,
    });
    port = (await slack.start()) as number;
  });
  afterAll(async () => {
    await slack.stop();
    await fake.close();
  });

  const posts = () => fake.callsOf("chat.postMessage");
  const send = (event: Record<string, unknown>, headers: Record<string, string> = {}, id?: string) =>
    postSigned(port, SECRET, JSON.stringify(eventEnvelope(event, id)), { headers });

  it("answers a mention in the question's thread, with cited quotes", async () => {
    const before = posts().length;
    const event = mentionEvent("who leads Tokyo?");
    const res = await send(event);
    expect(res.status).toBe(200);
    await waitUntil(() => posts().length > before, 5000, "the answer");
    const call = posts()[before];
    expect(call?.body.channel).toBe("C1");
    expect(call?.body.thread_ts).toBe(event.ts);
    const blocks = JSON.stringify(call?.body.blocks);
    expect(blocks).toContain("Nagasaki");
    // the numbered sources: "1. title (file)", or the file name for an article without a title
    // or headline line (the seeds have no url to link)
    expect(blocks).toMatch(/1\. [^"]*00\d_[0-9a-f]+\.txt/);
    expect(String(call?.body.text)).toContain("Nagasaki");
  });

  it("answers a follow-up mention inside a thread in that thread", async () => {
    const before = posts().length;
    await send(mentionEvent("where are the offices?", undefined, { thread_ts: "1699999999.000001" }));
    await waitUntil(() => posts().length > before);
    expect(posts()[before]?.body.thread_ts).toBe("1699999999.000001");
  });

  it("answers a direct message without a mention", async () => {
    const before = posts().length;
    await send(dmEvent("Wer leitet OpenAI Japan?"));
    await waitUntil(() => posts().length > before);
    expect(posts()[before]?.body.channel).toBe("D1");
    expect(JSON.stringify(posts()[before]?.body.blocks)).toContain("Nagasaki");
  });

  it("answers a retried event once (same event_id, and same channel and ts under a new id)", async () => {
    const before = posts().length;
    const event = mentionEvent("who is Brad Lightcap?");
    const body = JSON.stringify(eventEnvelope(event, "EvRetry1"));
    expect((await postSigned(port, SECRET, body)).status).toBe(200);
    expect(
      (
        await postSigned(port, SECRET, body, {
          headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
        })
      ).status,
    ).toBe(200);
    await send(event, {}, "EvRetryOtherId");
    await send(mentionEvent("who leads Tokyo?")); // a marker that everything before was handled
    await waitUntil(() => posts().length >= before + 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(posts().length).toBe(before + 2);
  });

  it("ignores bots, its own messages, edits, joins and channel messages without a mention", async () => {
    const before = posts().length;
    await send(mentionEvent("who leads Tokyo?", undefined, { bot_id: "B2" }));
    await send(dmEvent("who leads Tokyo?", { bot_id: "BBOT", user: "UBOT" }));
    await send(dmEvent("who leads Tokyo?", { subtype: "message_changed" }));
    await send(dmEvent("joined", { subtype: "channel_join" }));
    await send(dmEvent("who leads Tokyo?", { subtype: "bot_message" }));
    await send(dmEvent("who leads Tokyo?", { channel_type: "channel", channel: "C1" }));
    await send(dmEvent("marker: who leads Tokyo?"));
    await waitUntil(() => posts().length > before);
    await new Promise((r) => setTimeout(r, 200));
    expect(posts().length).toBe(before + 1);
    expect(posts()[before]?.body.channel).toBe("D1");
  });

  it("answers /openai-facts privately, with help, sources and an empty text", async () => {
    const ask = async (text: string, id: string) => {
      const res = await postSigned(port, SECRET, commandBody(text, fake.responseUrl(id)), {
        contentType: "application/x-www-form-urlencoded",
      });
      expect(res.status).toBe(200);
      await waitUntil(() => fake.responses.some((r) => r.method.endsWith(`/${id}`)), 5000, `response ${id}`);
      return fake.responses.find((r) => r.method.endsWith(`/${id}`))?.body as Record<string, unknown>;
    };
    const q = await ask("who leads Tokyo?", "q1");
    expect(q.response_type).toBe("ephemeral");
    expect(JSON.stringify(q.blocks)).toMatch(/Question:.*who leads Tokyo\?/);
    expect(JSON.stringify(q.blocks)).toContain("Nagasaki");
    expect(JSON.stringify((await ask("help", "h1")).blocks)).toMatch(/Examples/);
    expect(JSON.stringify((await ask("", "e1")).blocks)).toMatch(/Examples/);
    const sources = JSON.stringify((await ask("sources", "s1")).blocks);
    expect(sources).toContain("OpenAI chooses Tokyo for its first Asian office");
    expect(sources).toContain("2024-04-16");
  });

  it("rejects a forged signature and a stale timestamp with 401", async () => {
    const body = JSON.stringify(eventEnvelope(mentionEvent("who leads Tokyo?")));
    expect((await postSigned(port, SECRET, body, { signature: "v0=deadbeef" })).status).toBe(401);
    expect((await postSigned(port, "wrongsecret0000000000", body)).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await postSigned(port, SECRET, body, { timestamp: stale })).status).toBe(401);
  });

  it("escapes <!channel>, links and & from questions and articles: nothing can ping anyone", async () => {
    useHostile = true;
    try {
      const before = posts().length;
      await send(mentionEvent("&lt;!channel&gt; @here what does the memo say about Acme?"));
      await waitUntil(() => posts().length > before);
      const id = "x1";
      await postSigned(
        port,
        SECRET,
        commandBody("&lt;!everyone&gt; who signed the memo?", fake.responseUrl(id)),
        {
          contentType: "application/x-www-form-urlencoded",
        },
      );
      await waitUntil(() => fake.responses.some((r) => r.method.endsWith(`/${id}`)));
      const sent = [
        JSON.stringify(posts()[before]?.body),
        JSON.stringify(fake.responses.find((r) => r.method.endsWith(`/${id}`))?.body),
      ];
      for (const s of sent) {
        expect(s).not.toMatch(/<!(channel|here|everyone)/);
        expect(s).not.toMatch(/<https?:/);
        expect(s).not.toMatch(/@(channel|here|everyone)/);
      }
      expect(sent[0]).toContain("&lt;!channel&gt;");
      expect(sent[0]).toContain("&amp;");
    } finally {
      useHostile = false;
    }
  });

  it("logs a Web API 500, honours a 429's Retry-After, and keeps serving", async () => {
    // The client retries once (webApiRetries: 1): two 500s in a row make the post fail for good.
    fake.failNext("chat.postMessage", { status: 500, body: "boom" }, { status: 500, body: "boom" });
    await send(mentionEvent("who leads Tokyo?"));
    await waitUntil(
      () => capture.lines.some((l) => /posting the answer .* failed/.test(l)),
      8000,
      "the 500 to be logged",
    );
    const before = posts().length;
    fake.failNext("chat.postMessage", {
      status: 429,
      body: { ok: false, error: "ratelimited" },
      headers: { "retry-after": "1" },
    });
    await send(mentionEvent("who is Brad Lightcap?"));
    await waitUntil(() => posts().length >= before + 2, 8000, "the retry after the 429");
    const [limited, retried] = posts().slice(before);
    expect(JSON.stringify(retried?.body)).toContain("Operating Officer");
    expect(limited?.at).toBeDefined();
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
    const after = posts().length;
    await send(mentionEvent("where are the offices?"));
    await waitUntil(() => posts().length > after, 5000, "serving after the faults");
  });

  it("replies with a short apology when answering fails, logging the cause but not showing it", async () => {
    brokenCore = true;
    try {
      const before = posts().length;
      await send(mentionEvent("who leads Tokyo?"));
      await waitUntil(() => posts().length > before);
      const sent = JSON.stringify(posts()[before]?.body);
      expect(sent).toContain("Sorry, something went wrong");
      expect(sent).not.toMatch(/kaboom|secret|at \//);
      expect(capture.lines.some((l) => /answering a mention in C1 failed: kaboom/.test(l))).toBe(true);
    } finally {
      brokenCore = false;
    }
  });

  it("never writes the bot token or the signing secret to the logs", () => {
    expect(capture.lines.length).toBeGreaterThan(5);
    const all = capture.lines.join("\n");
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("SeCrEtBoTtOkEn");
  });
});
