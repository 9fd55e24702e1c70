import { type FSWatcher, watch } from "node:fs";
import type { Log } from "./answer-worker/protocol.js";
import { buildDepsFromFolder, createDeps, type Deps } from "./core.js";

/** Options of LiveDeps. */
export interface LiveDepsOptions {
  seedsDir: string;
  intentsDir: string;
  /** Told about every reload: what changed, or why the last good set stays; and the articles' warnings. */
  log?: Log;
  /** Quiet time after the last file change before reloading (ms, default 500). */
  debounceMs?: number;
  /** Index cache folder for the first load (see createDeps). */
  cacheDir?: string;
}

/**
 * The answering dependencies, reloaded when the articles or the intents change, without a
 * restart and without a moment where questions fail: a new set is built aside and swapped in
 * whole. A reload that fails (a malformed intent file, no readable article, or an article that
 * loaded before and is now broken) keeps serving the last good set.
 */
export class LiveDeps {
  private deps: Deps;
  private goodSources: Set<string>;
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LiveDepsOptions) {
    this.deps = createDeps({
      seedsDir: options.seedsDir,
      intentsDir: options.intentsDir,
      cacheDir: options.cacheDir,
      onWarning: (m) => options.log?.(`warning: ${m}`, "warning"),
    });
    this.goodSources = new Set(this.deps.index.corpus.articles.map((a) => a.source));
  }

  /** The set in use now. */
  current(): Deps {
    return this.deps;
  }

  /** Rebuilds from disk; swaps only when the new set is sound. Returns whether it swapped. */
  reload(): { ok: boolean; reason: string } {
    try {
      const next = buildDepsFromFolder(this.options.seedsDir, this.options.intentsDir);
      const corpus = next.index.corpus;
      if (corpus.articles.length === 0) return this.keep("no readable article");
      const loaded = new Set(corpus.articles.map((a) => a.source));
      const broken = corpus.warnings.filter((w) =>
        [...this.goodSources].some((s) => w.includes(`article ${s}:`) && !loaded.has(s)),
      );
      if (broken.length) return this.keep(broken.join("; "));
      this.deps = next;
      this.goodSources = loaded;
      for (const w of corpus.warnings) this.options.log?.(`warning: ${w}`, "warning");
      const reason = `reloaded ${corpus.articles.length} articles and ${next.intents.intents.length} intents`;
      this.options.log?.(reason);
      return { ok: true, reason };
    } catch (err) {
      return this.keep((err as Error).message);
    }
  }

  private keep(reason: string): { ok: boolean; reason: string } {
    const message = `reload refused, still serving the last good articles and intents: ${reason}`;
    this.options.log?.(message);
    return { ok: false, reason: message };
  }

  /** Watches the seeds and intents folders and reloads shortly after they change. */
  watch(): void {
    const schedule = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), this.options.debounceMs ?? 500);
      this.timer.unref();
    };
    for (const dir of [this.options.seedsDir, this.options.intentsDir]) {
      try {
        const w = watch(dir, { recursive: true }, schedule);
        w.on("error", (err) => this.options.log?.(`cannot watch ${dir}: ${err.message}`));
        this.watchers.push(w);
      } catch (err) {
        this.options.log?.(`cannot watch ${dir}: ${(err as Error).message}`);
      }
    }
  }

  /** Stops watching. */
  close(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
