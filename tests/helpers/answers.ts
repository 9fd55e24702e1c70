import type { Answer, Citation, SourceArticle } from "../../src/answer/types.js";

/**
 * Answers built by hand, about made-up articles: what the renderer's snapshot tests render, so
 * they show the renderer's changes and nothing of the core's.
 */

const BERLIN: SourceArticle = {
  source: "acme-berlin.md",
  title: "Acme Robotics opens Berlin office",
  date: "2025-03-02",
  url: "https://news.example/acme-berlin?a=1&b=2",
  language: "en",
};
const TOKYO: SourceArticle = {
  source: "acme-tokyo.md",
  title: "Acme Robotics expands to Tokyo",
  language: "en",
};
const WIEN: SourceArticle = {
  source: "northwind-wien.md",
  title: "Northwind eröffnet Büro in Wien",
  date: "2025-09-01",
  language: "de",
};

const cite = (s: SourceArticle, quote: string, start = 0): Citation => ({
  source: s.source,
  title: s.title,
  quote,
  start,
  end: start + quote.length,
  language: s.language,
});

const berlinLead = cite(
  BERLIN,
  "The Berlin office is led by Maria Okafor, the former head of engineering at Globex.",
  90,
);
const tokyoOffice = cite(TOKYO, "Acme Robotics has expanded to Asia with a new office in Tokyo.", 60);
const wienOffice = cite(WIEN, "Das Softwareunternehmen Northwind hat ein Büro in Wien eröffnet.", 70);

/** A short answer: a name, two quotes from two articles that agree. */
export const SHORT: Answer = {
  question: "Who leads the Berlin office?",
  answered: true,
  answer: "Maria Okafor",
  intent: "leadership",
  confidence: 0.87,
  language: "en",
  kind: "value",
  citations: [
    berlinLead,
    cite(BERLIN, 'Maria Okafor said: "Berlin gives us the talent <we> need & more."', 300),
  ],
  agreement: 1,
  sources: [BERLIN],
  trace: {
    entities: ["Berlin"],
    answerType: "person",
    matched: ["leads", "Berlin", "office"],
    missing: [],
    pAnswer: 0.91,
    threshold: 0.42,
    decided: [
      { model: "decision", feature: "pBest", value: 0.93, contribution: 2.1 },
      { model: "decision", feature: "entitiesMissing", value: 0, contribution: 0 },
      { model: "sentence", feature: "coverage", value: 1, contribution: 1.4 },
    ],
    considered: [
      { source: "acme-berlin.md", quote: berlinLead.quote, p: 0.93 },
      { source: "acme-tokyo.md", quote: "The Tokyo office is led by Kenji Sato.", p: 0.41 },
    ],
  },
};

/** A list answer: one item per office, each with its source, one German. */
export const LIST: Answer = {
  question: "Where are the offices?",
  answered: true,
  answer: "Berlin, Tokyo, Vienna",
  intent: "offices",
  confidence: 0.64,
  language: "en",
  kind: "list",
  items: [
    { text: "Berlin", citations: [berlinLead] },
    { text: "Tokyo", citations: [tokyoOffice] },
    { text: "Vienna", citations: [wienOffice], group: "new" },
  ],
  citations: [berlinLead, tokyoOffice, wienOffice],
  agreement: 3,
  sources: [BERLIN, TOKYO, WIEN],
};

/** A German answer to a German question. */
export const GERMAN: Answer = {
  question: "Wer leitet das Büro in Wien?",
  answered: true,
  answer: "Anna Berger",
  intent: "leadership",
  confidence: 0.72,
  language: "de",
  kind: "value",
  citations: [cite(WIEN, "Das Büro in Wien wird von Anna Berger geleitet.", 140)],
  agreement: 1,
  sources: [WIEN],
  shortened: true,
};

/** An abstention, citing the closest sentence. */
export const ABSTAIN: Answer = {
  question: "Who leads the Paris office?",
  answered: false,
  answer: "The articles don't say.",
  intent: "leadership",
  confidence: 0.8,
  language: "en",
  kind: "abstain",
  citations: [tokyoOffice],
  sources: [TOKYO],
  trace: {
    entities: ["Paris"],
    carried: ["Paris"],
    answerType: "person",
    matched: ["office"],
    missing: ["leads", "Paris"],
    pAnswer: 0.2,
    threshold: 0.42,
    decided: [{ model: "decision", feature: "entityUnknown", value: 1, contribution: -3.2 }],
    considered: [{ source: "acme-tokyo.md", quote: tokyoOffice.quote, p: 0.3 }],
  },
};
