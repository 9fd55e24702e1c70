import { describe, expect, it } from "vitest";
import { fitLogistic, predict, sigmoid } from "../../src/ranking/logistic.js";

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("sigmoid", () => {
  it("is 0.5 at 0, symmetric, and finite far out", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 12);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
  });
});

describe("fitLogistic", () => {
  it("recovers the weights of data drawn from a known logistic model", () => {
    const r = rng(7);
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const x = [r() * 4 - 2, r() * 10, r() < 0.5 ? 1 : 0];
      const p = sigmoid(-1 + 1.5 * (x[0] as number) - 0.3 * (x[1] as number) + 2 * (x[2] as number));
      xs.push(x);
      ys.push(r() < p ? 1 : 0);
    }
    const m = fitLogistic(["a", "b", "c"], xs, ys, { l2: 0.01 });
    expect(m.bias).toBeCloseTo(-1, 0);
    expect(m.weights[0]).toBeCloseTo(1.5, 0);
    expect(m.weights[1]).toBeCloseTo(-0.3, 1);
    expect(m.weights[2]).toBeCloseTo(2, 0);
    expect(predict(m, [0, 0, 0])).toBeCloseTo(sigmoid(m.bias), 12);
  });

  it("shrinks weights toward zero as the penalty grows", () => {
    const xs = [[0], [1], [2], [3], [4], [5]];
    const ys = [0, 0, 1, 0, 1, 1];
    const weak = fitLogistic(["x"], xs, ys, { l2: 0.01 });
    const strong = fitLogistic(["x"], xs, ys, { l2: 100 });
    expect(Math.abs(strong.weights[0] as number)).toBeLessThan(Math.abs(weak.weights[0] as number));
  });

  it("gives a constant feature no weight and weighs rows by their weights", () => {
    const xs = [
      [1, 0],
      [1, 1],
      [1, 0],
      [1, 1],
    ];
    const ys = [0, 1, 0, 1];
    const m = fitLogistic(["const", "x"], xs, ys, { l2: 1 });
    expect(m.weights[0]).toBe(0);
    expect(m.weights[1] as number).toBeGreaterThan(0);
    // the rows with x = 1 labelled 0 outweigh the one labelled 1
    const w = fitLogistic(["x"], [[1], [1], [0]], [0, 1, 0], { rowWeights: [10, 1, 1], l2: 0.01 });
    expect(predict(w, [1])).toBeLessThan(0.2);
  });
});
