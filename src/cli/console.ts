import { createInterface } from "node:readline";
import type { Deps } from "../core.js";
import { answer } from "../core.js";
import { renderText } from "./render-text.js";

const QUIT = /^\s*(?:quit|exit|bye|:q|tschüss|ende)\s*$/i;

/** Options of the console. */
export interface ConsoleOptions {
  /** Show a prompt and a greeting (a terminal); off when input is piped. */
  interactive: boolean;
}

/**
 * The interactive console: one question per line, the answer with numbered citations after it.
 * "help" and "sources" work as in Slack; "quit" (or the end of the input) leaves.
 */
export async function runConsole(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  source: Deps | { current(): Deps },
  options: ConsoleOptions,
): Promise<void> {
  const deps = () => ("current" in source ? source.current() : source);
  const rl = createInterface({
    input,
    output: options.interactive ? output : undefined,
    terminal: options.interactive,
  });
  const prompt = () => {
    if (options.interactive) output.write("\n? ");
  };
  if (options.interactive) {
    output.write(
      `Ask a question about the ${deps().index.corpus.articles.length} articles ("help", "sources", "quit").\n`,
    );
  }
  prompt();
  for await (const line of rl) {
    if (QUIT.test(line)) break;
    if (line.trim()) output.write(`${renderText(answer(line, deps()))}\n`);
    prompt();
  }
  rl.close();
}
