#!/usr/bin/env node
// The load side of bench-slack.mjs, in its own process so that it does not share the measured
// app's event loop: a fake Slack Web API on 127.0.0.1 (every method succeeds), and a sender of
// signed app_mention events. Protocol: prints {"apiPort"} on start; reads {"appPort", "events",
// "secret", "batch"} from stdin; sends the events `batch` at a time, each batch once the previous
// one is answered; prints {"latencies"} (ms from sending an event to its answer being posted).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { postMention } from "./slack-bench-lib.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const questions = readFileSync(join(root, "tests/fixtures/eval/dev.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l).q);
const sentAt = new Map();
const latencies = [];

const api = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => {
    body += d;
  });
  req.on("end", () => {
    const method = req.url?.replace(/^\/api\//, "").split("?")[0];
    if (method === "chat.postMessage") {
      const form = new URLSearchParams(body);
      const thread = form.get("thread_ts") ?? (body.startsWith("{") ? JSON.parse(body).thread_ts : undefined);
      const t0 = sentAt.get(thread);
      if (t0 !== undefined) latencies.push(performance.now() - t0);
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", ts: "1.1" }));
  });
});
api.listen(0, "127.0.0.1", () =>
  process.stdout.write(`${JSON.stringify({ apiPort: api.address().port })}\n`),
);

async function postEvent(port, secret, i) {
  const ts = `${1_700_000_000 + i}.000100`;
  sentAt.set(ts, performance.now());
  await postMention(port, secret, { text: questions[i % questions.length], ts, eventId: `EvBench${i}` });
}

let input = "";
process.stdin.on("data", async (d) => {
  input += d;
  if (!input.includes("\n")) return;
  const { appPort, events, secret, batch: size } = JSON.parse(input);
  // Closed loop: a batch is sent at once, the next one when every answer of this one is posted.
  for (let i = 0; i < events; i += size) {
    const batch = [];
    for (let k = i; k < Math.min(events, i + size); k++) batch.push(postEvent(appPort, secret, k));
    await Promise.all(batch);
    while (latencies.length < Math.min(events, i + size)) await new Promise((r) => setTimeout(r, 1));
  }
  while (latencies.length < events) await new Promise((r) => setTimeout(r, 5));
  process.stdout.write(`${JSON.stringify({ latencies })}\n`);
  process.exit(0);
});
