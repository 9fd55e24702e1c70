import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisStore } from "../../src/store/redis-store.js";
import { freePort, startRedis, type TestRedis } from "../helpers/redis.js";

const body = (i: number) => ({ type: "event_callback", event_id: `Ev${i}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the Redis store (a real redis-server on loopback)", () => {
  let redis: TestRedis;
  const stores: RedisStore[] = [];
  let prefixes = 0;
  /** `n` stores (separate connections, as separate replicas have) sharing one key prefix. */
  const connect = async (n: number) => {
    const prefix = `t${++prefixes}:`;
    const made = await Promise.all(
      Array.from({ length: n }, () => RedisStore.connect(redis.url, { prefix })),
    );
    stores.push(...made);
    return made;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await redis?.stop();
  });

  it("claims each key for exactly one of many concurrent claimants (SET NX PX)", async () => {
    const replicas = await connect(6);
    const keys = Array.from({ length: 200 }, (_, i) => `msg:C1:${i}.0`);
    // Every replica claims every key at once, each with its own value.
    const results = await Promise.all(
      replicas.flatMap((store, r) =>
        keys.map(async (k) => ({ k, mine: `r${r}`, held: await store.claim(k, `r${r}`, 60_000) })),
      ),
    );
    for (const k of keys) {
      const forKey = results.filter((x) => x.k === k);
      const winners = forKey.filter((x) => x.held === x.mine);
      expect(winners).toHaveLength(1);
      // The losers were told who holds it.
      expect(new Set(forKey.map((x) => x.held))).toEqual(new Set([winners[0]?.mine]));
    }
  });

  it("lets a claim expire after its PX time", async () => {
    const [store] = (await connect(1)) as [RedisStore];
    expect(await store.claim("k", "a", 150)).toBe("a");
    expect(await store.claim("k", "b", 150)).toBe("a");
    await sleep(250);
    expect(await store.get("k")).toBeUndefined();
    expect(await store.claim("k", "b", 150)).toBe("b");
  });

  it("records each event once across replicas, atomically with its dedupe key", async () => {
    const [a, b] = (await connect(2)) as [RedisStore, RedisStore];
    const ids = Array.from({ length: 300 }, (_, i) => i);
    const recorded = await Promise.all(
      ids.flatMap((i) => [
        a.record(`Ev${i}`, body(i), "A", 10_000, 60_000),
        b.record(`Ev${i}`, body(i), "B", 10_000, 60_000),
      ]),
    );
    for (const i of ids) expect([recorded[2 * i], recorded[2 * i + 1]].filter(Boolean)).toHaveLength(1);
    expect((await a.unfinished()).length).toBe(300);
    await Promise.all(ids.map((i) => (i % 2 ? a.finish(`Ev${i}`) : undefined)));
    expect((await b.unfinished()).length).toBe(150);
    // Finished, the id is still known: a retry is a duplicate.
    expect(await b.record("Ev1", body(1), "B", 10_000, 60_000)).toBe(false);
  });

  it("takes over lapsed leases only: each event to one taker, renewed ones kept, counting takeovers", async () => {
    const [dead, alive, c] = (await connect(3)) as [RedisStore, RedisStore, RedisStore];
    for (let i = 0; i < 100; i++) await dead.record(`Ev${i}`, body(i), "dead", 300, 60_000);
    await alive.record("EvAlive", body(1000), "alive", 300, 60_000);
    // Nothing has lapsed yet.
    expect(await c.takeOver("c", 5_000, 1000)).toEqual([]);
    const renewing = setInterval(() => void alive.renew(["EvAlive"], "alive", 300), 100);
    await sleep(450);
    // Two live replicas take over at once: the 100 events are shared out, none twice.
    const [x, y] = await Promise.all([alive.takeOver("alive", 5_000, 1000), c.takeOver("c", 5_000, 1000)]);
    clearInterval(renewing);
    const taken = [...x, ...y].map((e) => e.id);
    expect(taken).toHaveLength(100);
    expect(new Set(taken).size).toBe(100);
    expect(taken).not.toContain("EvAlive");
    expect(x.find((e) => e.id === "Ev7")?.body ?? y.find((e) => e.id === "Ev7")?.body).toEqual(body(7));
    expect([...x, ...y].every((e) => e.takeovers === 1)).toBe(true);
    // Taken over, they have fresh leases: nobody takes them again now.
    expect(await dead.takeOver("dead", 5_000, 1000)).toEqual([]);
    // The process that held them before holds them no more (a stalled one posts nothing).
    const taker = x.some((e) => e.id === "Ev7") ? "alive" : "c";
    expect(await dead.holds("Ev7", "dead")).toBe(false);
    expect(await dead.holds("Ev7", taker)).toBe(true);
    expect(await alive.holds("EvAlive", "alive")).toBe(true);
    // Finished, an event is gone from the journal, with its post claim; its dedupe key stays.
    await alive.claim("post:Ev7", "alive#1", 60_000);
    await alive.put("sent:Ev7", "alive#1", 60_000);
    await alive.finish("Ev7");
    expect(await alive.unfinished()).not.toContain("Ev7");
    expect(await alive.holds("Ev7", taker)).toBe(false);
    expect(await alive.get("sent:Ev7")).toBeUndefined();
    expect(await alive.get("post:Ev7")).toBeUndefined();
    expect(await alive.get("event:Ev7")).toBe("dead");
  });

  it("fails to connect with a message naming REDIS_URL, never the URL or its password", async () => {
    const port = await freePort();
    const err = await RedisStore.connect(`redis://user:hunter2secret@127.0.0.1:${port}`).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/could not connect to Redis at REDIS_URL \(ECONNREFUSED\)/);
    expect((err as Error).message).not.toMatch(/hunter2|127\.0\.0\.1|redis:\/\//);
  });
});
