import { describe, expect, it } from "vitest";
import { route } from "../../src/core.js";
import { analyse, compose, score, spanWorth } from "../../src/ranking/pipeline.js";
import { untrainedModels } from "../../src/ranking/weights.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

const deps = depsFor(tempDir({ "a.txt": "The Telgard office is led by Ida Roche, a former engineer.\n" }));

describe("spanWorth: what replying with the span instead of its sentence keeps", () => {
  it("is one minus the chance that the sentence answers and the span misses", () => {
    expect(spanWorth(0.9, 0.5)).toBeCloseTo(0.55);
    expect(spanWorth(0.4, 0.5)).toBeCloseTo(0.8);
    expect(spanWorth(1, 1)).toBe(1);
    expect(spanWorth(1, 0)).toBe(0);
  });
});

describe("compose: span or sentence", () => {
  // untrained models: every span's probability is 0.5
  const r = route("Who leads the Telgard office?", deps);
  const a = analyse(r.q, r.intent, deps);
  const models = { ...untrainedModels(), thresholds: { answer: 0.3, span: 0.7, spanOther: 0.7, list: 2 } };
  const scored = score(a, models, deps);
  const reply = (pDecision: number) => compose(a, { ...scored, pDecision }, models, deps);

  it("gives the span where little is lost by it, the sentence where the sentence is likely right", () => {
    // at 0.4 the span keeps 0.8 (over 0.7): the short answer
    expect(reply(0.4).kind).toBe("value");
    expect(reply(0.4).answer.length).toBeLessThan(20);
    expect(reply(0.4).citations[0]?.quote).toContain(reply(0.4).answer);
    // at 0.9 it keeps 0.55: the sentence that holds it
    expect(reply(0.9).kind).toBe("sentence");
    expect(reply(0.9).answer).toContain("Ida Roche");
    // under the answer threshold: no answer
    expect(reply(0.2).answered).toBe(false);
  });
});

describe("compose: a short answer is the whole value or name its span is part of", () => {
  const text = "The Telgard library holds 18 million volumes in its cellars.";
  const deps = depsFor(tempDir({ "a.txt": `${text}\n` }));
  const r = route("How many volumes does the Telgard library hold?", deps);
  const a = analyse(r.q, r.intent, deps);
  const models = { ...untrainedModels(), thresholds: { answer: 0.3, span: 0, spanOther: 0, list: 2 } };
  const scored = score(a, models, deps);

  it("gives the count with what it counts when the span chosen is the bare figure", () => {
    const at = scored.spans.findIndex((s) => s.candidate.input.span.text === "18");
    expect(at).toBeGreaterThanOrEqual(0);
    const spans = [
      scored.spans[at] as (typeof scored.spans)[number],
      ...scored.spans.filter((_, i) => i !== at),
    ];
    const reply = compose(a, { ...scored, spans, pDecision: 0.9 }, models, deps);
    expect(reply.kind).toBe("value");
    expect(reply.answer).toBe("18 million volumes");
  });
});
