import { afterEach, describe, expect, it } from "vitest";
import { appHomeOpenedEvent, FakeSlack, mentionEvent, waitUntil } from "../helpers/fake-slack.js";
import { BOT_TOKEN, SECRET, startSlack, type TestSlack } from "../helpers/slack-app.js";

// The real retry and time-out logic (src/slack/web-api-fetch.ts) with its times scaled down:
// `npm start` waits 30 s for a post and re-sends after 1 s, doubling; here 1-3 s and 100 ms.
let t: TestSlack | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const sent = (s: TestSlack) => s.fake.callsOf("chat.postMessage");
/** Posts Slack took (answered 200 and ok), by the thread they answer. */
const postedThreads = (s: TestSlack) =>
  sent(s)
    .filter((c) => c.response?.ok === true)
    .map((c) => String(c.body.thread_ts));
const warnings = (s: TestSlack, pattern: RegExp) =>
  s.capture.lines.filter((l) => /^WARN /.test(l) && pattern.test(l));

describe("each answer is posted exactly once, whatever Slack's Web API does", () => {
  it("Slack slower than the post time-out: every answer posted once, never re-sent, each logged", async () => {
    t = await startSlack({
      mode: "http",
      app: { webApiRetries: 3, webApiRetryDelayMs: 100, postTimeoutMs: 1000 },
    });
    const s = t;
    s.fake.slowDown("chat.postMessage", 1500); // like a 15 s answer against the 10 s time-out of before
    const events = ["who leads the Berlin office?", "where are the offices?", "Wer leitet das Büro?"].map(
      (q) => mentionEvent(q),
    );
    for (const e of events) await s.event(e);
    await waitUntil(() => sent(s).length >= 3, 5000, "three posts");
    // Well past the time-outs and any re-send they would have caused.
    await new Promise((r) => setTimeout(r, 2500));
    const threads = sent(s).map((c) => String(c.body.thread_ts));
    expect(threads.sort()).toEqual(events.map((e) => e.ts).sort());
    const lines = warnings(
      s,
      /Web API chat\.postMessage: no answer within 1 s \(attempt 1 of 4\); not re-sent/,
    );
    expect(lines).toHaveLength(3);
    expect(s.capture.lines.join("\n")).not.toContain(BOT_TOKEN);
  });

  it("Slack slow but within the post time-out (15 s against 30 s, scaled): posted once, nothing logged", async () => {
    t = await startSlack({
      mode: "http",
      app: { webApiRetries: 3, webApiRetryDelayMs: 100, postTimeoutMs: 3000 },
    });
    const s = t;
    s.fake.slowDown("chat.postMessage", 1500);
    const events = [mentionEvent("who leads the Berlin office?"), mentionEvent("where are the offices?")];
    for (const e of events) await s.event(e);
    await waitUntil(
      () => sent(s).length >= 2 && sent(s).every((c) => c.answeredAt !== undefined),
      6000,
      "two answers, answered late",
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(sent(s)).toHaveLength(2);
    for (const c of sent(s)) expect((c.answeredAt ?? 0) - (c.at ?? 0)).toBeGreaterThanOrEqual(1400);
    expect(warnings(s, /Web API/)).toHaveLength(0);
    expect(s.capture.lines.filter((l) => /^ERROR /.test(l))).toEqual([]);
  });

  it("a 429 then success: posted once after Retry-After, the retry logged with the method and attempt", async () => {
    t = await startSlack({ mode: "http", app: { webApiRetries: 3, webApiRetryDelayMs: 100 } });
    const s = t;
    s.fake.failNext("chat.postMessage", {
      status: 429,
      body: { ok: false, error: "ratelimited" },
      headers: { "retry-after": "1" },
    });
    const event = mentionEvent("who leads the Berlin office?");
    await s.event(event);
    await waitUntil(() => postedThreads(s).length >= 1, 5000, "the answer after the 429");
    await new Promise((r) => setTimeout(r, 300));
    expect(postedThreads(s)).toEqual([event.ts]);
    const [limited, retried] = sent(s);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(
      warnings(s, /Web API chat\.postMessage: HTTP 429 \(attempt 1 of 4\); retrying in 1 s/),
    ).toHaveLength(1);
    expect(await s.slack.metrics.text()).toMatch(
      /facts_web_api_retries_total\{method="chat.postMessage"\} 1/,
    );
  });

  it("5xx twice (an outage), then success: posted once, each retry logged", async () => {
    t = await startSlack({ mode: "http", app: { webApiRetries: 3, webApiRetryDelayMs: 100 } });
    const s = t;
    s.fake.failNext("chat.postMessage", { status: 503, body: "down" }, { status: 500, body: "down" });
    const event = mentionEvent("where are the offices?");
    await s.event(event);
    await waitUntil(() => postedThreads(s).length >= 1, 5000, "the answer after the outage");
    await new Promise((r) => setTimeout(r, 300));
    expect(postedThreads(s)).toEqual([event.ts]);
    expect(sent(s)).toHaveLength(3);
    expect(warnings(s, /chat\.postMessage: HTTP 503 \(attempt 1 of 4\); retrying in 0\.1 s/)).toHaveLength(1);
    expect(warnings(s, /chat\.postMessage: HTTP 500 \(attempt 2 of 4\); retrying in 0\.2 s/)).toHaveLength(1);
  });

  it("a connection dropped after the post was sent: not re-sent (it may have been posted), logged", async () => {
    t = await startSlack({ mode: "http", app: { webApiRetries: 3, webApiRetryDelayMs: 100 } });
    const s = t;
    s.fake.failNext("chat.postMessage", { status: -1 });
    await s.event(mentionEvent("where are the offices?"));
    await waitUntil(
      () => s.capture.lines.some((l) => /posting the answer .* failed: .*not re-sent/.test(l)),
      5000,
      "the failure to be logged",
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(sent(s)).toHaveLength(1);
    expect(
      warnings(s, /chat\.postMessage: connection failed .*\(attempt 1 of 4\); not re-sent/),
    ).toHaveLength(1);
  });

  it("Slack refusing connections for a while (down, then back on the same port): posted once when it is back", async () => {
    t = await startSlack({ mode: "http", app: { webApiRetries: 6, webApiRetryDelayMs: 100 } });
    const s = t;
    const port = s.fake.port;
    await s.fake.close(); // Slack goes away: connections are refused
    const event = mentionEvent("who leads the Berlin office?");
    await s.event(event); // acked by the app, which then cannot post
    await waitUntil(
      () => warnings(s, /chat\.postMessage: connection failed \(ECONNREFUSED\)/).length >= 2,
      5000,
      "two refused attempts",
    );
    const back = new FakeSlack();
    await back.start(port);
    try {
      await waitUntil(
        () => back.callsOf("chat.postMessage").length >= 1,
        8000,
        "the post once Slack is back",
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(back.callsOf("chat.postMessage").map((c) => c.body.thread_ts)).toEqual([event.ts]);
      expect(
        warnings(s, /chat\.postMessage: connection failed \(ECONNREFUSED\) \(attempt 1 of 7\); retrying/),
      ).toHaveLength(1);
    } finally {
      await back.close();
      t = undefined; // its fake is closed already
      await s.slack.stop();
    }
  }, 15_000);

  it("a call that is safe to send twice (views.publish) is re-sent after a time-out", async () => {
    t = await startSlack({
      mode: "http",
      app: { webApiRetries: 3, webApiRetryDelayMs: 100, webApiTimeoutMs: 500 },
    });
    const s = t;
    s.fake.failNext("views.publish", { status: 0 });
    await s.event(appHomeOpenedEvent());
    await waitUntil(
      () => s.calls("views.publish").some((c) => c.response?.ok === true),
      5000,
      "the Home tab published",
    );
    expect(s.calls("views.publish")).toHaveLength(2);
    expect(
      warnings(s, /Web API views\.publish: no answer within 0\.5 s \(attempt 1 of 4\); retrying in 0\.1 s/),
    ).toHaveLength(1);
  });

  it("never logs the bot token or the signing secret", async () => {
    t = await startSlack({ mode: "http", app: { webApiRetries: 1, webApiRetryDelayMs: 50 } });
    const s = t;
    s.fake.failNext("chat.postMessage", { status: 500 }, { status: 500 });
    await s.event(mentionEvent("where are the offices?"));
    await waitUntil(() => s.capture.lines.some((l) => /giving up/.test(l)), 5000, "the give-up");
    const all = s.capture.lines.join("\n");
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SECRET);
  });
});
