import { spawn } from "node:child_process";
import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileStore, LOG_FILE, StoreInUseError } from "../../src/store/file-store.js";
import { tempDir } from "../helpers/fixtures.js";

const lines = (dir: string) => readFileSync(join(dir, LOG_FILE), "utf8").split("\n").filter(Boolean).length;
const body = (i: number) => ({
  type: "event_callback",
  event_id: `Ev${i}`,
  event: { type: "app_mention", ts: `${i}.1` },
});

describe("the file store", () => {
  it("claims a key once (SET NX semantics), until it expires", async () => {
    let now = 1_000;
    const store = await FileStore.open(tempDir(), { now: () => now });
    expect(await store.claim("msg:C1:1.0", "EvA", 1000)).toBe("EvA");
    expect(await store.claim("msg:C1:1.0", "EvB", 1000)).toBe("EvA");
    expect(await store.get("msg:C1:1.0")).toBe("EvA");
    now += 1001;
    expect(await store.get("msg:C1:1.0")).toBeUndefined();
    expect(await store.claim("msg:C1:1.0", "EvB", 1000)).toBe("EvB");
    await store.close();
  });

  it("keeps claims and unfinished events across a restart; finished ones stay finished", async () => {
    const dir = tempDir();
    const first = await FileStore.open(dir);
    expect(await first.record("Ev1", body(1), "proc-1", 10_000, 60_000)).toBe(true);
    expect(await first.record("Ev2", body(2), "proc-1", 10_000, 60_000)).toBe(true);
    expect(await first.record("Ev1", body(1), "proc-1", 10_000, 60_000)).toBe(false);
    await first.finish("Ev2");
    await first.claim("post:Ev1", "proc-1", 60_000);
    // This process holds its own events: nothing to take over.
    expect(await first.takeOver("proc-1", 10_000, 10)).toEqual([]);
    // A crash: the store is never closed; a new one opens the same folder.
    const second = await FileStore.open(dir);
    expect(await second.unfinished()).toEqual(["Ev1"]);
    expect(await second.record("Ev1", body(1), "proc-2", 10_000, 60_000)).toBe(false);
    expect(await second.record("Ev2", body(2), "proc-2", 10_000, 60_000)).toBe(false);
    expect(await second.get("post:Ev1")).toBe("proc-1");
    // The process that held Ev1 is gone: the new one takes it over at once, and only once.
    const taken = await second.takeOver("proc-2", 10_000, 10);
    expect(taken).toEqual([{ id: "Ev1", body: body(1), takeovers: 1 }]);
    expect(await second.takeOver("proc-2", 10_000, 10)).toEqual([]);
    await second.finish("Ev1");
    // Finished, its post claim goes (no takeover can come), its dedupe key stays.
    expect(await second.get("post:Ev1")).toBeUndefined();
    expect(await second.get("event:Ev1")).toBe("proc-1");
    await second.close();
    const third = await FileStore.open(dir);
    expect(await third.unfinished()).toEqual([]);
    expect(await third.get("post:Ev1")).toBeUndefined();
    await third.close();
  });

  it("counts each event's takeovers, across restarts and compactions", async () => {
    const dir = tempDir();
    let now = 0;
    const store = await FileStore.open(dir, { now: () => now, compactAfter: 1 });
    await store.record("Ev1", body(1), "p", 100, 60_000);
    for (let i = 1; i <= 3; i++) {
      now += 200; // the lease lapses: another taker
      expect((await store.takeOver(`t${i}`, 100, 10)).map((e) => e.takeovers)).toEqual([i]);
    }
    const reopened = await FileStore.open(dir, { now: () => now });
    expect(await reopened.takeOver("t4", 100, 10)).toEqual([{ id: "Ev1", body: body(1), takeovers: 4 }]);
    await reopened.close();
  });

  it("compacts its log: it stays bounded under churn and the state survives the rewrite", async () => {
    const dir = tempDir();
    let now = 0;
    const store = await FileStore.open(dir, { compactAfter: 200, now: () => now });
    for (let i = 0; i < 3000; i++) {
      await store.record(`Ev${i}`, body(i), "p", 10_000, 5_000);
      if (i % 10 !== 0) await store.finish(`Ev${i}`);
      now += 10; // keys live 5 s: about 500 at a time
    }
    await store.claim("keep", "me", 1e9);
    // 6,001 changes; the live state is about 800 lines (500 keys alive, 300 unfinished events):
    // the log never grows past twice that plus one check interval.
    expect(lines(dir)).toBeLessThan(2 * 800 + 200 + 400);
    expect(store.logLines).toBe(lines(dir));
    await store.close();
    const reopened = await FileStore.open(dir, { now: () => now });
    expect((await reopened.unfinished()).length).toBe(300);
    expect(await reopened.get("keep")).toBe("me");
    expect(await reopened.get("event:Ev2999")).toBe("p");
    expect(await reopened.get("event:Ev0")).toBeUndefined(); // expired, dropped by compaction
    // Opening compacts: the log is exactly the live state.
    expect(lines(dir)).toBe(
      300 +
        (await Promise.all(Array.from({ length: 3000 }, (_, i) => reopened.get(`event:Ev${i}`)))).filter(
          Boolean,
        ).length +
        1,
    );
    await reopened.close();
  });

  it("skips a line cut short by a crash, saying so without its content, and keeps the rest", async () => {
    const dir = tempDir();
    const store = await FileStore.open(dir);
    await store.record("Ev1", body(1), "p", 10_000, 60_000);
    await store.close();
    await appendFile(
      join(dir, LOG_FILE),
      '{"op":"rec","k":"event:Ev2","v":"p","x":99999999999999,"id":"Ev2","b":{"ty',
    );
    const logs: string[] = [];
    const reopened = await FileStore.open(dir, { log: (m) => logs.push(m) });
    expect(await reopened.unfinished()).toEqual(["Ev1"]);
    expect(logs).toEqual([`state store: 1 damaged line(s) of ${LOG_FILE} skipped`]);
    await reopened.close();
  });

  it("refuses a folder another live process holds, and takes over the lock of a dead one", async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    await new Promise((r) => other.once("spawn", r));
    writeFileSync(join(dir, "state.lock"), String(other.pid));
    const err = await FileStore.open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreInUseError);
    expect((err as Error).message).toMatch(
      /DATA_DIR is used by another running process \(pid \d+\).*REDIS_URL/,
    );
    other.kill("SIGKILL");
    await new Promise((r) => other.once("exit", r));
    const store = await FileStore.open(dir);
    expect(readFileSync(join(dir, "state.lock"), "utf8")).toBe(String(process.pid));
    await store.close();
  });

  it("writes changes made in the same tick together, each durable before it resolves", async () => {
    const dir = tempDir();
    const store = await FileStore.open(dir);
    await Promise.all(Array.from({ length: 500 }, (_, i) => store.claim(`k${i}`, "v", 60_000)));
    expect(lines(dir)).toBe(500);
    await store.close();
  });
  it("a compaction the disk refuses (its new file on /dev/full: ENOSPC) is logged and the log appended to instead: nothing is lost, and the next one works", async () => {
    const dir = tempDir();
    const said: string[] = [];
    const store = await FileStore.open(dir, { compactAfter: 5, log: (m) => said.push(m) });
    // The compaction's new file is written through this link: every write of it fails with ENOSPC.
    symlinkSync("/dev/full", join(dir, `${LOG_FILE}.tmp`));
    // One key set again and again: the log soon holds more than twice the live state.
    for (let i = 0; i < 14; i++) await store.put("k", `v${i}`, 60_000);
    expect(said.filter((m) => m.includes("compacting"))).toEqual([
      "state store: compacting DATA_DIR/state.log failed (ENOSPC: no space left on device); appending to it instead",
      "state store: compacting DATA_DIR/state.log failed (ENOSPC: no space left on device); appending to it instead",
    ]);
    expect(lines(dir)).toBe(14);
    rmSync(join(dir, `${LOG_FILE}.tmp`));
    for (let i = 14; i < 20; i++) await store.put("k", `v${i}`, 60_000);
    expect(lines(dir)).toBeLessThan(14); // compacted
    await store.close();
    const reopened = await FileStore.open(dir);
    expect(await reopened.get("k")).toBe("v19");
    await reopened.close();
  });
});

describe("opening the store the settings name", () => {
  it("stops with a message naming DATA_DIR and the cause, never the path, when the folder cannot be used", async () => {
    const { openStore } = await import("../../src/store/open.js");
    const { ConfigError } = await import("../../src/config.js");
    const dir = tempDir();
    const file = join(dir, "secret-place-not-a-folder");
    writeFileSync(file, "x");
    const err = await openStore({ dataDir: join(file, "data") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^DATA_DIR cannot hold the state store \(ENOTDIR\)/);
    expect((err as Error).message).not.toContain("secret-place");
    const store = await openStore({ dataDir: join(dir, "data") });
    expect(store.kind).toBe("file");
    await store.close();
  });
});
