import type { Catalog } from "../answering.js";
import type { Language } from "../text/language.js";
import { escapeMrkdwn, truncate } from "./escape.js";
import { type Labels, labelsFor } from "./labels.js";
import { type Block, context, section } from "./render.js";

/** Articles listed on the Home tab, and per block (a view holds at most 100 blocks). */
const MAX_ARTICLES = 50;
const ARTICLES_PER_BLOCK = 10;

/** The Home tab's view (views.publish). */
export interface HomeView {
  type: "home";
  blocks: Block[];
}

function articleLine(a: Catalog["articles"][number], labels: Labels, reader: Language): string {
  const title = escapeMrkdwn(truncate(a.title || a.source, 150));
  const url = a.url && /^https?:\/\/[^\s<>|"]+$/i.test(a.url) ? a.url.replace(/&/g, "&amp;") : undefined;
  const parts = [url ? `<${url}|${title}>` : title];
  if (a.date) parts.push(escapeMrkdwn(a.date));
  if (a.language !== reader) parts.push(`_${labels.articleIn(a.language)}_`);
  return `• ${parts.join(" · ")}`;
}

/**
 * The App Home tab: what the bot knows (its articles, with dates and links), how to ask it on
 * each surface, and suggested questions, each checked to be answered.
 */
export function renderHome(catalog: Catalog, command: string, language: Language = "en"): HomeView {
  const labels = labelsFor(language);
  const n = catalog.articles.length;
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: labels.whatIKnow } },
    section(labels.knowsAbout(n)),
  ];
  const shown = catalog.articles.slice(0, MAX_ARTICLES);
  for (let i = 0; i < shown.length; i += ARTICLES_PER_BLOCK)
    blocks.push(
      section(
        shown
          .slice(i, i + ARTICLES_PER_BLOCK)
          .map((a) => articleLine(a, labels, language))
          .join("\n"),
      ),
    );
  if (n > shown.length) blocks.push(context(labels.more(n - shown.length)));
  blocks.push(
    { type: "divider" },
    { type: "header", text: { type: "plain_text", text: labels.howToAsk } },
    section(labels.howLines(command).join("\n")),
  );
  if (catalog.suggestions.length) {
    blocks.push(
      { type: "divider" },
      { type: "header", text: { type: "plain_text", text: labels.tryAsking } },
      section(catalog.suggestions.map((s) => `• ${escapeMrkdwn(s)}`).join("\n")),
    );
  }
  return { type: "home", blocks };
}
