#!/usr/bin/env node
// npm run bench:slack [-- --sizes seeds,1000,10000 --events 200 --batch 1,10]
// How long the Slack app's event loop is blocked while it answers, side by side in one run:
// the core on the event loop's thread (the baseline) and on the answering worker (what
// `npm start` does). For each corpus it starts the real Bolt app in HTTP mode against a local
// fake Web API, sends signed app_mention events (the dev set's questions, one at a time and in
// batches of 10, each batch once the last is answered), and
// reports the event-loop delay of the app's process (perf_hooks.monitorEventLoopDelay: p50, p99,
// max) and the time from sending an event to its answer being posted (p50, p99). The fake Web API
// and the event sender run in another process (bench-slack-load.mjs). Loopback only.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const sizes = opt("--sizes", "seeds,1000").split(",");
const nEvents = Number(opt("--events", "200"));
const batches = opt("--batch", "1,10").split(",").map(Number);
let batch = 1;
const { readConfig } = await import(pathToFileURL(join(root, "dist/config.js")).href);
const { createSlackApp } = await import(pathToFileURL(join(root, "dist/slack/app.js")).href);
const { askInProcess, browseInProcess } = await import(pathToFileURL(join(root, "dist/answering.js")).href);
const { createDeps } = await import(pathToFileURL(join(root, "dist/core.js")).href);
const { AnswerWorker } = await import(pathToFileURL(join(root, "dist/answer-worker/pool.js")).href);

const SECRET = "0123456789abcdef0123456789abcdef";
/** Starts the load process (fake Web API and event sender); resolves with its API port and a runner. */
function startLoad() {
  const child = spawn(process.execPath, [join(root, "scripts/bench-slack-load.mjs")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  const waiters = [];
  child.stdout.on("data", (d) => {
    out += d;
    let nl = out.indexOf("\n");
    while (nl >= 0) {
      const line = JSON.parse(out.slice(0, nl));
      out = out.slice(nl + 1);
      waiters.shift()?.(line);
      nl = out.indexOf("\n");
    }
  });
  const next = () => new Promise((r) => waiters.push(r));
  return next().then(({ apiPort }) => ({
    apiPort,
    run: (appPort) => {
      child.stdin.write(`${JSON.stringify({ appPort, events: nEvents, secret: SECRET, batch })}\n`);
      return next().then((r) => r.latencies);
    },
  }));
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

async function run(mode, seedsDir) {
  const load = await startLoad();
  const intentsDir = join(root, "intents");
  const cacheDir = join(root, ".cache/bench/index");
  let worker;
  let ask;
  let browse;
  if (mode === "worker") {
    worker = await AnswerWorker.start({ seedsDir, intentsDir, cacheDir, watch: false });
    ask = (q, options) => worker.ask(q, options);
    browse = (language) => worker.catalog(language);
  } else {
    const deps = createDeps({ seedsDir, intentsDir, cacheDir });
    ask = askInProcess(() => deps);
    browse = browseInProcess(() => deps);
  }
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-1-1-bench",
    SLACK_SIGNING_SECRET: SECRET,
    PORT: "0",
    SLACK_API_URL: `http://127.0.0.1:${load.apiPort}/api/`,
    LOG_LEVEL: "error",
  });
  const slack = createSlackApp({ config, ask, browse, webApiRetries: 0 });
  const port = await slack.start();
  // This process runs the app only: the load is in another process.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const latencies = await load.run(port);
  loop.disable();
  await slack.stop();
  await worker?.close();
  const ms = (ns) => ns / 1e6;
  return {
    loopP50: ms(loop.percentile(50)),
    loopP99: ms(loop.percentile(99)),
    loopMax: ms(loop.max),
    answerP50: pct(latencies, 50),
    answerP99: pct(latencies, 99),
  };
}

const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : "-");
console.log(
  `events: ${nEvents} app_mention events per run, sent in batches (the next when all are answered)`,
);
console.log(
  "corpus  batch  answering    loop p50 ms  loop p99 ms  loop max ms  answer p50 ms  answer p99 ms",
);
for (const size of sizes) {
  const dir = size === "seeds" ? join(root, "seeds") : join(root, ".cache/bench", size);
  if (!existsSync(dir)) {
    console.log(`${size}: no corpus at ${dir} (npm run bench builds it)`);
    continue;
  }
  for (batch of batches)
    for (const mode of ["in-thread", "worker"]) {
      const r = await run(mode, dir);
      console.log(
        [
          size.padEnd(7),
          String(batch).padStart(5),
          mode.padEnd(10),
          f(r.loopP50).padStart(12),
          f(r.loopP99).padStart(12),
          f(r.loopMax).padStart(12),
          f(r.answerP50).padStart(14),
          f(r.answerP99).padStart(14),
        ].join(" "),
      );
    }
}
process.exit(0);
