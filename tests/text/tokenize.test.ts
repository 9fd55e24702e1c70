import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isNumber, tokenize, tokenWords, WORD } from "../../src/text/tokenize.js";

/** The tokens as the regular expression that defines a word finds them. */
function byRegex(text: string) {
  return [...text.matchAll(new RegExp(WORD))].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

describe("tokenize", () => {
  it("finds words, names with apostrophes and figures, with offsets", () => {
    expect(tokenize("Acme's 6,4-Milliarden l’état 2.9 x.").map((t) => t.word)).toEqual([
      "Acme's",
      "6,4",
      "Milliarden",
      "l’état",
      "2.9",
      "x",
    ]);
    expect(tokenize("  Zürich")).toEqual([{ word: "Zürich", start: 2, end: 8 }]);
    expect(["6,4", "٣", "Acme", "Ⅻ"].map(isNumber)).toEqual([true, true, false, true]);
  });

  it("finds exactly what the WORD expression finds, in any text, with or without offsets (property test)", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        "Acme",
        "'s",
        "’",
        "'",
        "6",
        ",",
        ".",
        "4",
        "é",
        "e\u0301",
        "\u0301",
        "東京",
        "٣",
        "𝐀",
        "😀",
      ),
      fc.constantFrom(" ", "-", "\n", "\ud800", "\udc00", "Ⅻ", "ǅ", "ß", "İ"),
      fc.string({ unit: "binary", maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join("")),
        (text) => {
          const tokens = tokenize(text);
          expect(tokens).toEqual(byRegex(text));
          expect(tokenWords(text)).toEqual(tokens.map((t) => t.word));
          for (const t of tokens) expect(isNumber(t.word)).toBe(/^\p{N}/u.test(t.word));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
