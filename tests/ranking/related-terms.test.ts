import { describe, expect, it } from "vitest";
import type { WordNet } from "../../src/knowledge/wordnet.js";
import type { QuestionAnalysis } from "../../src/question/analyze.js";
import { relatedTerms } from "../../src/ranking/pipeline.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

// A made-up WordNet: "merged" is related to "joined" and to "fused".
function wordnet(): WordNet {
  const related = new Map([["merged", ["joined", "fused"]]]);
  return {
    base: (form: string) => form,
    related: (lemma: string) => (related.get(lemma) ?? []).map((l) => ({ lemma: l, relation: "syn" })),
    antonyms: () => [],
  } as unknown as WordNet;
}

describe("relatedTerms", () => {
  const base = depsFor(tempDir({ "a.txt": "The two mills joined in Velmora. The firms fused in Ostra.\n" }));
  const termOf = (word: string) => base.index.analyzer.terms(word, "en")[0] as string;
  // One word read as different terms by two questions (as "United" is "united" alone and part
  // of the term "united states" in a name): what is found for it leaves out the word's own term.
  const asking = (term: string) =>
    ({
      language: "en",
      terms: [{ word: "merged", term, entity: false, token: 0 }],
    }) as unknown as QuestionAnalysis;
  const synonyms = (q: QuestionAnalysis, wn: WordNet) =>
    [...relatedTerms(q, { ...base, wordnet: wn }).values()].flatMap((r) => [...r.syn]).sort();

  it("gives a question word the terms of its WordNet neighbours that the articles use", () => {
    expect(synonyms(asking(termOf("merged")), wordnet())).toEqual([termOf("joined"), termOf("fused")].sort());
  });

  it("does not depend on the questions asked before (the cache is keyed by the word and its term)", () => {
    const fresh = synonyms(asking(termOf("joined")), wordnet());
    expect(fresh).toEqual([termOf("fused")]);
    const wn = wordnet();
    synonyms(asking(termOf("merged")), wn);
    expect(synonyms(asking(termOf("joined")), wn)).toEqual(fresh);
  });
});
