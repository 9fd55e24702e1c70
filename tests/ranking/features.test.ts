import { describe, expect, it } from "vitest";
import { type Deps, route } from "../../src/core.js";
import { WordVectors } from "../../src/knowledge/embeddings.js";
import {
  DECISION_FEATURES,
  featureNames,
  figureConflict,
  SENTENCE_FEATURES,
  type SentenceInput,
  SPAN_FEATURES,
  softCoverage,
} from "../../src/ranking/features.js";
import { analyse, decisionInput, spanCandidates } from "../../src/ranking/pipeline.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

const deps = depsFor(
  tempDir({
    "a.txt": [
      "Velmora Robotics opened its first office in Telgard in March.",
      "The Telgard office is led by Ida Roche, a former engineer.",
      "Velmora never sold robots in Ostra.",
      "Farmers in the valley grow apples and pears.",
      "The robot maker hired the company Ostra Systems for its software.",
    ].join("\n"),
  }),
);

function sentenceFeature(name: string, question: string, sentenceStart: string): number {
  const r = route(question, deps);
  const a = analyse(r.q, r.intent, deps);
  const i = a.sentences.findIndex((s) => s.ev.sentence.text.startsWith(sentenceStart));
  if (i < 0) throw new Error(`no candidate starting "${sentenceStart}" for "${question}"`);
  const entry = SENTENCE_FEATURES.find(([n]) => n === name);
  if (!entry) throw new Error(`no feature ${name}`);
  return entry[1](a.sentences[i] as SentenceInput);
}

function spanFeature(name: string, question: string, spanText: string): number {
  const r = route(question, deps);
  const a = analyse(r.q, r.intent, deps);
  const p = a.sentences.map((_, i) => (i === 0 ? 0.9 : 0.1));
  const c = spanCandidates(a, p, deps).find((x) => x.input.span.text === spanText);
  if (!c) throw new Error(`no span "${spanText}" for "${question}"`);
  return c.x[featureNames(SPAN_FEATURES).indexOf(name)] as number;
}

function decisionFeature(name: string, question: string): number {
  const r = route(question, deps);
  const a = analyse(r.q, r.intent, deps);
  // the first candidate is taken as the best sentence
  const p = a.sentences.map((_, i) => (i === 0 ? 0.9 : 0.1));
  const entry = DECISION_FEATURES.find(([n]) => n === name);
  if (!entry) throw new Error(`no feature ${name}`);
  return entry[1](decisionInput(a, p, []));
}

describe("sentence features", () => {
  it("exactCoverage: the share of the question's weighted terms the sentence holds", () => {
    expect(
      sentenceFeature("exactCoverage", "Who leads the Telgard office?", "The Telgard office"),
    ).toBeGreaterThan(0.9);
    expect(
      sentenceFeature("exactCoverage", "Who leads the Telgard office?", "Velmora Robotics"),
    ).toBeLessThan(0.6);
  });

  it("wordCoverage: the question's words that are not names, found in the sentence", () => {
    expect(sentenceFeature("wordCoverage", "Who leads the Telgard office?", "The Telgard office")).toBe(1);
    expect(sentenceFeature("wordCoverage", "What is the weather in Telgard?", "The Telgard office")).toBe(0);
  });

  it("missingHeaviest and entitiesMissing: what the sentence lacks", () => {
    expect(sentenceFeature("entitiesMissing", "Who leads the Telgard office?", "The Telgard office")).toBe(0);
    expect(
      sentenceFeature("entitiesMissing", "When did Velmora open in Telgard?", "The Telgard office"),
    ).toBe(0.5);
    expect(sentenceFeature("missingHeaviest", "When did Velmora open in Telgard?", "Velmora Robotics")).toBe(
      0,
    );
    expect(
      sentenceFeature("missingHeaviest", "When did Velmora open in Telgard?", "The Telgard office"),
    ).toBeGreaterThan(0);
  });

  it("pairOverlap: the question's adjacent words stay together", () => {
    expect(sentenceFeature("pairOverlap", "Who leads the Telgard office?", "The Telgard office")).toBe(1);
    expect(sentenceFeature("pairOverlap", "Which first office opened?", "Velmora Robotics")).toBeGreaterThan(
      0,
    );
  });

  it("density: matched words side by side score higher than spread out", () => {
    const close = sentenceFeature("density", "Telgard office", "The Telgard office");
    const far = sentenceFeature("density", "Velmora Telgard", "Velmora Robotics");
    expect(close).toBeGreaterThan(far);
  });

  it("anaphoric and firstOfArticle read the sentence's place and opening", () => {
    expect(sentenceFeature("firstOfArticle", "Velmora office Telgard", "Velmora Robotics")).toBe(1);
    expect(sentenceFeature("firstOfArticle", "Velmora office Telgard", "The Telgard office")).toBe(0);
    expect(sentenceFeature("anaphoric", "Velmora office Telgard", "The Telgard office")).toBe(0);
  });
});

describe("span features", () => {
  it("kindFit and kindFitTyped: a person for a who-question, not a date", () => {
    expect(spanFeature("kindFit", "Who leads the Telgard office?", "Ida Roche")).toBe(1);
    expect(spanFeature("kindFitTyped", "When did Velmora open its office?", "in March")).toBe(1);
    expect(spanFeature("kindFit", "When did Velmora open its office?", "Velmora Robotics")).toBe(0);
  });

  it("intentKindFit: the span is of the kind its question's intent answers with", () => {
    // routed to leadership, whose answers are people
    const routed = route("Who is in charge of the Telgard office?", deps);
    expect(routed.intent.intent?.answerType).toBe("person");
    expect(spanFeature("intentKindFit", "Who is in charge of the Telgard office?", "Ida Roche")).toBe(1);
    expect(spanFeature("intentKindFit", "Who is in charge of the Telgard office?", "former engineer")).toBe(
      0,
    );
    expect(route("Velmora apples", deps).intent.intent).toBeUndefined();
    expect(spanFeature("intentKindFit", "Velmora apples", "Velmora Robotics")).toBe(0);
  });

  it("inQuestion and allInQuestion: a span that repeats the question is marked", () => {
    expect(spanFeature("allInQuestion", "Who leads the Telgard office?", "Telgard office")).toBe(1);
    expect(spanFeature("inQuestion", "Who leads the Telgard office?", "Ida Roche")).toBe(0);
  });

  it("nearness, adjacent and context: where the span sits among the question's words", () => {
    const near = spanFeature("nearness", "Who was the office led by?", "Ida Roche");
    const far = spanFeature("nearness", "Who was the office led by?", "former engineer");
    expect(near).toBeGreaterThan(far);
    expect(spanFeature("leftContext", "Who was the office led by?", "Ida Roche")).toBeGreaterThan(0);
    expect(spanFeature("rightContext", "Who was the office led by?", "Ida Roche")).toBe(0);
  });

  it("words, capitalised, capitalShare, hasDigit, verbShare describe the span itself", () => {
    expect(spanFeature("capitalised", "Who leads the Telgard office?", "Ida Roche")).toBe(1);
    expect(spanFeature("capitalShare", "Who leads the Telgard office?", "former engineer")).toBe(0);
    expect(spanFeature("hasDigit", "Who leads the Telgard office?", "Ida Roche")).toBe(0);
    expect(spanFeature("words", "Who leads the Telgard office?", "Ida Roche")).toBeCloseTo(Math.log1p(2));
    expect(spanFeature("verbShare", "Who opened an office?", "Velmora Robotics opened")).toBeGreaterThan(0);
  });

  it("nounShare, endsWithNoun, startsWeak: the span's parts of speech (compromise's tagger)", () => {
    expect(spanFeature("nounShare", "What did the robot maker hire?", "the company Ostra Systems")).toBe(
      0.75,
    );
    expect(spanFeature("endsWithNoun", "Who leads the Telgard office?", "former engineer")).toBe(1);
    expect(spanFeature("endsWithNoun", "Who opened an office?", "Velmora Robotics opened")).toBe(0);
    expect(spanFeature("startsWeak", "Who opened an office?", "opened its first office")).toBe(1);
    expect(spanFeature("startsWeak", "Who leads the Telgard office?", "former engineer")).toBe(0);
  });

  it("cutsPhrase: a span that stops inside a noun phrase or starts in one", () => {
    expect(spanFeature("cutsPhrase", "What did the robot maker hire?", "the company Ostra")).toBe(1);
    expect(spanFeature("cutsPhrase", "What did the robot maker hire?", "Systems")).toBe(1);
    expect(spanFeature("cutsPhrase", "What did the robot maker hire?", "the company Ostra Systems")).toBe(0);
  });
});

describe("decision features", () => {
  it("missingFromArticle: question words the best sentence's article never uses", () => {
    expect(decisionFeature("missingFromArticle", "Who leads the Telgard office?")).toBe(0);
    expect(decisionFeature("missingFromArticle", "Who leads the Telgard submarine fleet?")).toBeGreaterThan(
      0.3,
    );
  });

  it("negatedQuestion and negatedSentence: which of the question and its best sentence is negated", () => {
    // the best sentence: "Velmora never sold robots in Ostra."
    expect(decisionFeature("negatedQuestion", "Where did Velmora never sell robots?")).toBe(0);
    expect(decisionFeature("negatedSentence", "Where did Velmora never sell robots?")).toBe(0);
    expect(decisionFeature("negatedQuestion", "Where did Velmora sell robots?")).toBe(0);
    expect(decisionFeature("negatedSentence", "Where did Velmora sell robots?")).toBe(1);
    // "Who leads ...": "The Telgard office is led by Ida Roche, a former engineer."
    expect(decisionFeature("negatedQuestion", "Who doesn't lead the Telgard office?")).toBe(1);
    expect(decisionFeature("negatedSentence", "Who doesn't lead the Telgard office?")).toBe(0);
  });

  it("entityUnknown: a name or figure of the question no article mentions", () => {
    expect(decisionFeature("entityUnknown", "Who leads the Telgard office?")).toBe(0);
    expect(decisionFeature("entityUnknown", "Who leads the office in Paris?")).toBe(1);
  });

  it("antonymSwap: the sentence holds a WordNet antonym of a question word it lacks", () => {
    const plant = depsFor(tempDir({ "p.txt": "The Ostra plant is small and makes robot arms.\n" }));
    const antonym = (question: string) => {
      const r = route(question, plant);
      const a = analyse(r.q, r.intent, plant);
      const entry = DECISION_FEATURES.find(([n]) => n === "antonymSwap");
      return entry?.[1](
        decisionInput(
          a,
          a.sentences.map(() => 0.5),
          [],
        ),
      );
    };
    expect(antonym("Which plant is large and makes robot arms?")).toBe(1);
    expect(antonym("Which plant is small and makes robot arms?")).toBe(0);
    expect(antonym("Which plant makes robot arms?")).toBe(0);
  });

  it("figureConflict: the question's figure is missing where the sentence has another of its shape", () => {
    const sentence = "Velmora opened the Telgard office in 2021 with 40 staff.";
    expect(figureConflict("What did Velmora open in 2019?", sentence)).toBe(1);
    expect(figureConflict("What did Velmora open in 2021?", sentence)).toBe(0);
    // a figure of another shape is no conflict (a count is not a year), nor a sentence without figures
    expect(figureConflict("Which office opened with 400 staff?", sentence)).toBe(0);
    expect(figureConflict("What opened in 2019?", "Velmora opened an office.")).toBe(0);
    expect(figureConflict("Who leads the Telgard office?", sentence)).toBe(0);
    // decimals and grouped figures keep their separators in the shape; a closing full stop is not one
    expect(figureConflict("Did sales rise 3.5 percent?", "Sales rose 4.2 percent.")).toBe(1);
    expect(figureConflict("Did sales reach 1,200?", "Sales reached 1,200.")).toBe(0);
  });

  it("margin and pBest read the sentence probabilities", () => {
    expect(decisionFeature("pBest", "Who leads the Telgard office?")).toBe(0.9);
    expect(decisionFeature("margin", "Who leads the Telgard office?")).toBeCloseTo(0.8);
  });
});

describe("softCoverage", () => {
  const softDir = tempDir({
    "soft.txt": [
      "Ida Roche leads the Telgard office.",
      "The Telgard office sells apples and pears.",
      "Velmora opened an office in Ostra.",
    ].join("\n"),
  });
  const real = depsFor(softDir);
  // Made-up vectors of 3 dimensions: "heads" and "leads" close, "office" as close to "heads" as
  // "heads" itself, "apples" opposite, "telgard" and "ostra" the same.
  const made: [string, number[]][] = [
    ["heads", [100, 20, 0]],
    ["leads", [90, 30, 0]],
    ["office", [100, 20, 0]],
    ["apples", [-100, -20, 0]],
    ["sells", [0, 0, 100]],
    ["telgard", [0, 100, 0]],
    ["ostra", [0, 100, 0]],
  ];
  const vectors = new WordVectors(
    made.map(([w]) => w),
    Int8Array.from(made.flatMap(([, v]) => v)),
    3,
  );
  const madeDeps: Deps = { ...real, vectors };

  function soft(deps: Deps, question: string, sentenceStart: string): number {
    const r = route(question, deps);
    const a = analyse(r.q, r.intent, deps);
    const s = a.sentences.find((x) => x.ev.sentence.text.startsWith(sentenceStart));
    if (!s) throw new Error(`no candidate starting "${sentenceStart}" for "${question}"`);
    return softCoverage(s);
  }

  it("a question word the sentence says with a close word counts by its cosine and weight", () => {
    const v = soft(madeDeps, "Who heads the Telgard office?", "Ida Roche leads");
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThan(1);
  });

  it("a sentence word that is itself a question word is no soft match; a negative cosine counts 0", () => {
    // "office" has the vector of "heads" but matches the question's "office" exactly
    expect(soft(madeDeps, "Who heads the Telgard office?", "The Telgard office sells")).toBe(0);
  });

  it("a question word the sentence holds exactly does not count as soft", () => {
    expect(soft(madeDeps, "Who leads the Telgard office?", "Ida Roche leads")).toBe(0);
  });

  it("unknown words give 0", () => {
    expect(soft(madeDeps, "Who manages the Telgard office?", "Ida Roche leads")).toBe(0);
  });

  it("names never count softly", () => {
    // "Telgard" and "Ostra" have the same vector, but a sentence about Ostra says nothing of Telgard
    expect(soft(madeDeps, "When did Velmora open in Telgard?", "Velmora opened")).toBe(0);
  });

  it("0 without vectors", () => {
    expect(soft({ ...real, vectors: undefined }, "Who heads the Telgard office?", "Ida Roche leads")).toBe(0);
  });

  it("the decision feature is the best sentence's value", () => {
    const r = route("Who heads the Telgard office?", madeDeps);
    const a = analyse(r.q, r.intent, madeDeps);
    const p = a.sentences.map((s) => (s.ev.sentence.text.startsWith("Ida Roche leads") ? 0.9 : 0.1));
    const entry = DECISION_FEATURES.find(([n]) => n === "softCoverage");
    const best = a.sentences.find((s) => s.ev.sentence.text.startsWith("Ida Roche leads"));
    if (!entry || !best) throw new Error("no softCoverage decision feature or no candidate");
    expect(entry[1](decisionInput(a, p, []))).toBe(softCoverage(best));
    expect(softCoverage(best)).toBeGreaterThan(0);
  });

  it("with the built vectors (npm run build): 'heads' said as 'leads' scores above 'sells apples'", () => {
    expect(real.vectors, "no built vectors: run npm run build").toBeDefined();
    const leads = soft(real, "Who heads the Telgard office?", "Ida Roche leads");
    const apples = soft(real, "Who heads the Telgard office?", "The Telgard office sells");
    expect(leads).toBeGreaterThan(apples);
    expect(featureNames(SENTENCE_FEATURES)).toContain("softCoverage");
    expect(featureNames(DECISION_FEATURES)).toContain("softCoverage");
  });
});
