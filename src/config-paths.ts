import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project folder: the nearest folder above this code that holds package.json (the code runs
 * from src/, from dist/ or from a bundle in dist/bin/).
 */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return resolve(from, "..");
  }
}

/** A setting's value, or undefined when it is unset, empty or only white space (`SEEDS_DIR=` means the default). */
export function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** The articles folder: `--seeds DIR`, else SEEDS_DIR, else seeds/ of the project. */
export function seedsDirFrom(argSeeds: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(argSeeds ?? setting(env, "SEEDS_DIR") ?? join(PROJECT_ROOT, "seeds"));
}

/** The intents folder: INTENTS_DIR, else intents/ of the project. */
export function intentsDirFrom(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(setting(env, "INTENTS_DIR") ?? join(PROJECT_ROOT, "intents"));
}

/** The index cache folder: INDEX_CACHE_DIR, else .cache/index of the project; "off" disables it. */
export function cacheDirFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env.INDEX_CACHE_DIR?.trim();
  if (v === "off") return undefined;
  return resolve(v || join(PROJECT_ROOT, ".cache", "index"));
}
