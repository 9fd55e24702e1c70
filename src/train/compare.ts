import { readFileSync, writeFileSync } from "node:fs";

/** One question's result, as `npm run eval -- --save FILE` writes it (one JSON object per line). */
export interface SavedOutcome {
  set: string;
  id: string;
  right: boolean;
}

/** Writes outcomes to a file, one line each. */
export function saveOutcomes(file: string, outcomes: readonly SavedOutcome[]): void {
  writeFileSync(
    file,
    outcomes.map((o) => JSON.stringify({ set: o.set, id: o.id, right: o.right })).join("\n") + "\n",
  );
}

/** Reads a file written by `saveOutcomes`; throws naming the file and line of a bad one. */
export function readOutcomes(file: string): SavedOutcome[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const o = JSON.parse(l) as Partial<SavedOutcome>;
      if (typeof o.set !== "string" || typeof o.id !== "string" || typeof o.right !== "boolean")
        throw new Error(`${file}:${i + 1}: not an outcome (set, id, right)`);
      return o as SavedOutcome;
    });
}

/**
 * The exact two-sided sign test: the chance of a split at least this uneven between `a` and
 * `b` changes if each change were as likely to go either way (1 when there are none).
 */
export function signTest(a: number, b: number): number {
  const n = a + b;
  if (n === 0) return 1;
  const k = Math.min(a, b);
  // binomial(n, 1/2) probabilities from P(0) = 2^-n, in logs so that large n does not underflow
  let log = n * Math.log(0.5);
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    tail += Math.exp(log);
    log += Math.log((n - i) / (i + 1));
  }
  return Math.min(1, 2 * tail);
}

/** Per set, the questions a change made right and made wrong against a saved run. */
export function compareOutcomes(
  before: readonly SavedOutcome[],
  after: readonly SavedOutcome[],
): { set: string; nowRight: number; nowWrong: number; unmatched: number }[] {
  const was = new Map(before.map((o) => [`${o.set}\u0000${o.id}`, o.right]));
  const sets = new Map<string, { nowRight: number; nowWrong: number; unmatched: number }>();
  for (const o of after) {
    const s = sets.get(o.set) ?? { nowRight: 0, nowWrong: 0, unmatched: 0 };
    const old = was.get(`${o.set}\u0000${o.id}`);
    if (old === undefined) s.unmatched++;
    else if (o.right && !old) s.nowRight++;
    else if (!o.right && old) s.nowWrong++;
    sets.set(o.set, s);
  }
  return [...sets].map(([set, s]) => ({ set, ...s }));
}

/** The comparison as report lines. */
export function comparisonLines(
  file: string,
  before: readonly SavedOutcome[],
  after: readonly SavedOutcome[],
): string[] {
  return [
    `against ${file} (questions whose result changed; p: two-sided sign test):`,
    ...compareOutcomes(before, after).map(
      (c) =>
        `  ${c.set}: now right ${c.nowRight}, now wrong ${c.nowWrong}, net ${c.nowRight - c.nowWrong >= 0 ? "+" : ""}${c.nowRight - c.nowWrong}, p=${signTest(c.nowRight, c.nowWrong).toFixed(3)}${c.unmatched ? `; ${c.unmatched} not in the saved run` : ""}`,
    ),
  ];
}
