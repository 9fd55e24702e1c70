import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import wordListPath from "word-list";
import { isEnglishWord, listed, readList } from "../../src/question/dictionary.js";
import { tempDir } from "../helpers/fixtures.js";

describe("the English word list", () => {
  const text = readFileSync(wordListPath, "utf8");
  const lines = text.split("\n").filter(Boolean);

  it("finds every word of the list by bisection, the few out of order too", () => {
    const missed = lines.filter((w) => !listed(text, w));
    expect(missed).toEqual([]);
  });

  it("finds no word that is not a line of the list", () => {
    const set = new Set(lines);
    const probes = ["ofice", "tokio", "xyzzy", "", "a", "zzzzzz", "manli", "aa\naah", "marr", "marryy"];
    for (const p of probes) expect(listed(text, p)).toBe(set.has(p));
    // A word with every line's neighbours: each line with a letter added or removed.
    for (const w of lines.filter((_, i) => i % 997 === 0)) {
      for (const probe of [`${w}q`, w.slice(0, -1), `${w.slice(0, -1)}{`])
        expect(listed(text, probe)).toBe(set.has(probe));
    }
  });

  it("answers for any case", () => {
    expect(isEnglishWord("Fall")).toBe(true);
    expect(isEnglishWord("tokio")).toBe(false);
  });

  it("is read as it is written: ASCII quickly, anything else as UTF-8", () => {
    expect(readList(wordListPath)).toBe(text);
    const path = join(tempDir({}), "words.txt");
    writeFileSync(path, "café\nnaïve\n", "utf8");
    expect(readList(path)).toBe("café\nnaïve\n");
  });

  it("works on a small list with words out of order", () => {
    const small = "alpha\nbeta\ndelta\ngamma\nepsilon\nzeta";
    for (const w of ["alpha", "beta", "delta", "gamma", "epsilon", "zeta"])
      expect(listed(small, w)).toBe(true);
    for (const w of ["aaa", "eta", "omega", "gam", ""]) expect(listed(small, w)).toBe(false);
  });
});
