import { hostname } from "node:os";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { Logger } from "@slack/logger";
import type { StateStore } from "../store/types.js";
import { describeError } from "./context.js";
import { DELIVERY_TTL_MS } from "./once.js";

/** Options of EventJournal. */
export interface EventJournalOptions {
  store: StateStore;
  /** This process's name in the journal (default: host, pid and a random part). */
  owner?: string;
  /** A lease not renewed for this long lets a live replica take the event over (default 10 s). */
  leaseMs?: number;
  logger: Logger;
  /** Told each delivery dropped as a duplicate of a recorded event. */
  onDuplicate?: () => void;
  /** Most events handled at once from takeovers (default 200). */
  maxTakeOver?: number;
}

/** A process's name in the journal: unique per start. */
export function ownerName(): string {
  return `${hostname()}/${process.pid}/${Math.random().toString(36).slice(2, 10)}`;
}

const noAck = async () => undefined;

/** An event taken over this many times (each time its process stopped under it) is given up on. */
export const MAX_TAKEOVERS = 3;

/**
 * The event journal, at the receiver boundary: Bolt acks an Events API event inside
 * `App.processEvent`, before any middleware, so the journal sits between the receiver (HTTP or
 * Socket Mode) and the app. Each event is recorded in the store before the app sees it (and so
 * before it is acked): a delivery whose event id is recorded already (a retry, here or on another
 * replica) is acked and dropped; a fresh one is handed to the app and finished in the store once
 * the app has handled it (answered and posted). While it works on events the process renews
 * their leases; events whose lease lapsed (their process died) are taken over and handled again
 * here, where the post step's claim (Once) keeps an answer from being posted twice. If the store
 * cannot record an event, the event is not acked, so Slack delivers it again.
 */
export class EventJournal {
  readonly owner: string;
  private readonly store: StateStore;
  private readonly leaseMs: number;
  private readonly logger: Logger;
  private readonly onDuplicate?: () => void;
  private readonly maxTakeOver: number;
  private readonly inflight = new Map<string, Promise<void>>();
  private app: App | undefined;
  private timers: NodeJS.Timeout[] = [];
  private takingOver = false;
  private refusing = false;

  constructor(options: EventJournalOptions) {
    this.store = options.store;
    this.owner = options.owner ?? ownerName();
    this.leaseMs = options.leaseMs ?? 10_000;
    this.logger = options.logger;
    this.onDuplicate = options.onDuplicate;
    this.maxTakeOver = options.maxTakeOver ?? 200;
  }

  /**
   * The receiver with the journal in front of the app: the app it is given (`init`) is the real
   * one but for `processEvent`. Everything else is the receiver's own (so a SocketModeReceiver
   * stays one for Bolt's check).
   */
  wrap<R extends Receiver>(receiver: R): R {
    return new Proxy(receiver, {
      get: (target, prop) => {
        if (prop === "init") return (app: App) => target.init(this.front(app));
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  private front(app: App): App {
    this.app = app;
    return new Proxy(app, {
      get: (target, prop) => {
        if (prop === "processEvent") return (event: ReceiverEvent) => this.process(target, event);
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /** Events being handled by this process. */
  get inFlight(): string[] {
    return [...this.inflight.keys()];
  }

  private async process(app: App, event: ReceiverEvent): Promise<void> {
    const body = event.body as Record<string, unknown> | null | undefined;
    const id =
      body?.type === "event_callback" && typeof body.event_id === "string" ? body.event_id : undefined;
    if (!id || !body) return app.processEvent(event);
    if (this.refusing)
      throw new Error(`event ${id} arrived while stopping: not acknowledged, Slack will retry it`);
    let fresh: boolean;
    // The envelope as Bolt needs it to handle the event again, without the legacy verification token.
    const { token: _token, ...kept } = body;
    try {
      fresh = await this.store.record(id, kept, this.owner, this.leaseMs, DELIVERY_TTL_MS);
    } catch (err) {
      this.logger.error(
        `event ${id}: recording it in the state store failed (${describeError(err)}); not acknowledged, Slack will retry it`,
      );
      throw err;
    }
    if (!fresh) {
      this.onDuplicate?.();
      this.logger.debug(
        `event ${id} delivered again${event.retryNum ? ` (retry ${event.retryNum})` : ""}: recorded already, acknowledged and dropped`,
      );
      await event.ack();
      return;
    }
    await this.run(app, id, event);
  }

  /** Hands an event to the app; finishes it in the journal once the app is done with it. */
  private run(app: App, id: string, event: ReceiverEvent): Promise<void> {
    const handled = (async () => {
      let failure: unknown;
      try {
        await app.processEvent(event);
      } catch (err) {
        failure = err;
        this.logger.error(`event ${id}: handling it failed: ${describeError(err)}`);
      }
      try {
        // Held up past its lease, this process lost the event to another one, which finishes it.
        if (await this.store.holds(id, this.owner).catch(() => true)) await this.store.finish(id);
        else this.logger.info(`event ${id}: taken over by another process meanwhile; left for it to finish`);
      } catch (err) {
        this.logger.error(`event ${id}: marking it done in the state store failed: ${describeError(err)}`);
      }
      this.inflight.delete(id);
      if (failure) throw failure;
    })();
    this.inflight.set(
      id,
      handled.catch(() => undefined),
    );
    return handled;
  }

  /** Starts renewing leases and taking over events left unfinished (a first round at once). */
  start(): void {
    const renewEvery = Math.max(100, Math.floor(this.leaseMs / 3));
    const takeEvery = Math.max(200, Math.floor(this.leaseMs / 2));
    this.timers.push(setInterval(() => void this.renew(), renewEvery));
    this.timers.push(setInterval(() => void this.takeOver(), takeEvery));
    for (const t of this.timers) t.unref();
    void this.takeOver();
  }

  private async renew(): Promise<void> {
    if (this.inflight.size === 0) return;
    await this.store
      .renew(this.inFlight, this.owner, this.leaseMs)
      .catch((err) => this.logger.warn(`renewing the leases of events failed: ${describeError(err)}`));
  }

  /** One round of taking over events whose lease lapsed. */
  async takeOver(): Promise<number> {
    const app = this.app;
    if (!app || this.takingOver || this.refusing) return 0;
    const room = this.maxTakeOver - this.inflight.size;
    if (room <= 0) return 0;
    this.takingOver = true;
    try {
      const entries = await this.store.takeOver(this.owner, this.leaseMs, Math.min(room, 100));
      for (const { id, body, takeovers } of entries) {
        if (this.inflight.has(id)) continue; // this process's own, stalled past its lease
        if (takeovers > MAX_TAKEOVERS) {
          this.logger.error(
            `event ${id}: given up after ${MAX_TAKEOVERS} takeovers (every process that handled it stopped: it may be what stops them)`,
          );
          await this.store.finish(id).catch(() => undefined);
          continue;
        }
        this.logger.info(
          `event ${id}: taking it over (acknowledged by a process that stopped before answering it)`,
        );
        const event: ReceiverEvent = {
          body,
          ack: noAck,
          retryNum: undefined,
          retryReason: undefined,
          customProperties: {},
        };
        this.run(app, id, event).catch(() => undefined);
      }
      return entries.length;
    } catch (err) {
      this.logger.warn(`taking over unfinished events failed: ${describeError(err)}`);
      return 0;
    } finally {
      this.takingOver = false;
    }
  }

  /**
   * Shutdown: no new events (they are not acked, so Slack retries them) and no takeovers; waits
   * up to `graceMs` for the events in hand, renewing their leases meanwhile; resolves with the
   * ids of those not finished (they stay in the journal, to be taken over). Then stops.
   */
  async drain(graceMs: number): Promise<string[]> {
    this.refusing = true;
    const end = Date.now() + graceMs;
    while (this.inflight.size > 0 && Date.now() < end) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(this.inflight.values()),
        new Promise((r) => {
          timer = setTimeout(r, Math.max(0, end - Date.now()));
        }),
      ]);
      clearTimeout(timer);
    }
    this.stop();
    return this.inFlight;
  }

  /** Stops the timers (leases lapse, takeovers stop). */
  stop(): void {
    for (const t of this.timers.splice(0)) clearInterval(t);
  }
}
