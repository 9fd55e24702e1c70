#!/usr/bin/env node
// Ack latency of `npm start` (HTTP mode) under a burst: N signed app_mention events sent BATCH at
// a time (a batch as soon as the previous batch is acknowledged, answers or not) to the built
// app (dist/bin/main.js) run as its own process against a fake Slack Web API, itself a third
// process (`--fake-slack`), so that neither the sender nor the fake shares the measured app's
// event loop. Reports ack latency p50 / p99 / max, acks over 3 s (Slack's limit), non-200
// acks, then waits for every answer and reports answered and posted twice.
//
//   node scripts/bench-acks.mjs [--events 2000] [--batch 100] [--runs 1] [--cpu-prof DIR]
//
// --cpu-prof DIR runs the app with `node --cpu-prof` and prints where its main thread's time
// went (self time by package and by function) from the profile written at exit.
import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, option, percentile, postMention, spawnApp, v8Flags } from "./slack-bench-lib.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const V8_FLAGS = v8Flags(root);
const args = process.argv.slice(2);
const opt = (name, dflt) => option(name, dflt, args);

/** The fake Web API: every method succeeds; counts chat.postMessage per thread. */
function runFakeSlack() {
  const posts = new Map();
  let calls = 0;
  let ts = Date.now() * 1000;
  const api = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      calls++;
      const method = req.url?.replace(/^\/api\//, "").split("?")[0];
      if (method === "chat.postMessage") {
        const thread = body.startsWith("{")
          ? JSON.parse(body).thread_ts
          : new URLSearchParams(body).get("thread_ts");
        posts.set(thread, (posts.get(thread) ?? 0) + 1);
      }
      res.setHeader("content-type", "application/json");
      ts += 1;
      res.end(
        JSON.stringify({
          ok: true,
          user_id: "UBOT",
          bot_id: "BBOT",
          team_id: "T1",
          user: "facts",
          team: "Fake",
          url: "https://fake.slack.com/",
          ts: (ts / 1e6).toFixed(6),
          messages: [],
        }),
      );
    });
  });
  api.listen(0, "127.0.0.1", () => process.send?.({ port: api.address().port }));
  process.on("message", (m) => {
    if (m === "stats") {
      let twice = 0;
      for (const n of posts.values()) if (n > 1) twice++;
      process.send?.({ answered: posts.size, twice, calls });
    }
  });
}

async function runBench() {
  const events = Number(opt("events", "2000"));
  const batch = Number(opt("batch", "100"));
  const runs = Number(opt("runs", "1"));
  const profDir = opt("cpu-prof", undefined);
  const questions = readFileSync(join(root, "tests/fixtures/eval/dev.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l).q);
  const secret = "benchsecret0123456789abcdef012345";
  for (let run = 1; run <= runs; run++) {
    const fake = fork(fileURLToPath(import.meta.url), ["--fake-slack"], { stdio: "inherit" });
    const apiPort = await new Promise((r) => fake.once("message", (m) => r(m.port)));
    const stats = () =>
      new Promise((r) => {
        fake.once("message", r);
        fake.send("stats");
      });
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "bench-acks-"));
    if (profDir) mkdirSync(profDir, { recursive: true });
    const before = profDir ? new Set(readdirSync(profDir)) : new Set();
    const { app, output } = spawnApp(root, {
      nodeArgs: [...V8_FLAGS, ...(profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [])],
      dir: dataDir,
      port,
      apiPort,
      secret,
      env: { LOG_LEVEL: "info" },
    });
    const t0 = Date.now();
    while (!/listening for Slack/.test(output())) {
      if (app.exitCode !== null || Date.now() - t0 > 60_000)
        throw new Error(`the app did not start:\n${output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const runId = `${Date.now()}`;
    const send = (i) =>
      postMention(port, secret, {
        text: questions[i % questions.length],
        ts: `${1_700_000_000 + i}.${String(run).padStart(6, "0")}`,
        eventId: `EvAck${runId}x${i}`,
      });
    const acks = [];
    const sendStart = performance.now();
    for (let i = 0; i < events; i += batch) {
      const out = [];
      for (let k = i; k < Math.min(events, i + batch); k++) out.push(send(k));
      acks.push(...(await Promise.all(out)));
    }
    const sendMs = performance.now() - sendStart;
    const waitStart = Date.now();
    let s = await stats();
    while (s.answered < events && Date.now() - waitStart < 300_000) {
      await new Promise((r) => setTimeout(r, 200));
      s = await stats();
    }
    const answerMs = performance.now() - sendStart;
    await new Promise((r) => setTimeout(r, 500));
    s = await stats();
    const exited = new Promise((r) => app.once("exit", r));
    app.kill("SIGTERM");
    await exited;
    fake.kill();
    rmSync(dataDir, { recursive: true, force: true });
    const ms = acks.map((a) => a.ms).sort((a, b) => a - b);
    const over3 = ms.filter((m) => m > 3000).length;
    const bad = acks.filter((a) => a.status !== 200).length;
    console.log(
      `run ${run}: ${events} mentions, ${batch} at a time: ack p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms, over 3 s: ${over3}, non-200: ${bad}; all sent in ${(sendMs / 1000).toFixed(1)} s; answered ${s.answered}/${events} in ${(answerMs / 1000).toFixed(1)} s, posted twice: ${s.twice}`,
    );
    if (profDir) {
      const written = readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile") && !before.has(f));
      // The main thread's profile is the largest (the worker's is the other one).
      for (const f of written) summarise(join(profDir, f));
    }
  }
}

/** Self time by package and by function in a .cpuprofile. */
function summarise(file) {
  const prof = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i];
    self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPackage = new Map();
  const byFunction = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const url = callFrame.url || "";
    const pkg = url.includes("node_modules/")
      ? url
          .split("node_modules/")
          .at(-1)
          .split("/")
          .slice(0, url.split("node_modules/").at(-1).startsWith("@") ? 2 : 1)
          .join("/")
      : url.startsWith("node:")
        ? url
        : url.includes("/dist/bin/")
          ? "app (dist/bin)"
          : callFrame.functionName
            ? `(${callFrame.functionName})`
            : "(native)";
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${callFrame.functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const top = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) =>
          `    ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`,
      )
      .join("\n");
  console.log(
    `profile ${file}: ${(total / 1000).toFixed(0)} ms sampled\n  by package:\n${top(byPackage, 12)}\n  by function:\n${top(byFunction, 15)}`,
  );
}

if (args.includes("--fake-slack")) runFakeSlack();
else await runBench();
