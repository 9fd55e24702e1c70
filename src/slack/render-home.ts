import type { Catalog } from "../answering.js";
import { escapeMrkdwn, truncate } from "./escape.js";
import { type Block, context, section } from "./render.js";

/** Articles listed on the Home tab, and per block (a view holds at most 100 blocks). */
const MAX_ARTICLES = 50;
const ARTICLES_PER_BLOCK = 10;

/** The Home tab's view (views.publish). */
export interface HomeView {
  type: "home";
  blocks: Block[];
}

function articleLine(a: Catalog["articles"][number]): string {
  const title = escapeMrkdwn(truncate(a.title || a.source, 150));
  const url = a.url && /^https?:\/\/[^\s<>|"]+$/i.test(a.url) ? a.url.replace(/&/g, "&amp;") : undefined;
  const parts = [url ? `<${url}|${title}>` : title];
  if (a.date) parts.push(escapeMrkdwn(a.date));
  if (a.language === "de") parts.push("_in German_");
  return `• ${parts.join(" · ")}`;
}

/**
 * The App Home tab: what the bot knows (its articles, with dates and links), how to ask it on
 * each surface, and suggested questions, each checked to be answered.
 */
export function renderHome(catalog: Catalog, command: string): HomeView {
  const n = catalog.articles.length;
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: "What I know" } },
    section(
      `I answer questions about ${n} news article${n === 1 ? "" : "s"}, quoting them word for word, and say so when they don't cover a question.`,
    ),
  ];
  const shown = catalog.articles.slice(0, MAX_ARTICLES);
  for (let i = 0; i < shown.length; i += ARTICLES_PER_BLOCK)
    blocks.push(
      section(
        shown
          .slice(i, i + ARTICLES_PER_BLOCK)
          .map(articleLine)
          .join("\n"),
      ),
    );
  if (n > shown.length) blocks.push(context(`…and ${n - shown.length} more.`));
  blocks.push(
    { type: "divider" },
    { type: "header", text: { type: "plain_text", text: "How to ask" } },
    section(
      [
        "• *Mention me* in a channel I'm in: I answer in the thread, and replies in that thread are answered without a new mention.",
        "• *Message me* in the Messages tab.",
        `• *${command} your question* answers privately; *Share in channel* posts the answer for everyone.`,
        "• *Open me in the assistant pane* (the AI apps icon at the top of Slack) and pick a suggestion.",
        'Under every answer: *Helpful* / *Not helpful*, and *Why this answer?* (or reply "why?" in the thread).',
      ].join("\n"),
    ),
  );
  if (catalog.suggestions.length) {
    blocks.push(
      { type: "divider" },
      { type: "header", text: { type: "plain_text", text: "Try asking" } },
      section(catalog.suggestions.map((s) => `• ${escapeMrkdwn(s)}`).join("\n")),
    );
  }
  return { type: "home", blocks };
}
