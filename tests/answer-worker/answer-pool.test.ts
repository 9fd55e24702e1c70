import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { AnswerPool, type QuestionTaker, ThisThreadTaker } from "../../src/answer-worker/answer-pool.js";
import { AnswerWorker } from "../../src/answer-worker/pool.js";
import { answer } from "../../src/core.js";
import { INTENTS, ROOT, SEEDS, seedsDeps, tempDir } from "../helpers/fixtures.js";

const workerUrl = pathToFileURL(join(ROOT, "dist/answer-worker/worker.js"));

/** A stand-in taker: answers in order after `delayMs`, remembering what it was asked. */
class FakeTaker implements QuestionTaker {
  readonly asked: string[] = [];
  private queue = Promise.resolve();
  closed = false;
  constructor(
    private readonly delayMs = 1,
    private readonly failOn = "",
  ) {}
  ask(question: string): Promise<Answer> {
    this.asked.push(question);
    const done = this.queue.then(
      () =>
        new Promise<Answer>((resolve, reject) =>
          setTimeout(
            () =>
              question === this.failOn
                ? reject(new Error("this one fails"))
                : resolve({ question, answered: true } as Answer),
            this.delayMs,
          ),
        ),
    );
    this.queue = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }
  async close() {
    this.closed = true;
  }
}

/** The lengths of the runs of consecutive question numbers in `asked`. */
function runsOf(asked: string[]): number[] {
  const runs: number[] = [];
  asked.forEach((q, i) => {
    if (i > 0 && Number(q) === Number(asked[i - 1]) + 1) runs[runs.length - 1] = (runs.at(-1) ?? 0) + 1;
    else runs.push(1);
  });
  return runs;
}

describe("AnswerPool", () => {
  it("deals a batch in runs of consecutive questions to every taker and answers each question with its own answer", async () => {
    const takers = [new FakeTaker(), new FakeTaker()];
    const pool = new AnswerPool(takers);
    const questions = Array.from({ length: 300 }, (_, i) => String(i));
    const answers = await Promise.all(questions.map((q) => pool.ask(q)));
    expect(answers.map((a) => a.question)).toEqual(questions);
    expect(takers[0]?.asked.length).toBeGreaterThan(50);
    expect(takers[1]?.asked.length).toBeGreaterThan(50);
    expect((takers[0]?.asked.length ?? 0) + (takers[1]?.asked.length ?? 0)).toBe(300);
    for (const t of takers) {
      const runs = runsOf(t.asked);
      // long runs, fewer as the batch runs out (not one by one in turn, nor in runs of a few)
      expect(runs[0]).toBeGreaterThanOrEqual(50);
      expect(runs.length).toBeLessThanOrEqual(12);
      // each taker is given its questions in the order they were asked
      expect(t.asked.map(Number)).toEqual([...t.asked.map(Number)].sort((a, b) => a - b));
    }
  });

  it("a trickle of questions, each asked once the one before is answered, stays on one taker", async () => {
    const takers = [new FakeTaker(), new FakeTaker()];
    const pool = new AnswerPool(takers);
    for (let i = 0; i < 20; i++) expect((await pool.ask(`q${i}`)).question).toBe(`q${i}`);
    expect(takers[0]?.asked).toHaveLength(20);
    expect(takers[1]?.asked).toHaveLength(0);
  });

  it("a question its taker fails on is rejected alone; the others are answered", async () => {
    const pool = new AnswerPool([new FakeTaker(1, "5"), new FakeTaker(1, "5")]);
    const settled = await Promise.allSettled(Array.from({ length: 80 }, (_, i) => pool.ask(String(i))));
    expect(
      settled.filter((s) => s.status === "rejected").map((s) => (s as PromiseRejectedResult).reason.message),
    ).toEqual(["this one fails"]);
    expect(settled[5]?.status).toBe("rejected");
  });

  it("close rejects the questions still waiting and closes every taker", async () => {
    const takers = [new FakeTaker(20), new FakeTaker(20)];
    const pool = new AnswerPool(takers, undefined, 0.2, 1);
    const asked = Array.from({ length: 10 }, (_, i) => pool.ask(String(i)));
    // once dealt (the next turn of the event loop): 1 to the first taker, 1 to the second
    await new Promise((turn) => setImmediate(turn));
    await pool.close();
    const settled = await Promise.allSettled(asked);
    // 0.2 * 10 / 2 = 1 to the first taker, 1 to the second; the other 8 waited
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(8);
    expect(takers.every((t) => t.closed)).toBe(true);
  });

  it("starts its helpers once a backlog builds up, and deals to them too", async () => {
    const helper = new FakeTaker();
    let starts = 0;
    const first = new FakeTaker();
    const pool = new AnswerPool([first], {
      count: 1,
      whenWaiting: 40,
      start: async () => {
        starts++;
        return helper;
      },
    });
    const questions = Array.from({ length: 200 }, (_, i) => String(i));
    const answers = await Promise.all(questions.map((q) => pool.ask(q)));
    expect(answers.map((a) => a.question)).toEqual(questions);
    expect(starts).toBe(1);
    expect(pool.size).toBe(2);
    expect(helper.asked.length).toBeGreaterThan(20);
    expect(first.asked.length + helper.asked.length).toBe(200);
  });

  it("a trickle never starts the helpers", async () => {
    let starts = 0;
    const pool = new AnswerPool([new FakeTaker()], {
      count: 1,
      whenWaiting: 2,
      start: async () => {
        starts++;
        return new FakeTaker();
      },
    });
    for (let i = 0; i < 20; i++) await pool.ask(String(i));
    expect(starts).toBe(0);
  });

  it("this thread and an answering thread: the answers are the core's on this thread", async () => {
    const deps = seedsDeps();
    let helped = 0;
    const pool = new AnswerPool([new ThisThreadTaker((q) => answer(q, deps))], {
      count: 1,
      whenWaiting: 10,
      start: async () => {
        const worker = await AnswerWorker.start({
          seedsDir: SEEDS,
          intentsDir: INTENTS,
          watch: false,
          workerUrl,
        });
        return {
          ask: (q: string) => {
            helped++;
            return worker.ask(q);
          },
          close: () => worker.close(),
        };
      },
    });
    try {
      const questions = [
        "Who leads Tokyo?",
        "Wer leitet das Büro in Tokio?",
        "What's the weather in Paris?",
        "help",
      ];
      const many = Array.from({ length: 400 }, (_, i) => questions[i % questions.length] as string);
      const answers = await Promise.all(many.map((q) => pool.ask(q)));
      answers.forEach((a, i) => {
        expect(a).toEqual(answer(many[i] as string, deps));
      });
      expect(pool.size).toBe(2);
      expect(helped).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it("a helper that cannot start is logged and the pool answers without it", async () => {
    const logs: string[] = [];
    const empty = tempDir({});
    const pool = new AnswerPool([new FakeTaker()], {
      count: 1,
      whenWaiting: 5,
      start: () =>
        AnswerWorker.start({
          seedsDir: join(empty, "missing"),
          intentsDir: INTENTS,
          watch: false,
          workerUrl,
        }),
      log: (m) => logs.push(m),
    });
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => pool.ask(String(i))));
    expect(answers).toHaveLength(300);
    await pool.close();
    expect(pool.size).toBe(1);
    expect(logs.join("\n")).toMatch(/an answering thread could not start: .*missing/);
  });
});
