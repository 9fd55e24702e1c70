import type { Answer, Citation } from "../answer/types.js";
import { escapeMrkdwn, truncate } from "./escape.js";

/** How list groups are named in answers, per language. */
const GROUP_LABELS: Record<"en" | "de", Record<"existing" | "new" | "other", string>> = {
  en: { existing: "existing", new: "new", other: "also" },
  de: { existing: "bestehende", new: "neue", other: "außerdem" },
};

/** Slack's limits: blocks per message and characters per text object (kept with a margin). */
export const MAX_BLOCKS = 50;
export const MAX_TEXT = 2900;
/** Citations shown under one answer. */
const MAX_CITATIONS = 8;

/** A Block Kit block (the subset the bot sends). */
export type Block =
  | { type: "section"; text: { type: "mrkdwn"; text: string; verbatim?: boolean } }
  | { type: "context"; elements: { type: "mrkdwn"; text: string; verbatim?: boolean }[] }
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
}

const mrkdwn = (text: string, verbatim = true) => ({
  type: "mrkdwn" as const,
  text: truncate(text, MAX_TEXT),
  verbatim,
});
const section = (text: string): Block => ({ type: "section", text: mrkdwn(text) });
const context = (text: string): Block => ({ type: "context", elements: [mrkdwn(text)] });

function sourceLine(c: Citation, n: number): string {
  const lang = c.language === "de" ? " · in German" : "";
  return `[${n}] ${escapeMrkdwn(c.title)} · ${escapeMrkdwn(c.source)}${lang}`;
}

function groupLabel(group: string, language: Answer["language"]): string {
  const labels: Record<string, string> = GROUP_LABELS[language];
  return escapeMrkdwn(labels[group] ?? group);
}

/** The numbers of the citations that support a list item. */
function itemRefs(item: { citations: Citation[] }, all: Citation[]): string {
  const refs = item.citations
    .map((c) => all.findIndex((x) => x.source === c.source && x.start === c.start) + 1)
    .filter((n) => n > 0 && n <= MAX_CITATIONS);
  return refs.length ? ` ${refs.map((n) => `[${n}]`).join("")}` : "";
}

/**
 * Renders an answer as Block Kit with a plain-text fallback: the short answer, each supporting
 * quote with its numbered source, and a context line (agreement, language). Everything taken
 * from the question or the articles is escaped; nothing can mention or notify anyone.
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const blocks: Block[] = [];
  if (options.question !== undefined) blocks.push(context(`*Question:* ${escapeMrkdwn(options.question)}`));
  const citations = answer.citations.slice(0, MAX_CITATIONS);
  if (answer.kind === "list" && answer.items?.length) {
    const lines = answer.items.map(
      (i) =>
        `• ${escapeMrkdwn(i.text)}${i.group ? ` _(${groupLabel(i.group, answer.language)})_` : ""}${itemRefs(i, citations)}`,
    );
    blocks.push(section(`*${answer.items.length} found:*\n${lines.join("\n")}`));
  } else if (answer.answered) blocks.push(section(`*${escapeMrkdwn(answer.answer)}*`));
  else blocks.push(section(escapeMrkdwn(answer.answer)));
  if (answer.note) blocks.push(context(escapeMrkdwn(answer.note)));
  citations.forEach((c, i) => {
    blocks.push(section(`>${escapeMrkdwn(c.quote).replace(/\n/g, "\n>")}`));
    blocks.push(context(sourceLine(c, i + 1)));
  });
  const facts: string[] = [];
  if (answer.agreement && answer.agreement > 1) facts.push(`${answer.agreement} articles agree`);
  if (citations.some((c) => c.language === "de") && answer.language !== "de")
    facts.push("German quotes are shown as written");
  if (answer.kind !== "meta")
    facts.push(`intent ${escapeMrkdwn(answer.intent)} · confidence ${answer.confidence.toFixed(2)}`);
  if (facts.length) blocks.push(context(facts.join(" · ")));
  const fallback = [
    escapeMrkdwn(answer.answer),
    ...citations.map(
      (c, i) => `[${i + 1}] "${escapeMrkdwn(truncate(c.quote, 300))}" (${escapeMrkdwn(c.source)})`,
    ),
  ].join("\n");
  return { text: truncate(fallback, 3900), blocks: blocks.slice(0, MAX_BLOCKS) };
}

/** A short reply for when answering failed; it never carries the cause. */
export function renderError(): SlackMessage {
  const text = "Sorry, something went wrong while answering. Please try again in a moment.";
  return { text, blocks: [section(text)] };
}
