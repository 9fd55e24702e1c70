import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { catalogOf } from "../../src/answering.js";
import { answer, buildDeps, route, suggestionsFor } from "../../src/core.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { parseIntent } from "../../src/intents/load.js";
import { suggestQuestions } from "../../src/suggest.js";
import { INTENTS } from "../helpers/fixtures.js";
import { retrievalModels, SLACK_CORPUS, slackCorpusDeps } from "../helpers/models.js";

const sourcesOf = (a: Answer) => a.citations.map((c) => c.source);

describe("answer with a conversation's context", () => {
  const deps = slackCorpusDeps();
  const tokyo = { context: { entities: ["Tokyo"] } };

  it("reads a question without names with the previous question's names, and says so in the trace", () => {
    const first = answer("who leads the Tokyo office?", deps);
    expect(first.trace?.entities).toEqual(["Tokyo"]);
    const followUp = answer("when did it open?", deps, {
      context: { entities: first.trace?.entities ?? [] },
    });
    expect(followUp.question).toBe("when did it open?");
    expect(followUp.trace?.carried).toEqual(["Tokyo"]);
    expect(followUp.trace?.entities).toEqual(["Tokyo"]);
    expect(sourcesOf(followUp)).toContain("acme-tokyo.md");
  });

  it("keeps a question's own names, and never carries names into help, thanks or figures", () => {
    expect(answer("who leads the Berlin office?", deps, tokyo).trace?.carried).toBeUndefined();
    expect(answer("help", deps, tokyo).kind).toBe("meta");
    expect(answer("thanks", deps, tokyo).trace?.carried).toBeUndefined();
    expect(route("when did it open?", deps, { context: { entities: ["2025", "Tokyo"] } }).carried).toEqual([
      "Tokyo",
    ]);
    expect(route("when did it open?", deps).carried).toEqual([]);
  });
});

describe("the answer's trace, sources and notes", () => {
  const deps = slackCorpusDeps();
  it("lists the words matched and missing, the features by their part, and the best sentences", () => {
    const a = answer("who leads the Tokyo office?", deps);
    const trace = a.trace;
    expect(trace?.matched).toEqual(["leads", "Tokyo", "office"]);
    expect(trace?.answerType).toBe("person");
    expect(trace?.considered.length).toBeGreaterThan(0);
    expect(trace?.considered.length).toBeLessThanOrEqual(3);
    const ps = trace?.considered.map((s) => s.p) ?? [];
    expect([...ps].sort((x, y) => y - x)).toEqual(ps);
  });

  it("orders the deciding features by the size of their part in the score", () => {
    const models = retrievalModels();
    models.decision = {
      ...models.decision,
      weights: models.decision.weights.map((_, i) => (i % 2 ? -1 : 1)),
    };
    const weighted = buildDeps(loadCorpus(SLACK_CORPUS), INTENTS, models);
    const decided = answer("who leads the Tokyo office?", weighted).trace?.decided ?? [];
    expect(decided.length).toBeGreaterThan(0);
    const parts = decided.filter((f) => f.model === "decision").map((f) => Math.abs(f.contribution));
    expect([...parts].sort((x, y) => y - x)).toEqual(parts);
  });

  it("gives each cited article once with its date and url, and notes a question it shortened", () => {
    const a = answer("who leads the Berlin office?", deps);
    expect(a.sources).toEqual([
      {
        source: "acme-berlin.md",
        title: "Acme Robotics opens Berlin office",
        date: "2025-03-02",
        url: "https://news.example/acme-berlin",
        language: "en",
      },
    ]);
    expect(a.shortened).toBeUndefined();
    expect(answer(`who leads the Berlin office? ${"and more ".repeat(80)}`, deps).shortened).toBe(true);
  });
});

describe("suggestQuestions", () => {
  const deps = slackCorpusDeps();
  const kindOf = (name: string) =>
    (/^(Berlin|Tokyo|Vienna|Wien|Tokio)$/.test(name) ? "place" : "organisation") as never;
  const answered = (q: string): Answer => ({
    ...answer("x", deps),
    question: q,
    answered: true,
    kind: "value",
  });
  const refused = (q: string): Answer => ({ ...answered(q), answered: false, kind: "abstain" });

  it("fills the intents' templates with the headlines' names, and keeps only questions that are answered", () => {
    const asked: string[] = [];
    const only = (q: string) => {
      asked.push(q);
      return /Tokyo/.test(q) ? answered(q) : refused(q);
    };
    // A fresh set of dependencies: suggestions are worked out once per set.
    const fresh = buildDeps(loadCorpus(SLACK_CORPUS), INTENTS, retrievalModels());
    const s = suggestQuestions(fresh, "en", only, kindOf);
    expect(s.length).toBeGreaterThan(0);
    for (const q of s) expect(q).toMatch(/Tokyo/);
    expect(asked.some((q) => /Berlin/.test(q))).toBe(true); // tried, refused, not suggested
    expect(suggestQuestions(fresh, "en", only, kindOf)).toBe(s); // once per set of articles
  });

  it("gives at most four, one per intent, spread over the articles, in the language asked", () => {
    const en = suggestionsFor(deps, "en");
    expect(en.length).toBeGreaterThan(1);
    expect(en.length).toBeLessThanOrEqual(4);
    expect(new Set(en).size).toBe(en.length);
    for (const q of en) expect(answer(q, deps).answered).toBe(true);
    const de = suggestionsFor(deps, "de");
    expect(de.some((q) => /^(Wer|Wie|Wo|Wann|Welche|Warum)\b/.test(q))).toBe(true);
    expect(catalogOf(deps, "en").suggestions).toEqual(en);
  });

  it("offers the checked suggestions in help", () => {
    const help = answer("help", deps);
    for (const q of suggestionsFor(deps, "en")) expect(help.answer).toContain(`"${q}"`);
  });
});

describe("intent files' suggestion templates", () => {
  const base = "id: x\ndescription: d\nexamples:\n  en: [Who is it?]\n";
  it("accepts templates with slots and names the field of a bad one", () => {
    expect(parseIntent("x.yml", `${base}suggest:\n  en: ["Who leads {organisation}?"]\n`).suggest.en).toEqual(
      ["Who leads {organisation}?"],
    );
    expect(parseIntent("x.yml", base).suggest).toEqual({ en: [], de: [] });
    expect(() => parseIntent("x.yml", `${base}suggest:\n  en: ["Who leads the office?"]\n`)).toThrow(
      /x\.yml: field "suggest\.en\.0"/,
    );
    expect(() => parseIntent("x.yml", `${base}suggest:\n  de: ["Wer leitet {firma}?"]\n`)).toThrow(
      /suggest\.de\.0/,
    );
  });
});

describe("help in the asker's language", () => {
  const deps = slackCorpusDeps();
  it.each([
    ["what can you do?", "en", /^I answer questions about 3 news articles/],
    ["help please", "en", /^I answer questions/],
    ["Hilfe", "de", /^Ich beantworte Fragen zu 3 Nachrichtenartikeln/],
    ["Hilfe bitte", "de", /^Ich beantworte/],
    ["Was kannst du?", "de", /Beispiele: "(Wer|Wie|Wo|Wann|Welche|Warum) /],
  ])("%s gets help (%s)", (question, language, text) => {
    const a = answer(question, deps);
    expect(a).toMatchObject({ kind: "meta", intent: "help", language });
    expect(a.answer).toMatch(text);
  });
});

describe("answer without a trace", () => {
  const deps = slackCorpusDeps();

  it("is the same answer with no trace, for questions from the articles and about the bot", () => {
    for (const q of ["who leads the Tokyo office?", "help", "What's the weather in Paris?", "sources"]) {
      const traced = answer(q, deps);
      const untraced = answer(q, deps, { trace: false });
      expect(traced.trace, q).toBeDefined();
      expect(untraced.trace, q).toBeUndefined();
      const { trace: _, ...rest } = traced;
      expect(untraced, q).toEqual(rest);
    }
  });
});
