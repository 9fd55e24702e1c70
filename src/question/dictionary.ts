import { readFileSync } from "node:fs";
import wordListPath from "word-list";

let words: string | undefined;
const known = new Map<string, boolean>();

/**
 * True for a word of English (sindresorhus/word-list, 270k words, one per line). A question
 * word that is English but absent from the articles is a real word to keep ("fall"), not a typo
 * to correct into a corpus word ("call"). The list is read on first use, and searched as one
 * string: a few look-ups per question cost less than building a set of 270k words.
 */
export function isEnglishWord(word: string): boolean {
  const lower = word.toLowerCase();
  let v = known.get(lower);
  if (v === undefined) {
    words ??= `\n${readFileSync(wordListPath, "utf8")}\n`;
    v = words.includes(`\n${lower}\n`);
    if (known.size > 50_000) known.clear();
    known.set(lower, v);
  }
  return v;
}
