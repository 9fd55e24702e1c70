// For scripts/bench-starts.mjs only: sets the npm scripts' V8 flags after V8 has started, as the
// program itself did before (node -r scripts/v8-flags-at-runtime.cjs dist/bin/main.js).
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { setFlagsFromString } = require("node:v8");

const start = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")).scripts.start;
for (const flag of start.split(/\s+/).filter((w) => w.startsWith("--"))) setFlagsFromString(flag);
