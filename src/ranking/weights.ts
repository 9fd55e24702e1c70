import { DECISION_FEATURES, featureNames, SENTENCE_FEATURES, SPAN_FEATURES } from "./features.js";
import type { LogisticModel } from "./logistic.js";
import { CONFIDENCE_FEATURES, type Models } from "./pipeline.js";

/** The weights file as written by `npm run train`. */
export interface WeightsFile {
  /** What it was fitted on and when (for the training report). */
  trainedOn: Record<string, number>;
  models: Models;
}

function checkModel(value: unknown, name: string, expected: string[], file: string): LogisticModel {
  const m = value as LogisticModel | undefined;
  if (!m || !Array.isArray(m.features) || !Array.isArray(m.weights) || typeof m.bias !== "number")
    throw new Error(`${file}: models.${name} must have features, weights and bias`);
  if (m.features.join(",") !== expected.join(","))
    throw new Error(
      `${file}: models.${name} was fitted on other features than the code computes (run npm run train)`,
    );
  if (m.weights.length !== expected.length || m.weights.some((w) => !Number.isFinite(w)))
    throw new Error(`${file}: models.${name}.weights must be ${expected.length} numbers`);
  if (m.trees !== undefined && (!Array.isArray(m.trees) || !m.trees.every((t) => isTree(t, expected.length))))
    throw new Error(
      `${file}: models.${name}.trees must be trees: a number, or [feature 0-${expected.length - 1}, threshold, value, below, above]`,
    );
  return m;
}

/** A well-formed tree over `features` features (src/ranking/trees.ts). */
function isTree(t: unknown, features: number): boolean {
  if (typeof t === "number") return Number.isFinite(t);
  if (!Array.isArray(t) || t.length !== 5) return false;
  const [f, threshold, value, below, above] = t as unknown[];
  return (
    Number.isInteger(f) &&
    (f as number) >= 0 &&
    (f as number) < features &&
    Number.isFinite(threshold) &&
    Number.isFinite(value) &&
    isTree(below, features) &&
    isTree(above, features)
  );
}

/** Parses and checks a weights file: the features must be those the code computes, in order. */
export function parseWeights(text: string, file: string): Models {
  let data: WeightsFile;
  try {
    data = JSON.parse(text) as WeightsFile;
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const m = data?.models;
  if (!m) throw new Error(`${file}: no "models"`);
  const t = m.thresholds;
  for (const k of ["answer", "span", "spanOther", "list"] as const)
    if (typeof t?.[k] !== "number") throw new Error(`${file}: models.thresholds.${k} must be a number`);
  return {
    sentence: checkModel(m.sentence, "sentence", featureNames(SENTENCE_FEATURES), file),
    span: checkModel(m.span, "span", featureNames(SPAN_FEATURES), file),
    decision: checkModel(m.decision, "decision", featureNames(DECISION_FEATURES), file),
    confidence: checkModel(m.confidence, "confidence", CONFIDENCE_FEATURES, file),
    thresholds: { answer: t.answer, span: t.span, spanOther: t.spanOther, list: t.list },
  };
}

/** Models that weigh nothing and never answer: what training starts from. */
export function untrainedModels(): Models {
  const zero = (features: string[]): LogisticModel => ({ features, weights: features.map(() => 0), bias: 0 });
  return {
    sentence: zero(featureNames(SENTENCE_FEATURES)),
    span: zero(featureNames(SPAN_FEATURES)),
    decision: zero(featureNames(DECISION_FEATURES)),
    confidence: zero(CONFIDENCE_FEATURES),
    thresholds: { answer: 1.01, span: 1.01, spanOther: 1.01, list: 1.01 },
  };
}

/** The weights file's text: numbers to six significant digits, so a retrain gives the same bytes. */
export function serializeWeights(weights: WeightsFile): string {
  return `${JSON.stringify(weights, (_, v) => (typeof v === "number" ? Number(v.toPrecision(6)) : v), 2)}\n`;
}
