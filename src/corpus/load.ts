import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import * as z from "zod/mini";
import { detectLanguage, type Language } from "../text/language.js";
import { parseYaml } from "../text/yaml.js";
import "../util/zod-messages.js";
import { isFurnitureSentence, isHeadingLine, markFurniture } from "./furniture.js";
import { splitSentences } from "./sentences.js";
import type { Article, Corpus, Sentence } from "./types.js";

/** Options of `loadCorpus`. */
export interface LoadOptions {
  /** Files larger than this are skipped with a warning (default 5 MB). */
  maxBytes?: number;
  /** Called once per skipped file with a message that names it (default: collected only). */
  onWarning?: (message: string) => void;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** The file types read as articles. */
export const ARTICLE_EXTENSIONS: readonly string[] = [".txt", ".md"];

// Dates stay as written: the YAML core schema reads 2024-04-15 as a string.
const FrontMatter = z.looseObject({
  title: z.optional(z.string().check(z.trim(), z.minLength(1))),
  date: z.optional(z.string()),
  author: z.optional(z.string()),
  url: z.optional(z.string()),
  language: z.optional(z.enum(["en", "de"])),
});

/** A file that cannot be an article; the message says why. */
export class BadArticleError extends Error {}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s+/;
const LIST_MARKER = /^\s*(?:[-*+>]|\d+[.)])\s+/;

/** Decodes a file's bytes as UTF-8 text, refusing binary and malformed files. */
function decode(bytes: Buffer): string {
  if (bytes.length === 0) throw new BadArticleError("the file is empty");
  if (bytes.subarray(0, 8000).includes(0)) throw new BadArticleError("the file is binary, not text");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadArticleError("the file is not valid UTF-8 text");
  }
}

function readFrontMatter(text: string): { meta: z.infer<typeof FrontMatter>; bodyStart: number } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { meta: {}, bodyStart: 0 };
  let data: unknown;
  try {
    data = parseYaml(m[1] as string) ?? {};
  } catch (err) {
    throw new BadArticleError(
      `its front matter is not valid YAML (${(err as Error).message.split("\n")[0]})`,
    );
  }
  const result = FrontMatter.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BadArticleError(
      `its front matter is invalid: ${issue?.path.join(".") || "(top)"}: ${issue?.message}`,
    );
  }
  return { meta: result.data, bodyStart: m[0].length };
}

/** The first `max` characters of some lines, for language detection. */
function sample(lines: string[], max: number): string {
  let out = "";
  for (const l of lines) {
    if (out.length >= max) break;
    out += ` ${l.slice(0, max - out.length)}`;
  }
  return out;
}

function shorten(text: string, max = 90): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  return `${t.slice(0, t.lastIndexOf(" ", max)).replace(/[,;:]$/, "")}…`;
}

/** Longest headline line taken for a title (a longer first line is a paragraph). */
const MAX_HEADLINE = 150;

/**
 * The article's own headline: its first line (blank lines and page furniture skipped) when that
 * is a Markdown heading, or a short line that does not end like a sentence and stands alone
 * (a blank line or the end after it). A first line that runs on into the text is no headline.
 */
function headlineOf(lines: { text: string }[], furniture: boolean[]): string | undefined {
  const i = lines.findIndex((l, k) => !furniture[k] && l.text.trim() !== "");
  const line = lines[i]?.text;
  if (line === undefined) return undefined;
  const text = line.replace(MARKDOWN_HEADING, "").replace(/\s+/g, " ").trim();
  if (!/\p{L}/u.test(text) || text.length > MAX_HEADLINE) return undefined;
  if (MARKDOWN_HEADING.test(line)) return text;
  const next = lines[i + 1]?.text;
  const alone = next === undefined || next.trim() === "";
  return alone && isHeadingLine(line) && !LIST_MARKER.test(line) ? text : undefined;
}

/** The name of an article in lists of sources: its title, its headline line, or its file name. */
export function articleName(article: Pick<Article, "displayTitle" | "source">): string {
  return article.displayTitle ?? article.source;
}

/**
 * Reads one article: front matter, furniture stripped, sentences with offsets into `text`.
 * Throws BadArticleError when the file cannot be an article.
 */
export function parseArticle(
  source: string,
  text: string,
): Omit<Article, "sentences"> & { spans: Sentence[] } {
  const { meta, bodyStart } = readFrontMatter(text);
  const lines: { text: string; start: number }[] = [];
  const lineRe = /[^\n]*(?:\n|$)/g;
  lineRe.lastIndex = bodyStart;
  for (let m = lineRe.exec(text); m && m[0].length > 0; m = lineRe.exec(text)) {
    lines.push({ text: m[0].replace(/\r?\n$/, ""), start: m.index });
  }
  const furniture = markFurniture(lines.map((l) => l.text));
  const headline = headlineOf(lines, furniture);
  const body: { text: string; start: number }[] = [];
  let heading: string | undefined;
  lines.forEach((line, i) => {
    if (furniture[i]) return;
    if (MARKDOWN_HEADING.test(line.text) || isHeadingLine(line.text)) {
      // Only a heading above the first paragraph titles the article; later ones head sections.
      if (body.length === 0) heading ??= line.text.replace(MARKDOWN_HEADING, "").trim();
      return;
    }
    const marker = LIST_MARKER.exec(line.text)?.[0].length ?? 0;
    body.push({ text: line.text.slice(marker), start: line.start + marker });
  });
  if (body.length === 0) throw new BadArticleError("it has no readable sentences");
  const language: Language =
    meta.language ??
    detectLanguage(
      sample(
        body.map((l) => l.text),
        1500,
      ),
    );
  const spans: Sentence[] = [];
  for (const line of body) {
    for (const s of splitSentences(line.text, line.start)) {
      if (isFurnitureSentence(text.slice(s.start, s.end))) continue;
      spans.push({
        id: -1,
        article: -1,
        start: s.start,
        end: s.end,
        text: text.slice(s.start, s.end),
        language,
      });
    }
  }
  const title = meta.title ?? (heading && heading.length >= 12 ? heading : shorten(spans[0]?.text ?? source));
  const displayTitle = meta.title ?? headline ?? source;
  return {
    source,
    title,
    displayTitle,
    date: meta.date,
    author: meta.author,
    url: meta.url,
    language,
    text,
    spans,
  };
}

/**
 * The names of the files of a folder that may be articles, sorted (hidden files left out).
 * Throws when the folder itself cannot be read.
 */
export function listArticleFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => !name.startsWith("."))
      .sort();
  } catch (err) {
    throw new Error(`cannot read the articles folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
}

/**
 * Loads the named files of a folder as articles, in the order given (article and sentence ids
 * count from 0). A file that cannot be read is skipped with a warning naming it; the rest load.
 */
export function loadArticleFiles(dir: string, names: readonly string[], options: LoadOptions = {}): Corpus {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const warnings: string[] = [];
  const warn = (file: string, why: string) => {
    const message = `skipped article ${file}: ${why}`;
    warnings.push(message);
    options.onWarning?.(message);
  };
  const articles: Article[] = [];
  const sentences: Sentence[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      if (!ARTICLE_EXTENSIONS.includes(extname(name).toLowerCase())) {
        throw new BadArticleError(`unsupported file type (articles are ${ARTICLE_EXTENSIONS.join(", ")})`);
      }
      if (stat.size > maxBytes) throw new BadArticleError(`it is larger than ${maxBytes} bytes`);
      const parsed = parseArticle(name, decode(readFileSync(path)));
      const { spans, ...article } = parsed;
      const index = articles.length;
      const ids: number[] = [];
      for (const s of spans) {
        s.id = sentences.length;
        s.article = index;
        sentences.push(s);
        ids.push(s.id);
      }
      articles.push({ ...article, sentences: ids });
    } catch (err) {
      if (err instanceof BadArticleError) warn(name, err.message);
      else warn(name, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  return { dir, articles, sentences, warnings };
}

/** The warning for a folder where no file could be read as an article. */
export const noArticleWarning = (dir: string) => `no readable article in ${dir}`;

/**
 * Loads every article (.txt, .md) of a folder. A file that cannot be read is skipped with a
 * warning naming it; the rest load. Throws only when the folder itself cannot be read.
 */
export function loadCorpus(dir: string, options: LoadOptions = {}): Corpus {
  const corpus = loadArticleFiles(dir, listArticleFiles(dir), options);
  if (corpus.articles.length === 0) corpus.warnings.push(noArticleWarning(dir));
  return corpus;
}
