import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type EvalQuestion, readQuestions } from "../eval/judge.js";

/** One dev set: its questions, its articles, and how its questions are split into folds. */
export interface DevSet {
  name: string;
  questionsFile: string;
  seedsDir: string;
  /** The article each question is about (for folds by article); undefined: by question. */
  articleOf: (q: EvalQuestion) => string | undefined;
  /** "article" when the set has enough articles to hold some out, else "question". */
  foldBy: "article" | "question";
}

/** The dev sets under a folder laid out as ../shared/eval is (README there). */
export function devSets(root: string, seedsDir: string): DevSet[] {
  const squadIds = originalArticles(join(root, "squad/squad-v2.0-dev-part.json"));
  const bySrc = (q: EvalQuestion) => q.src?.[0] ?? squadIds.get(q.id);
  const sets: DevSet[] = [
    {
      name: "seeds",
      questionsFile: join(root, "dev.jsonl"),
      seedsDir,
      articleOf: () => undefined,
      foldBy: "question",
    },
    {
      name: "squad",
      questionsFile: join(root, "squad/dev.jsonl"),
      seedsDir: join(root, "squad/seeds"),
      articleOf: bySrc,
      foldBy: "article",
    },
    {
      name: "german",
      questionsFile: join(root, "german/dev.jsonl"),
      seedsDir: join(root, "german/seeds"),
      articleOf: bySrc,
      foldBy: "article",
    },
    {
      name: "german-en",
      questionsFile: join(root, "german-en/dev.jsonl"),
      seedsDir: join(root, "german-en/seeds"),
      articleOf: bySrc,
      foldBy: "article",
    },
    {
      name: "normans",
      questionsFile: join(root, "normans/dev.jsonl"),
      seedsDir: join(root, "normans/seeds"),
      articleOf: () => undefined,
      foldBy: "question",
    },
  ];
  return sets.filter((s) => existsSync(s.questionsFile) && existsSync(s.seedsDir));
}

/** Question id -> article file stem, from an original SQuAD-format file (when there is one). */
function originalArticles(file: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  const data = JSON.parse(readFileSync(file, "utf8")) as {
    data: { title: string; paragraphs: { qas: { id: string }[] }[] }[];
  };
  for (const article of data.data)
    for (const p of article.paragraphs) for (const qa of p.qas) out.set(qa.id, article.title.toLowerCase());
  return out;
}

/** Reads a set's questions. */
export function questionsOf(set: DevSet): EvalQuestion[] {
  return readQuestions(set.questionsFile);
}

/** A stable small hash of a string (FNV-1a). */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The fold of each question: by article (articles dealt round-robin in name order, questions
 * about no article by their id) or by question id.
 */
export function foldsOf(set: DevSet, questions: EvalQuestion[], k: number): number[] {
  if (set.foldBy === "question") return questions.map((q) => hash(q.id) % k);
  const articles = [
    ...new Set(questions.map(set.articleOf).filter((a): a is string => a !== undefined)),
  ].sort();
  const foldOf = new Map(articles.map((a, i) => [a, i % k]));
  return questions.map((q) => {
    const a = set.articleOf(q);
    return a !== undefined ? (foldOf.get(a) as number) : hash(q.id) % k;
  });
}
