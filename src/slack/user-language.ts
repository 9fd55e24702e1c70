import type { Logger } from "@slack/logger";
import type { WebClient } from "@slack/web-api";
import type { Language } from "../text/language.js";
import { describeError } from "./context.js";

/** Users whose language is remembered, and for how long (a user may change their locale). */
const MAX_USERS = 10_000;
const TTL_MS = 60 * 60_000;

/** A Slack locale ("de-DE", "de-AT", "en-GB") as a language the bot writes in. */
export function languageOfLocale(locale: string | undefined): Language {
  return /^de(?:[-_]|$)/i.test(locale ?? "") ? "de" : "en";
}

/**
 * The language a user reads Slack in, for what the bot says before they have asked anything (the
 * Home tab, the assistant pane's greeting): their locale from `users.info` (`include_locale`;
 * the `users:read` scope), remembered for an hour. A lookup that fails means English, logged at
 * debug level: a greeting is not worth an error.
 */
export class UserLanguages {
  private readonly known = new Map<string, { language: Language; at: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async of(client: WebClient, user: string | undefined): Promise<Language> {
    if (!user) return "en";
    const hit = this.known.get(user);
    if (hit && this.now() - hit.at < TTL_MS) return hit.language;
    let language: Language = "en";
    try {
      const res = await client.users.info({ user, include_locale: true });
      language = languageOfLocale((res.user as { locale?: string } | undefined)?.locale);
    } catch (err) {
      this.logger.debug(`users.info for ${user} failed (${describeError(err)}); writing in English`);
      return language;
    }
    this.known.delete(user);
    this.known.set(user, { language, at: this.now() });
    if (this.known.size > MAX_USERS) this.known.delete(this.known.keys().next().value as string);
    return language;
  }
}
