import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answer, createDeps } from "../../src/core.js";
import { joinTexts, splitTexts } from "../../src/retrieval/cache.js";
import { FICTION, INTENTS, tempDir } from "../helpers/fixtures.js";

const QUESTIONS = [
  "Who leads the Berlin office?",
  "How much did Northwind raise?",
  "Where are Acme's offices?",
  "Who founded Amazon?",
];

/** Builds the answering deps of a folder through the cache; `cached` says whether it was used. */
function load(seedsDir: string, cacheDir: string, onWarning?: (w: string) => void) {
  let cached: boolean | undefined;
  const deps = createDeps({
    seedsDir,
    intentsDir: INTENTS,
    cacheDir,
    onWarning,
    onTiming: (t) => {
      cached = t.cached;
    },
  });
  return { deps, cached };
}

describe("the persistent index cache", () => {
  it("answers the same from a warm cache as from a fresh build, and says it used the cache", () => {
    const seeds = tempDir(FICTION);
    const cacheDir = tempDir();
    const first = load(seeds, cacheDir);
    const second = load(seeds, cacheDir);
    expect([first.cached, second.cached]).toEqual([false, true]);
    const cold = first.deps;
    const warm = second.deps;
    for (const q of QUESTIONS) expect(answer(q, warm)).toEqual(answer(q, cold));
    expect(warm.index.corpus.sentences.map((s) => s.text)).toEqual(
      cold.index.corpus.sentences.map((s) => s.text),
    );
    // The whole corpus comes back: texts, articles with their sentence ids, sentences.
    expect(warm.index.corpus).toEqual(cold.index.corpus);
  });

  it("is rebuilt when an article changes", () => {
    const seeds = tempDir(FICTION);
    const cacheDir = tempDir();
    load(seeds, cacheDir);
    writeFileSync(
      join(seeds, "acme.md"),
      "The Berlin office of Acme is led by Lars Novak, the former head of sales.\n",
    );
    const { deps, cached } = load(seeds, cacheDir);
    expect(cached).toBe(false);
    expect(answer("Who leads the Berlin office?", deps).answer).toBe("Lars Novak");
  });

  it("is rebuilt, never trusted, when its file is corrupt", () => {
    const seeds = tempDir(FICTION);
    const cacheDir = tempDir();
    load(seeds, cacheDir);
    for (const f of readdirSync(cacheDir)) writeFileSync(join(cacheDir, f), "not a cache");
    const { deps, cached } = load(seeds, cacheDir);
    expect(cached).toBe(false);
    expect(answer("Who leads the Berlin office?", deps).answer).toBe("Maria Okafor");
  });

  it("replays the warnings of skipped files from the cache", () => {
    const seeds = tempDir({ ...FICTION, "empty.txt": "" });
    const cacheDir = tempDir();
    load(seeds, cacheDir);
    const warnings: string[] = [];
    load(seeds, cacheDir, (w) => warnings.push(w));
    expect(warnings).toEqual([expect.stringMatching(/empty\.txt: the file is empty/)]);
  });
});

describe("the cache folder", () => {
  it("keeps at most 20 folders' indexes", () => {
    const cacheDir = tempDir();
    for (let i = 0; i < 23; i++) {
      load(tempDir({ "a.txt": `Article number ${i} says Acme opened an office.\n` }), cacheDir);
    }
    expect(readdirSync(cacheDir).filter((f) => /^index-.*\.bin$/.test(f))).toHaveLength(20);
  });
});

describe("the texts as the cache stores them", () => {
  const lengths = (texts: string[]) => Int32Array.from(texts, (t) => t.length);

  it("gives back every text, joined into strings of at most the given length", () => {
    const texts = ["", "alpha", "", "beta gamma", "a text longer than the limit", "d", "", "e", ""];
    for (const max of [1, 6, 12, 1_000]) {
      const joined = joinTexts(texts, max);
      expect(joined.join("")).toBe(texts.join(""));
      expect(splitTexts(joined, lengths(texts))).toEqual(texts);
    }
    expect(joinTexts(texts, 12)).toEqual(["alpha", "beta gamma", "a text longer than the limit", "de"]);
    expect(splitTexts(joinTexts([], 12), lengths([]))).toEqual([]);
  });

  it("refuses lengths that do not add up (a damaged cache is rebuilt)", () => {
    const texts = ["alpha", "beta"];
    expect(splitTexts(joinTexts(texts, 100), Int32Array.from([5, 3]))).toBeUndefined();
    expect(splitTexts(joinTexts(texts, 100), Int32Array.from([5, 5]))).toBeUndefined();
  });
});
