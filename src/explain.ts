import type { AnswerTrace, TraceFeature, TraceSentence } from "./answer/types.js";
import { featureParts, type LogisticModel } from "./ranking/logistic.js";
import type { Analysis, Models, Scored } from "./ranking/pipeline.js";

/** Features listed per model in a trace, and candidate sentences. */
const DECISION_SHOWN = 4;
const SENTENCE_SHOWN = 3;
const SPAN_SHOWN = 2;
const SENTENCES_SHOWN = 3;

const round = (x: number) => Number(x.toPrecision(3));

/** A model's features by the size of their part in the log-odds (weight × value and the trees' splits on it), largest first. */
function contributions(
  model: LogisticModel,
  x: readonly number[],
  name: TraceFeature["model"],
  shown: number,
): TraceFeature[] {
  // rounded only once chosen: a trace is made for every answer
  const parts: { i: number; part: number }[] = [];
  featureParts(model, x).forEach((part, i) => {
    if (part !== 0) parts.push({ i, part });
  });
  return parts
    .sort((a, b) => Math.abs(b.part) - Math.abs(a.part))
    .slice(0, shown)
    .map(({ i, part }) => ({
      model: name,
      feature: model.features[i] as string,
      value: round(x[i] ?? 0),
      contribution: round(part),
    }));
}

/**
 * The trace of an answer from the articles: what the question was read as, which of its words
 * the chosen sentence holds, the features that weighed most in the fitted models' scores, and
 * the candidate sentences they scored best. Pure: the same analysis and scores give the same trace.
 */
export function explainAnswer(a: Analysis, scored: Scored, models: Models, carried: string[]): AnswerTrace {
  const best = scored.best !== undefined ? a.sentences[scored.best] : undefined;
  const matched: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const t of a.q.terms) {
    if (seen.has(t.term)) continue;
    seen.add(t.term);
    (best?.terms.has(t.term) ? matched : missing).push(t.word);
  }
  const top = scored.spans.find((s) => s.candidate.sentence === scored.best);
  const decided = [
    ...contributions(models.decision, scored.xDecision, "decision", DECISION_SHOWN),
    ...(scored.best !== undefined
      ? contributions(models.sentence, a.xs[scored.best] ?? [], "sentence", SENTENCE_SHOWN)
      : []),
    ...(top ? contributions(models.span, top.candidate.x, "span", SPAN_SHOWN) : []),
  ];
  const considered: TraceSentence[] = scored.pSentences
    .map((p, i) => ({ p, i }))
    .sort((x, y) => y.p - x.p)
    .slice(0, SENTENCES_SHOWN)
    .map(({ p, i }) => {
      const sentence = a.sentences[i]?.ev.sentence;
      const article = sentence ? a.sentences[i]?.index.corpus.articles[sentence.article] : undefined;
      return { source: article?.source ?? "", quote: sentence?.text.trim() ?? "", p: round(p) };
    });
  return {
    entities: a.q.entities,
    ...(carried.length ? { carried } : {}),
    answerType: a.type,
    matched,
    missing,
    pAnswer: round(scored.pDecision),
    threshold: models.thresholds.answer,
    decided,
    considered,
  };
}

/** The trace of a reply the models had no part in: help, sources, a greeting, thanks. */
export function explainMeta(entities: string[], intent: string): AnswerTrace {
  return { entities, matched: [], missing: [], decided: [], considered: [], rule: intent };
}
