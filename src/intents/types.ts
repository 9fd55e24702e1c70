/** What kind of span answers a question. */
export const ANSWER_TYPES = [
  "person",
  "place",
  "organisation",
  "date",
  "money",
  "number",
  "percent",
  "count",
  "measure",
  "reason",
  "quote",
  "role",
  "description",
] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** Answer types answered by a phrase or the sentence itself: what, why, a quote, a role. */
export const DESCRIPTIVE_TYPES: ReadonlySet<AnswerType> = new Set<AnswerType>([
  "description",
  "reason",
  "quote",
  "role",
]);

/** Answer types whose answers are a name, a date or a figure: all the others. */
export const FACTOID_TYPES: ReadonlySet<AnswerType> = new Set(
  ANSWER_TYPES.filter((t) => !DESCRIPTIVE_TYPES.has(t)),
);

/** The kinds of slot an intent can fill from the question. */
export const SLOT_KINDS = ["place", "organisation", "person"] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

/** One intent, as read from intents/<id>.yml. */
export interface Intent {
  id: string;
  description: string;
  /** "question": answered from the articles; "meta": about the bot itself (help, sources, ...). */
  kind: "question" | "meta";
  answerType?: AnswerType;
  slots: SlotKind[];
  examples: { en: string[]; de: string[] };
  /** Words that make a sentence relevant to the intent: added to the search, weighing less. */
  expansions: string[];
  /**
   * Groups of words that can stand for one another in a question of this intent ("lead", "head",
   * "oversee", "leitet"): a question word found only as another word of its group still counts.
   */
  synonyms: string[][];
  /**
   * Question templates for suggestions, with `{person}`, `{place}` or `{organisation}` filled from
   * an article's headline ("Who leads {organisation} in {place}?"); each filled question is
   * answered before it is suggested.
   */
  suggest: { en: string[]; de: string[] };
  /** The file it came from, for messages. */
  file: string;
}

/** The result of matching a question against the intents. */
export interface IntentMatch {
  intent: Intent | undefined;
  /** "fallback" when no intent matched well enough. */
  id: string;
  confidence: number;
  slots: Partial<Record<SlotKind, string>>;
}
