import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { App, Installation, InstallURLOptions } from "@slack/bolt";
import type { Logger } from "@slack/logger";
import { type CallbackOptions, InstallProvider } from "@slack/oauth";
import type { OAuthSettings } from "../config.js";
import { PROJECT_ROOT } from "../config-paths.js";
import { parseYaml } from "../text/yaml.js";
import { describeError } from "./context.js";
import type { Installations } from "./installations.js";

/** Where the install page is served (GET) and where Slack sends the installer back. */
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

/** The bot scopes the manifest asks for (oauth_config.scopes.bot): the install asks for the same. */
export function manifestBotScopes(path = join(PROJECT_ROOT, "manifest.yml")): string[] {
  const manifest = parseYaml(readFileSync(path, "utf8")) as {
    oauth_config?: { scopes?: { bot?: unknown } };
  };
  const scopes = manifest?.oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === "string"))
    throw new Error(`${path} has no bot scopes (oauth_config.scopes.bot)`);
  return scopes as string[];
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}</style>
</head><body>
${body}
</body></html>
`;
}

/** The install page: what the bot does, and the Add to Slack button (Slack's authorize URL with the state). */
export function renderInstallPage(url: string): string {
  return page(
    "Add OpenAI Facts to Slack",
    `<h1>OpenAI Facts</h1>
<p>OpenAI Facts answers questions about a folder of news articles, briefly, quoting the sentences it took
the answer from word for word, with their sources. When the articles don't say, it says so instead of guessing.</p>
<p>Ask it by mentioning it in a channel (<code>@openai-facts your question</code>), in a direct
message, in the assistant pane, or with <code>/openai-facts</code>. It reads only messages that mention it,
its direct messages and the threads it answered in.</p>
<p><a href="${escapeHtml(url)}"><img alt="Add to Slack" height="40" width="139"
src="https://platform.slack-edge.com/img/add_to_slack.png"
srcset="https://platform.slack-edge.com/img/add_to_slack.png 1x, https://platform.slack-edge.com/img/add_to_slack@2x.png 2x"></a></p>
`,
  );
}

/** Options of createInstaller. */
export interface InstallerOptions {
  oauth: OAuthSettings;
  installations: Installations;
  logger: Logger;
  /** The Web API client's options (SLACK_API_URL, the retrying fetch). */
  clientOptions: Record<string, unknown>;
  scopes?: string[];
}

/**
 * Bolt's OAuth (@slack/oauth's InstallProvider): the install page with a state signed by
 * SLACK_STATE_SECRET (also set as a cookie, checked on the way back), oauth.v2.access for the
 * code, the installation saved in the store; `installer.authorize` gives each event its
 * workspace's token.
 */
export function createInstaller(options: InstallerOptions): InstallProvider {
  return new InstallProvider({
    clientId: options.oauth.clientId,
    clientSecret: options.oauth.clientSecret,
    stateSecret: options.oauth.stateSecret,
    installationStore: options.installations,
    installUrlOptions: { scopes: options.scopes ?? manifestBotScopes() },
    renderHtmlForInstallPath: renderInstallPage,
    logger: options.logger,
    clientOptions: options.clientOptions,
  });
}

/** The redirect's outcome: a page for the installer, a log line for us (never a token). */
export function callbackOptions(logger: Logger): CallbackOptions {
  return {
    success: (installation: Installation, _options: InstallURLOptions, _req, res) => {
      const team = installation.isEnterpriseInstall
        ? `organisation ${installation.enterprise?.id}`
        : `workspace ${installation.team?.id}${installation.team?.name ? ` (${installation.team.name})` : ""}`;
      logger.info(`installed in ${team}`);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        page(
          "OpenAI Facts is installed",
          `<h1>Installed</h1><p>OpenAI Facts is installed in ${escapeHtml(team)}. Mention <code>@openai-facts</code> in a channel, or write to it in Slack.</p>`,
        ),
      );
    },
    failure: (error, _options, _req, res) => {
      logger.warn(`an install did not complete: ${error.code}: ${describeError(error)}`);
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      res.end(
        page(
          "OpenAI Facts was not installed",
          `<h1>Not installed</h1><p>The installation did not complete (${escapeHtml(error.code)}). <a href="${INSTALL_PATH}">Start again</a>.</p>`,
        ),
      );
    },
  };
}

/**
 * `app_uninstalled` and `tokens_revoked` (of the bot's token) remove the workspace's installation:
 * its next events are not answered (Bolt's authorize finds none, and says so in the log).
 */
export function registerUninstall(app: App, installations: Installations, logger: Logger): void {
  const remove = async (
    why: string,
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
  ) => {
    const query = {
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall === true,
    };
    await installations.deleteInstallation(query);
    const where = query.isEnterpriseInstall
      ? `organisation ${query.enterpriseId}`
      : `workspace ${query.teamId}`;
    logger.info(`${why}: the installation of ${where} is removed`);
  };
  app.event("app_uninstalled", async ({ context }) => {
    await remove("app_uninstalled", context);
  });
  app.event("tokens_revoked", async ({ event, context }) => {
    // Only the bot's token matters: the install asks for no user scopes.
    if ((event.tokens.bot ?? []).length > 0) await remove("tokens_revoked (the bot's token)", context);
  });
}
