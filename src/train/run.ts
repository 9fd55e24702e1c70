import { composeMeta } from "../answer/meta.js";
import { type Answer, toContract } from "../answer/types.js";
import { createDeps, type Deps, route } from "../core.js";
import { type EvalQuestion, judge } from "../eval/judge.js";
import { FACTOID_TYPES } from "../intents/types.js";
import { featureParts } from "../ranking/logistic.js";
import { analyse, compose, type Models, type Scored, score } from "../ranking/pipeline.js";
import { untrainedModels } from "../ranking/weights.js";
import { accepted, type Example, fitModels, holdsAnswer, isAnswerSpan } from "./fit.js";
import { type DevSet, foldsOf, hash, questionsOf } from "./sets.js";

/** A dev set loaded: its deps, its questions, their analyses (meta questions have none). */
export interface LoadedSet {
  set: DevSet;
  deps: Deps;
  questions: EvalQuestion[];
  /** Per question: the example to fit on, or the meta answer it gets without the articles. */
  items: ({ example: Example } | { meta: Answer })[];
  /** Off-topic questions (from other sets) asked of this set's articles: each question's fold is its source's. */
  offTopic?: { folds: (k: number) => number[] };
}

/** Loads a dev set and analyses every question (the models in deps are not used); `weigh` sets the weights. */
export function loadSet(set: DevSet, intentsDir: string): LoadedSet {
  const deps = createDeps({ seedsDir: set.seedsDir, intentsDir, models: untrainedModels() });
  const questions = questionsOf(set);
  const items = questions.map((question) => itemOf(question, set, deps, 1));
  return { set, deps, questions, items };
}

/** A question routed and analysed over a set's articles: the example to fit on, or its meta answer. */
function itemOf(question: EvalQuestion, set: DevSet, deps: Deps, weight: number): LoadedSet["items"][number] {
  const r = route(question.q.replace(/\s+/g, " "), deps);
  if (r.meta) return { meta: composeMeta(r.q, r.intent, deps) };
  const analysis = analyse(r.q, r.intent, deps);
  return { example: { set: set.name, weight, question, analysis, deps, seedsDir: set.seedsDir } };
}

/**
 * How many questions of the other sets each set's articles are asked as off-topic ones. The
 * other sets are about other articles, so their questions are ones these articles cannot
 * answer, as people ask a bot about things its sources do not cover. They are scored, never
 * fitted on: fitting on them (a quarter of a set's weight) lost questions on every dev set in
 * cross-validation (issue 14's notes), as such easy refusals pull the decision away from the
 * hard ones.
 */
export const OFF_TOPIC_QUESTIONS = 150;

/** The article file stems of a loaded set's folder. */
function stemsOf(l: LoadedSet): Set<string> {
  return new Set(l.deps.index.corpus.articles.map((a) => a.source.replace(/\.[^.]+$/, "").toLowerCase()));
}

/**
 * Per loaded set, its off-topic set: questions of the other sets about articles this set's
 * folder does not hold (a question about no one article, as the seeds' are, counts when the two
 * folders share no article), dealt evenly from each other set by a hash of their ids, each to be
 * abstained on. Meta questions (help, greetings) are left out.
 */
export function offTopicSets(loaded: LoadedSet[], perSet = OFF_TOPIC_QUESTIONS): LoadedSet[] {
  const stems = loaded.map(stemsOf);
  return loaded.map((target, t) => {
    const own = stems[t] as Set<string>;
    const eligible = loaded
      .map((source, s) => ({ source, s }))
      .filter(({ source, s }) => s !== t && !source.offTopic)
      .map(({ source, s }) => {
        const shares = [...(stems[s] as Set<string>)].some((a) => own.has(a));
        const key = (q: EvalQuestion) => hash(`${target.set.name}/${q.id}`);
        const list = source.questions
          .map((q, i) => ({ q, i }))
          .filter(({ q, i }) => {
            if (!("example" in (source.items[i] as object))) return false;
            const article = source.set.articleOf(q);
            return article !== undefined ? !own.has(article.toLowerCase()) : !shares;
          })
          .sort((a, b) => key(a.q) - key(b.q));
        return { source, list };
      })
      .filter((e) => e.list.length > 0);
    const each = Math.ceil(perSet / Math.max(1, eligible.length));
    const picked = eligible.flatMap(({ source, list }) =>
      list.slice(0, each).map(({ i }) => ({ source, i })),
    );
    const set: DevSet = {
      ...target.set,
      name: `${target.set.name} off-topic`,
      articleOf: () => undefined,
      foldBy: "question",
    };
    const questions: EvalQuestion[] = picked.map(({ source, i }) => {
      const q = source.questions[i] as EvalQuestion;
      // the source set in the id: german and german-en share their questions' ids
      return { id: `${source.set.name}/${q.id}@${target.set.name}`, q: q.q, kind: "abstain" };
    });
    // weight 0: scored, never fitted on
    const items = questions.map((question) => itemOf(question, set, target.deps, 0));
    return {
      set,
      deps: target.deps,
      questions,
      items,
      offTopic: {
        folds: (k: number) => {
          const of = new Map(loaded.map((l) => [l, foldsOf(l.set, l.questions, k)]));
          return picked.map(({ source, i }) => (of.get(source) as number[])[i] as number);
        },
      },
    };
  });
}

/**
 * Gives each question its weight in the fit: "sets" makes every set weigh the same in total,
 * "questions" every question the same, "sqrt" is between (a set weighs as the square root of
 * its size). The mean weight is 1.
 */
export function weigh(sets: LoadedSet[], mode: "sets" | "questions" | "sqrt"): void {
  const size = (l: LoadedSet) => l.questions.length;
  // an off-topic set is only scored: its weight is 0
  const raw = (l: LoadedSet) =>
    l.offTopic ? 0 : mode === "sets" ? 1 / size(l) : mode === "sqrt" ? 1 / Math.sqrt(size(l)) : 1;
  const total = sets.reduce((n, l) => n + raw(l) * size(l), 0);
  const count = sets.reduce((n, l) => n + (raw(l) > 0 ? size(l) : 0), 0);
  for (const l of sets)
    for (const item of l.items) if ("example" in item) item.example.weight = (raw(l) * count) / total;
}

/** Every example of some loaded sets, each set weighing the same in total. */
export function examplesOf(
  sets: LoadedSet[],
  keep: (set: LoadedSet, i: number) => boolean = () => true,
): Example[] {
  const out: Example[] = [];
  for (const s of sets)
    s.items.forEach((item, i) => {
      // a question of no weight (an off-topic set not fitted on) is only scored
      if ("example" in item && item.example.weight > 0 && keep(s, i)) out.push(item.example);
    });
  return out;
}

/** One question's outcome, held out or not. */
export interface Outcome {
  set: string;
  question: EvalQuestion;
  answer: Answer;
  failures: string[];
  scored?: Scored;
  example?: Example;
  models?: Models;
}

/** The lengths of the answers given to questions asking for a name, a date or a figure (no lists), shortest first. */
export function factoidAnswerLengths(outcomes: Outcome[]): number[] {
  return outcomes
    .filter(
      (o) =>
        o.answer.answered &&
        o.question.kind !== "list" &&
        o.example &&
        FACTOID_TYPES.has(o.example.analysis.type),
    )
    .map((o) => o.answer.answer.length)
    .sort((a, b) => a - b);
}

/** Answers every question of the sets with given models (the meta ones as the core does). */
export function answerAll(sets: LoadedSet[], modelsFor: (set: LoadedSet, i: number) => Models): Outcome[] {
  const out: Outcome[] = [];
  for (const s of sets)
    s.items.forEach((item, i) => {
      const question = s.questions[i] as EvalQuestion;
      if ("meta" in item) {
        out.push({
          set: s.set.name,
          question,
          answer: item.meta,
          failures: judge(question, toContract(item.meta), s.set.seedsDir),
        });
        return;
      }
      const models = modelsFor(s, i);
      const e = item.example;
      const scored = score(e.analysis, models, e.deps);
      const answer = compose(e.analysis, scored, models, e.deps);
      out.push({
        set: s.set.name,
        question,
        answer,
        failures: judge(question, toContract(answer), s.set.seedsDir),
        scored,
        example: e,
        models,
      });
    });
  return out;
}

/** K-fold cross-validation over all sets at once: fold k of every set is held out together. */
export function crossValidate(sets: LoadedSet[], k: number, log: (m: string) => void = () => {}): Outcome[] {
  const folds = sets.map((s) => s.offTopic?.folds(k) ?? foldsOf(s.set, s.questions, k));
  const models: Models[] = [];
  for (let f = 0; f < k; f++) {
    const train = examplesOf(sets, (s, i) => (folds[sets.indexOf(s)] as number[])[i] !== f);
    models.push(fitModels(train).models);
    log(`fold ${f + 1}/${k} fitted on ${train.length} questions`);
  }
  return answerAll(sets, (s, i) => models[(folds[sets.indexOf(s)] as number[])[i] as number] as Models);
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");

/** The loaded sets and, with more than one, each one's off-topic set (scored, never fitted on). */
export function withOffTopic(own: LoadedSet[]): LoadedSet[] {
  return [...own, ...(own.length > 1 ? offTopicSets(own) : [])];
}

/** A set's lines of a report: its stage figures, or an off-topic set's one line. */
export function reportOf(l: LoadedSet, outcomes: Outcome[]): string[] {
  const mine = outcomes.filter((o) => o.set === l.set.name);
  return l.offTopic ? [offTopicReport(mine, l.set.name)] : report(mine, l.set.name);
}

/** An off-topic set's figure: how often the bot rightly said the articles do not answer. */
export function offTopicReport(outcomes: Outcome[], title: string): string {
  const right = outcomes.filter((o) => o.failures.length === 0).length;
  const wrong = outcomes
    .filter((o) => o.failures.length > 0)
    .map((o) => o.answer.confidence)
    .sort((a, b) => b - a);
  return `${title}: abstained ${right}/${outcomes.length} (${pct(right, outcomes.length)})${wrong.length ? `; answered at confidence up to ${(wrong[0] as number).toFixed(2)}` : ""}`;
}

/** The stage figures of some outcomes, as lines of text. */
export function report(outcomes: Outcome[], title: string): string[] {
  const lines: string[] = [];
  const right = outcomes.filter((o) => o.failures.length === 0).length;
  const answerable = outcomes.filter((o) => o.question.kind !== "abstain");
  const answerableRight = answerable.filter((o) => o.failures.length === 0).length;
  const abstained = outcomes.filter((o) => !o.answer.answered && o.answer.kind !== "meta");
  const shouldAbstain = outcomes.filter((o) => o.question.kind === "abstain");
  const abstainedRightly = abstained.filter((o) => o.question.kind === "abstain").length;
  const lengths = outcomes
    .filter((o) => o.answer.answered && o.question.kind !== "list")
    .map((o) => o.answer.answer.length)
    .sort((a, b) => a - b);
  const factoid = factoidAnswerLengths(outcomes);
  lines.push(
    `${title}: fully right ${right}/${outcomes.length} (${pct(right, outcomes.length)}); answerable right ${answerableRight}/${answerable.length} (${pct(answerableRight, answerable.length)}); median answer ${lengths[lengths.length >> 1] ?? 0} chars, factoid ${factoid[factoid.length >> 1] ?? 0} chars`,
  );
  lines.push(
    `  abstention: precision ${pct(abstainedRightly, abstained.length)} (${abstainedRightly}/${abstained.length}), recall ${pct(abstainedRightly, shouldAbstain.length)} (${abstainedRightly}/${shouldAbstain.length})`,
  );
  // Retrieval: the rank of the first sentence that holds an answer, in the fitted order.
  const ranks = answerable
    .filter((o) => o.scored && o.example)
    .map((o) => {
      const answers = accepted(o.question);
      const s = o.scored as Scored;
      const order = s.pSentences.map((p, i) => ({ p, i })).sort((x, y) => y.p - x.p);
      const at = order.findIndex(({ i }) =>
        holdsAnswer((o.example as Example).analysis.sentences[i]?.ev.sentence.text ?? "", answers),
      );
      return at < 0 ? Number.POSITIVE_INFINITY : at;
    });
  const at = (k: number) => ranks.filter((r) => r < k).length;
  lines.push(
    `  retrieval recall@1 ${pct(at(1), ranks.length)}, @5 ${pct(at(5), ranks.length)}, @20 ${pct(at(20), ranks.length)}, in the ${ranks.length ? "candidates" : ""} ${pct(at(1e9), ranks.length)}`,
  );
  // The span, when the right sentence was chosen.
  let rightSentence = 0;
  let spanRight = 0;
  let spanGiven = 0;
  let spanAmong = 0;
  for (const o of answerable) {
    if (!o.scored || !o.example || o.scored.best === undefined) continue;
    const answers = accepted(o.question);
    if (!holdsAnswer(o.example.analysis.sentences[o.scored.best]?.ev.sentence.text ?? "", answers)) continue;
    rightSentence++;
    const own = o.scored.spans.filter((x) => x.candidate.sentence === o.scored?.best);
    const top = own[0];
    if (top && holdsAnswer(top.candidate.input.span.text, answers)) spanRight++;
    if (own.some((x) => isAnswerSpan(x.candidate.input.span.text, answers))) spanAmong++;
    if (o.answer.kind === "value") spanGiven++;
  }
  lines.push(
    `  span right when the sentence is: ${pct(spanRight, rightSentence)} (${spanRight}/${rightSentence}); an answer among its spans ${pct(spanAmong, rightSentence)}; answered with the span ${spanGiven}`,
  );
  lines.push(
    `  fully right if every answer were its sentence: ${sentenceOnly(outcomes)} (as given: ${right})`,
  );
  // Calibration: answered questions by confidence bucket.
  const buckets = Array.from({ length: 5 }, () => ({ n: 0, right: 0 }));
  for (const o of outcomes) {
    if (!o.answer.answered) continue;
    const b = buckets[Math.min(4, Math.floor(o.answer.confidence * 5))] as { n: number; right: number };
    b.n++;
    if (o.failures.length === 0) b.right++;
  }
  lines.push(
    `  calibration (confidence -> share right): ${buckets.map((b, i) => `${(i / 5).toFixed(1)}-${((i + 1) / 5).toFixed(1)}: ${pct(b.right, b.n)} of ${b.n}`).join("; ")}`,
  );
  const by = (key: (o: Outcome) => string) => {
    const groups = new Map<string, { n: number; right: number }>();
    for (const o of outcomes) {
      const g = groups.get(key(o)) ?? { n: 0, right: 0 };
      g.n++;
      if (o.failures.length === 0) g.right++;
      groups.set(key(o), g);
    }
    return [...groups]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, g]) => `${k} ${pct(g.right, g.n)} of ${g.n}`)
      .join(", ");
  };
  lines.push(`  answer threshold (fully right if it were): ${thresholdSweep(outcomes)}`);
  lines.push(`  decision ranking: ${decisionRanking(outcomes)}`);
  lines.push(`  by language: ${by((o) => o.answer.language)}`);
  lines.push(`  by answer type: ${by((o) => o.example?.analysis.type ?? "meta")}`);
  lines.push(`  by intent: ${by((o) => o.answer.intent)}`);
  lines.push(`  intents against the fallback: ${intentsAgainstFallback(outcomes)}`);
  if (outcomes.some((o) => o.question.intent)) {
    const wrong = outcomes.filter((o) => o.question.intent && o.question.intent !== o.answer.intent);
    lines.push(`  routed to a wrong intent: ${wrong.length}`);
    for (const o of wrong)
      lines.push(
        `    ${o.question.id} "${o.question.q}": expected ${o.question.intent}, got ${o.answer.intent}`,
      );
  }
  return lines;
}

/** Whether an outcome would be fully right with some thresholds changed, the models otherwise as fitted. */
function rightWith(o: Outcome, change: Partial<Models["thresholds"]>): boolean {
  if (!o.scored || !o.example || !o.models) return o.failures.length === 0;
  const models = { ...o.models, thresholds: { ...o.models.thresholds, ...change } };
  const answer = compose(o.example.analysis, o.scored, models, o.example.deps);
  return judge(o.question, toContract(answer), o.example.seedsDir).length === 0;
}

/**
 * How well the decision's probability orders the questions whose reply the answer threshold
 * decides: those right only if answered against those right only if abstained on. Its AUC (the
 * chance that one of the first scores above one of the second; 0.5 is chance) judges the
 * decision model apart from where the threshold falls, which moves every count above it.
 */
export function decisionRanking(outcomes: Outcome[]): string {
  const answer: number[] = [];
  const abstain: number[] = [];
  for (const o of outcomes) {
    if (!o.scored) continue;
    const answered = rightWith(o, { answer: -1 });
    const abstained = rightWith(o, { answer: 2 });
    if (answered && !abstained) answer.push(o.scored.pDecision);
    else if (abstained && !answered) abstain.push(o.scored.pDecision);
  }
  if (answer.length === 0 || abstain.length === 0)
    return `${answer.length} right only answered, ${abstain.length} right only abstained`;
  return `AUC ${auc(answer, abstain).toFixed(3)} (${answer.length} right only answered, ${abstain.length} right only abstained)`;
}

/** The chance that a value of `high` exceeds one of `low` (ties count half): the Mann-Whitney AUC. */
export function auc(high: readonly number[], low: readonly number[]): number {
  const all = [...high.map((v) => ({ v, h: 1 })), ...low.map((v) => ({ v, h: 0 }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && (all[j] as { v: number }).v === (all[i] as { v: number }).v) j++;
    // ranks i+1..j share their mean
    const mean = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((all[k] as { h: number }).h) rankSum += mean;
    i = j;
  }
  return (rankSum - (high.length * (high.length + 1)) / 2) / (high.length * low.length);
}

/** Questions fully right had every answer been given as its sentence (no short span). */
export function sentenceOnly(outcomes: Outcome[]): number {
  return outcomes.filter((o) => rightWith(o, { span: 2, spanOther: 2 })).length;
}

/** The answer threshold's effect: the questions fully right at other answer thresholds, the models otherwise as fitted. */
export function thresholdSweep(outcomes: Outcome[]): string {
  const at = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  return at.map((t) => `${t}: ${outcomes.filter((o) => rightWith(o, { answer: t })).length}`).join(", ");
}

/**
 * Per business intent, its questions fully right as routed against the same questions answered
 * as the fallback would (no intent: no prior, no expansions), with the same models: an intent
 * must never do worse than the fallback.
 */
export function intentsAgainstFallback(outcomes: Outcome[]): string {
  const groups = new Map<string, { n: number; routed: number; fallback: number }>();
  for (const o of outcomes) {
    const e = o.example;
    if (!e || !o.models || e.analysis.intent.intent === undefined) continue;
    const id = e.analysis.intent.id;
    const fallback = analyse(
      e.analysis.q,
      { ...e.analysis.intent, intent: undefined, id: "fallback" },
      e.deps,
    );
    const answer = compose(fallback, score(fallback, o.models, e.deps), o.models, e.deps);
    const g = groups.get(id) ?? { n: 0, routed: 0, fallback: 0 };
    g.n++;
    if (o.failures.length === 0) g.routed++;
    if (judge(o.question, toContract(answer), e.seedsDir).length === 0) g.fallback++;
    groups.set(id, g);
  }
  if (groups.size === 0) return "none routed";
  return [...groups]
    .sort((a, b) => b[1].n - a[1].n)
    .map(
      ([id, g]) => `${id} ${g.routed} vs ${g.fallback} of ${g.n}${g.routed < g.fallback ? " (worse)" : ""}`,
    )
    .join(", ");
}

/** Why an outcome failed: the decision's probability and the features that weighed most. */
export function why(o: Outcome): string {
  if (!o.example || !o.scored || !o.models) return o.answer.kind;
  const s = o.scored;
  // the decision features the score was computed from
  const x = s.xDecision;
  const m = o.models.decision;
  const contribution = featureParts(m, x);
  const parts = m.features
    .map((name, i) => ({ name, c: contribution[i] as number, v: x[i] as number }))
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c))
    .slice(0, 3)
    .map((p) => `${p.name}=${p.v.toFixed(2)} (${p.c >= 0 ? "+" : ""}${p.c.toFixed(2)})`);
  return `${o.answer.kind}, p(answer)=${s.pDecision.toFixed(2)}: ${parts.join(", ")}`;
}
