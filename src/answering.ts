import type { Answer } from "./answer/types.js";
import { answer, type Deps } from "./core.js";

/** Answers one question, wherever the core runs (this thread or a worker). */
export type Ask = (question: string) => Promise<Answer>;

/** Answers on this thread with the current dependencies (console, tests). */
export function askInProcess(deps: () => Deps): Ask {
  return async (question) => answer(question, deps());
}
