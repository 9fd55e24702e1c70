#!/usr/bin/env node
import { cacheDirFrom, intentsDirFrom, seedsDirFrom } from "../config-paths.js";
import { createDeps } from "../core.js";
import { parseArgs } from "./args.js";
import { runConsole } from "./console.js";
import { runMain } from "./run-main.js";

/** `npm run console [-- --seeds DIR]`: the console on its own. */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const deps = createDeps({
    seedsDir: seedsDirFrom(args.seeds),
    intentsDir: intentsDirFrom(),
    cacheDir: cacheDirFrom(),
    onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
  });
  await runConsole(process.stdin, process.stdout, deps, { interactive: process.stdin.isTTY === true });
  return 0;
}

runMain(main);
