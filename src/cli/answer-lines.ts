import { createInterface } from "node:readline";
import type { Answer } from "../answer/types.js";
import { toContract } from "../answer/types.js";
import { answer, type Deps } from "../core.js";

/**
 * Answers every line of a stream, one JSON line each, in order, each written as soon as it and
 * every one before it are answered. At most `ahead` questions are read before their answers are
 * written: 1 (the default) asks each question only once the one before it is written; more keeps
 * several answering threads busy (AnswerPool). A question that cannot be answered (the database
 * could not be read, a worker died under it) still gets its line: an apology that does not
 * answer, with the reason on `onError`.
 */
export async function answerLines(
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
  ask: Deps | ((question: string) => Answer | Promise<Answer>),
  onError: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
  ahead = 1,
) {
  if (!Number.isInteger(ahead) || ahead < 1)
    throw new Error(`answerLines: ahead must be a whole number >= 1`);
  // the contract has no trace: none is made
  const answerOf =
    typeof ask === "function" ? ask : (question: string) => answer(question, ask, { trace: false });
  const answerLine = async (line: string): Promise<string> => {
    let a: Answer;
    try {
      a = await answerOf(line);
    } catch (err) {
      onError(`could not answer a question: ${(err as Error).message}`);
      a = unanswered(line);
    }
    return `${JSON.stringify(toContract(a))}\n`;
  };
  // The questions read and not yet written, in order; a slot's text is set once answered.
  const slots: { text: string | undefined }[] = [];
  let wake: (() => void) | undefined;
  const until = (ready: () => boolean) =>
    ready()
      ? Promise.resolve()
      : new Promise<void>((resume) => {
          wake = () => {
            if (!ready()) return;
            wake = undefined;
            resume();
          };
        });
  const flush = () => {
    for (let head = slots[0]; head?.text !== undefined; head = slots[0]) {
      out.write(head.text);
      slots.shift();
    }
    wake?.();
  };
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    const slot: { text: string | undefined } = { text: undefined };
    slots.push(slot);
    void answerLine(line).then((text) => {
      slot.text = text;
      flush();
    });
    await until(() => slots.length < ahead);
  }
  await until(() => slots.length === 0);
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
