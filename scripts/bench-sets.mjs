#!/usr/bin/env node
// npm run bench:sets [-- --baseline DIR --sets seeds,squad,german,german-en,normans --rounds 2]
// Every question of each dev set piped at once through `ask --jsonl --seeds DIR`, as the
// reference scorer runs it (../shared/eval/score.mjs), by this checkout's build and, with
// --baseline, by another checkout's build (a git worktree with its own `npm run build`), run
// alternately in the same run. Prints per set and build: the whole run's wall time (median of
// the rounds), the first answer's time (start-up included), the time between successive answers
// (p50, p99, max), and the ratio of the wall times; and whether both builds gave the same
// answers, line for line (the equality check of a change that should not change answers).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { option, percentile } from "./slack-bench-lib.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const data = resolve(option("data", join(root, "../shared/eval")));
const baseline = option("baseline", undefined);
const rounds = Number(option("rounds", "2"));
const SETS = {
  seeds: ["dev.jsonl", join(root, "seeds")],
  squad: ["squad/dev.jsonl", "squad/seeds"],
  german: ["german/dev.jsonl", "german/seeds"],
  "german-en": ["german-en/dev.jsonl", "german-en/seeds"],
  normans: ["normans/dev.jsonl", "normans/seeds"],
};
const sets = option("sets", Object.keys(SETS).join(",")).split(",");
const builds = { current: root, ...(baseline ? { baseline: resolve(baseline) } : {}) };

/** The V8 flags of a checkout's `npm run ask` script. */
function flagsOf(dir) {
  const script = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts.ask;
  return script.split(/\s+/).filter((w) => w.startsWith("--"));
}

/** One run of a build over a set's questions: the time of each answer line, and the lines. */
function run(dir, seeds, questions) {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [...flagsOf(dir), join(dir, "dist/bin/ask.js"), "--jsonl", "--seeds", seeds],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    const at = [];
    child.stdout.on("data", (d) => {
      out += d;
      const now = Number(process.hrtime.bigint() - t0) / 1e6;
      const lines = out.split("\n").length - 1;
      while (at.length < lines) at.push(now);
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", fail);
    child.on("exit", (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return fail(new Error(`${dir} exited ${code}: ${err.slice(-500)}`));
      const lines = out.split("\n").filter(Boolean);
      if (lines.length !== questions.length)
        return fail(new Error(`${dir}: ${lines.length} answers to ${questions.length} questions`));
      done({ wall, at, lines });
    });
    child.stdin.end(`${questions.join("\n")}\n`);
  });
}

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "-");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
console.log(
  `builds: ${Object.entries(builds)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}; rounds: ${rounds}`,
);
console.log("set        build     questions  wall s  first ms  gap p50 ms  gap p99 ms  gap max ms");
for (const set of sets) {
  const [file, seedsDir] = SETS[set] ?? [];
  if (!file) throw new Error(`unknown set ${set} (known: ${Object.keys(SETS).join(", ")})`);
  const questions = readFileSync(join(data, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l).q.replace(/\s+/g, " "));
  const seeds = resolve(data, seedsDir);
  const runs = Object.fromEntries(Object.keys(builds).map((b) => [b, []]));
  for (let r = 0; r < rounds; r++) {
    // alternate which build goes first, so neither always runs on a warmer machine
    const order = Object.keys(builds);
    if (r % 2) order.reverse();
    for (const b of order) runs[b].push(await run(builds[b], seeds, questions));
  }
  const walls = {};
  for (const [b, rs] of Object.entries(runs)) {
    walls[b] = median(rs.map((x) => x.wall));
    const gaps = rs.flatMap((x) => x.at.slice(1).map((t, i) => t - (x.at[i] ?? 0))).sort((a, b) => a - b);
    const row = [
      set.padEnd(10),
      b.padEnd(9),
      String(questions.length).padStart(9),
      f(walls[b] / 1000, 2).padStart(7),
      f(median(rs.map((x) => x.at[0] ?? Number.NaN))).padStart(9),
      f(percentile(gaps, 50), 2).padStart(11),
      f(percentile(gaps, 99), 2).padStart(11),
      f(gaps.at(-1), 1).padStart(11),
    ];
    console.log(row.join(" "));
  }
  if (baseline) {
    const a = runs.current[0].lines;
    const b = runs.baseline[0].lines;
    const same = a.filter((line, i) => line === b[i]).length;
    console.log(
      `${set}: wall current / baseline ${f(walls.current / walls.baseline, 2)}x; answers identical ${same}/${a.length}`,
    );
  }
}
