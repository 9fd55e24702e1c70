/** An event recorded in the journal and not yet finished, with its body (the Events API envelope). */
export interface JournalEntry {
  id: string;
  body: Record<string, unknown>;
  /** How many times it was taken over, this time included (an event that stops every process that handles it is given up on). */
  takeovers: number;
}

/**
 * State that must outlive one process: claims (retry dedupe, "this answer is being posted") and
 * the event journal (every Events API event recorded before it is acked, finished once its answer
 * is posted). Two implementations: a file in DATA_DIR (one process, survives restarts) and Redis
 * (any number of replicas). Every method that changes state resolves once the change is durable
 * (written to the file, or applied by Redis).
 */
export interface StateStore {
  readonly kind: "file" | "redis";
  /**
   * Sets `key` to `value` for `ttlMs` unless it holds an unexpired value (Redis: `SET key value NX
   * PX ttl`); resolves with the value the key holds afterwards: `value` when claimed now, the
   * earlier holder's otherwise.
   */
  claim(key: string, value: string, ttlMs: number): Promise<string>;
  /** Sets `key` to `value` for `ttlMs`, whatever it held. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /** The key's value, unless unset or expired. */
  get(key: string): Promise<string | undefined>;
  /**
   * Records an event in the journal, owned by `owner` with a lease of `leaseMs`, unless its id was
   * recorded before (within `ttlMs`): true when recorded now, false for a duplicate (a retry, or a
   * delivery another replica has).
   */
  record(
    id: string,
    body: Record<string, unknown>,
    owner: string,
    leaseMs: number,
    ttlMs: number,
  ): Promise<boolean>;
  /** Extends the leases of the events `owner` holds. */
  renew(ids: string[], owner: string, leaseMs: number): Promise<void>;
  /**
   * The event is done (answered and posted, or given up on): out of the journal, with the claim
   * of its post (`post:<id>`) and the mark of its private reply sent (`sent:<id>`): no takeover
   * can come any more. Its dedupe key stays until it expires.
   */
  finish(id: string): Promise<void>;
  /**
   * Takes over up to `limit` unfinished events whose lease lapsed (their process died, or stalled
   * longer than a lease): they become `owner`'s, with a fresh lease, and their takeover count
   * goes up, but for events `owner` held already (its own, stalled past their lease: no process
   * stopped under them). Two callers never get the same event. The caller skips events it is
   * handling itself.
   */
  takeOver(owner: string, leaseMs: number, limit: number): Promise<JournalEntry[]>;
  /**
   * True while `owner` holds the unfinished event `id`: false once another process took it over
   * (this one stalled past its lease) or it was finished.
   */
  holds(id: string, owner: string): Promise<boolean>;
  /** Ids of the unfinished events, any owner's. */
  unfinished(): Promise<string[]>;
  close(): Promise<void>;
}
