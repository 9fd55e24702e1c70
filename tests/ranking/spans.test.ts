import { describe, expect, it } from "vitest";
import { kindFit, phraseSpans, spansOf } from "../../src/ranking/spans.js";
import { tokenize } from "../../src/text/terms.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

const texts = (text: string, language: "en" | "de" = "en") =>
  phraseSpans(text, tokenize(text), language).map((s) => s.text);

describe("phraseSpans", () => {
  it("gives content-word windows that end on a content word, with a few stop words inside or before", () => {
    const spans = texts("The river was named after the first half of the 10th century settlers.");
    expect(spans).toContain("river");
    expect(spans).toContain("first half");
    expect(spans).toContain("the 10th century");
    expect(spans).toContain("half of the 10th century");
    expect(spans.every((s) => !/\b(?:the|of|was)$/.test(s))).toBe(true);
  });

  it("does not cross punctuation and keeps to six words", () => {
    const spans = texts(
      "Denmark, Iceland and Norway sent ships (many of them) to the coast of the northern sea lands.",
    );
    expect(spans.some((s) => s.includes(","))).toBe(false);
    expect(spans.some((s) => s.includes("("))).toBe(false);
    expect(spans.every((s) => s.split(/\s+/).length <= 6)).toBe(true);
  });

  it("reads German stop words as German", () => {
    expect(texts("Sie wurden nach ihrer inhärenten Schwierigkeit geordnet.", "de")).toContain(
      "nach ihrer inhärenten Schwierigkeit",
    );
  });
});

describe("spansOf", () => {
  it("types dates, money, percentages and names, offsets relative to the sentence", () => {
    const dir = tempDir({
      "a.txt":
        "Velmora Robotics raised $45 million in May 2021, and 80 percent of it went to Ida Roche in Telgard.\n",
    });
    const deps = depsFor(dir);
    const sentence = deps.index.corpus.sentences[0];
    if (!sentence) throw new Error("no sentence");
    const { spans } = spansOf(deps.index, deps.names, sentence);
    const kinds = new Map(spans.filter((s) => s.kind !== "phrase").map((s) => [s.text, s.kind]));
    expect(kinds.get("$45 million")).toBe("money");
    expect([...kinds].some(([t, k]) => k === "date" && t.includes("2021"))).toBe(true);
    expect(kinds.get("80 percent")).toBe("percent");
    expect(kinds.get("Ida Roche")).toBe("person");
    for (const s of spans) expect(sentence.text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("spansOf, a span's terms", () => {
  it("are the analyser's terms of the span's text, in English and German, places of several words joined", () => {
    const dir = tempDir({
      "a.txt":
        "The New York office of Velmora's robotics unit, opened in 2021, hired engineers from São Paulo's start-ups.\n",
      "b.txt": "Die Finanzierungsrunde der Firma aus Nordrhein-Westfalen wurde im Mai abgeschlossen.\n",
    });
    const deps = depsFor(dir);
    let phrases = 0;
    for (const sentence of deps.index.corpus.sentences) {
      for (const span of spansOf(deps.index, deps.names, sentence).spans) {
        if (span.kind === "phrase") phrases++;
        expect(span.terms).toEqual(deps.index.analyzer.terms(span.text, sentence.language));
      }
    }
    expect(phrases).toBeGreaterThan(20);
  });
});

describe("kindFit", () => {
  it("fits a span's kind to the expected answer type: 1 first choice, 0.5 another, 0 none", () => {
    expect(kindFit("person", "person")).toBe(1);
    expect(kindFit("person", "organisation")).toBe(0.5);
    expect(kindFit("date", "money")).toBe(0);
    expect(kindFit("description", "phrase")).toBe(1);
  });
});
