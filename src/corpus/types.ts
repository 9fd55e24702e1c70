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
  /**
   * What the index and the ranking read as its title: the front matter's title, else a heading
   * above the first paragraph, else the beginning of its first sentence.
   */
  title: string;
  /**
   * What a reader knows it by, in lists of sources: the front matter's title, else the
   * article's own headline line, else the file name (`articleName` reads it).
   */
  displayTitle?: string;
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
