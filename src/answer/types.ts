import type { Language } from "../text/language.js";

/** Evidence for an answer: a verbatim span of an article file. */
export interface Citation {
  /** File name in the seeds folder. */
  source: string;
  title: string;
  /** Exactly `text.slice(start, end)` of the file. */
  quote: string;
  start: number;
  end: number;
  language: Language;
}

/** One item of a list answer with its own evidence. */
export interface AnswerItem {
  text: string;
  citations: Citation[];
  /** The group the articles put it in, when they group the list ("existing", "new"). */
  group?: string;
}

/** What the core returns for one question; the front ends only render it. */
export interface Answer {
  question: string;
  answered: boolean;
  /** The short answer in plain text, or the sentence saying the articles do not cover it. */
  answer: string;
  intent: string;
  confidence: number;
  language: Language;
  /** Evidence, best first. */
  citations: Citation[];
  /** How the answer was reached: "value", "list", "sentence", "abstain" or "meta". */
  kind: "value" | "list" | "sentence" | "abstain" | "meta";
  /** List answers: each item with its citations. */
  items?: AnswerItem[];
  /** How many different articles support the answer. */
  agreement?: number;
  /** Where useful: what the articles do cover, or a hint. */
  note?: string;
}

/** The JSON object of the answer contract (../shared/eval/README.md). */
export interface ContractAnswer {
  question: string;
  answered: boolean;
  answer: string;
  intent: string;
  confidence: number;
  language: Language;
  citations: { source: string; title: string; quote: string; start: number; end: number }[];
}

/** Narrows an Answer to exactly the fields of the answer contract. */
export function toContract(a: Answer): ContractAnswer {
  return {
    question: a.question,
    answered: a.answered,
    answer: a.answer,
    intent: a.intent,
    confidence: a.confidence,
    language: a.language,
    citations: a.citations.map(({ source, title, quote, start, end }) => ({
      source,
      title,
      quote,
      start,
      end,
    })),
  };
}
