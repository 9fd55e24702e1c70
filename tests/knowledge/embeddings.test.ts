import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  EMBEDDING_VECTORS_FILE,
  EMBEDDING_WORDS_FILE,
  loadWordVectors,
  WordVectors,
} from "../../src/knowledge/embeddings.js";

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "embeddings-test-"));
  scratchDirs.push(dir);
  return dir;
}

// Made-up vectors of 3 dimensions: "boss" and "chief" close, "pear" apart, "zero" all zero.
const WORDS = ["boss", "chief", "pear", "zero"];
const VECTORS = Int8Array.from([100, 20, 0, 90, 30, 0, 0, 0, -120, 0, 0, 0]);
const made = () => new WordVectors(WORDS, VECTORS, 3);

describe("WordVectors", () => {
  it("cosine: the cosine of two known words, whatever the vectors' lengths", () => {
    const v = made();
    const expected = (100 * 90 + 20 * 30) / (Math.hypot(100, 20) * Math.hypot(90, 30));
    expect(v.cosine("boss", "chief")).toBeCloseTo(expected, 6);
    expect(v.cosine("boss", "boss")).toBeCloseTo(1, 6);
    expect(v.cosine("boss", "pear")).toBe(0);
    expect(v.cosine("zero", "boss")).toBe(0);
  });

  it("cosine: undefined when either word is unknown", () => {
    const v = made();
    expect(v.cosine("boss", "telgard")).toBeUndefined();
    expect(v.cosine("telgard", "boss")).toBeUndefined();
    expect(v.has("boss")).toBe(true);
    expect(v.has("Boss")).toBe(false);
  });

  it("best: the closest of other words, skipping unknown ones", () => {
    const v = made();
    expect(v.best("boss", ["pear", "telgard", "chief"])?.word).toBe("chief");
    expect(v.best("boss", ["telgard"])).toBeUndefined();
    expect(v.best("telgard", ["chief"])).toBeUndefined();
  });

  it("refuses vectors that do not match the words", () => {
    expect(() => new WordVectors(["boss"], Int8Array.from([1, 2]), 3)).toThrow();
  });
});

describe("loadWordVectors", () => {
  it("reads the two files (one word a line, 100 bytes a word)", () => {
    const dir = scratch();
    const row = (k: number) => Array.from({ length: 100 }, (_, i) => (i === k ? 100 : 0));
    writeFileSync(join(dir, "w"), "alpha\nbeta\n");
    writeFileSync(join(dir, "v"), Int8Array.from([...row(0), ...row(0).map((x, i) => (i === 1 ? 100 : x))]));
    const v = loadWordVectors(join(dir, "w"), join(dir, "v"));
    expect(v?.size).toBe(2);
    expect(v?.cosine("alpha", "beta")).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it("without the files: undefined, and one warning however often it is asked", () => {
    const dir = scratch();
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(loadWordVectors(join(dir, "none.words"), join(dir, "none.i8"), warn)).toBeUndefined();
    expect(loadWordVectors(join(dir, "none.words"), join(dir, "none.i8"), warn)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("build-embeddings");
  });

  // npm test builds them first (npm run build): missing, this fails rather than skips.
  it("the built vectors: close words are closer than unrelated ones", () => {
    expect(existsSync(EMBEDDING_WORDS_FILE) && existsSync(EMBEDDING_VECTORS_FILE), "run npm run build").toBe(
      true,
    );
    const v = loadWordVectors();
    expect(v?.size).toBe(150_000);
    const close = v?.cosine("heads", "leads") ?? Number.NaN;
    const far = v?.cosine("heads", "apples") ?? Number.NaN;
    expect(close).toBeGreaterThan(far + 0.1);
    expect(v?.cosine("company", "firm")).toBeGreaterThan(0.6);
    expect(v?.cosine("Company", "firm")).toBeUndefined();
  });
});
