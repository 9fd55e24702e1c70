import { describe, expect, it } from "vitest";
import { route } from "../../src/core.js";
import { analyse, compose, placesAtOneLevel, score } from "../../src/ranking/pipeline.js";
import type { Span } from "../../src/ranking/spans.js";
import { untrainedModels } from "../../src/ranking/weights.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

const deps = depsFor(tempDir({ "a.txt": "Velmora has offices in London, Dublin, Tokyo and Japan.\n" }));

/** The items kept of a list of span texts, for a question. */
function kept(question: string, texts: string[]): string[] {
  const q = route(question, deps).q;
  const chosen = texts.map((text) => ({
    span: { text, start: 0, end: text.length, kind: "place", first: 0, last: 1 } as Span,
  }));
  return placesAtOneLevel(chosen, q, deps).map((c) => c.span.text);
}

describe("placesAtOneLevel: a list of places as the question asks for them", () => {
  it("keeps the places inside the continent or country the question names", () => {
    expect(kept("Where are Velmora's offices in Europe?", ["London", "Tokyo", "Dublin", "Paris"])).toEqual([
      "London",
      "Dublin",
      "Paris",
    ]);
    expect(kept("Which offices does Velmora have in Asia?", ["London", "Tokyo", "Singapore"])).toEqual([
      "Tokyo",
      "Singapore",
    ]);
  });

  it("takes a place that holds no item for no area ('apart from Singapore')", () => {
    expect(kept("Apart from Singapore, which cities get offices?", ["Paris", "Seattle"])).toEqual([
      "Paris",
      "Seattle",
    ]);
  });

  it("drops an item that holds another: the list stays at its finest level", () => {
    expect(kept("Where are the offices?", ["Tokyo", "Japan", "London", "Asia"])).toEqual(["Tokyo", "London"]);
    expect(kept("Which countries does Velmora sell in?", ["Japan", "Ireland"])).toEqual(["Japan", "Ireland"]);
  });

  it("keeps what is no known place: the table leaves out towns named like people or words", () => {
    expect(kept("Where are the offices?", ["Tokyo", "Austin", "London"])).toEqual([
      "Tokyo",
      "Austin",
      "London",
    ]);
  });
});

describe("compose: a list keeps the items likely answers, its sentence's probability counted", () => {
  const listDeps = depsFor(
    tempDir({
      "b.txt": "Velmora opened offices in Lisbon and Oslo.\nThe Velmora board once met in Quito.\n",
    }),
  );
  it("drops a fitting span of an unlikely sentence, however well it fits there", () => {
    const r = route("Which cities does Velmora have offices in?", listDeps);
    const a = analyse(r.q, r.intent, listDeps);
    const models = { ...untrainedModels(), thresholds: { answer: 0, span: 2, spanOther: 2, list: 0.3 } };
    const scored = score(a, models, listDeps);
    expect(a.q.list).toBe(true);
    // the sentence on offices likely holds an answer, the other hardly; each span fits its own (0.5)
    const pOf = (i: number) => (a.sentences[i]?.ev.sentence.text.includes("offices") ? 0.9 : 0.1);
    const spans = scored.spans.map((s) => ({
      ...s,
      p: 0.5,
      candidate: { ...s.candidate, input: { ...s.candidate.input, pSentence: pOf(s.candidate.sentence) } },
    }));
    const reply = compose(a, { ...scored, pDecision: 0.9, spans }, models, listDeps);
    expect(reply.kind).toBe("list");
    expect(reply.answer).toContain("Lisbon");
    expect(reply.answer).toContain("Oslo");
    expect(reply.answer).not.toContain("Quito");
  });
});
