import type { Language } from "../text/language.js";

/** The words of the bot's own messages, in each language it answers in. */
export interface Labels {
  question: string;
  sources: string;
  inGerman: string;
  agree: (n: number) => string;
  found: (n: number) => string;
  shortened: (chars: number) => string;
  helpful: string;
  notHelpful: string;
  why: string;
  share: string;
  thanks: string;
  thanksNotHelpful: string;
  sharedBy: (user: string) => string;
  shared: string;
  cannotShare: string;
  expired: string;
  error: string;
  whyTitle: string;
  intent: (id: string, confidence: string) => string;
  expected: (type: string) => string;
  carried: (names: string) => string;
  matched: string;
  missing: string;
  decided: string;
  decision: (p: string, threshold: string) => string;
  considered: string;
  rule: (id: string) => string;
  reading: string;
  /** The assistant pane's greeting of a new thread. */
  greeting: (articles: number) => string;
  /** The Home tab and the suggested prompts. */
  whatIKnow: string;
  knowsAbout: (articles: number) => string;
  more: (n: number) => string;
  /** An article in another language than the reader's: its language. */
  articleIn: (language: Language) => string;
  howToAsk: string;
  howLines: (command: string) => string[];
  tryAsking: string;
}

const EN: Labels = {
  question: "Question",
  sources: "Sources",
  inGerman: "in German",
  agree: (n) => `${n} articles agree`,
  found: (n) => `${n} found`,
  shortened: (chars) => `Your question was long: I read only its first ${chars} characters.`,
  helpful: "Helpful",
  notHelpful: "Not helpful",
  why: "Why this answer?",
  share: "Share in channel",
  thanks: "Thanks for the feedback!",
  thanksNotHelpful: "Thanks for the feedback: noted that this answer did not help.",
  sharedBy: (user) => `Shared by ${user}, asked with /openai-facts`,
  shared: "Shared in the channel.",
  cannotShare: "I can't post in this channel. Invite me first (/invite @openai-facts), then share again.",
  expired: "This answer's buttons no longer work. Please ask again.",
  error: "Sorry, something went wrong while answering. Please try again in a moment.",
  whyTitle: "Why this answer?",
  intent: (id, confidence) => `Intent *${id}*, confidence ${confidence}`,
  expected: (type) => `expected answer: ${type}`,
  carried: (names) =>
    `Your question named no one and no place, so I read it with *${names}* from the earlier question in this conversation.`,
  matched: "Words matched",
  missing: "not found",
  decided: "What decided (fitted models; each feature's weight × value, in log-odds)",
  decision: (p, threshold) => `P(the best sentence answers) = ${p}; I answer from ${threshold}`,
  considered: "Sentences considered",
  rule: (id) => `Answered by the *${id}* rule, without the articles.`,
  reading: "is reading the articles…",
  greeting: (n) =>
    `Hi! I answer questions about ${n} news article${n === 1 ? "" : "s"}, quoting them word for word. Ask me anything about them, or pick a suggestion.`,
  whatIKnow: "What I know",
  knowsAbout: (n) =>
    `I answer questions about ${n} news article${n === 1 ? "" : "s"}, quoting them word for word, and say so when they don't cover a question.`,
  more: (n) => `…and ${n} more.`,
  articleIn: (l) => (l === "de" ? "in German" : "in English"),
  howToAsk: "How to ask",
  howLines: (command) => [
    "• *Mention me* in a channel I'm in: I answer in the thread, and replies in that thread are answered without a new mention.",
    "• *Message me* in the Messages tab.",
    `• *${command} your question* answers privately; *Share in channel* posts the answer for everyone.`,
    "• *Open me in the assistant pane* (the AI apps icon at the top of Slack) and pick a suggestion.",
    'Under every answer: *Helpful* / *Not helpful*, and *Why this answer?* (or reply "why?" in the thread).',
  ],
  tryAsking: "Try asking",
};

const DE: Labels = {
  question: "Frage",
  sources: "Quellen",
  inGerman: "auf Deutsch",
  agree: (n) => `${n} Artikel stimmen überein`,
  found: (n) => `${n} gefunden`,
  shortened: (chars) => `Deine Frage war lang: Ich habe nur die ersten ${chars} Zeichen gelesen.`,
  helpful: "Hilfreich",
  notHelpful: "Nicht hilfreich",
  why: "Warum diese Antwort?",
  share: "Im Channel teilen",
  thanks: "Danke für die Rückmeldung!",
  thanksNotHelpful: "Danke für die Rückmeldung: notiert, dass diese Antwort nicht geholfen hat.",
  sharedBy: (user) => `Geteilt von ${user}, gefragt mit /openai-facts`,
  shared: "Im Channel geteilt.",
  cannotShare:
    "Ich kann in diesem Channel nicht posten. Lade mich zuerst ein (/invite @openai-facts) und teile dann noch einmal.",
  expired: "Die Knöpfe dieser Antwort funktionieren nicht mehr. Bitte frag noch einmal.",
  error: "Entschuldigung, beim Antworten ist etwas schiefgegangen. Bitte versuch es gleich noch einmal.",
  whyTitle: "Warum diese Antwort?",
  intent: (id, confidence) => `Absicht *${id}*, Konfidenz ${confidence}`,
  expected: (type) => `erwartete Antwort: ${type}`,
  carried: (names) =>
    `Deine Frage nannte keinen Namen und keinen Ort, also habe ich sie mit *${names}* aus der vorigen Frage dieses Gesprächs gelesen.`,
  matched: "Gefundene Wörter",
  missing: "nicht gefunden",
  decided: "Was entschied (angepasste Modelle; Gewicht × Wert jedes Merkmals, in Log-Odds)",
  decision: (p, threshold) => `P(der beste Satz beantwortet die Frage) = ${p}; ich antworte ab ${threshold}`,
  considered: "Betrachtete Sätze",
  rule: (id) => `Beantwortet von der Regel *${id}*, ohne die Artikel.`,
  reading: "liest die Artikel…",
  greeting: (n) =>
    `Hallo! Ich beantworte Fragen zu ${n === 1 ? "einem Nachrichtenartikel" : `${n} Nachrichtenartikeln`} und zitiere sie wörtlich. Frag mich etwas dazu oder wähle einen Vorschlag.`,
  whatIKnow: "Was ich weiß",
  knowsAbout: (n) =>
    `Ich beantworte Fragen zu ${n === 1 ? "einem Nachrichtenartikel" : `${n} Nachrichtenartikeln`}, zitiere sie wörtlich und sage es, wenn sie eine Frage nicht abdecken.`,
  more: (n) => `…und ${n} weitere.`,
  articleIn: (l) => (l === "de" ? "auf Deutsch" : "auf Englisch"),
  howToAsk: "So fragst du",
  howLines: (command) => [
    "• *Erwähne mich* in einem Channel, in dem ich bin: Ich antworte im Thread, und Antworten in diesem Thread beantworte ich ohne neue Erwähnung.",
    "• *Schreib mir* im Tab Nachrichten.",
    `• *${command} deine Frage* antwortet nur dir; *Im Channel teilen* postet die Antwort für alle.`,
    "• *Öffne mich im Assistenten-Bereich* (das Symbol für KI-Apps oben in Slack) und wähle einen Vorschlag.",
    "Unter jeder Antwort: *Hilfreich* / *Nicht hilfreich* und *Warum diese Antwort?* (oder antworte „warum?“ im Thread).",
  ],
  tryAsking: "Frag zum Beispiel",
};

/** The labels of a language. */
export function labelsFor(language: Language): Labels {
  return language === "de" ? DE : EN;
}
