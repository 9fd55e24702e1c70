import { describe, expect, it } from "vitest";
import { tagWords, WordTag } from "../../src/text/tagger.js";
import { tokenize } from "../../src/text/terms.js";

function tags(text: string, language: "en" | "de"): Record<string, number> {
  const tokens = tokenize(text);
  const t = tagWords(text, tokens, language);
  return Object.fromEntries(tokens.map((w, i) => [w.word, t[i] as number]));
}

describe("tagWords", () => {
  it("English: compromise's tags in context, one per token", () => {
    const t = tags("Thus the small company quickly hired 20 engineers in Telgard.", "en");
    expect(t.Thus).toBe(WordTag.adverb);
    expect(t.the).toBe(WordTag.determiner);
    expect(t.small).toBe(WordTag.adjective);
    expect(t.company).toBe(WordTag.noun);
    expect(t.quickly).toBe(WordTag.adverb);
    expect(t.hired).toBe(WordTag.verb);
    expect(t["20"]).toBe(WordTag.noun);
    expect(t.in).toBe(WordTag.function);
    expect(t.Telgard).toBe(WordTag.noun);
  });

  it("English: a pronoun is a function word, not a noun", () => {
    expect(tags("They opened it.", "en").They).toBe(WordTag.function);
  });

  it("English: hyphenated words and punctuation keep the tokens aligned", () => {
    const text = "The NP-complete problems, as expected, remain hard.";
    const tokens = tokenize(text);
    expect(tagWords(text, tokens, "en")).toHaveLength(tokens.length);
    expect(tags(text, "en").problems).toBe(WordTag.noun);
    expect(tags(text, "en").remain).toBe(WordTag.verb);
  });

  it("English: white space and quotes before a word keep the tokens aligned", () => {
    const t = tags("  \u201cThe old mill,\u201d she said \u2014 twice \u2014 closed (in 1921).", "en");
    expect(t.mill).toBe(WordTag.noun);
    expect(t.old).toBe(WordTag.adjective);
    expect(t.closed).toBe(WordTag.verb);
    expect(t["1921"]).toBe(WordTag.noun);
    expect(t.she).toBe(WordTag.function);
  });

  it("German: capitalised words inside the sentence are nouns, stop words function words", () => {
    const t = tags("Das Unternehmen eröffnet ein Büro in Tokio.", "de");
    expect(t.Unternehmen).toBe(WordTag.noun);
    expect(t.Büro).toBe(WordTag.noun);
    expect(t.Tokio).toBe(WordTag.noun);
    expect(t.in).toBe(WordTag.function);
    expect(t.ein).toBe(WordTag.function);
    expect(t.eröffnet).toBe(WordTag.other);
  });
});
