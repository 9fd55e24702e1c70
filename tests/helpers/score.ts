import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ContractAnswer } from "../../src/answer/types.js";

/** One line of a question file (../shared/eval/README.md). */
export interface EvalQuestion {
  id: string;
  q: string;
  kind: "answer" | "list" | "abstain";
  any?: string[];
  all?: string[][];
  src?: string[];
}

const BOILERPLATE = [
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
const norm = (s: unknown) =>
  String(s ?? "")
    .normalize("NFC")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

/** The reference scorer's checks for one answer: the failures, empty when fully right. */
export function judge(q: EvalQuestion, r: ContractAnswer, seedsDir: string): string[] {
  const failures: string[] = [];
  for (const c of r.citations) {
    const text = norm(readFileSync(join(seedsDir, c.source), "utf8"));
    if (!text.includes(norm(c.quote))) failures.push(`unfaithful quote ${c.quote.slice(0, 60)}`);
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
