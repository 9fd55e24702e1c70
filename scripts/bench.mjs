#!/usr/bin/env node
// npm run bench [-- --sizes seeds,1000,10000 --questions 200]
// Runs the project's `ask --jsonl` and the naive anchor side by side, in one run, on the seeds
// and on synthetic corpora (../shared/eval/make-corpus.mjs), and prints for each: start-up
// (wall time for one question, median of three runs; the project cold, without its index cache,
// and warm, with it),
// per question ((wall(N) - wall(1)) / (N - 1), warm), per-question latency p50/p99 (one
// question at a time through the pipe), peak RSS, and the project's index build time (cold).
// All numbers are measured from outside the process.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { v8Flags } from "./slack-bench-lib.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const sizes = opt("--sizes", "seeds,1000,10000").split(",");
const nQuestions = Number(opt("--questions", "200"));
const makeCorpus = resolve(root, "../shared/eval/make-corpus.mjs");
const cacheDir = join(root, ".cache/bench");

const questions = readFileSync(join(root, "tests/fixtures/eval/dev.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l).q);
const qs = Array.from({ length: nQuestions }, (_, i) => questions[i % questions.length]);

const V8_FLAGS = v8Flags(root);

const systems = {
  project: (dir) => [
    process.execPath,
    [
      ...V8_FLAGS,
      "-r",
      join(root, "scripts/rss-probe.cjs"),
      join(root, "dist/bin/ask.js"),
      "--jsonl",
      "--timing",
      "--seeds",
      dir,
    ],
  ],
  naive: (dir) => [
    process.execPath,
    ["-r", join(root, "scripts/rss-probe.cjs"), join(root, "scripts/naive-anchor.mjs"), "--seeds", dir],
  ],
};

function corpusDir(size) {
  if (size === "seeds") return join(root, "seeds");
  const dir = join(cacheDir, size);
  if (!existsSync(dir))
    execFileSync(process.execPath, [makeCorpus, join(root, "seeds"), dir, size], { stdio: "inherit" });
  return dir;
}

/** Runs one process; `interactive` sends a question only after the previous answer arrived. */
function run(system, dir, lines, interactive, cache = join(cacheDir, "index")) {
  return new Promise((resolveRun, reject) => {
    const [cmd, argv] = systems[system](dir);
    const t0 = process.hrtime.bigint();
    const env = { ...process.env, INDEX_CACHE_DIR: cache };
    const child = spawn(cmd, argv, { stdio: ["pipe", "pipe", "pipe"], env });
    let out = "";
    let err = "";
    const latencies = [];
    let sentAt = 0n;
    let next = 0;
    const send = () => {
      sentAt = process.hrtime.bigint();
      child.stdin.write(`${lines[next++]}\n`);
      if (next === lines.length) child.stdin.end();
    };
    child.stdout.on("data", (d) => {
      out += d;
      if (!interactive) return;
      const got = out.split("\n").length - 1;
      while (latencies.length < got) latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
      if (next < lines.length && got === next) send();
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`${system} exited ${code}: ${err.slice(-500)}`));
      const rss = Number(/bench-peak-rss-kb (\d+)/.exec(err)?.[1] ?? 0) / 1024;
      const index = Number(/timing: .*index (\d+) ms/.exec(err)?.[1] ?? NaN);
      resolveRun({ wall, rss, index, latencies, answers: out.split("\n").filter(Boolean).length });
    });
    if (interactive) send();
    else {
      child.stdin.write(`${lines.join("\n")}\n`);
      child.stdin.end();
    }
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");

console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
console.log(`questions: ${nQuestions} (the dev set's questions, repeated)`);
console.log("corpus  system   start cold s  start warm s  per-q ms  p50 ms  p99 ms  index ms  peak RSS MB");
const perQ = {};
for (const size of sizes) {
  const dir = corpusDir(size);
  for (const system of Object.keys(systems)) {
    // Start-up: the median of three runs each (one run moves by a tenth of a second here).
    const colds = [];
    for (let i = 0; i < 3; i++) colds.push(await run(system, dir, qs.slice(0, 1), false, "off"));
    await run(system, dir, qs.slice(0, 1), false); // writes the index cache when missing
    const warms = [];
    for (let i = 0; i < 3; i++) warms.push(await run(system, dir, qs.slice(0, 1), false));
    const median = (runs) => [...runs].sort((a, b) => a.wall - b.wall)[1];
    const cold = median(colds);
    const warm = median(warms);
    // N questions: the median of three runs, or one when a run takes over 30 s (the anchor at
    // 10,000 articles), since a single run moves by a tenth of a second here.
    const manys = [await run(system, dir, qs, false)];
    while (manys.length < 3 && (manys[0]?.wall ?? 0) < 30_000) manys.push(await run(system, dir, qs, false));
    const many = manys.length === 3 ? median(manys) : manys[0];
    const inter = await run(system, dir, qs, true);
    const per = (many.wall - warm.wall) / (qs.length - 1);
    perQ[`${size}:${system}`] = per;
    const lat = inter.latencies.slice(1); // the first includes start-up
    const peakRss = Math.max(...[...colds, ...warms, ...manys, inter].map((r) => r.rss));
    const row = [
      size.padEnd(7),
      system.padEnd(8),
      f(cold.wall / 1000, 2).padStart(12),
      (system === "project" ? f(warm.wall / 1000, 2) : "-").padStart(13),
      f(per, 2).padStart(9),
      f(pct(lat, 50), 2).padStart(7),
      f(pct(lat, 99), 2).padStart(7),
      f(cold.index, 0).padStart(9),
      f(peakRss, 0).padStart(12),
    ];
    console.log(row.join(" "));
  }
}
for (const size of sizes) {
  const r = perQ[`${size}:project`] / perQ[`${size}:naive`];
  console.log(`ratio per question, project / naive, ${size}: ${f(r, 2)}x`);
}
