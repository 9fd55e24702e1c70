import * as z from "zod/mini";
import type { Answer } from "../answer/types.js";
import { escapeMrkdwn, truncate, unescapeMrkdwn } from "./escape.js";

/**
 * What an answer's buttons carry (in their `value`, at most 2,000 characters): the question and
 * the names it was asked with, so "Why this answer?" and "Share in channel" can ask again (the
 * core is deterministic), and what the feedback log records of the answer.
 */
export interface AnswerRef {
  /** The question as asked. */
  q: string;
  /** The names and places it was asked with from the conversation (AnswerOptions.context). */
  c?: string[];
  /** The answer's language. */
  l: "en" | "de";
  /** The answer, cut. */
  a: string;
  /** The intent. */
  i: string;
  /** The articles cited (file names). */
  s: string[];
}

/** Slack's limit on a button's value. */
const MAX_VALUE = 2000;

const RefSchema = z.object({
  q: z.string(),
  c: z.optional(z.array(z.string())),
  l: z.enum(["en", "de"]),
  a: z.string(),
  i: z.string(),
  s: z.array(z.string()),
});

/** The reference to an answer that its buttons carry. */
export function refOf(answer: Answer, context?: string[]): AnswerRef {
  return {
    q: truncate(answer.question, 600),
    ...(context?.length ? { c: context.slice(0, 6) } : {}),
    l: answer.language,
    a: truncate(answer.answer, 400),
    i: answer.intent,
    s: [...new Set(answer.citations.map((c) => c.source))].slice(0, 5),
  };
}

/**
 * A button's value: the reference as JSON, cut further if it would not fit. The texts are
 * escaped like everything else the bot sends (a value is never shown, but nothing it holds
 * can ping anyone either way); decodeRef restores them.
 */
export function encodeRef(original: AnswerRef): string {
  const ref = { ...original, q: escapeMrkdwn(original.q), a: escapeMrkdwn(original.a) };
  let value = JSON.stringify(ref);
  if (value.length > MAX_VALUE)
    value = JSON.stringify({ ...ref, q: truncate(ref.q, 300), a: truncate(ref.a, 200) });
  if (value.length > MAX_VALUE) value = JSON.stringify({ ...ref, q: truncate(ref.q, 300), a: "", s: [] });
  return value;
}

/** The reference a button carried, or undefined when the value is not one. */
export function decodeRef(value: string | undefined): AnswerRef | undefined {
  try {
    const parsed = RefSchema.safeParse(JSON.parse(value ?? ""));
    if (!parsed.success) return undefined;
    return { ...parsed.data, q: unescapeMrkdwn(parsed.data.q), a: unescapeMrkdwn(parsed.data.a) };
  } catch {
    return undefined;
  }
}
