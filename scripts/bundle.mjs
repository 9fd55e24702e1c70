#!/usr/bin/env node
// Bundles the commands people run (npm start, ask, console, eval, feedback) into dist/bin/ with esbuild.
// Why: Node's ESM loader resolves, reads and compiles each of ~200 small modules one by one, which
// was half of the start-up time of a one-question `ask`; one bundled file starts in a fraction.
// Packages loaded only when needed (snowball-stemmers, for German text), packages that find
// their own files by path (word-list), the Slack SDK (loaded only in Slack
// mode), ioredis (loaded only with REDIS_URL) and compromise (used only by the build) stay external and load from node_modules.
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/bin");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    main: "src/main.ts",
    ask: "src/cli/ask.ts",
    console: "src/cli/console-main.ts",
    eval: "src/cli/eval.ts",
    train: "src/cli/train.ts",
    feedback: "src/cli/feedback.ts",
    ingest: "src/cli/ingest.ts",
    // The answering worker of the Slack app, loaded as dist/bin/worker.js (pool.ts: "./worker.js").
    worker: "src/answer-worker/worker.ts",
    // The helper thread that reads a share of a large folder of articles (parallel.ts: "./shard-worker.js").
    "shard-worker": "src/retrieval/shard-worker.ts",
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Node 20 has these; without saying so esbuild turns each such literal into a RegExp
  // constructor call, run again at every use.
  supported: { "regexp-unicode-property-escapes": true, "regexp-lookbehind-assertions": true },
  sourcemap: true,
  external: ["@slack/*", "compromise", "word-list", "snowball-stemmers", "ioredis", "pg"],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  logLevel: "warning",
});
