import { OwnerCache } from "../util/owner-cache.js";

/** Edit distance of two short strings, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
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

function closest(word: string, known: Map<string, number>): string | undefined {
  const max = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestScore = -Infinity;
  for (const [candidate, freq] of known) {
    if (Math.abs(candidate.length - word.length) > max || candidate.length < 4) continue;
    const d = editDistance(word, candidate, max);
    if (d > max) continue;
    const score = -d * 1000 + freq;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
