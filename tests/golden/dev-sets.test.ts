import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModels, WEIGHTS_FILE } from "../../src/core.js";
import { serializeWeights } from "../../src/ranking/weights.js";
import { fitModels, MAX_MEDIAN_ANSWER } from "../../src/train/fit.js";
import {
  answerAll,
  crossValidate,
  examplesOf,
  factoidAnswerLengths,
  type LoadedSet,
  loadSet,
  type Outcome,
  offTopicSets,
  weigh,
} from "../../src/train/run.js";
import { devSets } from "../../src/train/sets.js";
import { INTENTS, ROOT, SEEDS } from "../helpers/fixtures.js";

/** The dev sets of ../shared/eval (CI has a copy of shared/ beside the clone). */
const DATA = join(ROOT, "../shared/eval");

/**
 * Floors: the figures measured when these weights were fitted (npm run train; npm run eval --
 * --all --folds 5). A change that loses a question on any set fails here.
 */
const IN_SAMPLE: Record<string, number> = {
  seeds: 89,
  squad: 1593,
  german: 395,
  "german-en": 398,
  normans: 50,
};
const CROSS_VALIDATED: Record<string, number> = {
  seeds: 78,
  squad: 1625,
  german: 386,
  "german-en": 393,
  normans: 47,
};
/** Each set's articles asked about 150 of the other sets' questions, held out: abstained on (of 152, 152, 150, 150, 152). */
const OFF_TOPIC_CROSS_VALIDATED: Record<string, number> = {
  "seeds off-topic": 148,
  "squad off-topic": 139,
  "german off-topic": 148,
  "german-en off-topic": 145,
  "normans off-topic": 149,
};

/** Questions fully right in one set. */
const right = (outcomes: Outcome[], set: string) =>
  outcomes.filter((o) => o.set === set && o.failures.length === 0).length;

/** The median length of a set's answers to name, date and figure questions: short answers are the product's. */
const factoidMedian = (outcomes: Outcome[], set: string) => {
  const lengths = factoidAnswerLengths(outcomes.filter((o) => o.set === set));
  return lengths[lengths.length >> 1] ?? 0;
};

describe("golden: every dev set through the fitted core", () => {
  let loaded: LoadedSet[] = [];
  let offTopic: LoadedSet[] = [];
  beforeAll(() => {
    if (!existsSync(DATA))
      throw new Error(`${DATA}: the dev sets are missing (shared/eval beside the project)`);
    loaded = devSets(DATA, SEEDS).map((s) => loadSet(s, INTENTS));
    offTopic = offTopicSets(loaded);
    weigh([...loaded, ...offTopic], "sets");
  }, 120_000);

  it("holds the in-sample figures with the committed weights", () => {
    expect(loaded.map((l) => l.set.name)).toEqual(Object.keys(IN_SAMPLE));
    const models = loadModels();
    const outcomes = answerAll(loaded, () => models);
    for (const [set, floor] of Object.entries(IN_SAMPLE)) {
      expect(right(outcomes, set), set).toBeGreaterThanOrEqual(floor);
      expect(factoidMedian(outcomes, set), set).toBeLessThanOrEqual(MAX_MEDIAN_ANSWER);
    }
    // every quote is a verbatim, clean span of its file
    for (const o of outcomes)
      expect(
        o.failures.filter((f) => /unfaithful|boilerplate/.test(f)),
        o.question.id,
      ).toEqual([]);
  });

  it("npm run train reproduces model/weights.json", () => {
    const { models } = fitModels(examplesOf(loaded));
    const trainedOn = Object.fromEntries(loaded.map((l) => [l.set.name, l.questions.length]));
    expect(serializeWeights({ trainedOn, models })).toBe(readFileSync(WEIGHTS_FILE, "utf8"));
  }, 300_000);

  it("holds the cross-validated figures (5 folds: by article, by question for seeds and normans)", () => {
    const outcomes = crossValidate([...loaded, ...offTopic], 5);
    for (const [set, floor] of Object.entries({ ...CROSS_VALIDATED, ...OFF_TOPIC_CROSS_VALIDATED }))
      expect(right(outcomes, set), set).toBeGreaterThanOrEqual(floor);
    for (const set of Object.keys(CROSS_VALIDATED))
      expect(factoidMedian(outcomes, set), set).toBeLessThanOrEqual(MAX_MEDIAN_ANSWER);
  }, 900_000);
});
