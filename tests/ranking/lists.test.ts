import { describe, expect, it } from "vitest";
import { route } from "../../src/core.js";
import { placesAtOneLevel } from "../../src/ranking/pipeline.js";
import type { Span } from "../../src/ranking/spans.js";
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
