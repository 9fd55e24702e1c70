import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deleteEvent,
  dmEvent,
  editEvent,
  mentionEvent,
  threadReplyEvent,
  waitUntil,
} from "../helpers/fake-slack.js";
import { startSlack, type TestSlack } from "../helpers/slack-app.js";

describe("conversations: threads, follow-ups, edits, files (HTTP, against the fake Slack)", () => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startSlack({ mode: "http" });
  });
  afterAll(() => t.close());

  const posts = () => t.calls("chat.postMessage").length;
  /** Delivers an event and resolves with the next answer the bot posts. */
  const answerTo = async (event: Record<string, unknown>) => {
    const before = posts();
    await t.event(event);
    await waitUntil(() => posts() > before, 5000, "the answer");
    const call = t.calls("chat.postMessage", before)[0];
    return {
      body: call?.body ?? {},
      ts: String(call?.response?.ts),
      blocks: JSON.stringify(call?.body.blocks),
    };
  };
  /** Delivers events, then a marker that gets an answer: resolves with the answers posted in between. */
  const answersTo = async (events: Record<string, unknown>[], marker: Record<string, unknown>) => {
    const before = posts();
    for (const e of events) await t.event(e);
    await answerTo(marker);
    await new Promise((r) => setTimeout(r, 150));
    return t.calls("chat.postMessage", before).map((c) => c.body);
  };

  it("answers a reply in a thread it answered in, without a new mention, in that thread", async () => {
    const question = mentionEvent("who leads the Tokyo office?");
    await answerTo(question);
    const reply = await answerTo(threadReplyEvent("how many people work there?", question.ts));
    expect(reply.body.thread_ts).toBe(question.ts);
    expect(reply.body.channel).toBe("C1");
  });

  it("reads a follow-up without names with the previous question's names, and says so when asked why", async () => {
    const question = mentionEvent("who leads the Tokyo office?");
    await answerTo(question);
    const followUp = await answerTo(threadReplyEvent("when did it open?", question.ts));
    // Read as about the Tokyo office: the article about Tokyo answers it (not the one about Berlin).
    expect(followUp.blocks).toContain("(acme-tokyo.md)");
    expect(followUp.blocks).not.toContain("acme-berlin");
    const ephemerals = t.calls("chat.postEphemeral").length;
    await t.event(threadReplyEvent("why?", question.ts));
    await waitUntil(() => t.calls("chat.postEphemeral").length > ephemerals, 5000, "the explanation");
    const why = t.calls("chat.postEphemeral", ephemerals)[0]?.body;
    expect(why).toMatchObject({ channel: "C1", user: "U1", thread_ts: question.ts });
    const text = JSON.stringify(why?.blocks);
    expect(text).toMatch(/read it with \*Tokyo\* from the earlier question/);
    expect(text).toContain("when did it open?");
  });

  it("carries the names of the follow-up's own thread: Berlin after a question about Berlin", async () => {
    const question = mentionEvent("who leads the Berlin office?");
    await answerTo(question);
    const followUp = await answerTo(threadReplyEvent("when did it open?", question.ts));
    expect(followUp.blocks).toContain("acme-berlin");
  });

  it("ignores chatter outside its threads, bots, itself, and thread replies addressed to someone else", async () => {
    const question = mentionEvent("who leads the Berlin office?");
    await answerTo(question);
    const answers = await answersTo(
      [
        threadReplyEvent("who leads the Tokyo office?", "1699999999.999999"), // a thread it is not part of
        { ...threadReplyEvent("who leads the Tokyo office?", question.ts), thread_ts: undefined }, // top level
        threadReplyEvent("who leads the Tokyo office?", question.ts, { user: "UBOT" }),
        threadReplyEvent("who leads the Tokyo office?", question.ts, { bot_id: "B2" }),
        threadReplyEvent("who leads the Tokyo office?", question.ts, { subtype: "bot_message" }),
        threadReplyEvent("<@U2> what do you think?", question.ts),
        threadReplyEvent("joined", question.ts, { subtype: "channel_join" }),
      ],
      threadReplyEvent("marker: who leads the Tokyo office?", question.ts),
    );
    expect(answers).toHaveLength(1);
    expect(answers[0]?.thread_ts).toBe(question.ts);
  });

  it("answers a thread reply that mentions it once, though Slack sends it as a mention and as a message", async () => {
    const question = mentionEvent("who leads the Berlin office?");
    await answerTo(question);
    const ts = "1700009999.000100";
    const answers = await answersTo(
      [
        threadReplyEvent("<@UBOT> who leads the Tokyo office?", question.ts, { ts }),
        mentionEvent("who leads the Tokyo office?", ts, { thread_ts: question.ts }),
      ],
      threadReplyEvent("marker", question.ts),
    );
    expect(answers).toHaveLength(2); // the mention's answer and the marker's
  });

  it("updates its answer with chat.update when the question is edited, and leaves it when it is deleted", async () => {
    const question = mentionEvent("who leads the Berlin office?");
    const answer = await answerTo(question);
    expect(answer.blocks).toContain("Maria Okafor");
    const updates = t.calls("chat.update").length;
    await t.event(
      editEvent(question.ts, "<@UBOT> who leads the Tokyo office?", question.text, { channel: "C1" }),
    );
    await waitUntil(() => t.calls("chat.update").length > updates, 5000, "the update");
    const update = t.calls("chat.update", updates)[0]?.body;
    expect(update?.channel).toBe("C1");
    expect(update?.ts).toBe(answer.ts);
    expect(JSON.stringify(update?.blocks)).toContain("Kenji Sato");
    expect(JSON.stringify(update?.blocks)).not.toContain("Maria Okafor");
    const calls = t.fake.calls.length;
    await t.event(deleteEvent(question.ts, "<@UBOT> who leads the Tokyo office?"));
    // an edit that changes nothing (Slack adds a link preview), and an edit of a message it never answered
    await t.event(editEvent(question.ts, "same text", "same text"));
    await t.event(editEvent("1690000000.000001", "<@UBOT> who leads Berlin?", "<@UBOT> who?"));
    await new Promise((r) => setTimeout(r, 200));
    expect(t.fake.calls.slice(calls).map((c) => c.method)).toEqual([]);
  });

  it("answers a direct message with a file attached from its text", async () => {
    const dm = await answerTo(
      dmEvent("who leads the Tokyo office?", {
        subtype: "file_share",
        files: [{ id: "F1", name: "notes.pdf", mimetype: "application/pdf" }],
      }),
    );
    expect(dm.body.channel).toBe("D1");
    expect(dm.blocks).toContain("Kenji Sato");
  });

  it("carries names from one direct message to the next", async () => {
    await answerTo(dmEvent("who leads the Tokyo office?"));
    const followUp = await answerTo(dmEvent("when did it open?"));
    expect(followUp.blocks).toContain("(acme-tokyo.md)");
  });

  it("puts :eyes: on a channel question while it answers and takes it off after posting", async () => {
    const from = t.fake.calls.length;
    const question = mentionEvent("who leads the Berlin office?");
    await answerTo(question);
    await waitUntil(
      () => t.calls("reactions.remove").some((c) => c.body.timestamp === question.ts),
      5000,
      "the removal",
    );
    const methods = t.fake.calls
      .slice(from)
      .filter((c) => c.body.timestamp === question.ts || c.method === "chat.postMessage")
      .map((c) => c.method);
    expect(methods).toEqual(["reactions.add", "chat.postMessage", "reactions.remove"]);
    expect(t.calls("reactions.add").at(-1)?.body).toMatchObject({ channel: "C1", name: "eyes" });
  });

  it("does not react to direct messages", async () => {
    const adds = t.calls("reactions.add").length;
    await answerTo(dmEvent("who leads the Berlin office?"));
    expect(t.calls("reactions.add")).toHaveLength(adds);
  });
});
