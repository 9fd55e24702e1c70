import type { Language } from "../text/language.js";

/** One sentence of an article: a verbatim span of the file's text. */
export interface Sentence {
  /** Index in `Corpus.sentences`. */
  id: number;
  /** Index in `Corpus.articles`. */
  article: number;
  /** Character offsets (UTF-16 code units) in the article's `text`; `text.slice(start, end)` is the sentence. */
  start: number;
  end: number;
  text: string;
  language: Language;
}

/** One article file, as loaded. */
export interface Article {
  /** The file name inside the seeds folder: what citations name. */
  source: string;
  title: string;
  date?: string;
  author?: string;
  url?: string;
  language: Language;
  /** The whole file, decoded: quotes are slices of it. */
  text: string;
  /** Ids of its sentences, in reading order (page furniture and headings excluded). */
  sentences: number[];
}

/** Every readable article of a folder, with their sentences. */
export interface Corpus {
  dir: string;
  articles: Article[];
  sentences: Sentence[];
  /** One line per file that was skipped, naming it and saying why. */
  warnings: string[];
}
