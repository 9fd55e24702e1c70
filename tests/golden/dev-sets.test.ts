import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toContract } from "../../src/answer/types.js";
import { answer } from "../../src/core.js";
import { judge, readQuestions } from "../../src/eval/judge.js";
import { depsFor, ROOT, SEEDS, seedsDeps } from "../helpers/fixtures.js";

const EVAL = join(ROOT, "tests/fixtures/eval");

function run(file: string, seedsDir: string, deps = depsFor(seedsDir)) {
  const questions = readQuestions(file);
  const failures = questions
    .map((q) => ({ q, why: judge(q, toContract(answer(q.q, deps)), seedsDir) }))
    .filter((f) => f.why.length > 0);
  return { total: questions.length, right: questions.length - failures.length, failures };
}

describe("golden: the dev sets through the core", () => {
  it("gets every question of dev.jsonl fully right (issue 2 asked for 90%, issue 4 for all)", () => {
    const r = run(join(EVAL, "dev.jsonl"), SEEDS, seedsDeps());
    const report = r.failures.map((f) => `${f.q.id} ${f.q.q}: ${f.why.join("; ")}`).join("\n");
    expect(r.right / r.total, report).toBe(1);
  });

  it("gets at least 65% of the Normans set (another corpus, SQuAD 2.0) fully right (issue 4)", () => {
    const seeds = join(EVAL, "normans/seeds");
    const r = run(join(EVAL, "normans/dev.jsonl"), seeds);
    // Measured 66.3% (69/104); issue 4's target is 65%.
    const report = r.failures.map((f) => `${f.q.id} ${f.q.q}: ${f.why.join("; ")}`).join("\n");
    expect(r.right / r.total, report).toBeGreaterThanOrEqual(0.65);
  });
});
