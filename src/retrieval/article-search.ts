import MiniSearch, { type Options } from "minisearch";

/**
 * The postings of the article index, packed: what `articleSearchFrom` makes the minisearch index
 * of, and what the index cache stores. Terms are numbered; for each field of the index (in the
 * order of the options' `fields`), term t's postings are the articles
 * `docs[offsets[t]] .. docs[offsets[t + 1] - 1]` (ascending), each with its number of occurrences
 * in `counts` (no `counts`: once each).
 */
export interface ArticlePostings {
  articleCount: number;
  terms: string[];
  fields: FieldPostings[];
  /** Article a's length in field f (distinct tokens, as minisearch counts them): lengths[a * fields + f]. */
  lengths: Int32Array;
}

export interface FieldPostings {
  offsets: Int32Array;
  docs: Int32Array;
  counts?: Int32Array;
}

/** Postings of one field given per term as lists of [article, occurrences, article, ...], packed. */
export function packField(terms: number, lists: (readonly number[] | undefined)[]): FieldPostings {
  const offsets = new Int32Array(terms + 1);
  for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t] as number) + (lists[t]?.length ?? 0) / 2;
  const size = offsets[terms] as number;
  const docs = new Int32Array(size);
  const counts = new Int32Array(size);
  lists.forEach((list, t) => {
    if (!list) return;
    let at = offsets[t] as number;
    for (let k = 0; k < list.length; k += 2, at++) {
      docs[at] = list[k] as number;
      counts[at] = list[k + 1] as number;
    }
  });
  return { offsets, docs, counts };
}

/** minisearch's term index: term -> field id -> article -> occurrences (not part of its typed API). */
interface TermIndex {
  set(term: string, postings: Map<number, Map<number, number>>): unknown;
}

/**
 * The minisearch index of these postings: the one `addAll` of the same articles builds (a test
 * compares them), made without adding articles one by one. Everything but the term index goes
 * through minisearch's own `loadJS` (its serialized form); the term index, three quarters of a
 * million postings at 10,000 articles, is filled with the maps minisearch keeps: handing it
 * the serialized form costs an object per term and a string per posting, turned back into
 * numbers (about 0.6 s of the 10,000-article start, against 0.1 s). minisearch does not type
 * that field, so its shape is checked here, and the comparison test pins the rest.
 */
export function articleSearchFrom(
  postings: ArticlePostings,
  options: Options<{ id: number }>,
): MiniSearch<{ id: number }> {
  const { articleCount: n, fields, lengths } = postings;
  const fieldCount = options.fields.length;
  if (fields.length !== fieldCount || lengths.length !== n * fieldCount)
    throw new Error("article postings do not match the index's fields");
  const documentIds: Record<number, string> = {};
  const fieldLength: Record<number, number[]> = {};
  // `add`'s running mean of each field's length, in its order of operations (the same result).
  const averageFieldLength = new Array<number>(fieldCount).fill(0);
  for (let a = 0; a < n; a++) {
    documentIds[a] = String(a);
    const own = Array.from(lengths.subarray(a * fieldCount, (a + 1) * fieldCount));
    fieldLength[a] = own;
    own.forEach((length, f) => {
      averageFieldLength[f] = ((averageFieldLength[f] as number) * a + length) / (a + 1);
    });
  }
  const search = MiniSearch.loadJS(
    {
      documentCount: n,
      nextId: n,
      documentIds,
      fieldIds: Object.fromEntries(options.fields.map((field, id) => [field, id])),
      fieldLength,
      averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const termIndex = (search as unknown as { _index?: Partial<TermIndex> })._index;
  if (typeof termIndex?.set !== "function")
    throw new Error(
      "minisearch's term index is not where this version expects it (src/retrieval/article-search.ts)",
    );
  postings.terms.forEach((term, t) => {
    const byField = new Map<number, Map<number, number>>();
    fields.forEach(({ offsets, docs, counts }, f) => {
      const end = offsets[t + 1] as number;
      let k = offsets[t] as number;
      if (k === end) return;
      const articles = new Map<number, number>();
      for (; k < end; k++) articles.set(docs[k] as number, counts ? (counts[k] as number) : 1);
      byField.set(f, articles);
    });
    // (an empty term is no term: minisearch's own tokenizing drops it)
    if (byField.size > 0 && term) (termIndex as TermIndex).set(term, byField);
  });
  return search;
}
