import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareOutcomes,
  comparisonLines,
  readOutcomes,
  saveOutcomes,
  signTest,
} from "../../src/train/compare.js";
import { tempDir } from "../helpers/fixtures.js";

describe("signTest", () => {
  it("gives the exact two-sided binomial chance of a split at least this uneven", () => {
    expect(signTest(0, 0)).toBe(1);
    expect(signTest(3, 3)).toBe(1);
    // 5 against 2: 2 * (1 + 7 + 21) / 128
    expect(signTest(5, 2)).toBeCloseTo((2 * 29) / 128, 12);
    expect(signTest(2, 5)).toBeCloseTo(signTest(5, 2), 12);
    expect(signTest(10, 0)).toBeCloseTo(2 / 1024, 12);
    // large counts do not underflow: 134 against 84 is about 0.0009
    expect(signTest(134, 84)).toBeGreaterThan(0.0005);
    expect(signTest(134, 84)).toBeLessThan(0.0015);
  });
});

describe("compareOutcomes", () => {
  it("counts per set the questions made right and made wrong, and those the saved run lacks", () => {
    const before = [
      { set: "a", id: "1", right: true },
      { set: "a", id: "2", right: false },
      { set: "b", id: "1", right: false },
    ];
    const after = [
      { set: "a", id: "1", right: false },
      { set: "a", id: "2", right: true },
      { set: "b", id: "1", right: true },
      { set: "b", id: "9", right: true },
    ];
    expect(compareOutcomes(before, after)).toEqual([
      { set: "a", nowRight: 1, nowWrong: 1, unmatched: 0 },
      { set: "b", nowRight: 1, nowWrong: 0, unmatched: 1 },
    ]);
    expect(comparisonLines("x.jsonl", before, after)[2]).toBe(
      "  b: now right 1, now wrong 0, net +1, p=1.000; 1 not in the saved run",
    );
  });

  it("reads back what it saved, and names the file and line of a bad one", () => {
    const dir = tempDir();
    const file = join(dir, "run.jsonl");
    const outcomes = [
      { set: "a", id: "1", right: true },
      { set: "a", id: "2", right: false },
    ];
    saveOutcomes(file, outcomes);
    expect(readOutcomes(file)).toEqual(outcomes);
    writeFileSync(file, '{"set":"a","id":"1","right":true}\n{"set":"a"}\n');
    expect(() => readOutcomes(file)).toThrow(/run\.jsonl:2: not an outcome/);
  });
});
