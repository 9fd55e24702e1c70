import type { Answer } from "../answer/types.js";

/** An answer as plain text for a terminal: the answer, then numbered citations. */
export function renderText(a: Answer): string {
  const lines = [a.answer];
  if (a.note) lines.push(a.note);
  if (a.kind !== "meta") {
    const facts = [`intent ${a.intent}`, `confidence ${a.confidence.toFixed(2)}`];
    if (a.agreement && a.agreement > 1) facts.unshift(`${a.agreement} articles agree`);
    lines.push(`  (${facts.join(" · ")})`);
  }
  a.citations.forEach((c, i) => {
    lines.push(`  [${i + 1}] "${c.quote}"`);
    lines.push(
      `      ${c.title} (${c.source}, chars ${c.start}-${c.end}${c.language === "de" ? ", German" : ""})`,
    );
  });
  return lines.join("\n");
}
