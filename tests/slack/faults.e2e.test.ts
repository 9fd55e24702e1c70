import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askInProcess, browseInProcess } from "../../src/answering.js";
import { readConfig } from "../../src/config.js";
import { createSlackApp, type SlackApp } from "../../src/slack/app.js";
import { captureLogs } from "../helpers/capture-logger.js";
import { eventEnvelope, FakeSlack, mentionEvent, postSigned, waitUntil } from "../helpers/fake-slack.js";
import { seedsDeps } from "../helpers/fixtures.js";

const SECRET = "faultsecret0123456789abcdef";

describe("Slack faults and bursts over HTTP (loopback)", () => {
  const fake = new FakeSlack();
  let slack: SlackApp;
  let port: number;
  const { logger, capture } = captureLogs([SECRET]);
  const posts = () => fake.callsOf("chat.postMessage");
  const send = (event: Record<string, unknown>, id?: string, headers: Record<string, string> = {}) =>
    postSigned(port, SECRET, JSON.stringify(eventEnvelope(event, id)), { headers });

  beforeAll(async () => {
    await fake.start();
    const config = readConfig({
      SLACK_BOT_TOKEN: "xoxb-5-5-faults",
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "0",
      SLACK_API_URL: fake.apiUrl,
    });
    slack = createSlackApp({
      config,
      ask: askInProcess(seedsDeps),
      browse: browseInProcess(seedsDeps),
      webApiRetries: 0,
      webApiTimeoutMs: 2000,
      postTimeoutMs: 2000,
      logger,
    });
    port = (await slack.start()) as number;
  });
  afterAll(async () => {
    await slack.stop();
    await fake.close();
  });

  it("logs a hung Web API call once its time limit passes, and keeps serving", async () => {
    fake.failNext("chat.postMessage", { status: 0 });
    await send(mentionEvent("who leads Tokyo?"));
    await waitUntil(
      () => capture.lines.some((l) => /posting the answer .* failed: .*no answer within 2 s/i.test(l)),
      5000,
      "the time-out to be logged",
    );
    const before = posts().length;
    await send(mentionEvent("where are the offices?"));
    await waitUntil(() => posts().length > before);
  });

  it("logs an ok:false answer from the Web API with its error code, and keeps serving", async () => {
    fake.failNext("chat.postMessage", { status: 200, body: { ok: false, error: "channel_not_found" } });
    await send(mentionEvent("who leads Tokyo?"));
    await waitUntil(
      () => capture.lines.some((l) => /failed: .*channel_not_found/.test(l)),
      5000,
      "the error to be logged",
    );
    const before = posts().length;
    await send(mentionEvent("who is Brad Lightcap?"));
    await waitUntil(() => posts().length > before);
  });

  it("acks 300 distinct mentions sent in bursts of 50 within 3 s each and answers each exactly once, retries included", async () => {
    const before = posts().length;
    const events = Array.from({ length: 300 }, (_, i) =>
      mentionEvent(
        ["who leads Tokyo?", "where are the offices?", "Wer leitet OpenAI Japan?"][i % 3] as string,
        `1800000000.${String(i).padStart(6, "0")}`,
      ),
    );
    let slowestAck = 0;
    const deliver = async (event: Record<string, unknown>, i: number, retry: boolean) => {
      const t0 = Date.now();
      const res = await send(
        event,
        `EvBurst${i}`,
        retry ? { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } : {},
      );
      slowestAck = Math.max(slowestAck, Date.now() - t0);
      expect(res.status).toBe(200);
    };
    for (let b = 0; b < 300; b += 50) {
      const burst = events.slice(b, b + 50);
      await Promise.all(burst.flatMap((e, k) => [deliver(e, b + k, false), deliver(e, b + k, true)]));
    }
    await waitUntil(
      () => posts().length >= before + 300,
      20_000,
      `300 answers (got ${posts().length - before})`,
    );
    await new Promise((r) => setTimeout(r, 300));
    const threads = posts()
      .slice(before)
      .map((p) => String(p.body.thread_ts));
    expect(threads).toHaveLength(300);
    expect(new Set(threads).size).toBe(300);
    expect(slowestAck).toBeLessThan(3000);
    console.info(
      `burst: 600 deliveries (300 events + 300 retries), ${threads.length} answers, 0 duplicates, 0 lost, slowest ack ${slowestAck} ms`,
    );
  });
});
