import { AsyncLocalStorage } from "node:async_hooks";
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Answer } from "../answer/types.js";
import type { Catalog } from "../answering.js";
import type { AnswerOptions } from "../core.js";
import type { Language } from "../text/language.js";

/** What answers from one folder of articles: an AnswerWorker, or an in-process stand-in (tests). */
export interface Answerer {
  ask(question: string, options?: AnswerOptions): Promise<Answer>;
  catalog(language: Language): Promise<Catalog>;
  readonly ready: boolean;
  close(): Promise<void>;
}

/**
 * The workspace (team id) of the Slack event being handled, set by the Slack app around each
 * event's listeners (app.ts): the answering side reads it without every listener passing it on.
 */
export const teamScope = new AsyncLocalStorage<string | undefined>();

/** Team ids as Slack writes them (T and capitals or digits): nothing else is a folder name. */
const TEAM_ID = /^[TE][A-Z0-9]{1,31}$/;

/**
 * ARTICLES_BY_TEAM_DIR: a workspace whose id names a subfolder of `byTeamDir` is answered from
 * that folder, by its own answerer started on its first question (each loads and watches its
 * folder, as the default one does); any other workspace, and events outside a workspace, from
 * the default folder. A folder added later is picked up at the workspace's next question.
 */
export class TeamAnswerers {
  private readonly started = new Map<string, Promise<Answerer>>();

  constructor(
    private readonly fallback: Answerer,
    private readonly byTeamDir: string | undefined,
    private readonly start: (seedsDir: string) => Promise<Answerer>,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** The folder of a workspace's own articles, if it has one. */
  folderOf(team: string | undefined): string | undefined {
    if (!this.byTeamDir || !team || !TEAM_ID.test(team)) return undefined;
    const dir = join(this.byTeamDir, team);
    try {
      return statSync(dir).isDirectory() ? dir : undefined;
    } catch {
      return undefined;
    }
  }

  /** The answerer of a workspace (the current event's by default). */
  async forTeam(team: string | undefined = teamScope.getStore()): Promise<Answerer> {
    const dir = this.folderOf(team);
    if (!dir || !team) return this.fallback;
    let answerer = this.started.get(team);
    if (!answerer) {
      this.log(`workspace ${team}: answering from its own folder of articles (ARTICLES_BY_TEAM_DIR)`);
      answerer = this.start(dir);
      this.started.set(team, answerer);
      // A folder that cannot be served is tried again at the next question, the default serving meanwhile.
      answerer.catch((err: Error) => {
        this.log(
          `workspace ${team}: its articles could not be loaded (${err.message}); answering from the default folder`,
        );
        this.started.delete(team);
      });
    }
    return answerer.catch(() => this.fallback);
  }

  ask(question: string, options?: AnswerOptions): Promise<Answer> {
    return this.forTeam().then((a) => a.ask(question, options));
  }

  catalog(language: Language): Promise<Catalog> {
    return this.forTeam().then((a) => a.catalog(language));
  }

  /** Whether the default folder is loaded (a workspace's own waits for its first question). */
  get ready(): boolean {
    return this.fallback.ready;
  }

  async close(): Promise<void> {
    const own = await Promise.allSettled(this.started.values());
    await Promise.allSettled([
      this.fallback.close(),
      ...own.flatMap((r) => (r.status === "fulfilled" ? [r.value.close()] : [])),
    ]);
  }
}
