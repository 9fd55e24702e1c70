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
};

/** The labels of a language. */
export function labelsFor(language: Language): Labels {
  return language === "de" ? DE : EN;
}
