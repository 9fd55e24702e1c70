import type { Answer, Citation, SourceArticle } from "../answer/types.js";
import { MAX_QUESTION_CHARS } from "../question/analyze.js";
import { type AnswerRef, encodeRef } from "./answer-ref.js";
import { escapeMrkdwn, truncate } from "./escape.js";
import { labelsFor } from "./labels.js";

/** How list groups are named in answers, per language. */
const GROUP_LABELS: Record<"en" | "de", Record<"existing" | "new" | "other", string>> = {
  en: { existing: "existing", new: "new", other: "also" },
  de: { existing: "bestehende", new: "neue", other: "außerdem" },
};

/** Slack's limits: blocks per message and characters per text object (kept with a margin). */
export const MAX_BLOCKS = 50;
export const MAX_TEXT = 2900;
/** Quotes shown under one answer, and sources listed. */
const MAX_QUOTES = 3;
const MAX_SOURCES = 8;

/** The action ids of an answer's buttons. */
export const ACTION = {
  helpful: "answer_helpful",
  notHelpful: "answer_not_helpful",
  why: "answer_why",
  share: "answer_share",
} as const;

/** A text object of the bot's messages. */
export type TextObject = { type: "mrkdwn"; text: string; verbatim?: boolean } | PlainText;
type PlainText = { type: "plain_text"; text: string; emoji?: boolean };

/** A button of an actions block. */
export interface Button {
  type: "button";
  action_id: string;
  text: PlainText;
  value: string;
  style?: "primary";
}

/** A Block Kit block (the subset the bot sends). */
export type Block =
  | { type: "section"; text: { type: "mrkdwn"; text: string; verbatim?: boolean } }
  | { type: "context"; elements: { type: "mrkdwn"; text: string; verbatim?: boolean }[] }
  | { type: "header"; text: PlainText }
  | { type: "actions"; block_id?: string; elements: Button[] }
  | { type: "divider" };

/** A message ready for chat.postMessage or a slash-command response. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Options of `renderAnswer`. */
export interface RenderOptions {
  /** Restate the question above the answer (slash commands, whose question is not visible). */
  question?: string;
  /** Buttons under the answer: feedback and "Why this answer?", with what they carry. */
  buttons?: { ref: AnswerRef; share?: boolean };
  /** The user who shared the answer into a channel (a user id, checked). */
  sharedBy?: string;
}

const mrkdwn = (text: string, verbatim = true) => ({
  type: "mrkdwn" as const,
  text: truncate(text, MAX_TEXT),
  verbatim,
});
export const section = (text: string): Block => ({ type: "section", text: mrkdwn(text) });
export const context = (text: string): Block => ({ type: "context", elements: [mrkdwn(text)] });

/** A link to an article's url when it is a plain http(s) address, else undefined. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s<>|"]+$/i.test(url)) return undefined;
  return url.replace(/&/g, "&amp;");
}

/** An article's name and, when that is not its file name, the file name: "Title (file.md)". */
function titleAndFile(s: SourceArticle): string {
  const title = s.title || s.source;
  return title === s.source ? escapeMrkdwn(title) : `${escapeMrkdwn(title)} (${escapeMrkdwn(s.source)})`;
}

/** "3. <url|Title> · 2024-04-16 · in German", or with the file name when there is no link. */
function sourceLine(s: SourceArticle, n: number, language: Answer["language"]): string {
  const title = escapeMrkdwn(s.title || s.source);
  const url = safeUrl(s.url);
  const parts = [url ? `<${url}|${title}>` : titleAndFile(s)];
  if (s.date) parts.push(escapeMrkdwn(s.date));
  if (s.language === "de" && language !== "de") parts.push(`_${labelsFor(language).inGerman}_`);
  return `${n}. ${parts.join(" · ")}`;
}

/** The answer's sources, from the core's list (older answers: from the citations). */
function sourcesOf(answer: Answer): SourceArticle[] {
  if (answer.sources?.length) return answer.sources.slice(0, MAX_SOURCES);
  const cited = [...(answer.items ?? []).flatMap((i) => i.citations), ...answer.citations];
  const seen = new Map<string, SourceArticle>();
  for (const c of cited)
    if (!seen.has(c.source)) seen.set(c.source, { source: c.source, title: c.title, language: c.language });
  return [...seen.values()].slice(0, MAX_SOURCES);
}

/** "[1][3]": the numbers of the sources the citations come from. */
function refs(citations: Citation[], sources: SourceArticle[]): string {
  const numbers = [...new Set(citations.map((c) => sources.findIndex((s) => s.source === c.source) + 1))]
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  return numbers.map((n) => `[${n}]`).join("");
}

function groupLabel(group: string, language: Answer["language"]): string {
  const labels: Record<string, string> = GROUP_LABELS[language];
  return escapeMrkdwn(labels[group] ?? group);
}

/** The buttons under an answer. */
function buttonsBlock(options: NonNullable<RenderOptions["buttons"]>, language: Answer["language"]): Block {
  const t = labelsFor(language);
  const value = encodeRef(options.ref);
  const button = (action_id: string, text: string): Button => ({
    type: "button",
    action_id,
    text: { type: "plain_text", text, emoji: true },
    value,
  });
  const elements = [
    button(ACTION.helpful, `:+1: ${t.helpful}`),
    button(ACTION.notHelpful, `:-1: ${t.notHelpful}`),
    button(ACTION.why, t.why),
  ];
  if (options.share) elements.push({ ...button(ACTION.share, t.share), style: "primary" });
  return { type: "actions", block_id: "answer_buttons", elements };
}

/**
 * Renders an answer as Block Kit with a plain-text fallback, in the asker's language: the
 * answer in one line (a list: one line per item with the numbers of its sources), at most three
 * quotes, the sources as a numbered list (title, date, link), what the articles agree on, and
 * the buttons. Everything taken from the question or the articles is escaped; nothing can
 * mention or notify anyone.
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const t = labelsFor(answer.language);
  const blocks: Block[] = [];
  if (options.sharedBy && /^[UW][A-Z0-9]+$/.test(options.sharedBy))
    blocks.push(context(t.sharedBy(`<@${options.sharedBy}>`)));
  if (options.question !== undefined)
    blocks.push(context(`*${t.question}:* ${escapeMrkdwn(options.question)}`));
  const sources = sourcesOf(answer);
  if (answer.kind === "list" && answer.items?.length) {
    const lines = answer.items.map((i) =>
      `• ${escapeMrkdwn(i.text)}${i.group ? ` _(${groupLabel(i.group, answer.language)})_` : ""} ${refs(i.citations, sources)}`.trimEnd(),
    );
    blocks.push(section(`*${t.found(answer.items.length)}:*\n${lines.join("\n")}`));
  } else if (answer.answered) blocks.push(section(`*${escapeMrkdwn(answer.answer)}*`));
  else blocks.push(section(escapeMrkdwn(answer.answer)));
  if (answer.note) blocks.push(context(escapeMrkdwn(answer.note)));
  if (answer.shortened) blocks.push(context(t.shortened(MAX_QUESTION_CHARS)));
  const quotes = answer.citations.slice(0, MAX_QUOTES);
  for (const c of quotes) {
    const german = c.language === "de" && answer.language !== "de" ? ` _(${t.inGerman})_` : "";
    blocks.push(section(`>${escapeMrkdwn(c.quote).replace(/\n/g, "\n>")} ${refs([c], sources)}${german}`));
  }
  if (sources.length)
    blocks.push(
      context(`*${t.sources}*\n${sources.map((s, i) => sourceLine(s, i + 1, answer.language)).join("\n")}`),
    );
  if (answer.agreement && answer.agreement > 1) blocks.push(context(t.agree(answer.agreement)));
  if (options.buttons && answer.kind !== "meta") blocks.push(buttonsBlock(options.buttons, answer.language));
  const fallback = [
    escapeMrkdwn(answer.answer),
    ...quotes.map((c) => `${refs([c], sources)} "${escapeMrkdwn(truncate(c.quote, 300))}"`),
    ...sources.map((s, i) => `${i + 1}. ${titleAndFile(s)}`),
  ].join("\n");
  return { text: truncate(fallback, 3900), blocks: blocks.slice(0, MAX_BLOCKS) };
}

/** A short reply for when answering failed, in the asker's language; it never carries the cause. */
export function renderError(language: Answer["language"] = "en"): SlackMessage {
  const text = labelsFor(language).error;
  return { text, blocks: [section(text)] };
}

/** A one-line message of the bot's own words (thank-yous, notes). */
export function renderNote(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
