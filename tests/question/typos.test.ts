import { describe, expect, it } from "vitest";
import { correctWord, editDistance } from "../../src/question/typos.js";

/** A word-frequency map that counts how often it is scanned whole. */
class CountingMap extends Map<string, number> {
  scans = 0;
  override [Symbol.iterator]() {
    this.scans++;
    return super[Symbol.iterator]();
  }
}

describe("typo correction", () => {
  it("corrects to the closest known word, the more frequent on a tie", () => {
    const known = new Map([
      ["office", 9],
      ["offices", 3],
      ["officer", 1],
      ["tokyo", 5],
    ]);
    expect(correctWord("ofice", known)).toBe("office");
    expect(correctWord("tokio", known)).toBe("tokyo");
    expect(correctWord("zzzzz", known)).toBeUndefined();
    expect(correctWord("office", known)).toBeUndefined(); // known already
    expect(editDistance("kitten", "sitting", 5)).toBe(3);
  });

  it("scans the known words once per unknown word, not once per question", () => {
    const known = new CountingMap([
      ["office", 9],
      ["tokyo", 5],
    ]);
    expect(correctWord("ofice", known)).toBe("office");
    expect(correctWord("ofice", known)).toBe("office");
    expect(correctWord("zzzzz", known)).toBeUndefined();
    expect(correctWord("zzzzz", known)).toBeUndefined();
    expect(known.scans).toBe(2);
  });
});
