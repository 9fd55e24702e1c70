import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Redis } from "ioredis";
import type pg from "pg";
import { ConfigError } from "../config.js";

/** The installations' file in DATA_DIR (the embedded store). */
export const INSTALLATIONS_FILE = "installations.json";

/** An installation store that can be closed (the PostgreSQL one holds a pool). */
export interface Installations extends InstallationStore {
  readonly kind: "file" | "postgres" | "redis" | "memory";
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  close(): Promise<void>;
}

/** The key of a workspace's installation (an org-wide install: its enterprise's). */
function keyOf(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `E:${query.enterpriseId}`;
  if (query.teamId) return `T:${query.teamId}`;
  throw new Error("an installation query without a team id");
}

function keyOfInstallation(installation: Installation): string {
  return keyOf({
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    enterpriseId: installation.enterprise?.id,
    teamId: installation.team?.id,
  });
}

/** What fetchInstallation throws for a workspace with none: Bolt logs it and answers nothing. */
function notInstalled(query: InstallationQuery<boolean>): Error {
  const where = query.isEnterpriseInstall
    ? `organisation ${query.enterpriseId}`
    : `workspace ${query.teamId ?? "(none)"}`;
  return new Error(`no installation for ${where} (never installed, or uninstalled)`);
}

/**
 * The embedded installation store: every installation in memory and in one JSON file in the data
 * folder, rewritten whole on each change (a new file, fsync'ed, renamed over the old one: a crash
 * leaves the old file or the new one, never half of one), readable by its owner only (it holds
 * bot tokens). Installations are few and change rarely, so a whole rewrite costs nothing.
 * Without a folder: memory only (tests).
 */
export class FileInstallations implements Installations {
  readonly kind: "file" | "memory";
  private readonly entries = new Map<string, Installation>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly dir: string | undefined) {
    this.kind = dir ? "file" : "memory";
  }

  /** Opens (or creates) the store in `dir`; a damaged file stops start-up rather than forget every workspace. */
  static open(dir: string): FileInstallations {
    const store = new FileInstallations(dir);
    mkdirSync(dir, { recursive: true });
    let text: string | undefined;
    try {
      text = readFileSync(join(dir, INSTALLATIONS_FILE), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    if (text !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const list = (parsed as { installations?: unknown })?.installations;
      if (!Array.isArray(list))
        throw new ConfigError(
          `DATA_DIR holds a damaged ${INSTALLATIONS_FILE}: fix or remove it (removing it means installing in each workspace again)`,
        );
      for (const installation of list as Installation[])
        store.entries.set(keyOfInstallation(installation), installation);
    }
    return store;
  }

  static memory(): FileInstallations {
    return new FileInstallations(undefined);
  }

  /** Workspaces installed (their keys: T:team or E:enterprise). */
  get keys(): string[] {
    return [...this.entries.keys()];
  }

  async storeInstallation(installation: Installation): Promise<void> {
    this.entries.set(keyOfInstallation(installation), installation);
    await this.save();
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = this.entries.get(keyOf(query));
    if (!found) throw notInstalled(query);
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    if (this.entries.delete(keyOf(query))) await this.save();
  }

  async close(): Promise<void> {
    await this.writing;
  }

  /** Writes the file (one write at a time, each with the state as it is when it starts). */
  private save(): Promise<void> {
    const dir = this.dir;
    if (!dir) return Promise.resolve();
    const next = this.writing.then(() => {
      const path = join(dir, INSTALLATIONS_FILE);
      const tmp = `${path}.${process.pid}.tmp`;
      const text = `${JSON.stringify({ installations: [...this.entries.values()] })}\n`;
      const fd = openSync(tmp, "w", 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
      const dirFd = openSync(dir, "r");
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}

/** The table of installations in PostgreSQL, created if missing. */
export const INSTALLATIONS_TABLE = "slack_installations";

/**
 * Installations in PostgreSQL (DATABASE_URL): one row per workspace (or organisation), the
 * installation as JSON; shared by every replica. The table is created if missing.
 */
export class PostgresInstallations implements Installations {
  readonly kind = "postgres" as const;

  private constructor(private readonly pool: pg.Pool) {}

  static async connect(
    databaseUrl: string,
    log: (message: string) => void = () => undefined,
  ): Promise<PostgresInstallations> {
    const { default: pgModule } = await import("pg");
    const pool = new pgModule.Pool({ connectionString: databaseUrl, max: 4 });
    // An idle connection the server closed is an error event: logged, never thrown.
    pool.on("error", (err) => log(`PostgreSQL (installations): idle connection error: ${err.message}`));
    try {
      await pool.query(`CREATE TABLE IF NOT EXISTS ${INSTALLATIONS_TABLE} (
        key text PRIMARY KEY,
        team_id text,
        enterprise_id text,
        installation jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new Error(
        `could not create the installations table in DATABASE_URL's database: ${(err as Error).message}`,
      );
    }
    return new PostgresInstallations(pool);
  }

  async storeInstallation(installation: Installation): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${INSTALLATIONS_TABLE} (key, team_id, enterprise_id, installation, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (key) DO UPDATE SET team_id = $2, enterprise_id = $3, installation = $4, updated_at = now()`,
      [
        keyOfInstallation(installation),
        installation.team?.id ?? null,
        installation.enterprise?.id ?? null,
        JSON.stringify(installation),
      ],
    );
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const result = await this.pool.query<{ installation: Installation }>(
      `SELECT installation FROM ${INSTALLATIONS_TABLE} WHERE key = $1`,
      [keyOf(query)],
    );
    const row = result.rows[0];
    if (!row) throw notInstalled(query);
    return row.installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.pool.query(`DELETE FROM ${INSTALLATIONS_TABLE} WHERE key = $1`, [keyOf(query)]);
  }

  /** Workspaces installed (their keys: T:team or E:enterprise). */
  async keys(): Promise<string[]> {
    const result = await this.pool.query<{ key: string }>(
      `SELECT key FROM ${INSTALLATIONS_TABLE} ORDER BY key`,
    );
    return result.rows.map((r) => r.key);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The hash of installations in Redis (under the state store's prefix). */
export const INSTALLATIONS_KEY = "facts:installations";

/**
 * Installations in Redis (REDIS_URL, without DATABASE_URL): one hash, a field per workspace (or
 * organisation) holding the installation as JSON; shared by every replica, as the state store is.
 */
export class RedisInstallations implements Installations {
  readonly kind = "redis" as const;

  private constructor(private readonly redis: Redis) {}

  /** Connects (a failure names REDIS_URL, never the URL). */
  static async connect(url: string): Promise<RedisInstallations> {
    const { connectRedis } = await import("../store/redis-store.js");
    return new RedisInstallations(await connectRedis(url));
  }

  async storeInstallation(installation: Installation): Promise<void> {
    await this.redis.hset(INSTALLATIONS_KEY, keyOfInstallation(installation), JSON.stringify(installation));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = await this.redis.hget(INSTALLATIONS_KEY, keyOf(query));
    if (!found) throw notInstalled(query);
    return JSON.parse(found) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.redis.hdel(INSTALLATIONS_KEY, keyOf(query));
  }

  /** Workspaces installed (their keys: T:team or E:enterprise). */
  async keys(): Promise<string[]> {
    return (await this.redis.hkeys(INSTALLATIONS_KEY)).sort();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * The installation store the settings ask for: PostgreSQL with DATABASE_URL, else Redis with
 * REDIS_URL (where the state store is), else the file in DATA_DIR. A folder that cannot be used
 * stops start-up naming DATA_DIR, a database that cannot be reached naming DATABASE_URL, a Redis
 * naming REDIS_URL; none shows the value.
 */
export async function openInstallations(
  settings: { dataDir: string; databaseUrl?: string; redisUrl?: string },
  log?: (message: string) => void,
): Promise<Installations> {
  if (settings.databaseUrl) {
    try {
      return await PostgresInstallations.connect(settings.databaseUrl, log);
    } catch (err) {
      throw new Error(`could not open the installations in DATABASE_URL: ${(err as Error).message}`);
    }
  }
  if (settings.redisUrl) return RedisInstallations.connect(settings.redisUrl);
  try {
    return FileInstallations.open(settings.dataDir);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `DATA_DIR cannot hold the installations${code ? ` (${code})` : ""}: it must be a folder this process can write to`,
    );
  }
}
