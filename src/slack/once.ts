import type { Logger } from "@slack/logger";
import type { StateStore } from "../store/types.js";
import { describeError } from "./context.js";

/** How long a delivery's key is kept (Slack retries within about 5 minutes). */
export const DELIVERY_TTL_MS = 15 * 60_000;
/** How long the claim of an event's post is kept: longer than any takeover can come. */
const POST_TTL_MS = 7 * 24 * 3_600_000;

let unnamed = 0;
let attempts = 0;

/** Tries of a store call in the post step, and the wait before the second (doubling). */
const STORE_TRIES = 3;
const STORE_RETRY_MS = 100;

/**
 * A store call of the post step, tried again after a failure: a loaded process sees its store's
 * reply late (a command "timed out" whose answer had come), and an answer is not given up for it.
 * The calls are safe to repeat (a check, a claim under the same token, a put).
 */
async function persist<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= STORE_TRIES) throw err;
      await new Promise((r) => setTimeout(r, STORE_RETRY_MS * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Claims in the state store that make the bot answer each question once, across retries,
 * restarts and replicas: a message (channel + ts) is handled under one event id, and an event's
 * answer is posted by one process; a process that takes over an event another one left
 * unfinished asks Slack whether that one's post went through before posting.
 */
export class Once {
  constructor(
    private readonly store: StateStore,
    /** This process, as the journal knows it. */
    private readonly owner: string,
    private readonly logger: Logger,
  ) {}

  /**
   * True when the message `channel`/`ts` was handled under another event id (the same message
   * delivered again under a new id). The same event id handled again (taken over after a
   * crash) is not a duplicate: the journal has let it through once. Without the store (Redis
   * lost meanwhile) the message counts as new: the journal has already dropped retries of its id.
   */
  async seenBefore(eventId: string | undefined, channel: string, ts: string): Promise<boolean> {
    const mine = eventId ?? `${this.owner}#${++unnamed}`;
    try {
      const holder = await this.store.claim(`msg:${channel}:${ts}`, mine, DELIVERY_TTL_MS);
      return holder !== mine;
    } catch (err) {
      this.logger.warn(
        `checking ${channel}/${ts} for an earlier delivery failed (${describeError(err)}); answering it`,
      );
      return false;
    }
  }

  /**
   * Runs `post` (the answer's chat.postMessage) unless the event's answer was posted already.
   * The post step is claimed in the store first; when another process holds the claim (it
   * stopped after claiming, and this process took the event over), `postedBefore` asks Slack
   * whether that post went through: posted, or no way to tell, means no second post. A private
   * reply (no `postedBefore`: Slack cannot be asked about an ephemeral message) is recorded in
   * the store as sent once Slack took it; a takeover sends it unless it was recorded so, which
   * doubles it only if the stopped process died while Slack was taking it (see README, Deploying).
   * A process that no longer holds the event (held up past its lease, it was taken over) posts
   * nothing: the process that took it over answers it.
   */
  async post<T>(
    eventId: string | undefined,
    post: () => Promise<T>,
    postedBefore?: () => Promise<boolean>,
  ): Promise<T | undefined> {
    if (!eventId) return post();
    // Held up past its lease (a stall, a store out of reach): a process that took the event over
    // answers it; this one posts nothing, even if that one has not posted yet.
    if (!(await persist(() => this.store.holds(eventId, this.owner)))) {
      this.logger.warn(
        `event ${eventId}: taken over by another process while this one was held up (past EVENT_LEASE_MS); leaving its answer to that one`,
      );
      return undefined;
    }
    const key = `post:${eventId}`;
    // A token of this attempt: an event this process handles a second time (its finish was lost) checks too.
    const token = `${this.owner}#${++attempts}`;
    const holder = await persist(() => this.store.claim(key, token, POST_TTL_MS));
    if (holder !== token && !(await this.notPostedBefore(eventId, postedBefore))) return undefined;
    if (holder !== token) await persist(() => this.store.put(key, token, POST_TTL_MS));
    if (postedBefore) return post();
    const sent = await post();
    await this.store
      .put(`sent:${eventId}`, token, POST_TTL_MS)
      .catch((err) =>
        this.logger.warn(
          `event ${eventId}: recording its private reply as sent failed: ${describeError(err)}`,
        ),
      );
    return sent;
  }

  /** Whether the stopped process that claimed an event's post did not post it (logged either way). */
  private async notPostedBefore(
    eventId: string,
    postedBefore: (() => Promise<boolean>) | undefined,
  ): Promise<boolean> {
    if (!postedBefore) {
      if ((await this.store.get(`sent:${eventId}`)) !== undefined) {
        this.logger.info(
          `event ${eventId}: its private reply was sent before the process stopped; not sending it again`,
        );
        return false;
      }
      this.logger.warn(
        `event ${eventId}: the stopped process had not recorded its private reply as sent (Slack cannot be asked); sending it`,
      );
      return true;
    }
    let posted: boolean;
    try {
      posted = await postedBefore();
    } catch (err) {
      this.logger.error(
        `event ${eventId}: cannot tell whether the stopped process posted its answer (${describeError(err)}); not posting it again`,
      );
      return false;
    }
    if (posted)
      this.logger.info(
        `event ${eventId}: its answer was posted before the process stopped; not posting it again`,
      );
    return !posted;
  }
}
