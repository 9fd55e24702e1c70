import { cpSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { AnswerWorker } from "../../src/answer-worker/pool.js";
import { catalogOf } from "../../src/answering.js";
import { answer } from "../../src/core.js";
import { INTENTS, ROOT, SEEDS, seedsDeps, tempDir } from "../helpers/fixtures.js";

// The worker runs compiled code (npm test builds first): a worker thread cannot load TypeScript.
const workerUrl = pathToFileURL(join(ROOT, "dist/answer-worker/worker.js"));
const QUESTIONS = [
  "Who leads Tokyo?",
  "Where are the offices?",
  "Wer leitet das Büro in Tokio?",
  "What's the weather in Paris?",
  "help",
];

describe("the answering worker", () => {
  const logs: string[] = [];
  const kinds: [string, string | undefined][] = [];
  const started = AnswerWorker.start({
    seedsDir: SEEDS,
    intentsDir: INTENTS,
    watch: false,
    workerUrl,
    log: (m, kind) => {
      logs.push(m);
      kinds.push([m, kind]);
    },
  });
  afterAll(async () => (await started).close());

  it("answers exactly as the core does on this thread", async () => {
    const pool = await started;
    for (const q of QUESTIONS) expect(await pool.ask(q)).toEqual(answer(q, seedsDeps()));
    expect(logs.join("\n")).toMatch(/answering worker ready: 5 articles/);
    // a caller drops a start by its kind, not its wording
    expect(kinds.find(([m]) => m.startsWith("answering worker ready"))?.[1]).toBe("ready");
  });

  it("gives the articles and the checked suggestions of each language, as the core does", async () => {
    const pool = await started;
    for (const language of ["en", "de"] as const) {
      const catalog = await pool.catalog(language);
      expect(catalog).toEqual(catalogOf(seedsDeps(), language));
      expect(catalog.articles).toHaveLength(5);
    }
  });

  it("gives each of many concurrent questions its own answer", async () => {
    const pool = await started;
    const asked = Array.from({ length: 60 }, (_, i) => QUESTIONS[i % QUESTIONS.length] as string);
    const answers = await Promise.all(asked.map((q) => pool.ask(q)));
    answers.forEach((a, i) => {
      expect(a).toEqual(answer(asked[i] as string, seedsDeps()));
    });
  });

  it("restarts after the worker dies: the questions it held are asked again on the new one, none dropped", async () => {
    const pool = await started;
    const expected = answer("Where are the offices?", seedsDeps());
    // Questions in flight when the worker dies, and more asked while the new one loads.
    const held = Array.from({ length: 300 }, () => pool.ask("Where are the offices?"));
    expect(pool.ready).toBe(true);
    await (pool as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    // Not ready (GET /healthz says so) until the new worker has loaded the index.
    expect(pool.ready).toBe(false);
    const meanwhile = Array.from({ length: 20 }, () => pool.ask("Where are the offices?"));
    const settled = await Promise.allSettled([...held, ...meanwhile]);
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]);
    for (const r of settled) expect((r as PromiseFulfilledResult<unknown>).value).toEqual(expected);
    expect(logs.join("\n")).toMatch(
      /starting a new one, which will be asked the \d+ question\(s\) in flight again/,
    );
    expect((await pool.ask("Who leads Tokyo?")).answer).toBe(answer("Who leads Tokyo?", seedsDeps()).answer);
    expect(pool.ready).toBe(true);
  });

  it("fails to start with the loading error, naming the broken intent file", async () => {
    const intents = tempDir({
      "broken.yml": "id: broken\ndescription: ''\nexamples: {en: [a question]}\n",
    });
    cpSync(join(INTENTS, "lexicon"), join(intents, "lexicon"), { recursive: true });
    await expect(
      AnswerWorker.start({ seedsDir: SEEDS, intentsDir: intents, watch: false, workerUrl }),
    ).rejects.toThrow(/broken\.yml/);
  });
});
