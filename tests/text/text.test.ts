import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLexicon } from "../../src/lexicon/load.js";
import { detectLanguage } from "../../src/text/language.js";
import { stripSlackMarkup } from "../../src/text/slack-markup.js";
import { Analyzer, tokenize } from "../../src/text/terms.js";
import { INTENTS } from "../helpers/fixtures.js";

describe("stripSlackMarkup", () => {
  it("drops links, label and all, when a question is read", () => {
    expect(stripSlackMarkup("<https://x.io/a|our jp story> does toyota use it?", { links: "drop" })).toBe(
      "does toyota use it?",
    );
    expect(stripSlackMarkup("see <https://x.io/a> now", { links: "drop" })).toBe("see now");
  });

  it("removes mentions and broadcasts, keeps link labels and channel names, unescapes", () => {
    expect(
      stripSlackMarkup("<@U123ABC> where is <https://x.io|the office>? <!channel> &amp; <#C1|general>"),
    ).toBe("where is the office? & #general");
    expect(stripSlackMarkup("<!subteam^S1|@team> hi\u0000\u202e there")).toBe("hi there");
  });
});

describe("detectLanguage", () => {
  it.each([
    ["Who leads Tokyo?", "en"],
    ["offices?", "en"],
    ["tokyo boss?", "en"],
    ["Wer leitet OpenAI Japan?", "de"],
    ["In welchen Städten hat OpenAI Büros?", "de"],
    ["Wo ist das Büro?", "de"],
    ["What is your name?", "en"],
    ["Wann öffnet das Büro in Singapur?", "de"],
  ])("%s -> %s", (q, lang) => expect(detectLanguage(q)).toBe(lang));
});

describe("Analyzer", () => {
  const analyzer = new Analyzer(loadLexicon(join(INTENTS, "lexicon")));
  it("maps German and English words and place names to shared terms", () => {
    expect(analyzer.terms("Büros in Tokio", "de")).toEqual(analyzer.terms("offices in Tokyo", "en"));
    expect(analyzer.terms("leitet", "de")).toEqual(analyzer.terms("leads", "en"));
    expect(analyzer.terms("erstes asiatisches Büro", "de")).toEqual(
      analyzer.terms("first Asian office", "en"),
    );
    expect(analyzer.terms("New York City and NYC", "en")).toEqual(["new york city", "new york city"]);
  });
  it("gives a German verb's forms one term (participle, past, infinitive)", () => {
    const term = (w: string) => analyzer.termsOfWord(w, "de");
    for (const [a, b, c] of [
      ["gespendet", "spendete", "spenden"],
      ["gebaut", "baute", "bauen"],
      ["gearbeitet", "arbeitet", "arbeiten"],
    ] as const) {
      expect(term(a)).toEqual(term(c));
      expect(term(b)).toEqual(term(c));
    }
    // A form the lexicon lists through another form of the verb ("kosten" -> cost).
    expect(term("kostete")).toEqual(term("kosten"));
    expect(term("gut")).toEqual(["gut"]);
  });
  it("keeps German stop words that are English words in English text ('war', 'die', 'man')", () => {
    expect(analyzer.terms("When did the war end?", "en")).toEqual(["war", "end"]);
    expect(analyzer.termsOfWord("man", "en")).toEqual(["man"]);
    expect(analyzer.termsOfWord("war", "de")).toEqual([]);
    expect(analyzer.termsOfWord("die", "de")).toEqual([]);
    // Forms the stemmer leaves apart ("died" -> "di") share the verb's term.
    expect(analyzer.termsOfWord("died", "en")).toEqual(analyzer.termsOfWord("die", "en"));
  });
  it("tokenizes figures and words with offsets", () => {
    expect(tokenize("6,4-Milliarden-Dollar").map((t) => t.word)).toEqual(["6,4", "Milliarden", "Dollar"]);
  });
});
