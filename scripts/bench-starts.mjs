#!/usr/bin/env node
// How often `npm start` (HTTP mode) dies while starting: the built app (dist/bin/main.js) started
// N times per variant, the variants taking turns, against a fake Slack Web API on loopback. Each
// start waits for "listening", asks one signed mention (so the answering worker compiles its hot
// paths, as at a real start) and waits for its answer, then SIGTERM and the exit code.
//
//   node scripts/bench-starts.mjs [--starts 100]
//
// Variants: the V8 flags of src/util/v8-tuning.ts on node's command line (as `npm start` runs
// them), and the same flags set once the process runs (`setFlagsFromString` from a preload,
// scripts/v8-flags-at-runtime.cjs: what the program itself did before; Node documents flags
// changed after start-up as undefined behaviour). Reports per variant: starts, clean exits, deaths by signal (which),
// other failures, and start time p50 / p99.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, option, percentile, postMention, spawnApp, v8Flags } from "./slack-bench-lib.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => option(name, dflt, args);
const starts = Number(opt("starts", "100"));
const V8_FLAGS = v8Flags(root);
const secret = "benchsecret0123456789abcdef012345";

/** The fake Web API: every method succeeds; counts posts. */
let posts = 0;
let ts = Date.now() * 1000;
const api = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.url?.includes("chat.postMessage")) posts++;
    ts += 1;
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", ts: (ts / 1e6).toFixed(6) }),
    );
  });
});
await new Promise((r) => api.listen(0, "127.0.0.1", r));
const apiPort = api.address().port;

const signedMention = (port, n) =>
  postMention(port, secret, {
    text: "where are the offices?",
    ts: `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, "0")}`,
    eventId: `EvStart${n}`,
  });

/** One start: resolves with how it ended and how long it took to listen. */
async function startOnce(variant, n) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "bench-starts-"));
  const { app, output } = spawnApp(root, {
    nodeArgs: variant === "command line" ? V8_FLAGS : ["-r", join(root, "scripts/v8-flags-at-runtime.cjs")],
    dir,
    port,
    apiPort,
    secret,
    env: { METRICS_LOG_INTERVAL_MS: "off", INDEX_CACHE_DIR: join(root, ".cache/index") },
  });
  const exited = new Promise((r) => app.once("exit", (code, signal) => r({ code, signal })));
  const t0 = performance.now();
  let listenMs;
  const until = async (test, ms) => {
    const end = Date.now() + ms;
    while (!test() && app.exitCode === null && app.signalCode === null && Date.now() < end)
      await new Promise((r) => setTimeout(r, 5));
    return test();
  };
  let failure;
  if (await until(() => /listening for Slack/.test(output()), 60_000)) {
    listenMs = performance.now() - t0;
    const before = posts;
    const res = await signedMention(port, n).catch((e) => ({ status: String(e) }));
    if (res.status !== 200) failure = `ack ${res.status}`;
    else if (!(await until(() => posts > before, 30_000))) failure = "no answer";
    app.kill("SIGTERM");
  } else if (app.exitCode === null && app.signalCode === null) {
    failure = "did not listen";
    app.kill("SIGKILL");
  }
  const { code, signal } = await exited;
  rmSync(dir, { recursive: true, force: true });
  return { code, signal, listenMs, failure, tail: output().slice(-400) };
}

const variants = ["command line", "set at runtime"];
const results = new Map(variants.map((v) => [v, []]));
for (let i = 0; i < starts; i++)
  for (const v of variants) {
    const r = await startOnce(v, i);
    results.get(v).push(r);
    if (r.signal || r.failure || r.code !== 0)
      process.stderr.write(`${v} #${i}: exit ${r.code} signal ${r.signal} ${r.failure ?? ""}\n${r.tail}\n`);
  }
api.close();

process.stdout.write(
  "| V8 flags | starts | clean exit 0 | died by a signal | other failures | listen p50 ms | listen p99 ms |\n|---|---|---|---|---|---|---|\n",
);
for (const [v, rs] of results) {
  const clean = rs.filter((r) => r.code === 0 && !r.signal && !r.failure).length;
  const signals = rs.filter((r) => r.signal);
  const bySignal = [...new Set(signals.map((r) => r.signal))].map(
    (s) => `${s} ${signals.filter((r) => r.signal === s).length}`,
  );
  const other = rs.filter((r) => !r.signal && (r.failure || r.code !== 0)).length;
  const ms = rs
    .map((r) => r.listenMs)
    .filter((x) => x !== undefined)
    .sort((a, b) => a - b);
  process.stdout.write(
    `| ${v} | ${rs.length} | ${clean} | ${signals.length}${bySignal.length ? ` (${bySignal.join(", ")})` : ""} | ${other} | ${Math.round(percentile(ms, 50) ?? 0)} | ${Math.round(percentile(ms, 99) ?? 0)} |\n`,
  );
}
