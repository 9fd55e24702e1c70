import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogOf } from "../../src/answering.js";
import {
  appHomeOpenedEvent,
  assistantMessageEvent,
  assistantThreadStartedEvent,
  waitUntil,
} from "../helpers/fake-slack.js";
import { slackCorpusDeps } from "../helpers/models.js";
import { startSlack, type TestSlack } from "../helpers/slack-app.js";

const suggestions = (language: "en" | "de" = "en") => catalogOf(slackCorpusDeps(), language).suggestions;

describe.each(["http", "socket"] as const)("the assistant pane and App Home (%s)", (mode) => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startSlack({ mode });
  });
  afterAll(() => t.close());

  it("greets a new assistant thread and sets the suggested prompts, each a question it answers", async () => {
    const thread = "1700100000.000100";
    await t.event(assistantThreadStartedEvent(thread));
    await waitUntil(() => t.calls("assistant.threads.setSuggestedPrompts").length > 0, 5000, "the prompts");
    const prompts = t.calls("assistant.threads.setSuggestedPrompts")[0]?.body;
    expect(prompts).toMatchObject({ channel_id: "D2", thread_ts: thread });
    const messages = (prompts?.prompts as { title: string; message: string }[]).map((p) => p.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.length).toBeLessThanOrEqual(4);
    expect(messages).toEqual(suggestions());
    const greeting = t.calls("chat.postMessage").find((c) => c.body.thread_ts === thread)?.body;
    expect(String(greeting?.text)).toMatch(/I answer questions about 3 news articles/);
  });

  it("answers in the assistant thread: title from the question, a status while it reads, follow-ups as in threads", async () => {
    const thread = "1700100000.000200";
    await t.event(assistantThreadStartedEvent(thread));
    const started = () =>
      t.calls("assistant.threads.setSuggestedPrompts").some((c) => c.body.thread_ts === thread);
    await waitUntil(started, 5000, "the thread's greeting and prompts");
    const from = t.fake.calls.length;
    await t.event(assistantMessageEvent("who leads the Tokyo office?", thread));
    const answered = () =>
      t.fake.calls.slice(from).filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === thread);
    await waitUntil(() => answered().length > 0, 5000, "the answer");
    const methods = t.fake.calls
      .slice(from)
      .map((c) => c.method)
      .filter((m) => m.startsWith("assistant.") || m === "chat.postMessage");
    expect(methods).toEqual([
      "assistant.threads.setTitle",
      "assistant.threads.setStatus",
      "chat.postMessage",
    ]);
    expect(t.calls("assistant.threads.setTitle").at(-1)?.body).toMatchObject({
      channel_id: "D2",
      thread_ts: thread,
      title: "who leads the Tokyo office?",
    });
    expect(t.calls("assistant.threads.setStatus").at(-1)?.body).toMatchObject({
      status: "is reading the articles…",
    });
    expect(JSON.stringify(answered()[0]?.body.blocks)).toContain("Kenji Sato");

    const titles = t.calls("assistant.threads.setTitle").length;
    const before = answered().length;
    await t.event(assistantMessageEvent("when did it open?", thread));
    await waitUntil(() => answered().length > before, 5000, "the follow-up's answer");
    expect(JSON.stringify(answered().at(-1)?.body.blocks)).toContain("(acme-tokyo.md)");
    expect(t.calls("assistant.threads.setTitle")).toHaveLength(titles); // titled once, after the first question

    const ephemerals = t.calls("chat.postEphemeral").length;
    await t.event(assistantMessageEvent("why this answer?", thread));
    await waitUntil(() => t.calls("chat.postEphemeral").length > ephemerals, 5000, "the explanation");
    expect(JSON.stringify(t.calls("chat.postEphemeral").at(-1)?.body.blocks)).toContain("earlier question");
  });

  it("publishes the Home tab: the articles with dates and links, how to ask, checked suggestions", async () => {
    await t.event(appHomeOpenedEvent("messages")); // the Messages tab: nothing to publish
    await t.event(appHomeOpenedEvent("home"));
    await waitUntil(() => t.calls("views.publish").length > 0, 5000, "the Home tab");
    expect(t.calls("views.publish")).toHaveLength(1);
    const body = t.calls("views.publish")[0]?.body as {
      user_id: string;
      view: { type: string; blocks: unknown[] };
    };
    expect(body.user_id).toBe("U1");
    expect(body.view.type).toBe("home");
    const view = JSON.stringify(body.view.blocks);
    expect(view).toContain(
      "<https://news.example/acme-berlin|Acme Robotics opens Berlin office> · 2025-03-02",
    );
    expect(view).toContain("Acme Robotics expands to Tokyo · 2025-06-10");
    expect(view).toContain("Northwind eröffnet Büro in Wien · 2025-09-01 · _in German_");
    expect(view).toContain("How to ask");
    expect(view).toContain("/openai-facts");
    for (const s of suggestions()) expect(view).toContain(s);
  });

  it("writes the Home tab and the greeting in German for a user whose Slack is in German (users.info locale)", async () => {
    t.fake.locales.set("UDE", "de-DE");
    expect(suggestions("de").length).toBeGreaterThan(0);
    const published = t.calls("views.publish").length;
    await t.event(appHomeOpenedEvent("home", "UDE"));
    await waitUntil(() => t.calls("views.publish").length > published, 5000, "the German Home tab");
    const view = JSON.stringify(t.calls("views.publish").at(-1)?.body.view);
    expect(view).toContain("Was ich weiß");
    expect(view).toContain("So fragst du");
    expect(view).toContain("Acme Robotics expands to Tokyo · 2025-06-10 · _auf Englisch_");
    // no mark on an article in the reader's own language
    expect(view).toContain("Northwind eröffnet Büro in Wien · 2025-09-01");
    expect(view).not.toMatch(/Wien · 2025-09-01 · _/);
    expect(view).not.toContain("How to ask");
    for (const s of suggestions("de")) expect(view).toContain(s);

    const thread = "1700100000.000900";
    await t.event(assistantThreadStartedEvent(thread, "D3", "UDE"));
    const prompts = () =>
      t.calls("assistant.threads.setSuggestedPrompts").find((c) => c.body.thread_ts === thread);
    await waitUntil(() => prompts() !== undefined, 5000, "the German prompts");
    expect(prompts()?.body.title).toBe("Frag zum Beispiel");
    expect((prompts()?.body.prompts as { message: string }[]).map((p) => p.message)).toEqual(
      suggestions("de"),
    );
    const greeting = t.calls("chat.postMessage").find((c) => c.body.thread_ts === thread)?.body;
    expect(String(greeting?.text)).toMatch(/^Hallo! Ich beantworte Fragen zu 3 Nachrichtenartikeln/);
    // Looked up once per user, then remembered.
    expect(t.calls("users.info").filter((c) => c.body.user === "UDE")).toHaveLength(1);
  });
});
