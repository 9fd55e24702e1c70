import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer, AnswerTrace, Citation, SourceArticle } from "../../src/answer/types.js";
import { ConfigError, DEFAULT_FEEDBACK_LOG, readConfig } from "../../src/config.js";
import { decodeRef, encodeRef, refOf } from "../../src/slack/answer-ref.js";
import { Conversations } from "../../src/slack/conversations.js";
import { escapeMrkdwn, truncate } from "../../src/slack/escape.js";
import { Once } from "../../src/slack/once.js";
import { MAX_BLOCKS, MAX_TEXT, renderAnswer } from "../../src/slack/render.js";
import { renderWhy } from "../../src/slack/render-why.js";
import { isWhyRequest } from "../../src/slack/reply.js";
import { FileStore } from "../../src/store/file-store.js";
import { ABSTAIN, GERMAN, LIST, SHORT } from "../helpers/answers.js";
import { captureLogs } from "../helpers/capture-logger.js";

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

describe("readConfig", () => {
  it("takes an empty or blank variable for unset: .env.example copied as it is starts", () => {
    const blank = readConfig({ SEEDS_DIR: "", INTENTS_DIR: "  ", PORT: "", LOG_LEVEL: "", FEEDBACK_LOG: "" });
    const unset = readConfig({});
    expect(blank.seedsDir).toBe(unset.seedsDir);
    expect(blank.intentsDir).toBe(unset.intentsDir);
    expect(blank.seedsDir).toMatch(/seeds$/);
    expect(blank.intentsDir).toMatch(/intents$/);
    expect(blank.port).toBe(3000);
    expect(blank.logLevel).toBe("info");
    expect(blank.feedbackLog).toBe(unset.feedbackLog);
  });

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

  it("reads FEEDBACK_LOG: a file path, off, or the default under .data/", () => {
    expect(readConfig({}).feedbackLog).toBe(DEFAULT_FEEDBACK_LOG);
    expect(readConfig({ FEEDBACK_LOG: "off" }).feedbackLog).toBeUndefined();
    expect(readConfig({ FEEDBACK_LOG: "some/where.jsonl" }).feedbackLog).toBe(resolve("some/where.jsonl"));
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "nope" }, /SLACK_BOT_TOKEN/],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /SLACK_SIGNING_SECRET is missing/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }, /SLACK_APP_TOKEN/],
    [{ SLACK_APP_TOKEN: "xapp-1" }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", PORT: "http" }, /PORT/],
    [{ SLACK_API_URL: "ftp://x" }, /SLACK_API_URL/],
    [{ LOG_LEVEL: "chatty" }, /LOG_LEVEL/],
    [{ FEEDBACK_LOG: "logs-folder-value/" }, /FEEDBACK_LOG must be the path of a file/],
    [{ FEEDBACK_LOG: "bad\u0001name.jsonl" }, /FEEDBACK_LOG must be the path of a file/],
    [{ FEEDBACK_LOG: tmpdir() }, /FEEDBACK_LOG is a folder/],
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
  const buttons = { ref: refOf(SHORT) };
  it("renders a short answer: one line, quotes with their source numbers, numbered sources with date and link (snapshot)", () => {
    const msg = renderAnswer(SHORT, { buttons });
    expect(msg).toMatchSnapshot();
    const text = JSON.stringify(msg.blocks);
    expect(text).toContain(
      "1. <https://news.example/acme-berlin?a=1&amp;b=2|Acme Robotics opens Berlin office> · 2025-03-02",
    );
    expect(text).toContain("&lt;we&gt; need &amp; more");
    expect(text).not.toMatch(/confidence|intent leadership/);
  });
  it("renders a list: one line per item with the numbers of its sources, German marked (snapshot)", () => {
    const msg = renderAnswer(LIST, {
      question: "Where are the offices?",
      buttons: { ref: refOf(LIST), share: true },
    });
    expect(msg).toMatchSnapshot();
    const text = JSON.stringify(msg.blocks);
    expect(text).toContain("• Berlin [1]\\n• Tokyo [2]\\n• Vienna _(new)_ [3]");
    expect(text).toContain("_(in German)_");
    expect(msg.blocks.filter((b) => b.type === "section")).toHaveLength(4); // the list and three quotes
  });
  it("renders a German answer in German, with the note that the question was shortened (snapshot)", () => {
    const msg = renderAnswer(GERMAN, { buttons: { ref: refOf(GERMAN) } });
    expect(msg).toMatchSnapshot();
    const text = JSON.stringify(msg.blocks);
    expect(text).toContain("Quellen");
    expect(text).toContain("Hilfreich");
    expect(text).toContain("nur die ersten 500 Zeichen");
    expect(text).not.toContain("in German");
  });
  it("renders an abstention with the closest sentence and the buttons (snapshot)", () => {
    expect(renderAnswer(ABSTAIN, { buttons: { ref: refOf(ABSTAIN) } })).toMatchSnapshot();
  });
  it("shows at most three quotes, and no buttons under help", () => {
    const many = { ...SHORT, citations: Array.from({ length: 6 }, () => SHORT.citations[0] as Citation) };
    expect(renderAnswer(many).blocks.filter((b) => b.type === "section")).toHaveLength(4);
    const help = { ...SHORT, kind: "meta" as const, answered: false, citations: [], sources: [] };
    expect(renderAnswer(help, { buttons }).blocks.some((b) => b.type === "actions")).toBe(false);
  });
  it("links only plain http(s) urls and escapes hostile titles", () => {
    const hostile = {
      ...SHORT,
      sources: [
        { ...(SHORT.sources?.[0] as SourceArticle), title: "<!channel> news", url: "javascript:alert(1)|x" },
      ],
    };
    const text = JSON.stringify(renderAnswer(hostile).blocks);
    expect(text).toContain("&lt;!channel&gt; news (acme-berlin.md)");
    expect(text).not.toContain("javascript:");
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
    const msg = renderAnswer(big, { buttons: { ref: refOf({ ...big, question: "q".repeat(5000) }) } });
    expect(msg.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const b of msg.blocks) {
      const texts =
        b.type === "section" ? [b.text.text] : b.type === "context" ? b.elements.map((e) => e.text) : [];
      for (const t of texts) expect(t.length).toBeLessThanOrEqual(MAX_TEXT);
      if (b.type === "actions") for (const e of b.elements) expect(e.value.length).toBeLessThanOrEqual(2000);
    }
    expect(msg.text.length).toBeLessThanOrEqual(4000);
  });
});

describe("renderWhy", () => {
  it("shows intent, confidence, the words matched, the features that decided and the sentences considered (snapshot)", () => {
    const msg = renderWhy(SHORT);
    expect(msg).toMatchSnapshot();
    const text = JSON.stringify(msg.blocks);
    expect(text).toContain("Intent *leadership*, confidence 0.87");
    expect(text).toContain("`pBest` = 0.93 → +2.1");
  });
  it("says which names were carried in from the conversation, and what was not found", () => {
    const text = JSON.stringify(renderWhy(ABSTAIN).blocks);
    expect(text).toContain("read it with *Paris* from the earlier question");
    expect(text).toContain("not found: leads, Paris");
    expect(text).toContain("→ -3.2");
  });
  it("names the rule for help and the like", () => {
    const help: Answer = {
      ...SHORT,
      kind: "meta",
      intent: "help",
      trace: { ...(SHORT.trace as AnswerTrace), rule: "help", decided: [], considered: [], matched: [] },
    };
    expect(JSON.stringify(renderWhy(help).blocks)).toContain("Answered by the *help* rule");
  });
});

describe("answer references (button values)", () => {
  it("round-trips, carries the context, and refuses what is not one", () => {
    const ref = refOf(SHORT, ["Tokyo"]);
    expect(decodeRef(encodeRef(ref))).toEqual(ref);
    expect(ref).toMatchObject({
      q: SHORT.question,
      c: ["Tokyo"],
      l: "en",
      i: "leadership",
      s: ["acme-berlin.md"],
    });
    const hostile = refOf({ ...SHORT, question: "<!channel> @here & <@U1> who?" });
    expect(encodeRef(hostile)).not.toMatch(/<!|@here|<@/);
    expect(decodeRef(encodeRef(hostile))?.q).toBe("<!channel> @here & <@U1> who?");
    expect(decodeRef("not json")).toBeUndefined();
    expect(decodeRef('{"q":1}')).toBeUndefined();
    expect(decodeRef(undefined)).toBeUndefined();
  });
});

describe("Conversations", () => {
  it("remembers the threads it answered in, their last turn and where each answer is, in the store, for its TTL", async () => {
    let now = 1_000_000;
    const store = FileStore.memory({ now: () => now });
    const { logger } = captureLogs([]);
    const c = new Conversations(store, logger, { ttlMs: 60_000 });
    const turn = { question: "who leads Tokyo?", entities: ["Tokyo"], questionTs: "1.1" };
    await c.recordTurn("C1", "1.1", turn);
    expect(await c.isPartOf("C1", "1.1")).toBe(true);
    expect(await c.isPartOf("C1", "9.9")).toBe(false);
    await c.recordTurn("C1", "1.1", undefined); // help: keeps the last turn
    expect(await c.lastTurn("C1", "1.1")).toEqual(turn);
    await c.recordTurn("C1", "2.2", undefined);
    expect(await c.isPartOf("C1", "2.2")).toBe(true);
    expect(await c.lastTurn("C1", "2.2")).toBeUndefined();
    await c.recordAnswer("C1", "1.1", { answerTs: "1.2" });
    expect(await c.answerTo("C1", "1.1")).toEqual({ answerTs: "1.2" });
    expect(await c.answerTo("C2", "1.1")).toBeUndefined();
    // Another process on the same store (a replica) sees the same.
    const other = new Conversations(store, logger, { ttlMs: 60_000 });
    expect(await other.lastTurn("C1", "1.1")).toEqual(turn);
    now += 30_000;
    await c.recordTurn("C2", "3.3", turn);
    now += 40_000; // the first ones expired; the later one not yet
    expect(await c.isPartOf("C1", "1.1")).toBe(false);
    expect(await c.answerTo("C1", "1.1")).toBeUndefined();
    expect(await c.isPartOf("C2", "3.3")).toBe(true);
  });

  it("takes a store that fails for nothing remembered, with a warning, and never throws", async () => {
    const store = FileStore.memory();
    await store.close(); // every change now fails
    const { logger, capture } = captureLogs([]);
    const c = new Conversations(store, logger);
    await c.recordTurn("C1", "1.1", { question: "q", entities: [], questionTs: "1.1" });
    await c.recordAnswer("C1", "1.1", { answerTs: "1.2" });
    expect(await c.isPartOf("C1", "1.1")).toBe(false);
    expect(capture.lines.join("\n")).toMatch(/remembering the conversation C1\/1\.1 failed/);
  });
});

describe("Once: a private reply (Slack cannot be asked about it), and a process held up past its lease", () => {
  it("is sent once: a takeover sends it unless the stopped process recorded it as sent; the held-up process sends nothing", async () => {
    let now = 1_000_000;
    const store = FileStore.memory({ now: () => now });
    const { logger, capture } = captureLogs([]);
    const stopped = new Once(store, "proc-a", logger);
    const takeover = new Once(store, "proc-b", logger);
    let sends = 0;
    const send = async () => `sent ${++sends}`;
    for (const id of ["Ev1", "Ev2"]) await store.record(id, {}, "proc-a", 1000, 60_000);
    // Ev1 sent (and recorded so); Ev2 claimed, its process stopped before Slack took it.
    expect(await stopped.post("Ev1", send)).toBe("sent 1");
    await store.claim("post:Ev2", "proc-a#99", 60_000);
    now += 1001; // the leases lapse
    expect((await store.takeOver("proc-b", 1000, 10)).map((e) => e.id).sort()).toEqual(["Ev1", "Ev2"]);
    expect(await takeover.post("Ev1", send)).toBeUndefined();
    expect(await takeover.post("Ev2", send)).toBe("sent 2");
    // proc-a was only held up: the events are proc-b's now, it sends nothing.
    expect(await stopped.post("Ev2", send)).toBeUndefined();
    expect(sends).toBe(2);
    const said = capture.lines.join("\n");
    expect(said).toContain(
      "event Ev1: its private reply was sent before the process stopped; not sending it again",
    );
    expect(said).toContain(
      "event Ev2: the stopped process had not recorded its private reply as sent (Slack cannot be asked); sending it",
    );
    expect(said).toContain(
      "event Ev2: taken over by another process while this one was held up (past EVENT_LEASE_MS); leaving its answer to that one",
    );
    // A finished event's marks go with it.
    await store.finish("Ev2");
    expect(await store.get("sent:Ev2")).toBeUndefined();
    expect(await store.get("post:Ev2")).toBeUndefined();
    expect(await takeover.post("Ev2", send)).toBeUndefined(); // finished: nobody holds it
  });
});

describe("isWhyRequest", () => {
  it.each(["why", "Why?", "why this answer?", "WARUM?", "warum diese Antwort?", " wieso "])(
    "%s asks why",
    (q) => expect(isWhyRequest(q)).toBe(true),
  );
  it.each(["why did Acme choose Tokyo?", "who leads Tokyo?", "warum Tokio?"])("%s is a question", (q) =>
    expect(isWhyRequest(q)).toBe(false),
  );
});
