import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import type { JournalEntry, StateStore } from "./types.js";

/** Options of FileStore.open. */
export interface FileStoreOptions {
  /** Told about a damaged line skipped at load (never its content), a failed write of the log and its recovery. */
  log?: (message: string) => void;
  /** Compact the log once this many lines were appended since the last compaction (and more than twice the live state). Default 10,000. */
  compactAfter?: number;
  now?: () => number;
}

/** One line of the log: a key set, an event recorded (its key set and its journal entry), an event finished. */
type Op =
  | { op: "set"; k: string; v: string; x: number }
  | { op: "rec"; k: string; v: string; x: number; id: string; b: Record<string, unknown> }
  | { op: "jrn"; id: string; b: Record<string, unknown>; t?: number }
  | { op: "try"; id: string }
  | { op: "fin"; id: string };

interface Held {
  body: Record<string, unknown>;
  /** The process working on it ("" after a restart: nobody). */
  owner: string;
  leaseUntil: number;
  /** Times taken over. */
  takeovers: number;
}

/** The log's name in the data folder, and the lock that keeps a second process out. */
export const LOG_FILE = "state.log";
const LOCK_FILE = "state.lock";

/**
 * The embedded store: the state in memory, every change appended to `state.log` in the data
 * folder (one JSON line, written and fdatasync'ed before the change's promise resolves; changes
 * made in the same tick share one write), replayed at start and compacted (the live state written
 * to a new file, which replaces the log by an atomic rename) at start and whenever the log has
 * grown to more than twice the live state (and by compactAfter lines since the last compaction). For one process: a lock file holding the pid refuses a
 * second live process on the same folder. Without a folder, nothing is written (state in memory only).
 */
export class FileStore implements StateStore {
  readonly kind = "file" as const;
  private readonly keys = new Map<string, { v: string; x: number }>();
  private readonly journal = new Map<string, Held>();
  private handle: FileHandle | undefined;
  private buffer: string[] = [];
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private scheduled = false;
  private flushing: Promise<void> | undefined;
  /** Lines in the log file. */
  private appended = 0;
  /** When the log is next checked for compaction (lines appended). */
  private nextCheck: number;
  private closed = false;
  /** The last write of the log failed (it may end in a partial line); cleared by the next that works. */
  private failing = false;
  private readonly now: () => number;
  private readonly compactAfter: number;
  private readonly log: (message: string) => void;

  private constructor(
    private readonly dir: string | undefined,
    options: FileStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.compactAfter = options.compactAfter ?? 10_000;
    this.nextCheck = this.compactAfter;
    this.log = options.log ?? (() => undefined);
  }

  /** A store that keeps its state in memory only (an app made without a store: tests, embedding). */
  static memory(options: FileStoreOptions = {}): FileStore {
    return new FileStore(undefined, options);
  }

  /** Opens (or creates) the store in `dir`; undefined: in memory only. */
  static async open(dir: string | undefined, options: FileStoreOptions = {}): Promise<FileStore> {
    const store = new FileStore(dir, options);
    if (dir === undefined) return store;
    mkdirSync(dir, { recursive: true });
    takeLock(dir);
    const path = join(dir, LOG_FILE);
    if (existsSync(path)) store.load(readFileSync(path, "utf8"), options.log);
    store.compactSync();
    store.handle = await open(path, "a");
    return store;
  }

  /** Lines in the log (the live state at the last compaction, and what was appended since). */
  get logLines(): number {
    return this.appended;
  }

  private load(text: string, log: FileStoreOptions["log"]): void {
    let damaged = 0;
    for (const line of text.split("\n")) {
      if (!line) continue;
      let op: Op;
      try {
        op = JSON.parse(line) as Op;
      } catch {
        damaged++; // a line cut short by a crash or a full disk
        continue;
      }
      this.apply(op);
    }
    if (damaged) log?.(`state store: ${damaged} damaged line(s) of ${LOG_FILE} skipped`);
    // Whoever held the unfinished events before this start is gone (the lock says so).
    for (const held of this.journal.values()) {
      held.owner = "";
      held.leaseUntil = 0;
    }
  }

  private apply(op: Op): void {
    if (op.op === "set" || op.op === "rec") this.keys.set(op.k, { v: op.v, x: op.x });
    if (op.op === "rec" || op.op === "jrn")
      this.journal.set(op.id, {
        body: op.b,
        owner: "",
        leaseUntil: 0,
        takeovers: op.op === "jrn" ? (op.t ?? 0) : 0,
      });
    if (op.op === "fin") {
      this.journal.delete(op.id);
      this.keys.delete(`post:${op.id}`);
      this.keys.delete(`sent:${op.id}`);
    }
    if (op.op === "try") {
      const held = this.journal.get(op.id);
      if (held) held.takeovers++;
    }
  }

  private live(key: string, now: number): string | undefined {
    const held = this.keys.get(key);
    if (!held) return undefined;
    if (held.x > now) return held.v;
    this.keys.delete(key);
    return undefined;
  }

  async claim(key: string, value: string, ttlMs: number): Promise<string> {
    const now = this.now();
    const held = this.live(key, now);
    if (held !== undefined) return held;
    try {
      await this.change({ op: "set", k: key, v: value, x: now + ttlMs });
    } catch (err) {
      // Not on disk: not claimed (a later claim may succeed).
      if (this.keys.get(key)?.v === value) this.keys.delete(key);
      throw err;
    }
    return value;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.change({ op: "set", k: key, v: value, x: this.now() + ttlMs });
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key, this.now());
  }

  async record(
    id: string,
    body: Record<string, unknown>,
    owner: string,
    leaseMs: number,
    ttlMs: number,
  ): Promise<boolean> {
    const now = this.now();
    const key = `event:${id}`;
    if (this.live(key, now) !== undefined || this.journal.has(id)) return false;
    // Applied in memory at once, with its lease (so no takeover round takes it while it is written).
    const written = this.change({ op: "rec", k: key, v: owner, x: now + ttlMs, id, b: body });
    const held = this.journal.get(id);
    if (held) {
      held.owner = owner;
      held.leaseUntil = now + leaseMs;
    }
    try {
      await written;
    } catch (err) {
      // Not on disk: not recorded, so that Slack's retry is not taken for a duplicate.
      this.keys.delete(key);
      this.journal.delete(id);
      throw err;
    }
    return true;
  }

  async renew(ids: string[], owner: string, leaseMs: number): Promise<void> {
    const until = this.now() + leaseMs;
    for (const id of ids) {
      const held = this.journal.get(id);
      if (held?.owner === owner) held.leaseUntil = until;
    }
  }

  async finish(id: string): Promise<void> {
    if (!this.journal.has(id)) return;
    await this.change({ op: "fin", id });
  }

  async takeOver(owner: string, leaseMs: number, limit: number): Promise<JournalEntry[]> {
    const now = this.now();
    const taken: [string, Held][] = [];
    // The taker's own events, their lease lapsed under it (a stall), are no takeovers to count.
    const counted: string[] = [];
    for (const [id, held] of this.journal) {
      if (taken.length >= limit) break;
      if (held.leaseUntil > now) continue;
      if (held.owner !== owner) counted.push(id);
      held.owner = owner;
      held.leaseUntil = now + leaseMs;
      taken.push([id, held]);
    }
    // The takeover counts are durable before the events are handled again.
    await Promise.all(counted.map((id) => this.change({ op: "try", id })));
    return taken.map(([id, held]) => ({ id, body: held.body, takeovers: held.takeovers }));
  }

  async holds(id: string, owner: string): Promise<boolean> {
    return this.journal.get(id)?.owner === owner;
  }

  async unfinished(): Promise<string[]> {
    return [...this.journal.keys()];
  }

  /** Applies a change in memory now and resolves once it is on disk. */
  private change(op: Op): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the state store is closed"));
    this.apply(op);
    if (this.dir === undefined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.buffer.push(`${JSON.stringify(op)}\n`);
      this.waiters.push({ resolve, reject });
      if (!this.scheduled && !this.flushing) {
        this.scheduled = true;
        setImmediate(() => {
          this.flushing = this.flush();
        });
      }
    });
  }

  /**
   * Writes what was buffered in one write and one fdatasync (or compacts), then settles its
   * waiters: rejected, with an error naming DATA_DIR's log (never its path), when the disk
   * refused (full, read-only, a size limit), so that nothing is relied on that is not on disk.
   */
  private async flush(): Promise<void> {
    this.scheduled = false;
    const lines = this.buffer.splice(0);
    const waiters = this.waiters.splice(0);
    try {
      this.appended += lines.length;
      // The snapshot holds every change made so far, those of `lines` included.
      const compacted = this.appended > this.nextCheck && this.dueForCompaction() && (await this.compact());
      if (!compacted) await this.append(lines.join(""));
      if (this.failing) this.log(`state store: DATA_DIR/${LOG_FILE} is written again`);
      this.failing = false;
      for (const w of waiters) w.resolve();
    } catch (err) {
      const failure = new Error(`writing DATA_DIR/${LOG_FILE} failed (${reason(err)})`);
      if (!this.failing)
        this.log(
          `state store: ${failure.message}: changes are refused (events not acknowledged, so Slack retries them) until a write works again`,
        );
      this.failing = true;
      for (const w of waiters) w.reject(failure);
    }
    this.flushing = undefined;
    if (this.buffer.length && !this.closed) {
      this.scheduled = true;
      setImmediate(() => {
        this.flushing = this.flush();
      });
    }
  }

  /**
   * Appends to the log, the whole of it (a short write, as when the disk fills up midway, goes
   * on from where it stopped), and fdatasyncs. After a failed write the log may end in part of a
   * line: the next write starts on a new line, so that only that part is lost (skipped at load).
   */
  private async append(text: string): Promise<void> {
    this.handle ??= await open(join(this.dir as string, LOG_FILE), "a");
    const data = Buffer.from(this.failing ? `\n${text}` : text);
    for (let at = 0; at < data.length; ) {
      const { bytesWritten } = await this.handle.write(data, at, data.length - at);
      if (bytesWritten <= 0) throw new Error("nothing written");
      at += bytesWritten;
    }
    await this.handle.datasync();
  }

  /** Compacts the log; false (and logged) when it could not, the log left as it was, to be appended to. */
  private async compact(): Promise<boolean> {
    await this.handle?.close();
    this.handle = undefined;
    try {
      this.compactSync();
      return true;
    } catch (err) {
      this.nextCheck = this.appended + this.compactAfter;
      this.log(
        `state store: compacting DATA_DIR/${LOG_FILE} failed (${reason(err)}); appending to it instead`,
      );
      return false;
    }
  }

  /** Drops expired keys; true when the log holds more than twice the live state. */
  private dueForCompaction(): boolean {
    const now = this.now();
    for (const [k, held] of this.keys) if (held.x <= now) this.keys.delete(k);
    if (this.appended > 2 * (this.keys.size + this.journal.size)) return true;
    this.nextCheck = this.appended + this.compactAfter;
    return false;
  }

  /** Writes the live state to a new file and renames it over the log (expired keys are dropped). */
  private compactSync(): void {
    const dir = this.dir as string;
    const now = this.now();
    const lines: string[] = [];
    for (const [k, held] of this.keys) {
      if (held.x <= now) this.keys.delete(k);
      else lines.push(JSON.stringify({ op: "set", k, v: held.v, x: held.x } satisfies Op));
    }
    for (const [id, held] of this.journal)
      lines.push(JSON.stringify({ op: "jrn", id, b: held.body, t: held.takeovers } satisfies Op));
    const tmp = join(dir, `${LOG_FILE}.tmp`);
    const fd = openSync(tmp, "w");
    try {
      if (lines.length) writeSync(fd, `${lines.join("\n")}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(dir, LOG_FILE));
    // The rename is durable once the folder is synced.
    try {
      const dfd = openSync(dir, "r");
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // some file systems cannot sync a folder
    }
    // The log now holds exactly the live state; it is checked again after compactAfter more lines.
    this.appended = lines.length;
    this.nextCheck = this.appended + this.compactAfter;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.scheduled || this.flushing) await (this.flushing ?? new Promise((r) => setImmediate(r)));
    this.closed = true;
    await this.handle?.close();
    this.handle = undefined;
    if (this.dir !== undefined) rmSync(join(this.dir, LOCK_FILE), { force: true });
  }
}

/** An error of the file system, for logs: its code and what it means, never a path ("EFBIG: file too large"). */
function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const said = String(e?.message ?? err).split(",")[0] as string;
  return e?.code && !said.startsWith(e.code) ? `${e.code}: ${said}` : said;
}

/** A pid that is running (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Error of a data folder another live process uses. */
export class StoreInUseError extends Error {}

/** The data folder's lock: refused while another live process holds it; a dead holder's lock is taken. */
function takeLock(dir: string): void {
  const path = join(dir, LOCK_FILE);
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
      throw new StoreInUseError(
        `DATA_DIR is used by another running process (pid ${pid}): the file store is for one process; set REDIS_URL to run several`,
      );
  }
  const tmp = `${path}.${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, String(process.pid));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
