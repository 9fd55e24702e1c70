import { join, resolve } from "node:path";
import { ConfigError } from "../config.js";
import { PROJECT_ROOT, setting } from "../config-paths.js";

/** The settings of the state store, the event journal and the drain on shutdown. */
export interface StoreSettings {
  /** The file store's folder (used without REDIS_URL). */
  dataDir: string;
  /** Redis, shared by replicas; undefined: the file store. */
  redisUrl?: string;
  /** How long a stopping process may take to finish the events it acked (ms). */
  shutdownGraceMs: number;
  /** How long an event's lease lasts without renewal before a live replica takes it over (ms). */
  eventLeaseMs: number;
}

/** Where the file store keeps its log unless DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, ".data");

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = setting(env, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > 3_600_000)
    throw new ConfigError(`${name} must be a whole number of milliseconds from ${min} to 3600000`);
  return n;
}

/**
 * DATA_DIR (a folder, default .data/ of the project), REDIS_URL (redis:// or rediss://),
 * SHUTDOWN_GRACE_MS (default 10 s), EVENT_LEASE_MS (default 10 s). An empty variable means its
 * default; a malformed one is named, never shown (a Redis URL may hold a password).
 */
export function storeSettingsFrom(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const dir = setting(env, "DATA_DIR");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (dir !== undefined && /[\u0000-\u001f]/.test(dir))
    throw new ConfigError("DATA_DIR must be the path of a folder");
  const redisUrl = setting(env, "REDIS_URL");
  if (redisUrl !== undefined) {
    let ok = false;
    try {
      const url = new URL(redisUrl);
      ok = (url.protocol === "redis:" || url.protocol === "rediss:") && url.hostname !== "";
    } catch {
      ok = false;
    }
    if (!ok)
      throw new ConfigError("REDIS_URL must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379");
  }
  return {
    dataDir: resolve(dir ?? DEFAULT_DATA_DIR),
    ...(redisUrl ? { redisUrl } : {}),
    shutdownGraceMs: milliseconds(env, "SHUTDOWN_GRACE_MS", 10_000, 0),
    eventLeaseMs: milliseconds(env, "EVENT_LEASE_MS", 10_000, 500),
  };
}

/** The password of a URL (Redis, PostgreSQL), to be redacted from logs. */
function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}

/** The password of a Redis URL, to be redacted from logs. */
export const redisSecret = urlPassword;

/** The password of a PostgreSQL URL, to be redacted from logs. */
export const databaseSecret = urlPassword;
