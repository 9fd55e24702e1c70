import MiniSearch, { type AsPlainObject } from "minisearch";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { loadLexicon } from "../../src/lexicon/load.js";
import {
  type ArticleTerms,
  analyzeSentences,
  articleTermsOf,
  buildIndex,
  CANDIDATE_ARTICLES,
  type CorpusIndex,
  indexedTerms,
  indexOptions,
  searchSentences,
} from "../../src/retrieval/index.js";
import type { TermTable } from "../../src/retrieval/term-table.js";
import { Analyzer } from "../../src/text/terms.js";
import { INTENTS, SEEDS, tempDir } from "../helpers/fixtures.js";

/**
 * 300 made-up articles, each about its own company and all about offices: "office" is in every
 * article, and the company names are in one each. Article 137 says "office" in every sentence.
 */
/** A made-up company name of letters only, one per number: "Zorbaqex". */
const companyName = (i: number) =>
  `Zor${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}qex`;

function largeCorpus() {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) {
    const name = companyName(i);
    files[`a${String(i).padStart(3, "0")}.txt`] =
      i === 137
        ? `${name} runs an office in Oslo. The office has a garden. Its office dog is famous.\n`
        : `${name} opened an office last spring. ${name} sells tools to farmers. Revenue grew by ${i} percent. The founders met at school.\n`;
  }
  const dir = tempDir(files);
  return buildIndex(loadCorpus(dir), new Analyzer(loadLexicon(`${INTENTS}/lexicon`)));
}

describe("the two-stage index over a large corpus", () => {
  const index = largeCorpus();
  const articleOf = (id: number) =>
    index.corpus.articles[index.corpus.sentences[id]?.article as number]?.source;

  it("keeps a term found in most articles only for the articles that use it most", () => {
    expect(index.stats.articleDf.get("offic")).toBe(300);
    const postings = index.articleSearch.search("offic", { fields: ["terms"] }).length;
    expect(postings).toBeGreaterThan(CANDIDATE_ARTICLES);
    expect(postings).toBeLessThan(300);
    // The article that says it in every sentence is among them, and ranks first.
    const hits = searchSentences(index, [{ term: "offic", weight: 1 }], 10);
    expect(hits.length).toBeGreaterThan(0);
    expect(articleOf((hits[0] as { id: number }).id)).toBe("a137.txt");
  });

  it("finds an article by its rare words whatever the common words of the question", () => {
    const hits = searchSentences(
      index,
      ["offic", ...index.analyzer.terms(companyName(211), "en"), "open"].map((term) => ({ term, weight: 1 })),
      5,
    );
    expect(articleOf((hits[0] as { id: number }).id)).toBe("a211.txt");
  });

  it("indexes every term of a small corpus in every article", () => {
    const small = buildIndex(
      loadCorpus(tempDir({ "a.txt": "Acme opened an office.\n", "b.txt": "Globex opened an office.\n" })),
      new Analyzer(loadLexicon(`${INTENTS}/lexicon`)),
    );
    expect(small.articleSearch.search("offic", { fields: ["terms"] })).toHaveLength(2);
  });
});

/** minisearch's serialized form with the terms in one order (the tree's order follows insertion). */
function canonical(search: MiniSearch<{ id: number }>): AsPlainObject {
  const js = search.toJSON();
  return { ...js, index: [...js.index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/**
 * Each article's distinct terms and in how many of its sentences each is, counted the plain way
 * from the sentences' terms (the analysis gathers them as it reads).
 */
function articleTermsFromSentences(corpus: CorpusIndex["corpus"], table: TermTable): ArticleTerms {
  const ids: number[] = [];
  const counts: number[] = [];
  const offsets = [0];
  for (const article of corpus.articles) {
    const count = new Map<number, number>();
    for (const s of article.sentences)
      for (const id of table.idsOf(s)) count.set(id, (count.get(id) ?? 0) + 1);
    ids.push(...count.keys());
    counts.push(...count.values());
    offsets.push(ids.length);
  }
  return { ids: Int32Array.from(ids), counts: Int32Array.from(counts), offsets: Int32Array.from(offsets) };
}

/** The article index built the slow way: every article through minisearch's `addAll`. */
function addedOneByOne(index: CorpusIndex): MiniSearch<{ id: number }> {
  const { corpus, analyzer, sentenceTerms, stats } = index;
  const articleDf = Int32Array.from(sentenceTerms.vocabulary, (t) => stats.articleDf.get(t) ?? 0);
  const terms = indexedTerms(corpus, articleTermsFromSentences(corpus, sentenceTerms), articleDf);
  const search = new MiniSearch<{ id: number }>(indexOptions(corpus, analyzer, sentenceTerms, terms));
  search.addAll(corpus.articles.map((_, id) => ({ id })));
  return search;
}

describe("the article index, built from the gathered postings", () => {
  it("has each article's terms and counts as its sentences give them, from the analysis", () => {
    const corpora = [
      loadCorpus(SEEDS),
      largeCorpus().corpus,
      loadCorpus(
        tempDir({
          "a.txt": "Acme opened an office. The office is in Oslo.\n",
          "b.txt": Array.from({ length: 12 }, (_, i) => `Read more: the office story ${i} is here.`).join(
            " ",
          ),
          "c.txt": "It is what it is.\n",
        }),
      ),
    ];
    for (const corpus of corpora) {
      const analysis = analyzeSentences(corpus.sentences, new Analyzer(loadLexicon(`${INTENTS}/lexicon`)));
      const table = buildIndex(corpus, new Analyzer(loadLexicon(`${INTENTS}/lexicon`))).sentenceTerms;
      expect(articleTermsOf(corpus, analysis)).toEqual(articleTermsFromSentences(corpus, table));
    }
  });

  it("is the index minisearch's addAll builds, on the seeds and on a corpus with champion lists", () => {
    const seeds = buildIndex(loadCorpus(SEEDS), new Analyzer(loadLexicon(`${INTENTS}/lexicon`)));
    for (const index of [seeds, largeCorpus()]) {
      expect(canonical(index.articleSearch)).toEqual(canonical(addedOneByOne(index)));
      // The same search, the same scores, in the same order.
      const query = ["offic", "tokyo", "open"].join("\u0001");
      expect(index.articleSearch.search(query)).toEqual(addedOneByOne(index).search(query));
    }
  });

  it("counts a title or text without terms, and a title term twice, as minisearch does", () => {
    const index = buildIndex(
      loadCorpus(
        tempDir({
          "a.txt": "Acme opened an office.\n",
          "b.md": "---\ntitle: The office of offices\n---\n\nIt is what it is.\n",
          "c.md": "---\ntitle: It is\n---\n\nAcme. Acme!\n",
          // every sentence page furniture: an article without sentences
          "d.txt": Array.from({ length: 12 }, (_, i) => `Read more: the office story ${i} is here.`).join(
            " ",
          ),
        }),
      ),
      new Analyzer(loadLexicon(`${INTENTS}/lexicon`)),
    );
    expect(index.corpus.articles.map((a) => a.title)).toEqual([
      "Acme opened an office.",
      "The office of offices",
      "It is",
      "d.txt",
    ]);
    expect(index.corpus.articles[3]?.sentences).toEqual([]);
    expect(canonical(index.articleSearch)).toEqual(canonical(addedOneByOne(index)));
  });
});
