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
  /** The articles cited, each once, in the order first cited (with what a reader needs to find them). */
  sources?: SourceArticle[];
  /** The question was longer than the core reads: only its beginning was answered. */
  shortened?: boolean;
  /** How the answer was reached, for "why this answer?" (the same question gives the same trace). */
  trace?: AnswerTrace;
}

/** An article an answer cites. */
export interface SourceArticle {
  /** File name in the seeds folder. */
  source: string;
  title: string;
  date?: string;
  url?: string;
  language: Language;
}

/** One feature's part in a fitted model's score, in log-odds: weight × value, and what the model's trees' splits on it add. */
export interface TraceFeature {
  model: "decision" | "sentence" | "span";
  feature: string;
  value: number;
  contribution: number;
}

/** A candidate sentence the models scored, with the probability that it holds the answer. */
export interface TraceSentence {
  source: string;
  quote: string;
  p: number;
}

/** What decided an answer. */
export interface AnswerTrace {
  /** The names, places and figures the question was read with (its own or those carried in). */
  entities: string[];
  /** Names and places taken from the previous question of the conversation (the question had none). */
  carried?: string[];
  /** The kind of answer the question asks for ("person", "date", ...). */
  answerType?: string;
  /** Question words the chosen sentence holds, and those it lacks. */
  matched: string[];
  missing: string[];
  /** The decision model's probability that the best sentence answers, and the threshold to answer. */
  pAnswer?: number;
  threshold?: number;
  /** The features that weighed most, largest part first. */
  decided: TraceFeature[];
  /** The best candidate sentences, best first. */
  considered: TraceSentence[];
  /** A rule that answered instead of the models ("help": a meta intent). */
  rule?: string;
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
