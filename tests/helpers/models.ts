import { join } from "node:path";
import { buildDeps, type Deps } from "../../src/core.js";
import { loadCorpus } from "../../src/corpus/load.js";
import type { Models } from "../../src/ranking/pipeline.js";
import { untrainedModels } from "../../src/ranking/weights.js";
import { FIXTURES, INTENTS } from "./fixtures.js";

/**
 * Models that weigh nothing and answer every question: the best sentence is the best by
 * retrieval and the answer its first span of the asked kind. Tests of the front ends use them
 * so that what they check does not move when the committed weights are retrained.
 */
export function retrievalModels(): Models {
  return { ...untrainedModels(), thresholds: { answer: 0, span: 0, spanOther: 0, list: 0 } };
}

/** A tiny corpus of made-up articles (tests/fixtures/slack-corpus): two English with front matter, one German. */
export const SLACK_CORPUS = join(FIXTURES, "slack-corpus");

let slackDeps: Deps | undefined;
/** Answering dependencies over SLACK_CORPUS with `retrievalModels`, built once per test file. */
export function slackCorpusDeps(): Deps {
  slackDeps ??= buildDeps(loadCorpus(SLACK_CORPUS), INTENTS, retrievalModels());
  return slackDeps;
}
