import type { Answer, AnswerTrace } from "../answer/types.js";

/** An answer as plain text for a terminal: the answer, then numbered citations; with `why`, its trace. */
export function renderText(a: Answer, why = false): string {
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
  if (why && a.trace) lines.push(...whyLines(a.trace));
  return lines.join("\n");
}

const signed = (x: number) => (x > 0 ? `+${x}` : String(x));

/**
 * What decided an answer, for a terminal: the type asked for, the question words the chosen
 * sentence holds and lacks, the decision's probability against its threshold, each model's
 * features by their part in its log-odds, and the sentences scored best.
 */
export function whyLines(t: AnswerTrace): string[] {
  const lines = ["  why:"];
  const read = [
    ...(t.answerType ? [`asks for: ${t.answerType}`] : []),
    ...(t.entities.length ? [`names: ${t.entities.join(", ")}`] : []),
    ...(t.carried?.length ? [`carried from the conversation: ${t.carried.join(", ")}`] : []),
    ...(t.rule ? [`rule: ${t.rule}`] : []),
  ];
  if (read.length) lines.push(`    ${read.join(" · ")}`);
  if (t.matched.length || t.missing.length)
    lines.push(
      `    words the sentence holds: ${t.matched.join(", ") || "-"}; lacks: ${t.missing.join(", ") || "-"}`,
    );
  if (t.pAnswer !== undefined && t.threshold !== undefined)
    lines.push(`    p(answer) ${t.pAnswer}, answers from ${t.threshold}`);
  for (const f of t.decided)
    lines.push(`    ${f.model}: ${f.feature} = ${f.value} (${signed(f.contribution)} log-odds)`);
  t.considered.forEach((s, i) => {
    lines.push(`    ${i + 1}. p ${s.p} "${s.quote}" (${s.source})`);
  });
  return lines;
}
