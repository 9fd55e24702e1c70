import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildDeps, type Deps } from "../../src/core.js";
import { loadCorpus } from "../../src/corpus/load.js";

/** The project folder. */
export const ROOT = resolve(import.meta.dirname, "../..");
export const SEEDS = join(ROOT, "seeds");
export const INTENTS = join(ROOT, "intents");
export const FIXTURES = join(ROOT, "tests/fixtures");

/** Writes files (name -> text or bytes) into a new temporary folder and returns its path. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "facts-bot-"));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(resolve(path, ".."), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** Answering dependencies over a folder of articles and the project's intents. */
export function depsFor(dir: string): Deps {
  return buildDeps(loadCorpus(dir), INTENTS);
}

let seedDeps: Deps | undefined;
/** Dependencies over the project's seeds, built once per test file. */
export function seedsDeps(): Deps {
  seedDeps ??= depsFor(SEEDS);
  return seedDeps;
}

/**
 * A small corpus about made-up companies: the bot must answer it with the same intents and
 * code, nothing of the seed articles.
 */
export const FICTION: Record<string, string> = {
  "acme.md": `---
title: Acme Robotics opens Berlin office
date: 2025-03-02
---
# Acme Robotics opens Berlin office

Acme Robotics has opened its first European office in Berlin, Germany, the company said on Tuesday.
The Berlin office will be led by Maria Okafor, the former head of engineering at Globex.
Acme also runs offices in Austin and Toronto.
The company plans to hire 120 engineers in Berlin by the end of next year.
Chief Executive Officer Lars Novak said: "Berlin gives us the talent we need to grow."
ALSO READ: Ten robots that changed the world
Tags: robotics, berlin
`,
  "northwind.txt": `Northwind raised $45 million in a funding round led by Initech, the startup announced in May.
Customers such as Hooli, Vandelay and Wayne Data already use its forecasting software.
Northwind was founded in 2019 in Oslo because its founders wanted cheaper weather forecasts.
`,
};
