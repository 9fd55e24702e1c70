import { describe, expect, it } from "vitest";
import { gatherEvidence } from "../../src/answer/evidence.js";
import { route } from "../../src/core.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

describe("gatherEvidence", () => {
  // A made-up article: short sentences with two of the question's words score high in
  // retrieval (its length normalisation; "founded" is common here, so it weighs little), while
  // the one sentence with every question word is long.
  const deps = depsFor(
    tempDir({
      "a.txt": [
        "# Mills of Velmora",
        "",
        "The Ostra mill was windy.",
        "The Ostra mill was cold.",
        "The Ostra mill was far.",
        "The school was founded early.",
        "The club was founded late.",
        "The bank was founded twice.",
        "In the spring of that long and difficult year, when the harvest had failed and the roads were closed by floods, Ida Roche founded the Ostra mill beside the river that runs through the valley below the old northern ridge road, where her family had farmed barley, oats and rye for three generations before the railway came.",
        "",
      ].join("\n"),
    }),
  );
  const q = route("Who founded the Ostra mill?", deps).q;
  const gather = (limit: number, pool: number) =>
    gatherEvidence(deps.index, q, new Set(), [], limit, pool).map((e) => e.sentence.text);

  it("keeps the best judged of the sentences retrieved: a wider pool finds the sentence retrieval ranks low", () => {
    const all = gatherEvidence(deps.index, q, new Set(), [], 10, 10);
    const byRetrieval = [...all].sort((x, y) => (y.retrieval ?? 0) - (x.retrieval ?? 0));
    const founded = all.find((e) => e.sentence.text.includes("founded"));
    expect(founded).toBeDefined();
    // retrieval alone does not rank it first ...
    expect(byRetrieval[0]?.sentence.text).not.toContain("founded");
    expect(gather(1, 1)[0]).not.toContain("founded");
    // ... judged among all it is the best, and a pool wider than the limit keeps it
    expect(all[0]?.sentence.text).toContain("founded");
    expect(gather(1, 10)[0]).toContain("founded");
  });

  it("returns at most `limit` sentences, best judged first", () => {
    const three = gatherEvidence(deps.index, q, new Set(), [], 3, 10);
    expect(three).toHaveLength(3);
    const scores = three.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});
