import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedbackRecord } from "../../src/slack/feedback-log.js";
import { ACTION } from "../../src/slack/render.js";
import { buttonsOf, mentionEvent, waitUntil } from "../helpers/fake-slack.js";
import { clickOn, startSlack, type TestSlack } from "../helpers/slack-app.js";

const readLog = (file: string): FeedbackRecord[] =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as FeedbackRecord);

describe.each(["http", "socket"] as const)("the buttons under answers (%s)", (mode) => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startSlack({ mode });
  });
  afterAll(() => t.close());

  /** Mentions the bot and resolves with its answer's post (body and ts). */
  const mention = async (question: string) => {
    const before = t.calls("chat.postMessage").length;
    const event = mentionEvent(question);
    await t.event(event);
    await waitUntil(() => t.calls("chat.postMessage").length > before, 5000, "the answer");
    const post = t.calls("chat.postMessage", before)[0];
    return { event, body: post?.body ?? {}, ts: String(post?.response?.ts) };
  };

  /** Clicks a button of an answer posted in a question's thread; resolves with the ack's time. */
  const clickInThread = (action: string, posted: Awaited<ReturnType<typeof mention>>, id: string) =>
    t.click(
      clickOn(buttonsOf(posted.body).get(action), {
        messageTs: posted.ts,
        thread: posted.event.ts,
        responseUrl: t.fake.responseUrl(id),
      }),
    );

  it("puts Helpful, Not helpful and Why this answer? under an answer, and no debug line", async () => {
    const { body } = await mention("who leads the Tokyo office?");
    expect([...buttonsOf(body).keys()]).toEqual([ACTION.helpful, ACTION.notHelpful, ACTION.why]);
    const blocks = JSON.stringify(body.blocks);
    expect(blocks).not.toMatch(/confidence|intent leadership/);
    expect(blocks).toContain("Kenji Sato");
  });

  it("acknowledges Helpful within 3 s, logs who, when, question, answer and sources, and thanks privately", async () => {
    const posted = await mention("who leads the Tokyo office?");
    const { event, ts } = posted;
    const ephemerals = t.calls("chat.postEphemeral").length;
    const started = Date.now();
    const ackMs = await clickInThread(ACTION.helpful, posted, "h");
    expect(ackMs).toBeLessThan(3000);
    await waitUntil(() => t.calls("chat.postEphemeral").length > ephemerals, 5000, "the thank-you");
    const thanks = t.calls("chat.postEphemeral", ephemerals)[0]?.body;
    expect(thanks).toMatchObject({ channel: "C1", user: "U1", thread_ts: event.ts });
    expect(String(thanks?.text)).toMatch(/Thanks for the feedback/);
    const record = readLog(t.feedbackLog).at(-1);
    expect(record).toMatchObject({
      user: "U1",
      team: "T1",
      channel: "C1",
      message_ts: ts,
      helpful: true,
      question: "who leads the Tokyo office?",
      intent: "leadership",
      language: "en",
      sources: ["acme-tokyo.md"],
    });
    expect(record?.answer).toContain("Kenji Sato");
    expect(Date.parse(record?.at ?? "")).toBeGreaterThanOrEqual(started - 1000);
  });

  it("logs Not helpful as helpful: false", async () => {
    const posted = await mention("who leads the Berlin office?");
    const lines = readLog(t.feedbackLog).length;
    await clickInThread(ACTION.notHelpful, posted, "n");
    await waitUntil(() => readLog(t.feedbackLog).length > lines, 5000, "the log line");
    expect(readLog(t.feedbackLog).at(-1)).toMatchObject({ helpful: false, sources: ["acme-berlin.md"] });
  });

  it("answers Why this answer? privately with intent, confidence, words matched, features and sentences", async () => {
    const posted = await mention("who leads the Tokyo office?");
    const ephemerals = t.calls("chat.postEphemeral").length;
    const ackMs = await clickInThread(ACTION.why, posted, "w");
    expect(ackMs).toBeLessThan(3000);
    await waitUntil(() => t.calls("chat.postEphemeral").length > ephemerals, 5000, "the explanation");
    const why = t.calls("chat.postEphemeral", ephemerals)[0]?.body;
    expect(why).toMatchObject({ channel: "C1", user: "U1", thread_ts: posted.event.ts });
    const blocks = JSON.stringify(why?.blocks);
    expect(blocks).toContain("Why this answer?");
    expect(blocks).toMatch(/Intent \*leadership\*, confidence \d\.\d\d/);
    expect(blocks).toMatch(/Words matched:\* leads, Tokyo, office/);
    expect(blocks).toContain("Sentences considered");
    expect(blocks).toContain("acme-tokyo.md");
  });

  it("gives the slash command's private answer Share in channel, which posts it attributed to the asker", async () => {
    const reply = await t.command("who leads the Berlin office?", `share-${mode}`);
    expect(reply.response_type).toBe("ephemeral");
    const share = buttonsOf(reply).get(ACTION.share);
    expect(share).toBeDefined();
    const before = t.calls("chat.postMessage").length;
    const clickUrl = t.fake.responseUrl(`share-click-${mode}`);
    const ackMs = await t.click(clickOn(share, { ephemeral: true, responseUrl: clickUrl }));
    expect(ackMs).toBeLessThan(3000);
    await waitUntil(() => t.calls("chat.postMessage").length > before, 5000, "the shared answer");
    const shared = t.calls("chat.postMessage", before)[0]?.body;
    expect(shared?.channel).toBe("C1");
    expect(shared?.thread_ts).toBeUndefined();
    const blocks = JSON.stringify(shared?.blocks);
    expect(blocks).toContain("Shared by <@U1>");
    expect(blocks).toContain("who leads the Berlin office?");
    expect(blocks).toContain("Maria Okafor");
    expect(buttonsOf(shared).has(ACTION.share)).toBe(false);
    expect(buttonsOf(shared).has(ACTION.helpful)).toBe(true);
    await waitUntil(
      () => t.fake.responseTo(`share-click-${mode}`) !== undefined,
      5000,
      "the private copy removed",
    );
    expect(t.fake.responseTo(`share-click-${mode}`)).toMatchObject({ delete_original: true });
  });

  it("tells the asker privately when it cannot share in the channel", async () => {
    const reply = await t.command("who leads the Tokyo office?", `noshare-${mode}`);
    t.fake.failNext("chat.postMessage", { status: 200, body: { ok: false, error: "not_in_channel" } });
    const id = `noshare-click-${mode}`;
    await t.click(
      clickOn(buttonsOf(reply).get(ACTION.share), { ephemeral: true, responseUrl: t.fake.responseUrl(id) }),
    );
    await waitUntil(() => t.fake.responseTo(id) !== undefined, 5000, "the note");
    expect(t.fake.responseTo(id)).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(t.fake.responseTo(id))).toContain("Invite me first");
    expect(t.capture.lines.some((l) => /sharing an answer in C1 failed: .*not_in_channel/.test(l))).toBe(
      true,
    );
  });

  it("thanks for feedback on a private answer through its response URL", async () => {
    const reply = await t.command("who leads the Tokyo office?", `private-${mode}`);
    const id = `private-click-${mode}`;
    const lines = readLog(t.feedbackLog).length;
    await t.click(
      clickOn(buttonsOf(reply).get(ACTION.helpful), { ephemeral: true, responseUrl: t.fake.responseUrl(id) }),
    );
    await waitUntil(() => t.fake.responseTo(id) !== undefined, 5000, "the thank-you");
    expect(JSON.stringify(t.fake.responseTo(id))).toContain("Thanks for the feedback");
    const record = readLog(t.feedbackLog).at(-1);
    expect(readLog(t.feedbackLog)).toHaveLength(lines + 1);
    expect(record?.message_ts).toBeUndefined();
  });

  it("escapes what it echoes in the restated question, the buttons, the explanation and the shared post", async () => {
    const hostile = "&lt;!channel&gt; @here &amp; &lt;@U9&gt; who leads the Tokyo office?";
    const reply = await t.command(hostile, `hostile-${mode}`);
    const ephemerals = t.calls("chat.postEphemeral").length;
    const posts = t.calls("chat.postMessage").length;
    const whyId = `hostile-why-${mode}`;
    await t.click(
      clickOn(buttonsOf(reply).get(ACTION.why), { ephemeral: true, responseUrl: t.fake.responseUrl(whyId) }),
    );
    await waitUntil(() => t.fake.responseTo(whyId) !== undefined, 5000, "the explanation");
    await t.click(
      clickOn(buttonsOf(reply).get(ACTION.share), {
        ephemeral: true,
        responseUrl: t.fake.responseUrl(`h-s-${mode}`),
      }),
    );
    await waitUntil(() => t.calls("chat.postMessage").length > posts, 5000, "the shared post");
    const sent = [reply, t.fake.responseTo(whyId), t.calls("chat.postMessage", posts)[0]?.body].map((b) =>
      JSON.stringify(b),
    );
    expect(t.calls("chat.postEphemeral")).toHaveLength(ephemerals);
    for (const s of sent) {
      expect(s).not.toMatch(/<!(channel|here|everyone)|<@U9>|@(channel|here|everyone)/);
      expect(s).toContain("&lt;!channel&gt;");
    }
  });

  it("answers a click whose value is not one of its own with a note, and logs nothing", async () => {
    const lines = readLog(t.feedbackLog).length;
    const id = `forged-${mode}`;
    await t.click(
      clickOn(
        { action_id: ACTION.helpful, value: '{"q":"<!channel>"}' },
        { ephemeral: true, responseUrl: t.fake.responseUrl(id) },
      ),
    );
    await waitUntil(() => t.fake.responseTo(id) !== undefined, 5000, "the note");
    expect(JSON.stringify(t.fake.responseTo(id))).toContain("no longer work");
    expect(readLog(t.feedbackLog)).toHaveLength(lines);
  });
});
