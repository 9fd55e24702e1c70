import { readFileSync } from "node:fs";
import wordListPath from "word-list";

let words: Set<string> | undefined;

/**
 * True for a word of English (sindresorhus/word-list, 270k words). A question word that is
 * English but absent from the articles is a real word to keep ("fall"), not a typo to correct
 * into a corpus word ("call"). The list is read on first use only.
 */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(readFileSync(wordListPath, "utf8").split("\n"));
  return words.has(word.toLowerCase());
}
