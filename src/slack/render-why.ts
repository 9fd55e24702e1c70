import type { Answer, TraceFeature } from "../answer/types.js";
import { escapeMrkdwn, truncate } from "./escape.js";
import { labelsFor } from "./labels.js";
import { type Block, context, type SlackMessage, section } from "./render.js";

const signed = (x: number) => (x > 0 ? `+${x}` : String(x));

function featureLine(f: TraceFeature): string {
  return `• ${f.model} · \`${escapeMrkdwn(f.feature)}\` = ${f.value} → ${signed(f.contribution)}`;
}

/**
 * "Why this answer?": the intent and confidence, the names carried in from the conversation,
 * the question words the chosen sentence holds and lacks, the features that decided (from the
 * answer's trace) and the sentences considered, best first. Sent privately to who asked.
 */
export function renderWhy(answer: Answer): SlackMessage {
  const t = labelsFor(answer.language);
  const trace = answer.trace;
  const blocks: Block[] = [
    section(`*${t.whyTitle}* ${escapeMrkdwn(truncate(answer.question, 300))}`),
    context(
      [
        t.intent(escapeMrkdwn(answer.intent), answer.confidence.toFixed(2)),
        ...(trace?.answerType ? [t.expected(escapeMrkdwn(trace.answerType))] : []),
      ].join(" · "),
    ),
  ];
  const lines: string[] = [];
  if (trace?.carried?.length) lines.push(t.carried(escapeMrkdwn(trace.carried.join(" "))));
  if (trace?.rule) lines.push(t.rule(escapeMrkdwn(trace.rule)));
  if (trace && (trace.matched.length || trace.missing.length)) {
    const missing = trace.missing.length ? ` · ${t.missing}: ${escapeMrkdwn(trace.missing.join(", "))}` : "";
    lines.push(`*${t.matched}:* ${escapeMrkdwn(trace.matched.join(", ")) || "–"}${missing}`);
  }
  if (trace?.pAnswer !== undefined && trace.threshold !== undefined)
    lines.push(t.decision(String(trace.pAnswer), String(trace.threshold)));
  if (lines.length) blocks.push(section(lines.join("\n")));
  if (trace?.decided.length)
    blocks.push(section(`*${t.decided}*\n${trace.decided.map(featureLine).join("\n")}`));
  if (trace?.considered.length) {
    const sentences = trace.considered.map(
      (s, i) => `${i + 1}. (${s.p}) "${escapeMrkdwn(truncate(s.quote, 240))}" · ${escapeMrkdwn(s.source)}`,
    );
    blocks.push(section(`*${t.considered}*\n${sentences.join("\n")}`));
  }
  const text = `${t.whyTitle} ${t.intent(answer.intent, answer.confidence.toFixed(2))}`.replace(/\*/g, "");
  return { text: escapeMrkdwn(text), blocks };
}
