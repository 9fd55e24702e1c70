import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core.js";
import { loadIntents } from "../../src/intents/load.js";
import { INTENTS, seedsDeps, tempDir } from "../helpers/fixtures.js";

const GOOD = "id: x\ndescription: d\nexamples:\n  en: [Who is it?]\n";

describe("loadIntents", () => {
  it("loads the project's intents, each with examples in English and German", () => {
    const intents = loadIntents(INTENTS);
    expect(intents.length).toBeGreaterThanOrEqual(10);
    for (const i of intents.filter((x) => x.kind === "question")) {
      expect(i.examples.de.length, i.id).toBeGreaterThan(0);
      expect(i.expansions.length, i.id).toBeGreaterThan(0);
      expect(i.answerType, i.id).toBeDefined();
    }
  });

  it.each([
    ["id: x\ndescription: d\n", /bad\.yml: field "examples"/],
    ["id: X!\ndescription: d\nexamples:\n  en: [a]\n", /bad\.yml: field "id"/],
    [`${GOOD}answer_type: colour\n`, /bad\.yml: field "answer_type"/],
    [`${GOOD}surprise: 1\n`, /bad\.yml: field "\(whole file\)"|Unrecognized key/],
    ["id: [unclosed\n", /bad\.yml: not valid YAML/],
  ])("names the file and the field of a malformed intent", (text, message) => {
    expect(() => loadIntents(tempDir({ "bad.yml": text }))).toThrow(message);
  });

  it("refuses two intents with one id", () => {
    expect(() => loadIntents(tempDir({ "a.yml": GOOD, "b.yml": GOOD }))).toThrow(
      /b\.yml: field "id".*a\.yml/,
    );
  });

  it("holds no answer, name or figure of the sample articles", () => {
    const text = loadIntents(INTENTS)
      .map((i) => readFileSync(i.file, "utf8"))
      .join("\n");
    for (const word of [
      "Nagasaki",
      "Lightcap",
      "Altman",
      "Oliver Jay",
      "Kishida",
      "2.9",
      "6,4",
      "Daikin",
      "SoftBank",
    ]) {
      expect(text).not.toContain(word);
    }
  });
});

describe("matchIntent (through answer)", () => {
  const deps = seedsDeps();
  it.each([
    ["who leads Tokyo?", "leadership"],
    ["<@U123> WHO LEADS TOKYO", "leadership"],
    ["tokyo boss?", "leadership"],
    ["Wer leitet das Büro in Tokio?", "leadership"],
    ["where are the offices?", "offices"],
    ["offices?", "offices"],
    ["tokio ofice", "offices"],
    ["In welchen Städten gibt es Büros?", "offices"],
    ["How much did Microsoft invest?", "investments"],
    ["Which companies use ChatGPT?", "customers"],
    ["Why did OpenAI choose Tokyo?", "reasons"],
    ["What percentage of employees reported gains?", "figures"],
    ["help", "help"],
    ["Hilfe", "help"],
    ["sources", "sources"],
    ["hi", "greeting"],
    ["thanks!", "thanks"],
  ])("%s -> %s", (q, id) => expect(answer(q, deps).intent).toBe(id));

  it("sends a question that fits no intent to the fallback", () => {
    expect(answer("Tell me about the weather on Mars", deps).intent).toBe("fallback");
  });

  it("returns a confidence between 0 and 1", () => {
    for (const q of ["who leads tokyo", "what is the weather on Mars?"]) {
      const c = answer(q, deps).confidence;
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });
});
