import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project folder (one up from src/ or dist/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The articles folder: `--seeds DIR`, else SEEDS_DIR, else seeds/ of the project. */
export function seedsDirFrom(argSeeds: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(argSeeds ?? env.SEEDS_DIR ?? join(PROJECT_ROOT, "seeds"));
}

/** The intents folder: INTENTS_DIR, else intents/ of the project. */
export function intentsDirFrom(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.INTENTS_DIR ?? join(PROJECT_ROOT, "intents"));
}

/** The index cache folder: INDEX_CACHE_DIR, else .cache/index of the project; "off" disables it. */
export function cacheDirFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env.INDEX_CACHE_DIR?.trim();
  if (v === "off") return undefined;
  return resolve(v || join(PROJECT_ROOT, ".cache", "index"));
}
