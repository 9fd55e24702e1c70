/**
 * Gradient-boosted regression trees on the log-odds (Newton boosting, as XGBoost does it): small
 * trees fitted in turn to what a logistic model's score still gets wrong, so that the model can
 * weigh a feature differently where another one is high (one missing word matters when all the
 * others are there). Each tree's output is bounded by its leaves, so a question far from every
 * training row (an off-topic one) gets no larger correction than the rows it resembles most.
 */

/**
 * A tree: a leaf's log-odds, or a split `[feature, threshold, value, below, above]` sending a row
 * whose value of `feature` is at most `threshold` to `below`. `value` is what the node would give
 * as a leaf; the trace splits a tree's output across the features on a row's path by it.
 */
export type Tree = number | [feature: number, threshold: number, value: number, below: Tree, above: Tree];

type Split = Exclude<Tree, number>;

/** The child of a split that a row goes to. */
function childOf(split: Split, x: readonly number[]): Tree {
  return (x[split[0]] ?? 0) <= split[1] ? split[3] : split[4];
}

/** A tree's output for one row. */
export function treeValue(tree: Tree, x: readonly number[]): number {
  let node = tree;
  while (typeof node !== "number") node = childOf(node, x);
  return node;
}

/**
 * A tree's output split over the features that led a row to its leaf: each split adds to its
 * feature the change from its node's value to the child's (Saabas's attribution). The parts
 * and the root's value sum to the output.
 */
export function addTreeParts(tree: Tree, x: readonly number[], parts: number[]): number {
  if (typeof tree === "number") return tree;
  let node: Tree = tree;
  while (typeof node !== "number") {
    const next = childOf(node, x);
    const value = typeof next === "number" ? next : next[2];
    parts[node[0]] = (parts[node[0]] ?? 0) + value - node[2];
    node = next;
  }
  return tree[2];
}

/** How the trees are grown. */
export interface BoostOptions {
  trees: number;
  /** Splits from the root to a leaf at most. */
  depth: number;
  /** Each tree's leaves are scaled by this (the learning rate). */
  shrinkage: number;
  /** L2 penalty on a leaf's value (in the Newton step's denominator). */
  l2: number;
  /** A split is made only when each side holds at least this much curvature (weighted p(1-p)). */
  minChild: number;
  /** Candidate thresholds per feature at most: quantiles of its values. */
  bins: number;
}

/** The rows to grow trees on: features, 0/1 labels, row weights, and the log-odds the trees start from. */
export interface BoostRows {
  xs: readonly (readonly number[])[];
  ys: readonly number[];
  weights: readonly number[];
  start: readonly number[];
}

/** Thresholds of one feature: midpoints between distinct values at about equal row counts. */
function thresholdsOf(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  if (distinct.length <= 1) return [];
  if (distinct.length <= bins) return distinct.slice(1).map((v, i) => ((distinct[i] as number) + v) / 2);
  const out = new Set<number>();
  for (let b = 1; b < bins; b++) {
    const at = Math.floor((b * sorted.length) / bins);
    const v = sorted[at] as number;
    // the midpoint below the quantile's value, so equal values stay on one side
    const below = distinct[distinct.indexOf(v) - 1];
    if (below !== undefined) out.add((below + v) / 2);
  }
  return [...out].sort((a, b) => a - b);
}

/** Grows `options.trees` trees on the rows; deterministic (no sampling). */
export function fitTrees(rows: BoostRows, options: BoostOptions): Tree[] {
  const n = rows.xs.length;
  const d = rows.xs[0]?.length ?? 0;
  const cuts: number[][] = [];
  // each row's bin per feature: the number of thresholds below its value
  const bin: Uint16Array[] = [];
  for (let f = 0; f < d; f++) {
    const values = rows.xs.map((x) => x[f] ?? 0);
    const t = thresholdsOf(values, options.bins);
    cuts.push(t);
    const b = new Uint16Array(n);
    values.forEach((v, r) => {
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= (t[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      b[r] = lo;
    });
    bin.push(b);
  }
  const score = Float64Array.from(rows.start);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: Tree[] = [];
  const all = Array.from({ length: n }, (_, r) => r);
  const leaf = (G: number, H: number) => (-G / (H + options.l2)) * options.shrinkage;
  const grow = (members: number[], depth: number): Tree => {
    let G = 0;
    let H = 0;
    for (const r of members) {
      G += g[r] as number;
      H += h[r] as number;
    }
    const value = leaf(G, H);
    if (depth >= options.depth || H < 2 * options.minChild) return value;
    const parent = (G * G) / (H + options.l2);
    let best = { gain: 1e-9, f: -1, cut: -1 };
    for (let f = 0; f < d; f++) {
      const t = cuts[f] as number[];
      if (t.length === 0) continue;
      const gs = new Float64Array(t.length + 1);
      const hs = new Float64Array(t.length + 1);
      const b = bin[f] as Uint16Array;
      for (const r of members) {
        const k = b[r] as number;
        gs[k] = (gs[k] as number) + (g[r] as number);
        hs[k] = (hs[k] as number) + (h[r] as number);
      }
      let gl = 0;
      let hl = 0;
      for (let c = 0; c < t.length; c++) {
        gl += gs[c] as number;
        hl += hs[c] as number;
        const hr = H - hl;
        if (hl < options.minChild || hr < options.minChild) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + options.l2) + (gr * gr) / (hr + options.l2) - parent;
        if (gain > best.gain) best = { gain, f, cut: c };
      }
    }
    if (best.f < 0) return value;
    const b = bin[best.f] as Uint16Array;
    const below = members.filter((r) => (b[r] as number) <= best.cut);
    const above = members.filter((r) => (b[r] as number) > best.cut);
    const threshold = (cuts[best.f] as number[])[best.cut] as number;
    return [best.f, threshold, value, grow(below, depth + 1), grow(above, depth + 1)];
  };
  for (let k = 0; k < options.trees; k++) {
    for (let r = 0; r < n; r++) {
      const p = 1 / (1 + Math.exp(-(score[r] as number)));
      const w = rows.weights[r] as number;
      g[r] = w * (p - (rows.ys[r] as number));
      h[r] = w * Math.max(p * (1 - p), 1e-6);
    }
    const tree = grow(all, 0);
    trees.push(tree);
    for (let r = 0; r < n; r++)
      score[r] = (score[r] as number) + treeValue(tree, rows.xs[r] as readonly number[]);
  }
  return trees;
}

/** How many splits the trees make on each of `features` features (for the training report). */
export function splitsPerFeature(trees: readonly Tree[], features: number): number[] {
  const out = new Array<number>(features).fill(0);
  const visit = (t: Tree) => {
    if (typeof t === "number") return;
    out[t[0]] = (out[t[0]] ?? 0) + 1;
    visit(t[3]);
    visit(t[4]);
  };
  for (const t of trees) visit(t);
  return out;
}
