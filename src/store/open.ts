import { ConfigError } from "../config.js";
import { FileStore, StoreInUseError } from "./file-store.js";
import type { StoreSettings } from "./settings.js";
import type { StateStore } from "./types.js";

/**
 * The store the settings ask for: Redis with REDIS_URL, else the file store in DATA_DIR. A
 * folder that cannot be used stops start-up with a message naming DATA_DIR and the cause, never
 * the path.
 */
export async function openStore(
  settings: Pick<StoreSettings, "dataDir" | "redisUrl">,
  log?: (message: string) => void,
): Promise<StateStore> {
  if (settings.redisUrl) {
    const { RedisStore } = await import("./redis-store.js");
    return RedisStore.connect(settings.redisUrl);
  }
  try {
    return await FileStore.open(settings.dataDir, { log });
  } catch (err) {
    if (err instanceof StoreInUseError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `DATA_DIR cannot hold the state store${code ? ` (${code})` : ""}: it must be a folder this process can write to`,
    );
  }
}
