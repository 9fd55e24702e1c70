/**
 * The PostgreSQL backend's first stage: the top articles by BM25 for a question's first-stage
 * terms, read from impact-ordered postings with threshold pruning (Fagin's threshold algorithm,
 * with lists read in chunks and random access in batches) instead of scoring every article that
 * has any of the terms.
 *
 * The score is schema 1's SQL ranking, to the bit: for terms t_1..t_m (in the order given) with
 * weights w_i (IDF times the query weight), an article with body length factor
 * `body = D + (K + 1) / (1 + K * (1 - B + B * n / meanTerms))` (n: its distinct body terms) scores
 * `(part_1 + ... + part_m) * matched`, where part_i is 0 without t_i, `w_i * body` with it,
 * `w_i * body + w_i * 3` with it boosted, and `matched` counts the terms it has (the
 * coordination factor). Ties go to the article earlier in file-name order ("C" collation). A
 * posting is boosted when its term is in the title, or in two or more of the article's
 * sentences (weight A in schema 1's tsvector: see ingest.ts, insertPostings); "title" below
 * means boosted.
 *
 * A term's postings are ordered by a key: its title postings first, then the others, each by the
 * article's n ascending (then article id), so a posting's contribution never exceeds the one
 * before it. An article read in one list has a known n, so whether its posting in another list
 * is still ahead of that list's read position is known too: past it, the article has the term
 * exactly when it was read. What is not known yet is bounded: an unread posting of a list
 * contributes at most what the list's last read posting did. The search stops when the k-th best
 * lower bound (the score of the terms known present) is above what an unread article could
 * score; then every read article whose upper bound reaches that k-th score is looked up
 * (random access) until all are exact, and the best k of those are the answer: no article left
 * out can reach the k-th score (scores are sums and products of non-negative numbers, and
 * floating-point rounding is monotone, so the bounds hold in floating point too).
 */

/** BM25's parameters, as minisearch's (k1 1.2, b 0.7, BM25+ d 0.5) and its title boost. */
export const K = 1.2;
export const B = 0.7;
export const D = 0.5;
export const TITLE_BOOST = 2;
/** A term in the title adds `w * TITLE_WEIGHT` (schema 1's `w * TITLE_BOOST * (D + 1)`). */
const TITLE_WEIGHT = TITLE_BOOST * (D + 1);

/** Keys at or above this are postings of the body only; below, of the title. */
export const BODY_KEY = 2 ** 30;

/** A posting's key: where it goes in its term's list (title first, then short articles first). */
export function postingKey(inTitle: boolean, bodyTerms: number): number {
  if (!Number.isInteger(bodyTerms) || bodyTerms < 0 || bodyTerms >= BODY_KEY)
    throw new Error(`an article's body terms out of range: ${bodyTerms}`);
  return inTitle ? bodyTerms : BODY_KEY + bodyTerms;
}

const inTitleOf = (key: number) => key < BODY_KEY;
const bodyTermsOf = (key: number) => (key < BODY_KEY ? key : key - BODY_KEY);

/**
 * The length factor of an article with `n` distinct body terms, computed as schema 1's SQL did
 * (`0.7 * n_terms` exact in numeric, then as float8: `(7 * n) / 10` is the same double).
 */
export function lengthFactor(n: number, meanTerms: number): number {
  return D + (K + 1) / (1 + K * (1 - B + (7 * n) / 10 / meanTerms));
}

/** One posting: an article and its key in the term's list. */
export interface Posting {
  article: number;
  key: number;
}

/** Where a read of a list starts: after this posting (the list's order is key, then article). */
export interface ReadRequest {
  /** The term's number in the query (0 .. m - 1). */
  term: number;
  after?: Posting;
  limit: number;
}

/** Postings by term, in key-then-article order, and by article. */
export interface PostingSource {
  /** For each request, up to `limit` postings of the term after `after`, in order. */
  read(requests: readonly ReadRequest[]): Promise<Posting[][]>;
  /** Which of these (article, term) pairs are postings (terms by number in the query), with their keys. */
  lookup(
    pairs: readonly { article: number; term: number }[],
  ): Promise<{ article: number; term: number; key: number }[]>;
}

export interface TopOptions {
  /** Postings read per list at first; each later read of a list reads four times more (default 1024). */
  firstRead?: number;
  /** Articles looked up at most per round (default 1000). */
  lookupBatch?: number;
}

/** What a search read: for tests and the benchmark's notes. */
export interface TopStats {
  postingsRead: number;
  lookedUp: number;
  rounds: number;
}

/** Per term of an article: not known yet, absent, present in the body, present in the title. */
const UNKNOWN = 0;
const ABSENT = 1;
const BODY = 2;
const TITLE = 3;

interface Seen {
  body: number;
  key: number;
  state: Uint8Array;
}

/**
 * The score of per-term parts (0 where absent) times the terms matched: schema 1's expression,
 * summed in the terms' order.
 */
function total(parts: readonly number[], matched: number): number {
  let s = 0;
  for (const p of parts) s += p;
  return s * matched;
}

const part = (w: number, body: number, inTitle: boolean) =>
  inTitle ? w * body + w * TITLE_WEIGHT : w * body;

/**
 * The best `k` articles for terms of weights `weights` (schema 1's BM25, above), best first,
 * `rank` (an article's place in file-name order) breaking ties. Only articles with at least one
 * of the terms are returned.
 */
export async function topArticles(
  source: PostingSource,
  weights: readonly number[],
  meanTerms: number,
  k: number,
  rank: (article: number) => number,
  options: TopOptions = {},
  stats?: TopStats,
): Promise<number[]> {
  const m = weights.length;
  if (m === 0 || k <= 0) return [];
  const firstRead = options.firstRead ?? 1024;
  const lookupBatch = options.lookupBatch ?? 1000;
  const bodyOf = new Map<number, number>();
  const factor = (n: number) => {
    let f = bodyOf.get(n);
    if (f === undefined) {
      f = lengthFactor(n, meanTerms);
      bodyOf.set(n, f);
    }
    return f;
  };
  const seen = new Map<number, Seen>();
  // Per list: the last posting read, whether it is read to the end, the next read's size.
  const last: (Posting | undefined)[] = new Array(m).fill(undefined);
  const done: boolean[] = new Array(m).fill(false);
  const next: number[] = new Array(m).fill(firstRead);
  const passed = (i: number, key: number, article: number) => {
    if (done[i]) return true;
    const l = last[i];
    return l !== undefined && (key < l.key || (key === l.key && article <= l.article));
  };
  const note = (article: number, i: number, key: number) => {
    let s = seen.get(article);
    if (!s) {
      s = { body: factor(bodyTermsOf(key)), key, state: new Uint8Array(m) };
      seen.set(article, s);
    }
    s.state[i] = inTitleOf(key) ? TITLE : BODY;
  };
  const parts = new Array<number>(m);
  /** An article's lower and upper bounds (exact when every term is known). */
  const bounds = (article: number, s: Seen): { lb: number; ub: number; open: boolean } => {
    const n = bodyTermsOf(s.key);
    let matched = 0;
    let possible = 0;
    let open = false;
    for (let i = 0; i < m; i++) {
      let st = s.state[i] as number;
      if (st === UNKNOWN) {
        // Past both places its posting could be: it does not have the term.
        if (passed(i, BODY_KEY + n, article)) st = ABSENT;
        else {
          open = true;
          possible++;
          parts[i] = part(weights[i] as number, s.body, !passed(i, n, article));
          continue;
        }
        s.state[i] = st;
      }
      if (st === ABSENT) parts[i] = 0;
      else {
        matched++;
        parts[i] = part(weights[i] as number, s.body, st === TITLE);
      }
    }
    if (!open) {
      const exact = total(parts, matched);
      return { lb: exact, ub: exact, open };
    }
    const ub = total(parts, matched + possible);
    for (let i = 0; i < m; i++) if (s.state[i] === UNKNOWN) parts[i] = 0;
    return { lb: total(parts, matched), ub, open };
  };
  /** The most an article not read yet could score (-Infinity when every list is read). */
  const unreadBound = () => {
    let count = 0;
    for (let i = 0; i < m; i++) {
      if (done[i]) {
        parts[i] = 0;
        continue;
      }
      const key = last[i]?.key ?? 0;
      parts[i] = part(weights[i] as number, factor(bodyTermsOf(key)), inTitleOf(key));
      count++;
    }
    return count === 0 ? Number.NEGATIVE_INFINITY : total(parts, count);
  };
  for (let round = 0; ; round++) {
    if (stats) stats.rounds = round + 1;
    const lbs: number[] = [];
    const open: { article: number; ub: number }[] = [];
    const all: { article: number; lb: number; ub: number }[] = [];
    for (const [article, s] of seen) {
      const b = bounds(article, s);
      lbs.push(b.lb);
      all.push({ article, lb: b.lb, ub: b.ub });
      if (b.open) open.push({ article, ub: b.ub });
    }
    const theta = lbs.length >= k ? kthLargest(lbs, k) : Number.NEGATIVE_INFINITY;
    const unread = unreadBound();
    const toLookUp = open.filter((o) => o.ub >= theta);
    const readMore = unread >= theta && done.some((d) => !d);
    if (!readMore && toLookUp.length === 0) {
      // Every article that can reach the k-th score is read and exact.
      return all
        .filter((a) => a.ub >= theta)
        .sort((x, y) => y.lb - x.lb || rank(x.article) - rank(y.article))
        .slice(0, k)
        .map((a) => a.article);
    }
    const reads: ReadRequest[] = [];
    if (readMore)
      for (let i = 0; i < m; i++) {
        if (done[i]) continue;
        const after = last[i];
        reads.push({ term: i, ...(after ? { after } : {}), limit: next[i] as number });
      }
    const batch = toLookUp
      .sort((x, y) => y.ub - x.ub)
      .slice(0, lookupBatch)
      .map((o) => o.article);
    // Only what is not known yet.
    const pairs = batch.flatMap((article) => {
      const state = (seen.get(article) as Seen).state;
      const unknown: { article: number; term: number }[] = [];
      for (let i = 0; i < m; i++) if (state[i] === UNKNOWN) unknown.push({ article, term: i });
      return unknown;
    });
    const [got, found] = await Promise.all([
      reads.length > 0 ? source.read(reads) : Promise.resolve([]),
      pairs.length > 0 ? source.lookup(pairs) : Promise.resolve([]),
    ]);
    reads.forEach((r, j) => {
      const list = got[j] ?? [];
      const i = r.term;
      for (const p of list) note(p.article, i, p.key);
      if (stats) stats.postingsRead += list.length;
      if (list.length < r.limit) done[i] = true;
      const end = list[list.length - 1];
      if (end) last[i] = end;
      next[i] = (next[i] as number) * 4;
    });
    for (const f of found) note(f.article, f.term, f.key);
    for (const a of batch) {
      const s = seen.get(a) as Seen;
      for (let i = 0; i < m; i++) if (s.state[i] === UNKNOWN) s.state[i] = ABSENT;
    }
    if (stats) stats.lookedUp += batch.length;
  }
}

/** The k-th largest of some numbers (k <= their count). */
function kthLargest(values: number[], k: number): number {
  return values.sort((a, b) => b - a)[k - 1] as number;
}

/**
 * Every article's exact score by the same formula, from whole posting lists: what the pruned
 * search must equal (the tests' reference, and the first stage of a small collection).
 */
export function exhaustiveTop(
  lists: readonly Posting[][],
  weights: readonly number[],
  meanTerms: number,
  k: number,
  rank: (article: number) => number,
): number[] {
  const m = weights.length;
  const byArticle = new Map<number, { key: number; title: boolean[]; has: boolean[] }>();
  lists.forEach((list, i) => {
    for (const p of list) {
      let a = byArticle.get(p.article);
      if (!a) {
        a = { key: p.key, title: new Array(m).fill(false), has: new Array(m).fill(false) };
        byArticle.set(p.article, a);
      }
      a.has[i] = true;
      a.title[i] = inTitleOf(p.key);
    }
  });
  const scored = [...byArticle].map(([article, a]) => {
    const body = lengthFactor(bodyTermsOf(a.key), meanTerms);
    const parts = weights.map((w, i) => (a.has[i] ? part(w, body, a.title[i] as boolean) : 0));
    return { article, score: total(parts, a.has.filter(Boolean).length) };
  });
  return scored
    .sort((x, y) => y.score - x.score || rank(x.article) - rank(y.article))
    .slice(0, k)
    .map((a) => a.article);
}
