#!/usr/bin/env node
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { intentsDirFrom } from "../config-paths.js";
import { WEIGHTS_FILE } from "../core.js";
import { splitsPerFeature } from "../ranking/trees.js";
import { serializeWeights, type WeightsFile } from "../ranking/weights.js";
import { parseTrainArgs, setsOf } from "../train/cli.js";
import { fitModels } from "../train/fit.js";
import {
  answerAll,
  crossValidate,
  examplesOf,
  loadSet,
  reportOf,
  weigh,
  withOffTopic,
} from "../train/run.js";
import { runMain } from "./run-main.js";

const USAGE = "usage: npm run train [-- --data DIR] [--folds K] [--out FILE]";

/**
 * `npm run train`: fits the answering models and thresholds on every dev set (../shared/eval by
 * default) and writes them to model/weights.json, with a training report beside it (the fitted
 * weights, the figures in sample and, with --folds K, cross-validated).
 */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseTrainArgs(argv);
  const sets = setsOf(args);
  if (sets.length === 0) {
    process.stderr.write(`no dev sets under ${args.data}\n${USAGE}\n`);
    return 2;
  }
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const own = sets.map((s) => {
    const t0 = performance.now();
    const l = loadSet(s, intentsDirFrom());
    log(`${s.name}: ${l.questions.length} questions analysed in ${Math.round(performance.now() - t0)} ms`);
    return l;
  });
  // every set's articles are also asked the other sets' questions: scored, never fitted on
  const loaded = withOffTopic(own);
  weigh(loaded, args.weighting);
  const { models, report: fit } = fitModels(examplesOf(loaded));
  const file = args.out ?? WEIGHTS_FILE;
  const trainedOn = Object.fromEntries(own.map((l) => [l.set.name, l.questions.length]));
  const weights: WeightsFile = { trainedOn, models };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, serializeWeights(weights));
  const lines = [
    "# Training report",
    "",
    `Written by \`npm run train${argv.length ? ` -- ${argv.join(" ")}` : ""}\`: the models of model/weights.json, fitted on ${Object.entries(
      trainedOn,
    )
      .map(([k, v]) => `${k} (${v})`)
      .join(", ")}.`,
    `Rows: ${fit.rows.sentence} sentences, ${fit.rows.span} spans, ${fit.rows.decision} decisions.`,
    "",
    `Thresholds: answer ${models.thresholds.answer}, span ${models.thresholds.span} (factoid questions), ${models.thresholds.spanOther} (others), list ${models.thresholds.list}.`,
    "",
  ];
  for (const [name, m] of [
    ["sentence", models.sentence],
    ["span", models.span],
    ["decision", models.decision],
    ["confidence", models.confidence],
  ] as const) {
    lines.push(`## ${name} model (bias ${m.bias.toFixed(3)})`, "");
    // a model with trees has a column of their splits per feature
    const splits = m.trees && splitsPerFeature(m.trees, m.features.length);
    if (m.trees)
      lines.push(
        `A logistic model and ${m.trees.length} trees added to its log-odds (src/ranking/trees.ts); the trees' splits per feature:`,
        "",
      );
    lines.push(
      splits ? "| feature | weight | splits |" : "| feature | weight |",
      splits ? "|---|---|---|" : "|---|---|",
    );
    for (const [i, f] of m.features.entries())
      lines.push(`| ${f} | ${(m.weights[i] as number).toFixed(3)} |${splits ? ` ${splits[i]} |` : ""}`);
    lines.push("");
  }
  lines.push("## In sample (fitted and scored on the same questions)", "", "```");
  const inSample = answerAll(loaded, () => models);
  for (const l of loaded) lines.push(...reportOf(l, inSample));
  lines.push("```", "");
  if (args.folds) {
    const cv = crossValidate(loaded, args.folds, log);
    lines.push(
      `## Cross-validated (${args.folds} folds: by article, by question for seeds and normans)`,
      "",
      "```",
    );
    for (const l of loaded) lines.push(...reportOf(l, cv));
    lines.push("```", "");
  }
  writeFileSync(`${file.replace(/\.json$/, "")}-report.md`, `${lines.join("\n")}\n`);
  process.stdout.write(`${lines.join("\n")}\n`);
  log(`wrote ${file}`);
  return 0;
}

runMain(main);
