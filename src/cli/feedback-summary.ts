import type { FeedbackRecord } from "../slack/feedback-log.js";

/** Counts for one group of ratings. */
export interface FeedbackRow {
  key: string;
  ratings: number;
  helpful: number;
}

/** What `npm run feedback` prints. */
export interface FeedbackSummary {
  ratings: number;
  helpful: number;
  byIntent: FeedbackRow[];
  /** By question and answer, most rated first. */
  byAnswer: FeedbackRow[];
  /** Line numbers (1-based) that were not a feedback record. */
  skipped: number[];
}

function isRecord(value: unknown): value is FeedbackRecord {
  const r = value as FeedbackRecord | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.helpful === "boolean" &&
    typeof r.question === "string" &&
    typeof r.answer === "string" &&
    typeof r.intent === "string"
  );
}

function rowsOf(groups: Map<string, FeedbackRow>): FeedbackRow[] {
  return [...groups.values()].sort((a, b) => b.ratings - a.ratings || a.key.localeCompare(b.key));
}

/** Summarises a feedback log's text (JSON lines): counts per intent and per answer, and the share helpful. */
export function summariseFeedback(text: string): FeedbackSummary {
  const byIntent = new Map<string, FeedbackRow>();
  const byAnswer = new Map<string, FeedbackRow>();
  const skipped: number[] = [];
  let ratings = 0;
  let helpful = 0;
  const count = (groups: Map<string, FeedbackRow>, key: string, yes: boolean) => {
    const row = groups.get(key) ?? { key, ratings: 0, helpful: 0 };
    row.ratings++;
    if (yes) row.helpful++;
    groups.set(key, row);
  };
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      record = undefined;
    }
    if (!isRecord(record)) {
      skipped.push(i + 1);
      return;
    }
    ratings++;
    if (record.helpful) helpful++;
    count(byIntent, record.intent, record.helpful);
    count(byAnswer, `${record.question} -> ${record.answer}`, record.helpful);
  });
  return { ratings, helpful, byIntent: rowsOf(byIntent), byAnswer: rowsOf(byAnswer), skipped };
}

const share = (helpful: number, ratings: number) =>
  ratings ? `${Math.round((100 * helpful) / ratings)}%` : "-";

/** The summary as text: totals, then a table per intent and per answer. */
export function formatFeedback(s: FeedbackSummary, options: { maxAnswers?: number } = {}): string {
  if (s.ratings === 0)
    return `No feedback yet.${s.skipped.length ? ` (${s.skipped.length} unreadable lines)` : ""}\n`;
  const table = (title: string, rows: FeedbackRow[]) => [
    "",
    `${title}:`,
    ...rows.map(
      (r) =>
        `  ${String(r.ratings).padStart(5)}  ${share(r.helpful, r.ratings).padStart(4)} helpful  ${r.key}`,
    ),
  ];
  const answers = s.byAnswer.slice(0, options.maxAnswers ?? 20);
  const lines = [
    `${s.ratings} rating${s.ratings === 1 ? "" : "s"}, ${s.helpful} helpful (${share(s.helpful, s.ratings)})`,
    ...table("by intent (ratings, share helpful)", s.byIntent),
    ...table(`by answer (the ${answers.length} most rated)`, answers),
  ];
  if (s.skipped.length)
    lines.push("", `skipped ${s.skipped.length} unreadable lines: ${s.skipped.slice(0, 10).join(", ")}`);
  return `${lines.join("\n")}\n`;
}
