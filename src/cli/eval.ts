#!/usr/bin/env node
import { toContract } from "../answer/types.js";
import { intentsDirFrom, seedsDirFrom } from "../config-paths.js";
import { answer, createDeps } from "../core.js";
import { judge, readQuestions } from "../eval/judge.js";
import { parseArgs } from "./args.js";
import { runMain } from "./run-main.js";

const USAGE = "usage: npm run eval -- FILE.jsonl [--seeds DIR]";

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");

/**
 * `npm run eval -- FILE [--seeds DIR]`: runs a question file through the core and reports the
 * share fully right (the reference scorer's checks), accuracy per intent, questions routed to a
 * wrong intent (when the file gives `intent`), abstention precision and recall, the median
 * answer length, and every failure.
 */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || !args.question) {
    process.stderr.write(`${USAGE}\n`);
    return args.help ? 0 : 2;
  }
  const seedsDir = seedsDirFrom(args.seeds);
  const deps = createDeps({
    seedsDir,
    intentsDir: intentsDirFrom(),
    onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
  });
  const questions = readQuestions(args.question);
  const perIntent = new Map<string, { n: number; right: number }>();
  const misrouted: string[] = [];
  const failures: string[] = [];
  const lengths: number[] = [];
  let right = 0;
  let abstained = 0;
  let abstainedCorrectly = 0;
  const shouldAbstain = questions.filter((q) => q.kind === "abstain").length;
  for (const q of questions) {
    const a = toContract(answer(q.q, deps));
    const why = judge(q, a, seedsDir);
    const stat = perIntent.get(a.intent) ?? { n: 0, right: 0 };
    stat.n++;
    if (why.length === 0) {
      right++;
      stat.right++;
    } else failures.push(`${q.id} [${a.intent}] "${q.q}": ${why.join("; ")}`);
    perIntent.set(a.intent, stat);
    if (q.intent && q.intent !== a.intent)
      misrouted.push(`${q.id} "${q.q}": expected ${q.intent}, got ${a.intent}`);
    if (!a.answered) {
      abstained++;
      if (q.kind === "abstain") abstainedCorrectly++;
    } else if (q.kind !== "list") lengths.push(a.answer.length);
  }
  lengths.sort((x, y) => x - y);
  const out: string[] = [];
  out.push(`fully right: ${right}/${questions.length} (${pct(right, questions.length)})`);
  out.push(
    `abstention: precision ${pct(abstainedCorrectly, abstained)} (${abstainedCorrectly}/${abstained}), recall ${pct(abstainedCorrectly, shouldAbstain)} (${abstainedCorrectly}/${shouldAbstain})`,
  );
  out.push(`median answer length (answered, not lists): ${lengths[lengths.length >> 1] ?? 0} chars`);
  out.push("per intent:");
  for (const [id, s] of [...perIntent].sort((x, y) => y[1].n - x[1].n))
    out.push(`  ${id.padEnd(12)} ${s.right}/${s.n} (${pct(s.right, s.n)})`);
  if (questions.some((q) => q.intent))
    out.push(`routed to a wrong intent: ${misrouted.length}`, ...misrouted.map((m) => `  ${m}`));
  out.push(`failures: ${failures.length}`, ...failures.map((f) => `  ${f}`));
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

runMain(main);
