import { createInterface } from "node:readline";
import type { Answer } from "../answer/types.js";
import { toContract } from "../answer/types.js";
import { answer, type Deps } from "../core.js";

/** Questions read ahead of the answer being written, at most (the rest wait in the input). */
const MAX_AHEAD = 256;

/**
 * Answers every line of a stream, one JSON line each, in order, written as it goes. `ask` may
 * answer at once or later (from PostgreSQL): up to MAX_AHEAD questions are asked before the first
 * of them is written. A question that cannot be answered (the database could not be read) still gets its
 * line: an apology that does not answer, with the reason on `onError`.
 */
export async function answerLines(
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
  ask: Deps | ((question: string) => Answer | Promise<Answer>),
  onError: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
) {
  const answerOf = typeof ask === "function" ? ask : (question: string) => answer(question, ask);
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const unwritten: Promise<void>[] = [];
  let tail: Promise<void> = Promise.resolve();
  for await (const line of rl) {
    let answered: Promise<Answer>;
    try {
      answered = Promise.resolve(answerOf(line));
    } catch (err) {
      answered = Promise.reject(err);
    }
    const settled = answered.catch((err: Error) => {
      onError(`could not answer a question: ${err.message}`);
      return unanswered(line);
    });
    tail = tail.then(async () => {
      out.write(`${JSON.stringify(toContract(await settled))}\n`);
    });
    unwritten.push(tail);
    if (unwritten.length > MAX_AHEAD) await unwritten.shift();
  }
  await tail;
}

/** The line of a question that could not be answered: it does not answer, and says so. */
function unanswered(question: string): Answer {
  return {
    question,
    answered: false,
    answer: "Sorry, something went wrong while answering this question.",
    intent: "error",
    confidence: 0,
    language: "en",
    citations: [],
    kind: "abstain",
  };
}
