import type { Deps } from "../core.js";
import type { IntentMatch } from "../intents/types.js";
import type { QuestionAnalysis } from "../question/analyze.js";
import { namesForArticle } from "./names.js";
import type { Answer } from "./types.js";

const EXAMPLE_ARTICLES = 50;

const TEXT = {
  en: {
    empty: "Ask me a question about the articles",
    forExample: ", for example: ",
    help: (n: number) =>
      `I answer questions about ${n} news article${n === 1 ? "" : "s"}, quoting them word for word. Mention me, DM me or use /openai-facts. Ask "sources" for the list.`,
    examples: " Examples: ",
    sources: (n: number) => `I know ${n} article${n === 1 ? "" : "s"}: `,
    greeting: 'Hello! Ask me about the articles, or say "help".',
    thanks: "You're welcome!",
  },
  de: {
    empty: "Stell mir eine Frage zu den Artikeln",
    forExample: ", zum Beispiel: ",
    help: (n: number) =>
      `Ich beantworte Fragen zu ${n} Nachrichtenartikel${n === 1 ? "" : "n"} und zitiere sie wörtlich. Erwähne mich, schreib mir direkt oder nutze /openai-facts. "Quellen" zeigt die Liste.`,
    examples: " Beispiele: ",
    sources: (n: number) => `Ich kenne ${n} Artikel: `,
    greeting: 'Hallo! Frag mich etwas zu den Artikeln, oder schreib "Hilfe".',
    thanks: "Gern geschehen!",
  },
};

/**
 * Example questions: one about the corpus's most mentioned person, then the first examples of
 * the intents, so help shows questions the bot can answer on whatever articles it has.
 */
export function exampleQuestions(deps: Deps, language: "en" | "de"): string[] {
  const counts = new Map<string, number>();
  const corpus = deps.index.corpus;
  // The first articles are enough to find a person to ask about.
  for (let a = 0; a < Math.min(corpus.articles.length, EXAMPLE_ARTICLES); a++) {
    const people = namesForArticle(deps.names, corpus, a).people;
    for (const id of corpus.articles[a]?.sentences ?? []) {
      for (const m of (corpus.sentences[id]?.text ?? "").matchAll(/\b\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+\b/gu)) {
        if (people.has(m[0].toLowerCase())) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
      }
    }
  }
  const person = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const out = deps.intents.intents
    .filter((i) => i.kind === "question")
    .slice(0, 2)
    .map((i) => (language === "de" ? (i.examples.de[0] ?? i.examples.en[0]) : i.examples.en[0]) as string);
  if (person) out.unshift(language === "de" ? `Wer ist ${person}?` : `Who is ${person}?`);
  return out;
}

/**
 * Replies to help, sources, greetings, thanks and empty questions. `suggestions`: the example
 * questions to give, checked to be answered (the core's suggestionsFor); without them, the
 * unchecked `exampleQuestions`.
 */
export function composeMeta(
  q: QuestionAnalysis,
  match: IntentMatch,
  deps: Deps,
  suggestions?: string[],
): Answer {
  const t = TEXT[q.language];
  const articles = deps.index.corpus.articles;
  const examples = (suggestions ?? exampleQuestions(deps, q.language)).map((e) => `"${e}"`).join(", ");
  let text: string;
  let id = match.id;
  if (!q.text) {
    text = t.empty + (examples ? t.forExample + examples : ".");
    id = "empty";
  } else if (match.id === "help") text = t.help(articles.length) + (examples ? t.examples + examples : "");
  else if (match.id === "sources") {
    text =
      t.sources(articles.length) +
      articles.map((a, i) => `[${i + 1}] ${a.title} (${a.source}${a.date ? `, ${a.date}` : ""})`).join("; ");
  } else if (match.id === "greeting") text = t.greeting;
  else text = t.thanks;
  return {
    question: q.raw,
    answered: false,
    answer: text,
    intent: id,
    confidence: match.confidence,
    language: q.language,
    citations: [],
    kind: "meta",
  };
}
