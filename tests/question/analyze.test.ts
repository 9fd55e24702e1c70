import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/question/analyze.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

describe("analyzeQuestion on German questions", () => {
  const deps = depsFor(
    tempDir({
      "a.txt": "Die Station hat 120 Betten. Geschäftsführerin Ida Roche sprach von einem guten Tag.\n",
    }),
  );
  const analyze = (text: string) =>
    analyzeQuestion(text, { analyzer: deps.index.analyzer, stats: deps.index.stats });

  it("reads 'wie viele' as the question's frame, and nouns as words, not names", () => {
    const q = analyze("Wie viele Betten hat die neue Station?");
    expect(q.answerType).toBe("count");
    expect(q.terms.map((t) => t.word)).toEqual(["Betten", "neue", "Station"]);
    expect(q.terms.every((t) => !t.entity)).toBe(true);
  });

  it("takes a first name and the capitalised word after it for one name", () => {
    const q = analyze("Wer ist Ida Roche?");
    expect(q.terms.filter((t) => t.entity).map((t) => t.word)).toEqual(["Ida", "Roche"]);
  });
});

describe("analyzeQuestion on terse questions", () => {
  const deps = depsFor(tempDir({ "a.txt": "Council leader Ida Roche said the budget would pass.\n" }));
  const analyze = (text: string) =>
    analyzeQuestion(text, { analyzer: deps.index.analyzer, stats: deps.index.stats });

  it("takes a question that is only a title for one asking who holds it", () => {
    expect(analyze("council leader?").answerType).toBe("person");
    expect(analyze("council leadr?").answerType).toBe("person");
    expect(analyze("budget vote?").answerType).toBeUndefined();
    expect(analyze("what does the council leader want?").answerType).toBeUndefined();
  });
});

describe("analyzeQuestion on possessives and relatives", () => {
  const deps = depsFor(tempDir({ "a.txt": "Ida Roche returned from exile in 1041 with her son.\n" }));
  const analyze = (text: string) =>
    analyzeQuestion(text, { analyzer: deps.index.analyzer, stats: deps.index.stats });

  it("reads a name in the possessive as the name", () => {
    const q = analyze("When did Ida Roche's son return?");
    expect(q.terms.filter((t) => t.entity).map((t) => t.word)).toEqual(["Ida", "Roche's"]);
  });

  it("marks the relative named through a name ('Ida's son', 'the son of Ida'), not other nouns", () => {
    expect(analyze("When did Ida Roche's son return?").relatives).toEqual([
      ["son", "father", "mother", "parent"],
    ]);
    expect(analyze("Who was the son of Ida Roche?").relatives?.[0]?.[0]).toBe("son");
    // The converse relation names it too ("Olaf's father": "their son Olaf"), unless asked itself.
    expect(analyze("Who was Ida Roche's father?").relatives).toEqual([
      ["father", "son", "daughter", "child"],
    ]);
    expect(analyze("When did Ida Roche's son leave his father's house?").relatives).toEqual([
      ["son", "mother", "parent"],
    ]);
    expect(analyze("When did Ida Roche's exile end?").relatives).toEqual([]);
  });
});
