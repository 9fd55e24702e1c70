#!/usr/bin/env node
import { intentsDirFrom } from "../config-paths.js";
import { loadModels } from "../core.js";
import { parseTrainArgs, setsOf } from "../train/cli.js";
import { comparisonLines, readOutcomes, saveOutcomes } from "../train/compare.js";
import {
  answerAll,
  crossValidate,
  loadSet,
  type Outcome,
  reportOf,
  weigh,
  why,
  withOffTopic,
} from "../train/run.js";
import { runMain } from "./run-main.js";

const USAGE =
  "usage: npm run eval -- FILE.jsonl [--seeds DIR] [--folds K] | npm run eval -- --all [--data DIR] [--folds K] [--failures N] [--save FILE] [--against FILE]";

/**
 * `npm run eval`: runs question files through the core and prints the stage figures of each set:
 * share fully right, abstention precision and recall, retrieval recall@1/5/20, the span when
 * the sentence was right, a calibration table, figures by language, answer type and intent, and
 * the failures with why. With `--folds K` the models are fitted on K-1 parts and each part is
 * scored by the models that did not see it (by article where a set has several); without it,
 * the committed weights answer (in sample on the dev sets).
 */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const args = parseTrainArgs(argv);
  const sets = setsOf(args);
  if (sets.length === 0) {
    process.stderr.write(`no dev sets found\n${USAGE}\n`);
    return 2;
  }
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const own = sets.map((s) => loadSet(s, intentsDirFrom()));
  // with every dev set: each set's articles are also asked the other sets' questions (off-topic)
  const loaded = withOffTopic(own);
  weigh(loaded, args.weighting);
  let outcomes: Outcome[];
  if (args.folds) outcomes = crossValidate(loaded, args.folds, log);
  else {
    const models = loadModels();
    outcomes = answerAll(loaded, () => models);
  }
  const out: string[] = [
    args.folds ? `cross-validated, ${args.folds} folds` : "committed weights (in sample on the dev sets)",
  ];
  for (const l of loaded) {
    const mine = outcomes.filter((o) => o.set === l.set.name);
    out.push(...reportOf(l, outcomes));
    const failed = mine.filter((o) => o.failures.length > 0);
    out.push(
      `  failures: ${failed.length}${failed.length > args.failures ? ` (first ${args.failures})` : ""}`,
    );
    for (const o of failed.slice(0, args.failures))
      out.push(
        `    ${o.question.id} "${o.question.q}" -> ${o.answer.answer.slice(0, 80)} | ${o.failures.join("; ").slice(0, 80)} | ${why(o)}`,
      );
  }
  const saved = outcomes.map((o) => ({ set: o.set, id: o.question.id, right: o.failures.length === 0 }));
  if (args.against) out.push(...comparisonLines(args.against, readOutcomes(args.against), saved));
  if (args.save) saveOutcomes(args.save, saved);
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

runMain(main);
