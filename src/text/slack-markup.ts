/** Turns Slack's message markup into the plain text a person typed. */

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
  "&quot;": '"',
  "&#39;": "'",
};

/** Options of `stripSlackMarkup`. */
export interface StripOptions {
  /**
   * "label": a link becomes its label (or its bare URL); "drop": it goes, label and all, as a
   * question reads it (a link's words are not what is asked: "<https://x|our story> who
   * leads it?").
   */
  links?: "label" | "drop";
}

/**
 * Removes user, channel and broadcast references, keeps link labels (or the bare URL) unless
 * told to drop links, unescapes Slack's three entities and folds white space. The result is
 * plain text: `"<@U1> where is <https://x.io|the office>?"` -> `"where is the office?"`.
 */
export function stripSlackMarkup(text: string, options: StripOptions = {}): string {
  const drop = options.links === "drop";
  return (
    text
      .replace(/<([@#!])([^>|]*)(?:\|([^>]*))?>/g, (_m, sigil: string, _id: string, label?: string) => {
        if (sigil === "#") return label ? `#${label}` : "";
        return ""; // user mentions, @here/@channel/@everyone, user groups: not part of the question
      })
      .replace(/<((?:https?|mailto):[^>|]*)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) =>
        drop ? " " : (label ?? url),
      )
      .replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e)
      // Control characters and bidirectional overrides carry no meaning in a question.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}
