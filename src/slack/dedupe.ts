/** Options of the Deduper. */
export interface DedupeOptions {
  /** How long a key is remembered (default 15 minutes; Slack retries within about 5). */
  ttlMs?: number;
  /** Most keys kept at once; the oldest go first (default 50,000). */
  maxKeys?: number;
  now?: () => number;
}

/**
 * Remembers which deliveries were handled, so a retried or duplicated event never produces a
 * second reply. Memory is bounded by `maxKeys` and keys expire after `ttlMs`.
 */
export class Deduper {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: DedupeOptions = {}) {
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.maxKeys = options.maxKeys ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Records the keys of one delivery; true when any of them was seen before (a duplicate).
   * Empty keys are ignored.
   */
  checkAndRemember(keys: (string | undefined)[]): boolean {
    const now = this.now();
    this.evict(now);
    const present = keys.filter((k): k is string => Boolean(k));
    const duplicate = present.some((k) => {
      const at = this.seen.get(k);
      return at !== undefined && now - at < this.ttlMs;
    });
    for (const k of present) {
      this.seen.delete(k);
      this.seen.set(k, now);
    }
    while (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value as string);
    return duplicate;
  }

  /** Number of keys held. */
  get size(): number {
    return this.seen.size;
  }

  private evict(now: number) {
    for (const [k, at] of this.seen) {
      if (now - at < this.ttlMs) break; // insertion order is time order
      this.seen.delete(k);
    }
  }
}
