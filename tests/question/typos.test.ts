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

  it("on equal distance and frequency, the word the map holds first; a nearer word before a more frequent one", () => {
    expect(
      correctWord(
        "bast",
        new Map([
          ["bust", 4],
          ["best", 4],
          ["east", 4],
        ]),
      ),
    ).toBe("bust");
    expect(
      correctWord(
        "bast",
        new Map([
          ["east", 4],
          ["bust", 4],
        ]),
      ),
    ).toBe("east");
    // two edits allowed from eight letters, one edit still wins over a frequency below 1000
    expect(
      correctWord(
        "abcdefgh",
        new Map([
          ["abcdefxy", 999],
          ["abcdefgx", 1],
        ]),
      ),
    ).toBe("abcdefgx");
    expect(editDistance("abc", "abc", 1)).toBe(0);
    expect(editDistance("abcdef", "abcxyz", 1)).toBe(2);
    // long words after short ones: the reused rows grow
    expect(editDistance("internationalisation", "internationalization", 2)).toBe(1);
  });

  it("reads the known words once, not once per unknown word or per question", () => {
    const known = new CountingMap([
      ["office", 9],
      ["tokyo", 5],
    ]);
    expect(correctWord("ofice", known)).toBe("office");
    expect(correctWord("ofice", known)).toBe("office");
    expect(correctWord("zzzzz", known)).toBeUndefined();
    expect(correctWord("zzzzz", known)).toBeUndefined();
    expect(known.scans).toBe(1);
  });
});
