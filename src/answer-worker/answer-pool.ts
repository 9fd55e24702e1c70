import type { Answer } from "../answer/types.js";

/** What the pool deals questions to: an AnswerWorker, or an in-process stand-in (tests). */
export interface QuestionTaker {
  /** Answers questions in the order they are asked. */
  ask(question: string): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * How the questions of a batch are dealt: in runs of consecutive questions, each a share of
 * those waiting (guided scheduling: the runs shrink as the batch runs out, so the takers finish
 * together). Consecutive questions tend to be about the same article, and about half the work
 * of a first answer about an article is per sentence (spans, tags, vectors), kept by the taker
 * that did it: dealt in runs of 32, two threads each redid most of it and were 1.1x as fast as
 * one on the squad set, in runs of a share of the batch 1.2-1.35x (BENCHMARKS.md).
 */
export const SHARE = 0.5;
/** A taker is given a new run once it holds fewer than this many questions (it never waits idle for one). */
export const REFILL_BELOW = 4;

interface Job {
  question: string;
  resolve: (a: Answer) => void;
  reject: (e: Error) => void;
}

/** Helper takers started once enough questions wait (see AnswerPool). */
export interface Helpers {
  /** How many to start. */
  count: number;
  /** Starts one (an AnswerWorker, which loads the articles itself). */
  start: () => Promise<QuestionTaker>;
  /** Start them once this many questions wait for a taker (a batch, not a person typing). */
  whenWaiting: number;
  /** Told why a helper could not start (the pool goes on without it). */
  log?: (message: string) => void;
}

/**
 * Several question takers sharing one stream of questions: each question goes to one taker, in
 * runs of consecutive questions (SHARE), and its answer comes back on the promise `ask` returned.
 * A question asked while every taker is busy waits here, in order. With `helpers`, more takers
 * are started once a backlog builds up, so a short input never pays for their start.
 */
export class AnswerPool {
  private readonly takers: QuestionTaker[];
  private readonly waiting: Job[] = [];
  private readonly held: number[];
  private helpersStarting: Promise<void> | undefined;
  private closed = false;
  /** A deal is due at the next turn of the event loop (the questions of one read go together). */
  private dealing = false;

  constructor(
    takers: readonly QuestionTaker[],
    private readonly helpers?: Helpers,
    /** The share of the waiting questions (over the takers) one run is. */
    private readonly share = SHARE,
    private readonly refillBelow = REFILL_BELOW,
  ) {
    if (takers.length === 0) throw new Error("an answer pool needs at least one taker");
    this.takers = [...takers];
    this.held = takers.map(() => 0);
  }

  /** The takers answering now (the helpers count once started). */
  get size(): number {
    return this.takers.length;
  }

  /** Answers a question on one of the takers. */
  ask(question: string): Promise<Answer> {
    if (this.closed) return Promise.reject(new Error("the answer pool is closed"));
    return new Promise((resolve, reject) => {
      this.waiting.push({ question, resolve, reject });
      // the questions asked together (the lines of one read) are dealt together
      if (this.dealing) return;
      this.dealing = true;
      setImmediate(() => {
        this.dealing = false;
        this.deal();
      });
    });
  }

  /**
   * Gives each taker holding fewer than `refillBelow` questions the next run of waiting ones, in
   * order: `share` of those waiting over the number of takers, at least one. A batch is so dealt
   * in long runs; a trickle (each question asked after the last is answered) stays on the first.
   */
  private deal(): void {
    for (let t = 0; t < this.takers.length && this.waiting.length > 0; t++) {
      if ((this.held[t] as number) >= this.refillBelow) continue;
      const run = Math.max(1, Math.ceil((this.share * this.waiting.length) / this.takers.length));
      for (const job of this.waiting.splice(0, run)) this.send(t, job);
    }
    if (this.helpers && !this.helpersStarting && this.waiting.length >= this.helpers.whenWaiting)
      this.helpersStarting = this.startHelpers(this.helpers);
  }

  private async startHelpers(helpers: Helpers): Promise<void> {
    const started = await Promise.allSettled(Array.from({ length: helpers.count }, () => helpers.start()));
    for (const s of started) {
      if (s.status === "rejected") {
        helpers.log?.(`an answering thread could not start: ${(s.reason as Error).message}`);
        continue;
      }
      if (this.closed) {
        await s.value.close();
        continue;
      }
      this.takers.push(s.value);
      this.held.push(0);
    }
    this.deal();
  }

  private send(t: number, job: Job): void {
    this.held[t] = (this.held[t] as number) + 1;
    const done = () => {
      this.held[t] = (this.held[t] as number) - 1;
      this.deal();
    };
    (this.takers[t] as QuestionTaker).ask(job.question).then(
      (a) => {
        done();
        job.resolve(a);
      },
      (e: Error) => {
        done();
        job.reject(e);
      },
    );
  }

  /** Stops every taker (and helpers still starting); questions still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error("the answer pool is closed");
    for (const job of this.waiting.splice(0)) job.reject(closed);
    await this.helpersStarting;
    await Promise.all(this.takers.map((t) => t.close()));
  }
}

/**
 * The core on this thread as a taker: questions answered in order, one per turn of the event
 * loop, so that input is read and the helpers' answers are passed on between two of them.
 */
export class ThisThreadTaker implements QuestionTaker {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly answerOf: (question: string) => Answer) {}

  ask(question: string): Promise<Answer> {
    const next = this.last
      .then(() => new Promise<void>((turn) => setImmediate(turn)))
      .then(() => this.answerOf(question));
    this.last = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.last;
  }
}
