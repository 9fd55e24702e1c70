import { describe, expect, it } from "vitest";
import { TermTable } from "../../src/retrieval/term-table.js";

/** A table of `n` sentences over a vocabulary of `v` terms, each sentence a few distinct ids (deterministic). */
function table(n: number, v: number): { table: TermTable; sentences: number[][] } {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const sentences = Array.from({ length: n }, () => [
    ...new Set(Array.from({ length: 1 + (next() % 6) }, () => next() % v)),
  ]);
  const offsets = [0];
  for (const s of sentences) offsets.push((offsets.at(-1) as number) + s.length);
  return {
    table: TermTable.from({
      vocabulary: Array.from({ length: v }, (_, i) => `t${i}`),
      ids: Int32Array.from(sentences.flat()),
      offsets: Int32Array.from(offsets),
    }),
    sentences,
  };
}

describe("TermTable", () => {
  it("sentencesWithAny: every sentence holding one of the terms, ascending, each once", () => {
    const { table: t, sentences } = table(300, 40);
    for (const asked of [[3], [0, 1, 2], [5, 5, 9, 39], [], [17, 4, 30, 22, 8]]) {
      const expected = sentences.flatMap((s, i) => (s.some((id) => asked.includes(id)) ? [i] : []));
      expect([...t.sentencesWithAny(asked)]).toEqual(expected);
    }
  });

  it("sumsOf: per sentence, the sum of its terms' weights, whatever list of sentences is asked", () => {
    const { table: t, sentences } = table(50, 12);
    const weight = new Map([
      [1, 0.5],
      [4, 2],
      [11, 1.25],
    ]);
    const asked = [49, 0, 7, 7, 23];
    const sums = t.sumsOf(Int32Array.from(asked), weight);
    expect([...sums]).toEqual(
      asked.map((i) => (sentences[i] as number[]).reduce((sum, id) => sum + (weight.get(id) ?? 0), 0)),
    );
    // the weights are cleared after each call
    expect([...t.sumsOf([0, 7], new Map())]).toEqual([0, 0]);
  });
});
