import { describe, expect, it } from "vitest";
import { intsOf } from "../../src/retrieval/postgres/articles.js";
import {
  exhaustiveTop,
  type Posting,
  type PostingSource,
  postingKey,
  type ReadRequest,
  type TopStats,
  topArticles,
} from "../../src/retrieval/postgres/first-stage.js";
import { seededRandom as random } from "../helpers/random.js";

/** Made-up posting lists: each term in a share of the articles, some in titles, lengths drawn. */
function collection(seed: number, articles: number, shares: number[], titleShare: number, maxTerms: number) {
  const r = random(seed);
  // Few distinct lengths: many exact ties, which the file-name order must break.
  const lengths = Array.from({ length: articles }, () => Math.floor(r() * maxTerms));
  const lists: Posting[][] = shares.map((share) => {
    const list: Posting[] = [];
    for (let a = 0; a < articles; a++)
      if (r() < share) list.push({ article: a, key: postingKey(r() < titleShare, lengths[a] as number) });
    return list.sort((x, y) => x.key - y.key || x.article - y.article);
  });
  // File-name order: a shuffle of the ids.
  const order = Array.from({ length: articles }, (_, a) => a);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const rank = new Map(order.map((a, i) => [a, i]));
  return { lists, rank: (a: number) => rank.get(a) as number };
}

/** The lists in memory, as PostgreSQL serves them; `hide`: a posting it leaves out of reads. */
function memorySource(lists: Posting[][], hide?: { term: number; article: number }): PostingSource {
  return {
    async read(requests: readonly ReadRequest[]) {
      return requests.map(({ term, after, limit }) =>
        (lists[term] as Posting[])
          .filter((p) => !after || p.key > after.key || (p.key === after.key && p.article > after.article))
          .filter((p) => !(hide && hide.term === term && hide.article === p.article))
          .slice(0, limit),
      );
    },
    async lookup(pairs: readonly { article: number; term: number }[]) {
      return pairs.flatMap(({ article, term }) => {
        const p = (lists[term] as Posting[]).find((x) => x.article === article);
        return p ? [{ article, term, key: p.key }] : [];
      });
    },
  };
}

const MEAN = 40;

describe("the PostgreSQL first stage's pruned search", () => {
  it("returns what exhaustive scoring does, on many made-up collections (rare and common terms, ties, titles)", async () => {
    let pruned = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const r = random(seed * 7919);
      const m = 1 + Math.floor(r() * 6);
      const shares = Array.from(
        { length: m },
        () => [0.002, 0.01, 0.05, 0.3, 0.72, 0.9][Math.floor(r() * 6)] as number,
      );
      const { lists, rank } = collection(seed, 3000, shares, r() * 0.2, 1 + Math.floor(r() * 200));
      const weights = shares.map(() => 0.1 + r() * 5);
      const k = [1, 5, 40, 100][seed % 4] as number;
      const stats: TopStats = { postingsRead: 0, lookedUp: 0, rounds: 0 };
      const got = await topArticles(
        memorySource(lists),
        weights,
        MEAN,
        k,
        rank,
        { firstRead: 64, lookupBatch: 50 },
        stats,
      );
      expect(got, `seed ${seed}`).toEqual(exhaustiveTop(lists, weights, MEAN, k, rank));
      const total = lists.reduce((n, l) => n + l.length, 0);
      if (stats.postingsRead < total) pruned++;
    }
    // Not a vacuous comparison: most searches stopped before reading every posting.
    expect(pruned).toBeGreaterThan(60);
  });

  it("reads a small share of the postings when a rare term decides", async () => {
    const { lists, rank } = collection(5, 50_000, [0.001, 0.72, 0.72, 0.5], 0.02, 150);
    const weights = [7, 0.33, 0.33, 0.7];
    const stats: TopStats = { postingsRead: 0, lookedUp: 0, rounds: 0 };
    const got = await topArticles(memorySource(lists), weights, MEAN, 40, rank, {}, stats);
    expect(got).toEqual(exhaustiveTop(lists, weights, MEAN, 40, rank));
    const total = lists.reduce((n, l) => n + l.length, 0);
    expect(stats.postingsRead).toBeLessThan(total / 10);
  });

  it("fewer matching articles than asked for: all of them; no terms: none", async () => {
    const { lists, rank } = collection(9, 500, [0.01, 0.004], 0.5, 20);
    const got = await topArticles(memorySource(lists), [2, 3], MEAN, 40, rank);
    expect(got).toEqual(exhaustiveTop(lists, [2, 3], MEAN, 40, rank));
    expect(new Set(got)).toEqual(new Set(lists.flat().map((p) => p.article)));
    expect(await topArticles(memorySource([]), [], MEAN, 40, rank)).toEqual([]);
  });

  it("the comparison can fail: a source that loses one posting of a top article is caught", async () => {
    const { lists, rank } = collection(11, 3000, [0.01, 0.3, 0.72], 0.1, 100);
    const weights = [4, 1, 0.4];
    const best = exhaustiveTop(lists, weights, MEAN, 40, rank);
    const top = best[0] as number;
    const term = lists.findIndex((l) => l.some((p) => p.article === top));
    const lossy = memorySource(lists, { term, article: top });
    // Its reads lose the posting and its lookups find nothing: the search is misinformed.
    const got = await topArticles({ read: lossy.read, lookup: async () => [] }, weights, MEAN, 40, rank, {
      firstRead: 64,
    });
    expect(got).not.toEqual(best);
  });

  it("reads PostgreSQL's integer arrays (the postings' chunks) in their text form", () => {
    expect(intsOf("{1,20,300,1073741954}")).toEqual([1, 20, 300, 1073741954]);
    expect(intsOf("{7}")).toEqual([7]);
    expect(intsOf("{}")).toEqual([]);
    expect(intsOf(null)).toEqual([]);
  });

  it("keys put title postings first, then short articles before long ones", () => {
    const keys = [postingKey(false, 3), postingKey(true, 90), postingKey(false, 0), postingKey(true, 1)];
    expect([...keys].sort((a, b) => a - b)).toEqual([
      postingKey(true, 1),
      postingKey(true, 90),
      postingKey(false, 0),
      postingKey(false, 3),
    ]);
    expect(() => postingKey(false, -1)).toThrow();
  });
});
