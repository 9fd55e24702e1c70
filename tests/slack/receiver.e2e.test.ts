import { request } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askInProcess } from "../../src/answering.js";
import { eventEnvelope, mentionEvent, postSigned, sign, waitUntil } from "../helpers/fake-slack.js";
import { seedsDeps } from "../helpers/fixtures.js";
import { SECRET, startSlack, type TestSlack } from "../helpers/slack-app.js";

/** A raw HTTP request to the app (fetch cannot send some of these). */
function raw(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "POST",
        path: options.path ?? "/slack/events",
        headers: options.headers,
      },
      (res) => {
        let text = "";
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Headers of a correctly signed request with this body and timestamp. */
function signed(body: string | Buffer, contentType: string, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": sign(SECRET, timestamp, body.toString()),
  };
}

/** Parses Prometheus text exposition: samples by `name{labels}`; throws on a line that is neither. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        expect(["counter", "gauge", "histogram", "summary", "untyped"]).toContain(meta[3]);
        types.set(meta[2] as string, meta[3] as string);
      }
      continue;
    }
    const sample =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.]+(?:e[+-]?\d+)?|NaN|[+-]Inf)(?: \d+)?$/.exec(
        line,
      );
    if (!sample) throw new Error(`not Prometheus text: ${line}`);
    samples.set(`${sample[1]}${sample[2] ?? ""}`, Number(sample[3]));
  }
  expect(types.size).toBeGreaterThan(5);
  return samples;
}

describe("the HTTP receiver: refuses what it must, never dies, reports health and metrics", () => {
  let t: TestSlack;
  let port: number;
  let indexLoaded = false;
  const posts = () => t.fake.callsOf("chat.postMessage");
  /** A good mention, answered: the app still serves. */
  const stillAnswers = async () => {
    const before = posts().length;
    const res = await postSigned(
      port,
      SECRET,
      JSON.stringify(eventEnvelope(mentionEvent("who leads Tokyo?"))),
    );
    expect(res.status).toBe(200);
    await waitUntil(() => posts().length > before, 5000, "an answer to a good request");
  };

  beforeAll(async () => {
    t = await startSlack({
      mode: "http",
      ask: askInProcess(seedsDeps),
      app: { indexReady: () => indexLoaded },
    });
    port = t.port as number;
  });
  afterAll(() => t.close());

  it("/healthz is 503 until the index is loaded, then 200 ok", async () => {
    const before = await raw(port, { method: "GET", path: "/healthz" });
    expect(before.status).toBe(503);
    expect(before.text).toMatch(/not ready: the index is not loaded/);
    indexLoaded = true;
    const after = await raw(port, { method: "GET", path: "/healthz" });
    expect(after).toEqual({ status: 200, text: "ok\n" });
  });

  it("refuses signed requests dated 6 minutes and a year in the future (401), and answers neither", async () => {
    const before = posts().length;
    const now = Math.floor(Date.now() / 1000);
    for (const ahead of [6 * 60, 365 * 24 * 3600]) {
      const body = JSON.stringify(eventEnvelope(mentionEvent("who leads Tokyo?")));
      const res = await postSigned(port, SECRET, body, { timestamp: now + ahead });
      expect(res.status).toBe(401);
    }
    // Within five minutes of our clock is Slack's allowance either way: accepted.
    const near = await postSigned(
      port,
      SECRET,
      JSON.stringify(eventEnvelope(mentionEvent("who is Brad Lightcap?"))),
      {
        timestamp: now + 4 * 60,
      },
    );
    expect(near.status).toBe(200);
    await waitUntil(() => posts().length > before, 5000, "the answer to the near-future request");
    await new Promise((r) => setTimeout(r, 200));
    expect(posts().length).toBe(before + 1);
    expect(t.capture.lines.some((l) => /refused .*401.*s in the future/.test(l))).toBe(true);
  });

  it("still refuses a stale request (401)", async () => {
    const body = JSON.stringify(eventEnvelope(mentionEvent("who leads Tokyo?")));
    const res = await postSigned(port, SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
  });

  it("refuses signed bodies that are not Slack payloads with 400 and a log line, and goes on answering", async () => {
    const json = "application/json";
    const form = "application/x-www-form-urlencoded";
    const cases: [string, string][] = [
      ["null", json],
      ["[]", json],
      ["[1,2,3]", json],
      ["5", json],
      ['"text"', json],
      ["true", json],
      ["{", json],
      ["", json],
      ["\u0000\u0001binary", json],
      ["{}", json],
      ['{"event":null}', json],
      ["payload=not-json", form],
      ["payload=null", form],
      ["payload=%5B%5D", form],
      ["who leads Tokyo?", "text/plain"],
    ];
    for (const [body, type] of cases) {
      const lines = t.capture.lines.length;
      const res = await raw(port, { headers: signed(body, type), body });
      expect(res.status, `${type} ${JSON.stringify(body)}`).toBe(400);
      expect(
        t.capture.lines.slice(lines).some((l) => /^WARN refused a Slack request \(HTTP 400\)/.test(l)),
        `a log line for ${JSON.stringify(body)}`,
      ).toBe(true);
    }
    await stillAnswers();
  });

  it("any signed body, JSON or not, is refused or ignored, never a crash (property, 300 bodies)", async () => {
    const types = [
      "application/json",
      "application/x-www-form-urlencoded",
      "text/plain",
      "application/octet-stream",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"),
          fc.jsonValue().map((v) => `payload=${encodeURIComponent(JSON.stringify(v) ?? "")}`),
          fc.string({ unit: "binary", maxLength: 300 }),
        ),
        fc.constantFrom(...types),
        async (body, type) => {
          const res = await raw(port, { headers: signed(body, type), body });
          // 401: a lone surrogate is sent as U+FFFD, so the signature no longer matches
          expect([400, 401]).toContain(res.status);
        },
      ),
      { numRuns: 300 },
    );
    await stillAnswers();
  });

  it("a request cut off midway is refused and logged; the next is answered", async () => {
    const body = JSON.stringify(eventEnvelope(mentionEvent("who leads Tokyo?")));
    await new Promise<void>((resolve) => {
      const req = request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/slack/events",
        headers: { ...signed(body, "application/json"), "content-length": String(body.length + 100) },
      });
      req.on("error", () => resolve());
      req.write(body.slice(0, 40));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await waitUntil(
      () => t.capture.lines.some((l) => /refused a Slack request \(HTTP 400\): unreadable body/.test(l)),
      3000,
      "the log line",
    );
    await stillAnswers();
  });

  it("answers an event Bolt cannot read with an error, not a crash", async () => {
    const body = JSON.stringify({ type: "event_callback", event: null, event_id: "EvNull" });
    const res = await raw(port, { headers: signed(body, "application/json"), body });
    expect([400, 404, 500]).toContain(res.status);
    await stillAnswers();
  });

  it("refuses a body over the limit (413) and an unsigned or missing-header request (401)", async () => {
    const huge = JSON.stringify({ type: "event_callback", pad: "x".repeat(2 * 1024 * 1024) });
    const res = await raw(port, { headers: signed(huge, "application/json"), body: huge });
    expect(res.status).toBe(413);
    const body = JSON.stringify(eventEnvelope(mentionEvent("who leads Tokyo?")));
    expect((await raw(port, { headers: { "content-type": "application/json" }, body })).status).toBe(401);
    expect((await raw(port, { method: "GET" })).status).toBe(405);
    expect((await raw(port, { method: "GET", path: "/nothing" })).status).toBe(404);
    await stillAnswers();
  });

  it("answers Slack's url_verification challenge and ssl_check", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "abc123", token: "x" });
    const res = await raw(port, { headers: signed(body, "application/json"), body });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: "abc123" });
    const ssl = await raw(port, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "ssl_check=1&token=x",
    });
    expect(ssl.status).toBe(200);
  });

  it("/metrics is Prometheus text counting questions, answers, abstentions and dropped retries", async () => {
    const read = async () => {
      const res = await raw(port, { method: "GET", path: "/metrics" });
      expect(res.status).toBe(200);
      return parsePrometheus(res.text);
    };
    const before = await read();
    const value = (m: Map<string, number>, key: string) => m.get(key) ?? 0;
    const n = posts().length;
    const answered = mentionEvent("who leads Tokyo?");
    const body = JSON.stringify(eventEnvelope(answered, "EvMetrics1"));
    expect((await postSigned(port, SECRET, body)).status).toBe(200);
    // Slack's retry of the same delivery: dropped.
    expect(
      (
        await postSigned(port, SECRET, body, {
          headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
        })
      ).status,
    ).toBe(200);
    await postSigned(
      port,
      SECRET,
      JSON.stringify(eventEnvelope(mentionEvent("Who won the 1998 World Cup?"))),
    );
    await waitUntil(() => posts().length >= n + 2, 5000, "two answers");
    await new Promise((r) => setTimeout(r, 100));
    const after = await read();
    const delta = (key: string) => value(after, key) - value(before, key);
    expect(delta('facts_questions_total{surface="mention"}')).toBe(2);
    expect(delta('facts_answers_total{kind="value"}') + delta('facts_answers_total{kind="sentence"}')).toBe(
      1,
    );
    expect(delta("facts_abstentions_total")).toBe(1);
    expect(delta("facts_duplicate_deliveries_total")).toBe(1);
    expect(delta("facts_answer_latency_seconds_count")).toBe(2);
    expect(value(after, 'facts_answer_latency_seconds_bucket{le="+Inf"}')).toBe(
      value(after, "facts_answer_latency_seconds_count"),
    );
    expect(value(after, 'facts_http_requests_refused_total{reason="future_timestamp"}')).toBe(2);
    expect(value(after, 'facts_http_requests_refused_total{reason="malformed_body"}')).toBeGreaterThanOrEqual(
      12,
    );
    expect(after.has("process_cpu_user_seconds_total")).toBe(true);
  });

  it("while draining: /slack/events 503 (Slack retries), /healthz 503, nothing answered", async () => {
    const before = posts().length;
    t.slack.stopAccepting();
    const res = await postSigned(
      port,
      SECRET,
      JSON.stringify(eventEnvelope(mentionEvent("who leads Tokyo?"))),
    );
    expect(res.status).toBe(503);
    const health = await raw(port, { method: "GET", path: "/healthz" });
    expect(health.status).toBe(503);
    expect(health.text).toMatch(/draining/);
    await new Promise((r) => setTimeout(r, 200));
    expect(posts().length).toBe(before);
  });

  it("never logs the signing secret", () => {
    expect(t.capture.lines.join("\n")).not.toContain(SECRET);
  });
});
