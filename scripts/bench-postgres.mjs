#!/usr/bin/env node
// npm run bench:postgres [-- --sizes 1000,100000 --questions 200 [--database URL] [--before DIR]]
// The PostgreSQL backend against the in-memory one, side by side in one run, on synthetic corpora
// (../shared/eval/make-corpus.mjs). Per size: `npm run ingest` into a fresh database (articles
// per second, database size), then `ask --jsonl` on each backend: start-up (wall time for one
// question), per-question latency p50/p99 (one question at a time through the pipe, the first
// left out) and peak RSS. Without --database it runs a throwaway PostgreSQL 15 cluster on a
// loopback port (Debian's binaries, PG_BIN to override), deleted after. Measured from outside.
// --before DIR: also another build's PostgreSQL backend (a checkout with its own dist/, e.g. of
// an earlier commit), ingested into a database of its own and asked the same questions, in the
// same run: its row is "postgres (before)", and the answers of the two are compared.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { freePort, option, percentile, v8Flags } from "./slack-bench-lib.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sizes = option("sizes", "1000,100000").split(",");
const before = option("before", undefined);
const nQuestions = Number(option("questions", "200"));
const makeCorpus = resolve(root, "../shared/eval/make-corpus.mjs");
const cacheDir = join(root, ".cache/bench");
const V8_FLAGS = v8Flags(root);
const questions = readFileSync(join(root, "tests/fixtures/eval/dev.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l).q);
const qs = Array.from({ length: nQuestions }, (_, i) => questions[i % questions.length]);

/** A throwaway cluster: initdb in a temporary folder, postgres on a free loopback port. */
async function throwawayServer() {
  const bin = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
  const dir = mkdtempSync(join(tmpdir(), "bench-pg-"));
  let ids = {};
  if (process.getuid?.() === 0) {
    const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    ids = { uid: id("-u"), gid: id("-g") };
    chownSync(dir, ids.uid, ids.gid);
  }
  const data = join(dir, "data");
  const init = spawnSync(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"], {
    encoding: "utf8",
    ...ids,
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const server = spawn(
    join(bin, "postgres"),
    ["-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir, "-c", "shared_buffers=512MB"],
    { stdio: ["ignore", "pipe", "pipe"], ...ids },
  );
  let out = "";
  await new Promise((ok, fail) => {
    const onData = (d) => {
      out += d;
      if (/ready to accept connections/.test(out)) ok();
    };
    server.stdout.on("data", onData);
    server.stderr.on("data", onData);
    server.once("exit", () => fail(new Error(`postgres exited: ${out.slice(-500)}`)));
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGINT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function corpusDir(size) {
  const dir = join(cacheDir, size);
  if (!existsSync(dir))
    execFileSync(process.execPath, [makeCorpus, join(root, "seeds"), dir, size], { stdio: "inherit" });
  return dir;
}

/** `ask --jsonl`, one question at a time: wall time of all, each latency, peak RSS. */
function ask(home, env, lines) {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [...V8_FLAGS, "-r", join(root, "scripts/rss-probe.cjs"), join(home, "dist/bin/ask.js"), "--jsonl"],
      { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } },
    );
    const t0 = performance.now();
    let out = "";
    let err = "";
    const latencies = [];
    let next = 0;
    let sentAt = 0;
    const send = () => {
      sentAt = performance.now();
      child.stdin.write(`${lines[next++]}\n`);
      if (next === lines.length) child.stdin.end();
    };
    child.stdout.on("data", (d) => {
      out += d;
      const got = out.split("\n").length - 1;
      while (latencies.length < got) latencies.push(performance.now() - sentAt);
      if (next < lines.length && got === next) send();
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("exit", (code) => {
      if (code !== 0) return fail(new Error(`ask exited ${code}: ${err.slice(-500)}`));
      const rss = Number(/bench-peak-rss-kb (\d+)/.exec(err)?.[1] ?? 0) / 1024;
      const answers = out
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      done({ wall: performance.now() - t0, latencies, rss, answers });
    });
    send();
  });
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
console.log(`questions: ${nQuestions} (the dev set's questions, repeated), one at a time`);
const own = option("database", undefined) ? undefined : await throwawayServer();
const baseUrl = option("database", undefined) ?? own.url;
const rows = [];
try {
  for (const size of sizes) {
    const dir = corpusDir(size);
    const admin = new pg.Client({ connectionString: baseUrl });
    admin.on("error", () => {});
    await admin.connect();
    /** `npm run ingest` of the corpus into a new database by a build (`home`): its URL, seconds, MB. */
    const ingestWith = async (home, tag) => {
      const name = `bench_${size}_${tag}_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = baseUrl.replace(/\/[^/]*$/, `/${name}`);
      const t0 = performance.now();
      execFileSync(process.execPath, [join(home, "dist/bin/ingest.js"), dir], {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ["ignore", "ignore", "inherit"],
      });
      const seconds = (performance.now() - t0) / 1000;
      const mb = Number((await admin.query("SELECT pg_database_size($1) AS b", [name])).rows[0].b) / 2 ** 20;
      console.log(`${size} ${tag}: ingest ${f(seconds, 1)} s, ${f(mb, 0)} MB`);
      return { url, seconds, mb };
    };
    const ingested = { postgres: await ingestWith(root, "after") };
    if (before) ingested["postgres (before)"] = await ingestWith(resolve(before), "before");
    await admin.end();
    const backends = {
      postgres: { home: root, env: { ARTICLES_BACKEND: "postgres", DATABASE_URL: ingested.postgres.url } },
      ...(before
        ? {
            "postgres (before)": {
              home: resolve(before),
              env: { ARTICLES_BACKEND: "postgres", DATABASE_URL: ingested["postgres (before)"].url },
            },
          }
        : {}),
      memory: {
        home: root,
        env: { ARTICLES_BACKEND: "memory", SEEDS_DIR: dir, INDEX_CACHE_DIR: join(cacheDir, "index") },
      },
    };
    const results = {};
    for (const [backend, { home, env }] of Object.entries(backends)) {
      if (backend === "memory") await ask(home, env, qs.slice(0, 1)); // writes the index cache when missing
      const start = await ask(home, env, qs.slice(0, 1));
      const many = await ask(home, env, qs);
      results[backend] = many;
      const lat = many.latencies.slice(1);
      rows.push({
        size,
        backend,
        ingest: ingested[backend]
          ? `${f(Number(size) / ingested[backend].seconds, 0)}/s (${f(ingested[backend].seconds, 0)} s, ${f(ingested[backend].mb, 0)} MB)`
          : "-",
        start: start.wall / 1000,
        p50: percentile(
          [...lat].sort((a, b) => a - b),
          50,
        ),
        p99: percentile(
          [...lat].sort((a, b) => a - b),
          99,
        ),
        rss: Math.max(start.rss, many.rss),
      });
      console.log(
        `${size} ${backend}: start ${f(start.wall / 1000, 2)} s, p50 ${f(rows.at(-1).p50, 1)} ms, p99 ${f(rows.at(-1).p99, 1)} ms, peak RSS ${f(rows.at(-1).rss, 0)} MB`,
      );
    }
    const same = results.postgres.answers.filter(
      (a, i) =>
        a.answer === results.memory.answers[i]?.answer && a.answered === results.memory.answers[i]?.answered,
    ).length;
    console.log(`${size}: the same answer on both backends for ${same} of ${qs.length} questions`);
    if (before) {
      const was = results["postgres (before)"].answers;
      const kept = results.postgres.answers.filter(
        (a, i) => JSON.stringify(a) === JSON.stringify(was[i]),
      ).length;
      console.log(
        `${size}: the same answer (the whole JSON line) as before for ${kept} of ${qs.length} questions`,
      );
    }
  }
} finally {
  await own?.stop();
}
console.log(
  "\n| articles | backend | ingest | start s | p50 ms | p99 ms | peak RSS MB |\n|---|---|---|---|---|---|---|",
);
for (const r of rows)
  console.log(
    `| ${r.size} | ${r.backend} | ${r.ingest} | ${f(r.start, 2)} | ${f(r.p50, 1)} | ${f(r.p99, 1)} | ${f(r.rss, 0)} |`,
  );
