import { createInterface } from "node:readline";
import type { Answer } from "../answer/types.js";
import { toContract } from "../answer/types.js";
import { answer, type Deps } from "../core.js";

/**
 * Answers every line of a stream, one JSON line each, in order, each written as soon as it is
 * answered. A question that cannot be answered (the database could not be read) still gets its
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
  for await (const line of rl) {
    let a: Answer;
    try {
      a = await answerOf(line);
    } catch (err) {
      onError(`could not answer a question: ${(err as Error).message}`);
      a = unanswered(line);
    }
    out.write(`${JSON.stringify(toContract(a))}\n`);
  }
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
