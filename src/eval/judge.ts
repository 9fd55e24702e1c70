import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { ContractAnswer } from "../answer/types.js";

/** One line of a question file (../shared/eval/README.md); `intent` is optional, for routing checks. */
export interface EvalQuestion {
  id: string;
  q: string;
  kind: "answer" | "list" | "abstain";
  any?: string[];
  all?: string[][];
  src?: string[];
  intent?: string;
}

/** Strings that mark page furniture in a quote (as the reference scorer has them). */
export const BOILERPLATE = [
  "感谢阅读",
  "Want to learn more",
  "ALSO READ",
  "WATCH:",
  "Explore other upcoming",
  "Tags:",
  "![",
  "gravatar",
  "See also:",
];
/** The scorer's normal form: NFC, plain quotes and dashes, folded white space, lower case. */
export const norm = (s: unknown): string =>
  String(s ?? "")
    .normalize("NFC")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

/** Reads a question file: one JSON object per line. */
export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

const sources = new Map<string, string>();
function sourceText(dir: string, name: string): string {
  const path = join(dir, basename(name));
  let text = sources.get(path);
  if (text === undefined) {
    text = existsSync(path) ? norm(readFileSync(path, "utf8")) : "";
    sources.set(path, text);
  }
  return text;
}

/**
 * The reference scorer's checks (../shared/eval/score.mjs) for one answer: answer, cited,
 * faithful, clean, abstain. Returns the failures; empty when the answer is fully right.
 */
export function judge(q: EvalQuestion, r: ContractAnswer, seedsDir: string): string[] {
  const failures: string[] = [];
  for (const c of r.citations) {
    const text = sourceText(seedsDir, c.source);
    if (!text || !text.includes(norm(c.quote)) || !norm(c.quote))
      failures.push(`unfaithful quote ${c.quote.slice(0, 60)}`);
    if (BOILERPLATE.some((b) => c.quote.includes(b))) failures.push("boilerplate quoted");
  }
  if (q.kind === "abstain") {
    if (r.answered !== false) failures.push(`should abstain, said ${r.answer}`);
    return failures;
  }
  const answer = norm(r.answer);
  const hit =
    q.kind === "list"
      ? (q.all ?? []).every((alts) => alts.some((a) => answer.includes(norm(a))))
      : (q.any ?? []).some((a) => answer.includes(norm(a)));
  if (!(r.answered && hit)) failures.push(`wrong: ${r.answer.slice(0, 100)}`);
  if (!r.citations.some((c) => (q.src ?? []).some((p) => c.source.startsWith(p)))) failures.push("uncited");
  return failures;
}
