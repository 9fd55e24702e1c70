import { OwnerCache } from "../util/owner-cache.js";

/** The two rows of `editDistance`, grown as needed and reused (no allocation per comparison). */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Edit distance of two short strings, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(2 * (b.length + 1));
    currentRow = new Int32Array(2 * (b.length + 1));
  }
  let prev = previousRow;
  let cur = currentRow;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length] as number;
}

/**
 * The known word closest to an unknown one ("ofice" -> "office"), or undefined. Words of four
 * letters or more may differ by one edit, of eight or more by two; among equals the most
 * frequent wins.
 */
export function correctWord(word: string, known: Map<string, number>): string | undefined {
  if (word.length < 4 || known.has(word)) return undefined;
  // Every known word is compared: remember the result for the next question with this word.
  const hit = corrections.get(known, word, () => ({ word: closest(word, known) }));
  return hit.word;
}

const corrections = new OwnerCache<Map<string, number>, string, { word: string | undefined }>(10_000);

/** Known words of four letters or more by length, each with its frequency and its place in the map. */
type ByLength = Map<number, { word: string; freq: number; at: number }[]>;
const byLengthOf = new WeakMap<Map<string, number>, ByLength>();

function wordsByLength(known: Map<string, number>): ByLength {
  let out = byLengthOf.get(known);
  if (!out) {
    out = new Map();
    let at = 0;
    for (const [word, freq] of known) {
      if (word.length >= 4) {
        const list = out.get(word.length) ?? [];
        list.push({ word, freq, at });
        out.set(word.length, list);
      }
      at++;
    }
    byLengthOf.set(known, out);
  }
  return out;
}

/** The best-scoring known word within the allowed edits; among equal scores the first in the map. */
function closest(word: string, known: Map<string, number>): string | undefined {
  const max = word.length >= 8 ? 2 : 1;
  const byLength = wordsByLength(known);
  let best: { word: string; at: number } | undefined;
  let bestScore = -Infinity;
  for (let length = word.length - max; length <= word.length + max; length++) {
    for (const candidate of byLength.get(length) ?? []) {
      const d = editDistance(word, candidate.word, max);
      if (d > max) continue;
      const score = -d * 1000 + candidate.freq;
      if (score > bestScore || (score === bestScore && best !== undefined && candidate.at < best.at)) {
        best = candidate;
        bestScore = score;
      }
    }
  }
  return best?.word;
}
