import { addTreeParts, type Tree, treeValue } from "./trees.js";

/**
 * Logistic regression with L2 regularisation, fitted by Newton's method on standardised
 * features. Small and exact: the models of the answering core have a few dozen features.
 */

/** A fitted model: the weights apply to raw (unstandardised) feature values. */
export interface LogisticModel {
  /** Feature names, in the order of `weights`. */
  features: string[];
  weights: number[];
  bias: number;
  /** Boosted trees whose outputs are added to the log-odds (src/ranking/trees.ts); none: linear. */
  trees?: Tree[];
}

/** The fitted probability of a feature vector. */
export function predict(model: LogisticModel, x: readonly number[]): number {
  return sigmoid(logit(model, x));
}

/** The model's log-odds of a feature vector. */
export function logit(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  const w = model.weights;
  for (let i = 0; i < w.length; i++) z += (w[i] as number) * (x[i] ?? 0);
  if (model.trees) for (const t of model.trees) z += treeValue(t, x);
  return z;
}

/**
 * Each feature's part in the log-odds: its weight times its value, plus what the trees' splits
 * on it add (the trees' root values, shared by every row, are left out like the bias).
 */
export function featureParts(model: LogisticModel, x: readonly number[]): number[] {
  const parts = model.weights.map((w, i) => w * (x[i] ?? 0));
  for (const t of model.trees ?? []) addTreeParts(t, x, parts);
  return parts;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Options of `fitLogistic`. */
export interface FitOptions {
  /** L2 penalty on the standardised weights (not on the bias). */
  l2?: number;
  /** Newton steps at most. */
  iterations?: number;
  /** Per-row weights (e.g. to give each question the same total weight). */
  rowWeights?: readonly number[];
}

/**
 * The penalty is 1 for every model of the core: 5-fold cross-validation over the dev sets with
 * 0.1, 1 and 10 gave 76/1570/377/383/43, 78/1571/377/383/43 and 76/1559/378/384/42 fully right
 * (seeds, squad, german, german-en, normans).
 */
const DEFAULT_FIT: Required<Omit<FitOptions, "rowWeights">> = { l2: 1, iterations: 30 };

/**
 * Fits P(y = 1 | x) = sigmoid(b + w·x) to rows `xs` with labels `ys` (0 or 1). Features are
 * standardised for the fit (so the penalty treats them alike) and the weights mapped back.
 */
export function fitLogistic(
  features: string[],
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  options: FitOptions = {},
): LogisticModel {
  const { l2, iterations } = { ...DEFAULT_FIT, ...options };
  const d = features.length;
  const n = xs.length;
  const rw = options.rowWeights;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const w = rw ? (rw[r] as number) : 1;
    total += w;
    const x = xs[r] as readonly number[];
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + w * (x[j] ?? 0);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / Math.max(total, 1e-12);
  for (let r = 0; r < n; r++) {
    const w = rw ? (rw[r] as number) : 1;
    const x = xs[r] as readonly number[];
    for (let j = 0; j < d; j++) sd[j] = (sd[j] as number) + w * ((x[j] ?? 0) - (mean[j] as number)) ** 2;
  }
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt((sd[j] as number) / Math.max(total, 1e-12));
    sd[j] = s > 1e-9 ? s : 1;
  }
  // Parameters: theta[0] is the bias, theta[1..d] the standardised weights.
  const p = d + 1;
  const theta = new Float64Array(p);
  const z = new Float64Array(p);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    for (let r = 0; r < n; r++) {
      const x = xs[r] as readonly number[];
      const w = rw ? (rw[r] as number) : 1;
      z[0] = 1;
      for (let j = 0; j < d; j++) z[j + 1] = ((x[j] ?? 0) - (mean[j] as number)) / (sd[j] as number);
      let s = 0;
      for (let j = 0; j < p; j++) s += (theta[j] as number) * (z[j] as number);
      const prob = sigmoid(s);
      const g = w * (prob - (ys[r] as number));
      const h = w * Math.max(prob * (1 - prob), 1e-9);
      for (let j = 0; j < p; j++) {
        const zj = z[j] as number;
        grad[j] = (grad[j] as number) + g * zj;
        if (zj === 0) continue;
        for (let k = j; k < p; k++) hess[j * p + k] = (hess[j * p + k] as number) + h * zj * (z[k] as number);
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j] = (grad[j] as number) + l2 * (theta[j] as number);
      hess[j * p + j] = (hess[j * p + j] as number) + l2;
    }
    hess[0] = (hess[0] as number) + 1e-9;
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) hess[j * p + k] = hess[k * p + j] as number;
    const step = solve(hess, grad, p);
    let change = 0;
    for (let j = 0; j < p; j++) {
      theta[j] = (theta[j] as number) - (step[j] as number);
      change = Math.max(change, Math.abs(step[j] as number));
    }
    if (change < 1e-7) break;
  }
  const weights = features.map((_, j) => (theta[j + 1] as number) / (sd[j] as number));
  let bias = theta[0] as number;
  for (let j = 0; j < d; j++) bias -= (weights[j] as number) * (mean[j] as number);
  return { features: [...features], weights, bias };
}

/** Solves A x = b for a symmetric positive definite A (Gaussian elimination with pivoting). */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs(m[r * n + c] as number) > Math.abs(m[pivot * n + c] as number)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) {
        const t = m[c * n + k] as number;
        m[c * n + k] = m[pivot * n + k] as number;
        m[pivot * n + k] = t;
      }
      const t = x[c] as number;
      x[c] = x[pivot] as number;
      x[pivot] = t;
    }
    const diag = m[c * n + c] as number;
    if (Math.abs(diag) < 1e-12) continue;
    for (let r = c + 1; r < n; r++) {
      const f = (m[r * n + c] as number) / diag;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] = (m[r * n + k] as number) - f * (m[c * n + k] as number);
      x[r] = (x[r] as number) - f * (x[c] as number);
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c] as number;
    for (let k = c + 1; k < n; k++) s -= (m[c * n + k] as number) * (x[k] as number);
    const diag = m[c * n + c] as number;
    x[c] = Math.abs(diag) < 1e-12 ? 0 : s / diag;
  }
  return x;
}
