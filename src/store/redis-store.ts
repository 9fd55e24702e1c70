import type { Redis, RedisOptions } from "ioredis";
import type { JournalEntry, StateStore } from "./types.js";

/** Options of RedisStore.connect. */
export interface RedisStoreOptions {
  /** Prefix of every key (default "facts:"). */
  prefix?: string;
  /** Time limit of one command in ms (default 2 s): with Redis out of reach an event is not acked (Slack retries it), never held. */
  commandTimeoutMs?: number;
}

// The scripts run atomically in Redis; times come from Redis's clock (TIME), so replicas with
// skewed clocks agree on leases.
const NOW =
  "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

/** SET NX PX; the value held afterwards. */
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return ARGV[1] end
return redis.call('GET', KEYS[1])`;

/** KEYS: event key, bodies, leases, owners. ARGV: id, body, owner, leaseMs, ttlMs. */
const RECORD = `
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
if not redis.call('SET', KEYS[1], ARGV[3], 'NX', 'PX', ARGV[5]) then return 0 end
${NOW}
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), ARGV[1])
return 1`;

/** KEYS: leases, owners. ARGV: owner, leaseMs, ids... */
const RENEW = `
${NOW}
for i = 3, #ARGV do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[1] then
    redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[i])
  end
end
return 0`;

/** KEYS: bodies, leases, owners, takeovers, post claim, private reply sent. ARGV: id. */
const FINISH = `
redis.call('DEL', KEYS[5], KEYS[6])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
return 0`;

/** KEYS: bodies, leases, owners, takeovers. ARGV: owner, leaseMs, limit. Returns id, body, count, id, body, count, ... */
const TAKE_OVER = `
${NOW}
local out = {}
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(lapsed) do
  local body = redis.call('HGET', KEYS[1], id)
  if not body then
    redis.call('ZREM', KEYS[2], id)
  else
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), id)
    local count
    if redis.call('HGET', KEYS[3], id) == ARGV[1] then
      -- The taker's own event, its lease lapsed under it (a stall): no process stopped under it.
      count = tonumber(redis.call('HGET', KEYS[4], id) or '0')
    else
      redis.call('HSET', KEYS[3], id, ARGV[1])
      count = redis.call('HINCRBY', KEYS[4], id, 1)
    end
    table.insert(out, id)
    table.insert(out, body)
    table.insert(out, tostring(count))
  end
end
return out`;

interface Scripts {
  factsClaim(key: string, value: string, ttl: number): Promise<string | null>;
  factsRecord(...args: (string | number)[]): Promise<number>;
  factsRenew(...args: (string | number)[]): Promise<number>;
  factsFinish(...args: string[]): Promise<number>;
  factsTakeOver(...args: (string | number)[]): Promise<string[]>;
}

/**
 * The shared store of several replicas: Redis through ioredis. A claim is `SET key value NX PX
 * ttl`; the journal is a hash of bodies, a hash of owners, a hash of takeover counts and a sorted
 * set of leases (score: the lease's end), changed only by Lua scripts, so that recording an event and its dedupe key, and
 * taking over lapsed leases, are each one atomic step.
 */
export class RedisStore implements StateStore {
  readonly kind = "redis" as const;
  private readonly bodies: string;
  private readonly leases: string;
  private readonly owners: string;
  private readonly takeovers: string;
  private readonly scripts: Scripts;

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.bodies = `${prefix}journal:bodies`;
    this.leases = `${prefix}journal:leases`;
    this.owners = `${prefix}journal:owners`;
    this.takeovers = `${prefix}journal:takeovers`;
    redis.defineCommand("factsClaim", { numberOfKeys: 1, lua: CLAIM });
    redis.defineCommand("factsRecord", { numberOfKeys: 4, lua: RECORD });
    redis.defineCommand("factsRenew", { numberOfKeys: 2, lua: RENEW });
    redis.defineCommand("factsFinish", { numberOfKeys: 6, lua: FINISH });
    redis.defineCommand("factsTakeOver", { numberOfKeys: 4, lua: TAKE_OVER });
    this.scripts = redis as unknown as Scripts;
  }

  /**
   * Connects and checks the connection (PING). A failure names REDIS_URL, never the URL (it may
   * hold a password).
   */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    return new RedisStore(await connectRedis(url, options), options.prefix ?? "facts:");
  }

  async claim(key: string, value: string, ttlMs: number): Promise<string> {
    const held = await this.scripts.factsClaim(this.prefix + key, value, Math.max(1, Math.round(ttlMs)));
    // The key expired between SET and GET: claim again.
    return held ?? this.claim(key, value, ttlMs);
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, "PX", Math.max(1, Math.round(ttlMs)));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async record(
    id: string,
    body: Record<string, unknown>,
    owner: string,
    leaseMs: number,
    ttlMs: number,
  ): Promise<boolean> {
    const recorded = await this.scripts.factsRecord(
      `${this.prefix}event:${id}`,
      this.bodies,
      this.leases,
      this.owners,
      id,
      JSON.stringify(body),
      owner,
      Math.round(leaseMs),
      Math.max(1, Math.round(ttlMs)),
    );
    return recorded === 1;
  }

  async renew(ids: string[], owner: string, leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.scripts.factsRenew(this.leases, this.owners, owner, Math.round(leaseMs), ...ids);
  }

  async finish(id: string): Promise<void> {
    await this.scripts.factsFinish(
      this.bodies,
      this.leases,
      this.owners,
      this.takeovers,
      `${this.prefix}post:${id}`,
      `${this.prefix}sent:${id}`,
      id,
    );
  }

  async takeOver(owner: string, leaseMs: number, limit: number): Promise<JournalEntry[]> {
    const flat = await this.scripts.factsTakeOver(
      this.bodies,
      this.leases,
      this.owners,
      this.takeovers,
      owner,
      Math.round(leaseMs),
      limit,
    );
    const out: JournalEntry[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3)
      out.push({
        id: flat[i] as string,
        body: JSON.parse(flat[i + 1] as string) as Record<string, unknown>,
        takeovers: Number(flat[i + 2]),
      });
    return out;
  }

  async holds(id: string, owner: string): Promise<boolean> {
    return (await this.redis.hget(this.owners, id)) === owner;
  }

  async unfinished(): Promise<string[]> {
    return this.redis.zrange(this.leases, "0", "-1");
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * A Redis client on REDIS_URL, its connection checked (PING): commands time out after
 * `commandTimeoutMs` (default 2 s) and it reconnects in the background after a lost connection.
 * A failure names REDIS_URL, never the URL (it may hold a password).
 */
export async function connectRedis(
  url: string,
  options: Pick<RedisStoreOptions, "commandTimeoutMs"> = {},
): Promise<Redis> {
  // ioredis is CommonJS: its class is a named export under Node, the default's under bundlers.
  const mod = (await import("ioredis")) as unknown as {
    Redis?: typeof Redis;
    default?: { Redis?: typeof Redis };
  };
  const Client = (mod.Redis ?? mod.default?.Redis) as typeof Redis;
  const clientOptions: RedisOptions = {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 3000,
    // Reconnect in the background after a lost connection, at most a second apart.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  };
  const redis = new Client(url, clientOptions);
  // Connection errors are reported by the commands that fail; this keeps ioredis quiet.
  let lastError: NodeJS.ErrnoException | undefined;
  redis.on("error", (err: NodeJS.ErrnoException) => {
    lastError = err;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const code = (err as NodeJS.ErrnoException).code ?? lastError?.code;
    throw new Error(`could not connect to Redis at REDIS_URL${code ? ` (${code})` : ""}`);
  }
  return redis;
}
