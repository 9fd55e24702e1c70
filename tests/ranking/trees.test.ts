import { describe, expect, it } from "vitest";
import { featureParts, fitLogistic, logit, predict, sigmoid } from "../../src/ranking/logistic.js";
import {
  addTreeParts,
  type BoostOptions,
  fitTrees,
  splitsPerFeature,
  type Tree,
  treeValue,
} from "../../src/ranking/trees.js";

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const OPTIONS: BoostOptions = { trees: 60, depth: 2, shrinkage: 0.3, l2: 1, minChild: 5, bins: 32 };

/** Rows where y is 1 exactly when one of the first two features is high, not both: no additive model fits it. */
function either(n: number, seed: number) {
  const r = rng(seed);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [r(), r(), r()];
    xs.push(x);
    ys.push((x[0] as number) > 0.5 !== (x[1] as number) > 0.5 ? 1 : 0);
  }
  return { xs, ys, weights: xs.map(() => 1), start: xs.map(() => 0) };
}

const accuracy = (trees: Tree[], rows: { xs: number[][]; ys: number[] }) =>
  rows.xs.filter(
    (x, i) => (trees.reduce((z: number, t) => z + treeValue(t, x), 0) > 0 ? 1 : 0) === rows.ys[i],
  ).length / rows.xs.length;

describe("treeValue", () => {
  it("sends a row at or below a split's threshold to the first child", () => {
    const tree: Tree = [1, 0.5, 0.1, [0, 2, 0.2, -1, -2], 3];
    expect(treeValue(tree, [0, 0.5])).toBe(-1);
    expect(treeValue(tree, [2.5, 0.2])).toBe(-2);
    expect(treeValue(tree, [0, 0.6])).toBe(3);
    expect(treeValue(4, [])).toBe(4);
  });
});

describe("splitsPerFeature", () => {
  it("counts every split of every tree by its feature", () => {
    const trees: Tree[] = [[1, 0.5, 0.1, [0, 2, 0.2, -1, -2], 3], [1, 0, 0, 1, 2], 0.5];
    expect(splitsPerFeature(trees, 3)).toEqual([1, 2, 0]);
  });
});

describe("addTreeParts", () => {
  it("splits a tree's output over the features on the row's path, the root's value apart", () => {
    const tree: Tree = [1, 0.5, 0.1, [0, 2, 0.2, -1, -2], 3];
    const parts = [0, 0];
    const root = addTreeParts(tree, [0, 0.5], parts);
    expect(root).toBe(0.1);
    expect(parts[1]).toBeCloseTo(0.2 - 0.1, 12);
    expect(parts[0]).toBeCloseTo(-1 - 0.2, 12);
    expect(root + (parts[0] as number) + (parts[1] as number)).toBeCloseTo(treeValue(tree, [0, 0.5]), 12);
  });
});

describe("fitTrees", () => {
  it("learns an interaction of two features that a logistic model cannot", () => {
    const train = either(3000, 1);
    const test = either(2000, 2);
    const linear = fitLogistic(["a", "b", "c"], train.xs, train.ys);
    const linearRight =
      test.xs.filter((x, i) => (predict(linear, x) > 0.5 ? 1 : 0) === test.ys[i]).length / test.xs.length;
    const trees = fitTrees(train, OPTIONS);
    expect(accuracy(trees, test)).toBeGreaterThan(0.97);
    expect(accuracy(trees, test)).toBeGreaterThan(linearRight + 0.05);
    // stumps (one split a tree) add up one function per feature: they cannot
    const stumps = fitTrees(train, { ...OPTIONS, depth: 1 });
    expect(accuracy(stumps, test)).toBeLessThan(0.8);
  });

  it("starts from the given log-odds: a model already right gains little", () => {
    const train = either(2000, 3);
    const start = train.xs.map((_, i) => (train.ys[i] ? 6 : -6));
    const trees = fitTrees({ ...train, start }, OPTIONS);
    const largest = Math.max(
      ...train.xs.map((x) => Math.abs(trees.reduce((z: number, t) => z + treeValue(t, x), 0))),
    );
    expect(largest).toBeLessThan(1);
  });

  it("gives a row far outside the training values the output of the nearest rows (no extrapolation)", () => {
    const trees = fitTrees(either(2000, 4), OPTIONS);
    const sum = (x: number[]) => trees.reduce((z: number, t) => z + treeValue(t, x), 0);
    expect(sum([1000, 1000, 0.5])).toBe(sum([0.999, 0.999, 0.5]));
    expect(sum([-1000, 0.9, 0.5])).toBe(sum([0.001, 0.9, 0.5]));
  });

  it("is deterministic and weighs rows by their weights", () => {
    const rows = either(1000, 5);
    expect(fitTrees(rows, OPTIONS)).toEqual(fitTrees(rows, OPTIONS));
    // above 0.5 half the rows are 1: even odds, unless the ones weigh three times as much (3:1)
    const xs = Array.from({ length: 400 }, (_, i) => [i < 200 ? 0.2 : 0.8]);
    const ys = xs.map((x, i) => ((x[0] as number) > 0.5 && i % 2 === 0 ? 1 : 0));
    const logOdds = (weights: number[]) => {
      const trees = fitTrees({ xs, ys, weights, start: xs.map(() => 0) }, OPTIONS);
      return trees.reduce((z: number, t) => z + treeValue(t, [0.8]), 0);
    };
    expect(Math.abs(logOdds(ys.map(() => 1)))).toBeLessThan(0.2);
    // log 3 = 1.10, a little less for the leaves' penalty
    expect(logOdds(ys.map((y) => (y ? 3 : 1)))).toBeGreaterThan(0.95);
    expect(logOdds(ys.map((y) => (y ? 3 : 1)))).toBeLessThan(1.1);
  });

  it("makes no split on a feature with one value, and none below minChild", () => {
    const xs = Array.from({ length: 50 }, (_, i) => [1, i < 3 ? 1 : 0]);
    const ys = xs.map((x) => x[1] as number);
    const trees = fitTrees(
      { xs, ys, weights: xs.map(() => 1), start: xs.map(() => 0) },
      { ...OPTIONS, trees: 1, minChild: 5 },
    );
    // three positive rows weigh 0.75 of curvature: too little for a side of its own
    expect(typeof trees[0]).toBe("number");
  });
});

describe("a logistic model with trees", () => {
  it("adds the trees to its log-odds, and its feature parts and the trees' roots sum to them", () => {
    const tree: Tree = [0, 0.5, 0.25, -1, [1, 0, 0.5, 0.2, 2]];
    const model = { features: ["a", "b"], weights: [0.5, -2], bias: 0.3, trees: [tree, 1.5] };
    const x = [0.8, 1];
    expect(logit(model, x)).toBeCloseTo(0.3 + 0.4 - 2 + 2 + 1.5, 12);
    expect(predict(model, x)).toBeCloseTo(sigmoid(logit(model, x)), 12);
    const parts = featureParts(model, x);
    expect(model.bias + 0.25 + 1.5 + (parts[0] as number) + (parts[1] as number)).toBeCloseTo(
      logit(model, x),
      12,
    );
    // without trees, the parts are weight times value
    expect(featureParts({ ...model, trees: undefined }, x)).toEqual([0.4, -2]);
  });
});
