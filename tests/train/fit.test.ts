import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvalQuestion } from "../../src/eval/judge.js";
import { untrainedModels } from "../../src/ranking/weights.js";
import { accepted, holdsAnswer, isAnswerSpan } from "../../src/train/fit.js";
import {
  answerAll,
  auc,
  decisionRanking,
  examplesOf,
  loadSet,
  offTopicReport,
  offTopicSets,
  thresholdSweep,
  weigh,
} from "../../src/train/run.js";
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
    // two questions are right only if answered, one only if abstained on, all at p = 0.5: a tie
    expect(decisionRanking(outcomes)).toBe("AUC 0.500 (2 right only answered, 1 right only abstained)");
  });
});

describe("auc", () => {
  it("is the chance that a value of the first list beats one of the second, ties counting half", () => {
    expect(auc([2, 3], [1])).toBe(1);
    expect(auc([1], [2, 3])).toBe(0);
    expect(auc([1, 1], [1])).toBe(0.5);
    // 3 beats 1 and 2, 1.5 beats 1 only, ties with nothing: 3 of 4 pairs
    expect(auc([3, 1.5], [1, 2])).toBe(0.75);
    expect(auc([2, 0], [2, 1])).toBe(0.375);
  });
});

describe("offTopicSets", () => {
  /** A made-up set: its articles (file stem -> text) and its questions, in a folder of its own. */
  const made = (name: string, articles: Record<string, string>, questions: Partial<EvalQuestion>[]) => {
    const dir = mkdtempSync(join(tmpdir(), `off-${name}-`));
    const seeds = join(dir, "seeds");
    mkdirSync(seeds);
    for (const [stem, text] of Object.entries(articles)) writeFileSync(join(seeds, `${stem}.txt`), text);
    const lines = questions.map((x, i) => JSON.stringify({ id: `${name}${i}`, kind: "answer", ...x }));
    writeFileSync(join(dir, "q.jsonl"), `${lines.join("\n")}\n`);
    const set: DevSet = {
      name,
      questionsFile: join(dir, "q.jsonl"),
      seedsDir: seeds,
      articleOf: (x) => x.src?.[0],
      foldBy: Object.keys(articles).length > 1 ? "article" : "question",
    };
    return loadSet(set, "intents");
  };
  const river = "The Arlen river rises in the Kesh hills and meets the sea at Porvath.\n";
  const bridge = "The Tamsin bridge over the Arlen was built by Oda Fenn in 1881.\n";
  const mills = made("mills", { mill: "The Brenna mill was opened by Ida Roche in Telgard.\n" }, [
    { q: "Who opened the Brenna mill?", any: ["Ida Roche"] },
    { q: "Where is the Brenna mill?", any: ["Telgard"] },
    { q: "help" },
  ]);
  const wiki = made("wiki", { river, bridge }, [
    { q: "Where does the Arlen river rise?", any: ["Kesh hills"], src: ["river"] },
    { q: "Who built the Tamsin bridge?", any: ["Oda Fenn"], src: ["bridge"] },
    { q: "When was the Tamsin bridge built?", any: ["1881"], src: ["bridge"] },
  ]);
  const copy = made("copy", { river }, [
    { q: "Where does the Arlen meet the sea?", any: ["Porvath"], src: ["river"] },
  ]);
  const sets = [mills, wiki, copy];
  const off = offTopicSets(sets);
  const ids = (name: string) => off.find((l) => l.set.name === name)?.questions.map((x) => x.id) ?? [];

  it("asks each set's articles the questions of the other sets about articles it does not hold", () => {
    // the mills hold neither article: every other question, but no meta one ("help")
    expect(ids("mills off-topic").sort()).toEqual([
      "copy/copy0@mills",
      "wiki/wiki0@mills",
      "wiki/wiki1@mills",
      "wiki/wiki2@mills",
    ]);
    // the copy shares the river with wiki: wiki's river question is not off-topic for it, nor is the copy's for wiki
    expect(ids("copy off-topic").sort()).toEqual([
      "mills/mills0@copy",
      "mills/mills1@copy",
      "wiki/wiki1@copy",
      "wiki/wiki2@copy",
    ]);
    expect(ids("wiki off-topic").sort()).toEqual(["mills/mills0@wiki", "mills/mills1@wiki"]);
    for (const l of off) for (const x of l.questions) expect(x.kind).toBe("abstain");
  });

  it("deals at most the given number, evenly from each other set", () => {
    const two = offTopicSets(sets, 2).find((l) => l.set.name === "mills off-topic");
    expect(two?.questions.map((x) => x.id.replace(/\/.*/, "")).sort()).toEqual(["copy", "wiki"]);
  });

  it("is scored, never fitted on, each question in its source's fold", () => {
    weigh([...sets, ...off], "sets");
    const fitted = examplesOf([...sets, ...off]);
    expect(fitted.some((e) => e.set.endsWith("off-topic"))).toBe(false);
    expect(fitted.length).toBe(6);
    const onMills = off[0] as (typeof off)[number];
    const sourceFolds = new Map(
      [mills, wiki, copy].flatMap((l) => {
        const f = foldsOf(l.set, l.questions, 3);
        return l.questions.map((x, i): [string, number | undefined] => [`${l.set.name}/${x.id}@mills`, f[i]]);
      }),
    );
    expect(onMills.offTopic?.folds(3)).toEqual(onMills.questions.map((x) => sourceFolds.get(x.id)));
  });

  it("reports how often the articles' bot abstained", () => {
    const models = { ...untrainedModels(), thresholds: { answer: 0.5, span: 2, spanOther: 2, list: 2 } };
    const outcomes = answerAll(off, () => models);
    const line = offTopicReport(
      outcomes.filter((o) => o.set === "wiki off-topic"),
      "wiki off-topic",
    );
    expect(line).toMatch(/^wiki off-topic: abstained \d\/2 \(\d+\.\d%\)/);
  });
});
