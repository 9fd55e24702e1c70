/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` (only those, as Slack asks), so nothing the bot
 * did not write can become a link, a mention or a broadcast. A bare "@channel", "@here" or
 * "@everyone" also gets a zero-width joiner after the "@", so it can never notify anyone even
 * where Slack would link names.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)\b/gi, "@\u2060$1");
}

/** The inverse of escapeMrkdwn: the text as it was. */
export function unescapeMrkdwn(text: string): string {
  return text
    .replace(/@\u2060/g, "@")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
