import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Ask, askInProcess } from "../../src/answering.js";
import { FileStore } from "../../src/store/file-store.js";
import { RedisStore } from "../../src/store/redis-store.js";
import type { StateStore } from "../../src/store/types.js";
import {
  assistantThreadStartedEvent,
  dmEvent,
  eventEnvelope,
  mentionEvent,
  postSigned,
  waitUntil,
} from "../helpers/fake-slack.js";
import { tempDir } from "../helpers/fixtures.js";
import { slackCorpusDeps } from "../helpers/models.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { SECRET, startSlack, type TestSlack } from "../helpers/slack-app.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

let prefixes = 0;
/** A way to open "the same" store again, as a restarted process (or another replica) would. */
const kinds: { name: string; opener: () => () => Promise<StateStore> }[] = [
  {
    name: "the file store",
    opener: () => {
      const dir = tempDir();
      return () => FileStore.open(dir);
    },
  },
  {
    name: "Redis",
    opener: () => {
      const prefix = `j${++prefixes}:`;
      return () => RedisStore.connect(redis.url, { prefix });
    },
  },
];

const open: { slack: TestSlack; store: StateStore }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.slack.close().catch(() => undefined);
    await o.store.close().catch(() => undefined);
  }
});

async function startWith(mode: "http" | "socket", store: StateStore, ask?: Ask, env?: NodeJS.ProcessEnv) {
  const slack = await startSlack({ mode, app: { store }, ...(ask ? { ask } : {}), ...(env ? { env } : {}) });
  open.push({ slack, store });
  return slack;
}

describe.each(kinds)("the event journal with $name", ({ opener }) => {
  it("a restart between a delivery and its retry: the retry (and the message under a new event id) is not answered again", async () => {
    const reopen = opener();
    const event = mentionEvent("who leads the Berlin office?");
    const body = JSON.stringify(eventEnvelope(event, "EvRestart1"));
    const store = await reopen();
    const first = await startWith("http", store);
    const recorded: Record<string, unknown>[] = [];
    const record = store.record.bind(store);
    store.record = (id, b, ...rest) => {
      recorded.push(b);
      return record(id, b, ...rest);
    };
    expect((await postSigned(first.port as number, SECRET, body)).status).toBe(200);
    // Recorded before the ack, without the envelope's legacy verification token.
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ event_id: "EvRestart1", type: "event_callback" });
    expect(recorded[0]).not.toHaveProperty("token");
    await waitUntil(() => first.calls("chat.postMessage").length === 1, 5000, "the answer");
    // The process stops as on SIGTERM (drained, its store closed) and a new one starts on the same store.
    expect(await first.slack.drain(5000)).toEqual([]);
    await first.close();
    await open[0]?.store.close();
    const second = await startWith("http", await reopen());
    const retry = await postSigned(second.port as number, SECRET, body, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    const renamed = JSON.stringify(eventEnvelope(event, "EvRestart1b"));
    expect((await postSigned(second.port as number, SECRET, renamed)).status).toBe(200);
    await second.event(mentionEvent("who leads the Berlin office? (a marker)"));
    await waitUntil(() => second.calls("chat.postMessage").length >= 1, 5000, "the marker's answer");
    await sleep(300);
    expect(second.calls("chat.postMessage").map((c) => c.body.thread_ts)).toEqual([
      second.calls("chat.postMessage")[0]?.body.thread_ts,
    ]);
    expect(second.calls("chat.postMessage")[0]?.body.thread_ts).not.toBe(event.ts);
  });

  it("Socket Mode: an event a dead process acked and left unfinished is taken over and answered once; its redelivery is dropped", async () => {
    const reopen = opener();
    const event = mentionEvent("who leads the Berlin office?");
    const envelope = eventEnvelope(event, "EvOrphan1");
    // What a process that recorded (and acked) the event and then died leaves in the store.
    const dead = await reopen();
    expect(await dead.record("EvOrphan1", envelope, "dead-process", 300, 60_000)).toBe(true);
    await sleep(400); // its lease lapses
    const slack = await startWith("socket", await reopen());
    await waitUntil(() => slack.calls("chat.postMessage").length === 1, 8000, "the taken-over answer");
    expect(slack.calls("chat.postMessage")[0]?.body.thread_ts).toBe(event.ts);
    expect(JSON.stringify(slack.calls("chat.postMessage")[0]?.body)).toContain("Maria Okafor");
    expect(slack.capture.lines.join("\n")).toMatch(/event EvOrphan1: taking it over/);
    // Slack redelivers it over the socket (retry_attempt 1): acked, not answered again.
    slack.fake.sendEnvelope({
      envelope_id: "env-orphan",
      type: "events_api",
      payload: envelope,
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: "timeout",
    });
    await waitUntil(
      () => slack.fake.socketFrames.some((f) => f.envelope_id === "env-orphan"),
      3000,
      "the ack",
    );
    await sleep(500);
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
    expect(await (open.at(-1) as { store: StateStore }).store.unfinished()).toEqual([]);
    await dead.close();
  });

  it("a takeover whose post was claimed by the dead process asks Slack: posted (found by its metadata) is not posted again; not posted is posted once", async () => {
    const reopen = opener();
    const posted = dmEvent("who leads the Berlin office?");
    const unposted = dmEvent("who leads the Berlin office? (again)");
    const dead = await reopen();
    for (const [id, e] of [
      ["EvDmPosted", posted],
      ["EvDmUnposted", unposted],
    ] as const) {
      expect(await dead.record(id, eventEnvelope(e, id), "dead", 1500, 60_000)).toBe(true);
      // It claimed the post of each, then died: one post reached Slack, the other did not.
      expect(await dead.claim(`post:${id}`, "dead#1", 60_000)).toBe("dead#1");
    }
    const slack = await startWith("http", await reopen());
    // Slack has the first answer (in the DM, after the question, with the event id in its metadata).
    slack.fake.messages.push({
      channel: "D1",
      ts: `${Number(posted.ts) + 1}`,
      text: "Maria Okafor",
      metadata: { event_type: "facts_answer", event_payload: { event_id: "EvDmPosted" } },
    });
    await waitUntil(() => slack.calls("chat.postMessage").length === 1, 8000, "the unposted answer");
    await waitUntil(
      () => slack.capture.lines.some((l) => /event EvDmPosted: its answer was posted before/.test(l)),
      3000,
    );
    await sleep(300);
    const posts = slack.calls("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.channel).toBe("D1");
    expect(posts[0]?.body.metadata).toEqual({
      event_type: "facts_answer",
      event_payload: { event_id: "EvDmUnposted" },
    });
    const asked = slack.calls("conversations.history").map((c) => c.body);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatchObject({ channel: "D1", include_all_metadata: "true" }); // form-encoded
    expect(await (open.at(-1) as { store: StateStore }).store.unfinished()).toEqual([]);
    await dead.close();
  });

  it("a takeover of a new assistant thread whose greeting was claimed: greeted (found by its metadata) is not greeted again; not greeted is greeted once", async () => {
    const reopen = opener();
    const greeted = assistantThreadStartedEvent("1700300000.000100");
    const ungreeted = assistantThreadStartedEvent("1700300000.000200");
    const dead = await reopen();
    for (const [id, e] of [
      ["EvThreadGreeted", greeted],
      ["EvThreadUngreeted", ungreeted],
    ] as const) {
      expect(await dead.record(id, eventEnvelope(e, id), "dead", 1500, 60_000)).toBe(true);
      expect(await dead.claim(`post:${id}`, "dead#1", 60_000)).toBe("dead#1");
    }
    const slack = await startWith("http", await reopen());
    slack.fake.messages.push({
      channel: "D2",
      ts: "1700300000.000150",
      thread_ts: "1700300000.000100",
      text: "Hi!",
      metadata: { event_type: "facts_answer", event_payload: { event_id: "EvThreadGreeted" } },
    });
    await waitUntil(() => slack.calls("chat.postMessage").length === 1, 8000, "the missing greeting");
    await waitUntil(
      () => slack.capture.lines.some((l) => /event EvThreadGreeted: its answer was posted before/.test(l)),
      3000,
    );
    await sleep(300);
    const posts = slack.calls("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({
      channel: "D2",
      thread_ts: "1700300000.000200",
      metadata: { event_type: "facts_answer", event_payload: { event_id: "EvThreadUngreeted" } },
    });
    expect(String(posts[0]?.body.text)).toMatch(/I answer questions about/);
    // Both threads get their suggested prompts (setting them twice changes nothing).
    await waitUntil(
      () => slack.calls("assistant.threads.setSuggestedPrompts").length === 2,
      3000,
      "the prompts",
    );
    expect(await (open.at(-1) as { store: StateStore }).store.unfinished()).toEqual([]);
    await dead.close();
  });

  it("a takeover whose reply is lost (the store's answer timed out on a loaded process) is taken again by the same process, not counted again: answered once", async () => {
    const reopen = opener();
    const envelope = eventEnvelope(mentionEvent("who leads the Berlin office?"), "EvLostReply1");
    const dead = await reopen();
    await dead.record("EvLostReply1", envelope, "dead-0", 100, 60_000);
    await sleep(150);
    const store = await reopen();
    // The store takes the event over for this process, but the reply does not reach it, four times:
    // the lease lapses again (nobody renews it) and the next round takes it again.
    const takeOver = store.takeOver.bind(store);
    let lost = 0;
    store.takeOver = async (...args) => {
      const taken = await takeOver(...args);
      if (taken.length > 0 && lost < 4) {
        lost++;
        throw new Error("Command timed out");
      }
      return taken;
    };
    const slack = await startWith("http", store, undefined, { EVENT_LEASE_MS: "500" });
    await waitUntil(() => slack.calls("chat.postMessage").length === 1, 10_000, "the answer");
    await sleep(600);
    expect(lost).toBe(4);
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
    expect(slack.capture.lines.filter((l) => /given up/.test(l))).toEqual([]);
    expect(await store.unfinished()).toEqual([]);
    await dead.close();
  });

  it("the post step's store calls failing once each (a reply that came too late) are tried again: answered once", async () => {
    const store = await opener()();
    const failOnce = <K extends "holds" | "claim">(name: K) => {
      const real = (store[name] as (...a: unknown[]) => Promise<unknown>).bind(store);
      let failed = false;
      (store as unknown as Record<K, unknown>)[name] = async (...args: unknown[]) => {
        const result = await real(...args); // done in the store, the reply lost on the way
        if (!failed && String(args[0]).startsWith(name === "claim" ? "post:" : "Ev")) {
          failed = true;
          throw new Error("Command timed out");
        }
        return result;
      };
    };
    failOnce("holds");
    failOnce("claim");
    const slack = await startWith("http", store);
    const envelope = JSON.stringify(
      eventEnvelope(mentionEvent("who leads the Berlin office?"), "EvStoreSlow1"),
    );
    expect((await postSigned(slack.port as number, SECRET, envelope)).status).toBe(200);
    await waitUntil(() => slack.calls("chat.postMessage").length === 1, 5000, "the answer");
    await sleep(300);
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
    expect(await store.unfinished()).toEqual([]);
  });

  it("gives up on an event every process stopped under (taken over 3 times): logged by id, not answered", async () => {
    const reopen = opener();
    const envelope = eventEnvelope(mentionEvent("who leads the Berlin office?"), "EvPoison1");
    const dead = await reopen();
    await dead.record("EvPoison1", envelope, "dead-0", 100, 60_000);
    // Three processes took it over and died under it.
    for (let i = 1; i <= 3; i++) {
      await sleep(150);
      expect((await dead.takeOver(`dead-${i}`, 100, 10)).map((e) => e.takeovers)).toEqual([i]);
    }
    await sleep(150);
    const slack = await startWith("http", await reopen());
    await waitUntil(
      () => slack.capture.lines.some((l) => /event EvPoison1: given up after 3 takeovers/.test(l)),
      5000,
    );
    await sleep(300);
    expect(slack.calls("chat.postMessage")).toHaveLength(0);
    expect(await (open.at(-1) as { store: StateStore }).store.unfinished()).toEqual([]);
    await dead.close();
  });
});

describe("drain on shutdown, in Socket Mode", () => {
  it("closes the socket, then finishes every acked event before it resolves", async () => {
    const store = FileStore.memory();
    // Each answer takes 100 ms: the events are still being answered when the drain starts.
    const core = askInProcess(slackCorpusDeps);
    const slow: Ask = async (q, o) => {
      await sleep(100);
      return core(q, o);
    };
    const slack = await startWith("socket", store, slow);
    const events = Array.from({ length: 30 }, (_, i) => mentionEvent(`who leads the Berlin office? (${i})`));
    await Promise.all(events.map((e) => slack.event(e)));
    const answeredBefore = slack.calls("chat.postMessage").length;
    expect(await slack.slack.drain(10_000)).toEqual([]);
    // Every acked event was answered by the time drain resolved, each once.
    const threads = slack.calls("chat.postMessage").map((c) => c.body.thread_ts);
    expect(new Set(threads)).toEqual(new Set(events.map((e) => e.ts)));
    expect(threads).toHaveLength(30);
    expect(answeredBefore).toBeLessThan(30);
    expect(await store.unfinished()).toEqual([]);
    // The socket is closed: Slack sends new events to another connection.
    const sockets = (slack.fake as unknown as { sockets: { readyState: number }[] }).sockets;
    await waitUntil(() => sockets.every((s) => s.readyState !== 1), 3000, "the socket to close");
  });
});

describe("Redis out of reach", () => {
  it("an event that cannot be recorded is not acked (HTTP 500); Slack's retry, once Redis is back, is answered once", async () => {
    let own = await startRedis();
    const port = own.port;
    try {
      const store = await RedisStore.connect(own.url, { commandTimeoutMs: 500 });
      const slack = await startWith("http", store);
      await own.stop();
      const body = JSON.stringify(eventEnvelope(mentionEvent("who leads the Berlin office?"), "EvNoRedis1"));
      const refused = await postSigned(slack.port as number, SECRET, body);
      expect(refused.status).toBe(500);
      expect(slack.capture.lines.join("\n")).toMatch(
        /event EvNoRedis1: recording it in the state store failed/,
      );
      expect(slack.calls("chat.postMessage")).toHaveLength(0);
      own = await startRedis({ port });
      // The client reconnects by itself; Slack retries.
      let retry = { status: 0, text: "" };
      for (let i = 0; i < 50 && retry.status !== 200; i++) {
        await sleep(100);
        retry = await postSigned(slack.port as number, SECRET, body, {
          headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" },
        });
      }
      expect(retry.status).toBe(200);
      await waitUntil(() => slack.calls("chat.postMessage").length === 1, 5000, "the answer");
      await sleep(300);
      expect(slack.calls("chat.postMessage")).toHaveLength(1);
    } finally {
      await own.stop();
    }
  });
});
