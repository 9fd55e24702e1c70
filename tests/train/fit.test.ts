import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvalQuestion } from "../../src/eval/judge.js";
import { untrainedModels } from "../../src/ranking/weights.js";
import { accepted, holdsAnswer, isAnswerSpan } from "../../src/train/fit.js";
import { answerAll, loadSet, thresholdSweep } from "../../src/train/run.js";
import { type DevSet, foldsOf } from "../../src/train/sets.js";

const q = (over: Partial<EvalQuestion>): EvalQuestion => ({ id: "x", q: "?", kind: "answer", ...over });

describe("accepted", () => {
  it("normalises the accepted answers, every item of a list, none for an abstention", () => {
    expect(accepted(q({ any: ["  Ida  Roche ", "Roche"] }))).toEqual(["ida roche", "roche"]);
    expect(accepted(q({ kind: "list", all: [["A"], ["B", "b2"]] }))).toEqual(["a", "b", "b2"]);
    expect(accepted(q({ kind: "abstain" }))).toEqual([]);
  });
});

describe("holdsAnswer and isAnswerSpan", () => {
  it("a sentence holds an answer it contains; a span is one when it is not much longer", () => {
    expect(holdsAnswer("The office is led by Ida Roche.", ["ida roche"])).toBe(true);
    expect(holdsAnswer("The office is led by Ida.", ["ida roche"])).toBe(false);
    expect(isAnswerSpan("Ida Roche", ["ida roche"])).toBe(true);
    expect(isAnswerSpan("led by Ida Roche", ["ida roche"])).toBe(true);
    expect(isAnswerSpan("The office is led by Ida Roche, an engineer", ["ida roche"])).toBe(false);
  });
});

describe("foldsOf", () => {
  const set = (foldBy: DevSet["foldBy"]): DevSet => ({
    name: "s",
    questionsFile: "",
    seedsDir: "",
    articleOf: (x) => x.src?.[0],
    foldBy,
  });
  it("keeps every question about one article in one fold", () => {
    const qs = ["a", "b", "c", "a", "b", "c", "a"].map((src, i) => q({ id: `q${i}`, src: [src] }));
    const folds = foldsOf(set("article"), qs, 3);
    expect(folds[0]).toBe(folds[3]);
    expect(folds[3]).toBe(folds[6]);
    expect(new Set(folds).size).toBe(3);
  });
  it("splits by question id when asked, the same each time", () => {
    const qs = Array.from({ length: 50 }, (_, i) => q({ id: `q${i}` }));
    const a = foldsOf(set("question"), qs, 5);
    expect(a).toEqual(foldsOf(set("question"), qs, 5));
    expect(new Set(a).size).toBe(5);
  });
});

describe("thresholdSweep", () => {
  it("re-answers held-out outcomes at other answer thresholds: answering or abstaining as each would", () => {
    const dir = mkdtempSync(join(tmpdir(), "sweep-"));
    const seeds = join(dir, "seeds");
    mkdirSync(seeds);
    writeFileSync(join(seeds, "mill.txt"), "The Brenna mill was opened by Ida Roche in Telgard.\n");
    const questions = [
      { id: "a", q: "Who opened the Brenna mill?", kind: "answer", any: ["Ida Roche"], src: ["mill"] },
      { id: "b", q: "Where was the Brenna mill opened?", kind: "answer", any: ["Telgard"], src: ["mill"] },
      { id: "c", q: "When did the Brenna mill close?", kind: "abstain" },
    ];
    writeFileSync(join(dir, "q.jsonl"), `${questions.map((x) => JSON.stringify(x)).join("\n")}\n`);
    const set: DevSet = {
      name: "made-up",
      questionsFile: join(dir, "q.jsonl"),
      seedsDir: seeds,
      articleOf: () => undefined,
      foldBy: "question",
    };
    const loaded = loadSet(set, "intents");
    // Untrained models weigh nothing: every answer probability is 0.5, and the one sentence is the reply.
    const models = { ...untrainedModels(), thresholds: { answer: 0.5, span: 2, spanOther: 2, list: 2 } };
    const outcomes = answerAll([loaded], () => models);
    expect(thresholdSweep(outcomes)).toBe("0.2: 2, 0.3: 2, 0.4: 2, 0.5: 2, 0.6: 1, 0.7: 1, 0.8: 1");
  });
});
