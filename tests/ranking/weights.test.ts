import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WEIGHTS_FILE } from "../../src/core.js";
import { parseWeights, serializeWeights, untrainedModels } from "../../src/ranking/weights.js";

describe("parseWeights", () => {
  it("reads the committed weights file", () => {
    const m = parseWeights(readFileSync(WEIGHTS_FILE, "utf8"), WEIGHTS_FILE);
    expect(m.thresholds.answer).toBeGreaterThan(0);
    expect(m.sentence.weights.length).toBe(m.sentence.features.length);
  });

  it("refuses a file fitted on other features, naming the file and saying to retrain", () => {
    const models = untrainedModels();
    models.span.features = [...models.span.features.slice(1), "somethingElse"];
    expect(() => parseWeights(serializeWeights({ trainedOn: {}, models }), "w.json")).toThrow(
      /w\.json: models\.span was fitted on other features .*npm run train/,
    );
  });

  it("refuses broken JSON, a missing threshold and weights that are not numbers", () => {
    expect(() => parseWeights("{", "w.json")).toThrow(/w\.json: not JSON/);
    const models = untrainedModels();
    const noThreshold = JSON.parse(serializeWeights({ trainedOn: {}, models }));
    delete noThreshold.models.thresholds.list;
    expect(() => parseWeights(JSON.stringify(noThreshold), "w.json")).toThrow(
      /thresholds\.list must be a number/,
    );
    const nan = JSON.parse(serializeWeights({ trainedOn: {}, models }));
    nan.models.decision.weights[0] = "x";
    expect(() => parseWeights(JSON.stringify(nan), "w.json")).toThrow(/models\.decision\.weights must be/);
  });

  it("reads a model's trees, and refuses a tree that is not one (a feature out of range, a wrong shape)", () => {
    const models = untrainedModels();
    models.decision.trees = [[2, 0.5, 0.1, -1, [0, 1.5, 0.2, 0.3, 2]], 0.25];
    const read = parseWeights(serializeWeights({ trainedOn: {}, models }), "w.json");
    expect(read.decision.trees).toEqual(models.decision.trees);
    const bad = (trees: unknown) => {
      const file = JSON.parse(serializeWeights({ trainedOn: {}, models }));
      file.models.decision.trees = trees;
      return () => parseWeights(JSON.stringify(file), "w.json");
    };
    const n = models.decision.features.length;
    expect(bad([[n, 0.5, 0, 1, 2]])).toThrow(/w\.json: models\.decision\.trees must be trees/);
    expect(bad([[0, 0.5, 0, 1]])).toThrow(/models\.decision\.trees must be trees/);
    expect(bad([[0, "x", 0, 1, 2]])).toThrow(/models\.decision\.trees must be trees/);
    expect(bad({})).toThrow(/models\.decision\.trees must be trees/);
  });
});

describe("serializeWeights", () => {
  it("writes six significant digits, so a retrain gives the same bytes", () => {
    const models = untrainedModels();
    models.decision.bias = 1 / 3;
    expect(serializeWeights({ trainedOn: { a: 1 }, models })).toContain('"bias": 0.333333');
  });
});
