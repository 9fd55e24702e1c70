/**
 * The distinct terms of every sentence, packed: one vocabulary and two integer arrays instead
 * of an array of strings per sentence. At 10,000 articles (177,000 sentences) this is what
 * keeps the index small in memory and quick to store and load.
 */
export class TermTable {
  private constructor(
    /** Term id -> term. */
    readonly vocabulary: string[],
    /** Term ids of all sentences, one after the other. */
    readonly ids: Int32Array,
    /** Sentence i's ids are ids[offsets[i]] .. ids[offsets[i + 1] - 1]. */
    readonly offsets: Int32Array,
  ) {}

  /** A table from its three parts (built by buildIndex, or as stored in the index cache). */
  static from(parts: { vocabulary: string[]; ids: Int32Array; offsets: Int32Array }): TermTable {
    return new TermTable(parts.vocabulary, parts.ids, parts.offsets);
  }

  private index: Map<string, number> | undefined;

  /** The id of a term, or undefined when no sentence has it. */
  idOf(term: string): number | undefined {
    if (!this.index) this.index = new Map(this.vocabulary.map((t, i) => [t, i]));
    return this.index.get(term);
  }

  /** Weights by term id, zero but during `sumsOf` (kept: one array per table, not per call). */
  private scratch: Float64Array | undefined;

  /**
   * For each of `sentences`, the sum over its terms of their weight in `weight` (term id ->
   * weight; a term without one counts 0).
   */
  sumsOf(sentences: ArrayLike<number>, weight: Map<number, number>): Float64Array {
    this.scratch ??= new Float64Array(this.vocabulary.length);
    const w = this.scratch;
    for (const [id, x] of weight) w[id] = x;
    const out = new Float64Array(sentences.length);
    for (let j = 0; j < sentences.length; j++) {
      const i = sentences[j] as number;
      let sum = 0;
      const end = this.offsets[i + 1] as number;
      for (let k = this.offsets[i] as number; k < end; k++) sum += w[this.ids[k] as number] as number;
      out[j] = sum;
    }
    for (const id of weight.keys()) w[id] = 0;
    return out;
  }

  /** Per term id, the sentences that have it (ascending), packed as `ids` and `offsets` are; made on first use. */
  private postings: { sentences: Int32Array; offsets: Int32Array } | undefined;

  private postingsOf(): { sentences: Int32Array; offsets: Int32Array } {
    if (this.postings) return this.postings;
    const offsets = new Int32Array(this.vocabulary.length + 1);
    for (const id of this.ids) offsets[id + 1] = (offsets[id + 1] as number) + 1;
    for (let t = 0; t < this.vocabulary.length; t++)
      offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const sentences = new Int32Array(this.ids.length);
    const next = offsets.slice(0, -1);
    for (let i = 0; i < this.size; i++) {
      const end = this.offsets[i + 1] as number;
      for (let k = this.offsets[i] as number; k < end; k++) {
        const id = this.ids[k] as number;
        sentences[next[id] as number] = i;
        next[id] = (next[id] as number) + 1;
      }
    }
    this.postings = { sentences, offsets };
    return this.postings;
  }

  /** The sentences that have at least one of the terms (by id), ascending, each once. */
  sentencesWithAny(termIds: Iterable<number>): Int32Array {
    const { sentences, offsets } = this.postingsOf();
    const found: number[] = [];
    for (const id of termIds)
      for (let k = offsets[id] as number; k < (offsets[id + 1] as number); k++)
        found.push(sentences[k] as number);
    const sorted = Int32Array.from(found).sort();
    let n = 0;
    for (let k = 0; k < sorted.length; k++)
      if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[n++] = sorted[k] as number;
    return sorted.slice(0, n);
  }

  /** Number of sentences. */
  get size(): number {
    return this.offsets.length - 1;
  }

  /** The term ids of sentence `i` (a view: no copy). */
  idsOf(i: number): Int32Array {
    return this.ids.subarray(this.offsets[i] ?? 0, this.offsets[i + 1] ?? 0);
  }

  /** The distinct terms of sentence `i`. */
  termsOf(i: number): string[] {
    const out: string[] = [];
    const end = this.offsets[i + 1] ?? 0;
    for (let k = this.offsets[i] ?? 0; k < end; k++)
      out.push(this.vocabulary[this.ids[k] as number] as string);
    return out;
  }

  /** How many distinct terms sentence `i` has. */
  countOf(i: number): number {
    return (this.offsets[i + 1] ?? 0) - (this.offsets[i] ?? 0);
  }
}
