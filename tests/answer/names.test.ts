import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { afterSentenceEnd } from "../../src/answer/names.js";

describe("afterSentenceEnd", () => {
  it("says whether a word starts a sentence: after closing punctuation, white space and an opening quote", () => {
    const at = (text: string) => afterSentenceEnd(text, text.length);
    expect(at("It rained. ")).toBe(true);
    expect(at("He said: „")).toBe(true);
    expect(at("Why?\u00a0\u201c")).toBe(true);
    expect(at("It rained")).toBe(false);
    expect(at("It rained, ")).toBe(false);
    expect(at('It rained. ""')).toBe(false);
    expect(at("")).toBe(false);
  });

  it("agrees with the pattern it replaces at every position of any text", () => {
    const PATTERN = /[.!?:]\s*[“"„]?$/;
    const chars = fc.constantFrom(".", "!", "?", ":", ",", " ", "\u00a0", "\n", "“", '"', "„", "a", "Z", "1");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (list) => {
        const text = list.join("");
        for (let end = 0; end <= text.length; end++)
          expect(afterSentenceEnd(text, end)).toBe(PATTERN.test(text.slice(0, end)));
      }),
      { numRuns: 2000, seed: 20261203 },
    );
  });
});
