import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { intentsDirFrom, PROJECT_ROOT, seedsDirFrom, setting } from "./config-paths.js";
import {
  BackendSettingError,
  type BackendSettings,
  backendSettingsFrom,
} from "./retrieval/postgres/settings.js";
import { type StoreSettings, storeSettingsFrom } from "./store/settings.js";

/** How `npm start` runs. */
export type RunMode = "console" | "socket" | "http";

/** Log levels, least to most verbose. */
export const LOG_LEVELS = ["error", "warn", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings read from the environment (and .env); the store's, the journal's and the drain's are in StoreSettings. */
export interface Config extends StoreSettings {
  mode: RunMode;
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  /**
   * Several workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET): Slack's OAuth
   * install at /slack/install, each event answered with its workspace's token; HTTP mode only.
   */
  oauth?: OAuthSettings;
  /** PostgreSQL (DATABASE_URL): where installations are kept with the OAuth settings (else DATA_DIR's file). */
  databaseUrl?: string;
  /** A folder whose subfolders, named by workspace (team) id, hold that workspace's articles (ARTICLES_BY_TEAM_DIR). */
  articlesByTeamDir?: string;
  /** HTTP mode's port. */
  port: number;
  /** Base URL of the Slack Web API, ending in "/". */
  slackApiUrl: string;
  logLevel: LogLevel;
  seedsDir: string;
  intentsDir: string;
  /** The feedback log (JSON lines, one per click on "Helpful" / "Not helpful"); undefined: not kept. */
  feedbackLog?: string;
  /** Socket Mode: how often the counters are logged, in ms; 0: never. */
  metricsLogIntervalMs: number;
  /** Where the articles live: this process's memory (SEEDS_DIR) or PostgreSQL (ARTICLES_BACKEND, DATABASE_URL). */
  articles: BackendSettings;
}

/** The app's OAuth credentials (Basic Information -> App Credentials) and the secret that signs the install's state. */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

/** The OAuth settings, all three or none. */
export const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/** A missing or malformed setting; the message names the variable, never its value. */
export class ConfigError extends Error {}

const DEFAULT_API_URL = "https://slack.com/api/";
/** Where feedback is logged unless FEEDBACK_LOG says otherwise. */
export const DEFAULT_FEEDBACK_LOG = join(PROJECT_ROOT, ".data", "feedback.jsonl");

/**
 * SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: undefined when none is set; a
 * ConfigError naming the first one missing when only some are, or the one that is malformed.
 */
export function oauthSettingsFrom(env: NodeJS.ProcessEnv = process.env): OAuthSettings | undefined {
  const [clientId, clientSecret, stateSecret] = OAUTH_VARIABLES.map((name) => setting(env, name));
  if (!clientId && !clientSecret && !stateSecret) return undefined;
  const missing = OAUTH_VARIABLES.find((name) => !setting(env, name));
  if (missing)
    throw new ConfigError(
      `${missing} is missing: installing in several workspaces (OAuth) needs ${OAUTH_VARIABLES.join(", ")}`,
    );
  if (!/^[\w.-]+$/.test(clientId as string))
    throw new ConfigError(
      "SLACK_CLIENT_ID is malformed: it should be the app's client ID (digits and a dot)",
    );
  if (!/^[0-9a-zA-Z]{16,}$/.test(clientSecret as string))
    throw new ConfigError(
      "SLACK_CLIENT_SECRET is malformed: it should be the app's client secret (letters and digits)",
    );
  if ((stateSecret as string).length < 16)
    throw new ConfigError(
      "SLACK_STATE_SECRET is too short: it should be a random string of at least 16 characters",
    );
  return {
    clientId: clientId as string,
    clientSecret: clientSecret as string,
    stateSecret: stateSecret as string,
  };
}

/**
 * Reads and checks every setting. Mode: no SLACK_BOT_TOKEN nor OAuth settings -> console; with
 * SLACK_APP_TOKEN -> Socket Mode; otherwise HTTP mode, which needs SLACK_SIGNING_SECRET. The
 * OAuth settings (several workspaces) are HTTP mode's, and exclude SLACK_BOT_TOKEN (one workspace).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const botToken = setting(env, "SLACK_BOT_TOKEN");
  const appToken = setting(env, "SLACK_APP_TOKEN");
  const signingSecret = setting(env, "SLACK_SIGNING_SECRET");
  const oauth = oauthSettingsFrom(env);
  if (oauth && botToken)
    throw new ConfigError(
      `SLACK_BOT_TOKEN and ${OAUTH_VARIABLES.join(", ")} are all set: set SLACK_BOT_TOKEN for one workspace, or the OAuth settings to install in several, not both`,
    );
  if (oauth && appToken)
    throw new ConfigError(
      `SLACK_APP_TOKEN (Socket Mode) and ${OAUTH_VARIABLES.join(", ")} are all set: installing in several workspaces needs HTTP mode (leave SLACK_APP_TOKEN empty)`,
    );
  if (botToken && !/^xox[bp]-[\w-]+$/.test(botToken)) {
    throw new ConfigError("SLACK_BOT_TOKEN is malformed: it should be a bot token starting with xoxb-");
  }
  if (appToken && !/^xapp-[\w-]+$/.test(appToken)) {
    throw new ConfigError(
      "SLACK_APP_TOKEN is malformed: it should be an app-level token starting with xapp-",
    );
  }
  if (appToken && !botToken) {
    throw new ConfigError("SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing: Socket Mode needs both");
  }
  const mode: RunMode = oauth ? "http" : !botToken ? "console" : appToken ? "socket" : "http";
  if (mode === "http" && !signingSecret) {
    throw new ConfigError(
      "SLACK_SIGNING_SECRET is missing: HTTP mode needs it to verify requests (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }
  if (signingSecret && !/^[0-9a-zA-Z]{16,}$/.test(signingSecret)) {
    throw new ConfigError(
      "SLACK_SIGNING_SECRET is malformed: it should be the app's signing secret (letters and digits)",
    );
  }
  const portText = setting(env, "PORT") ?? "3000";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new ConfigError("PORT must be a whole number from 0 to 65535");
  let slackApiUrl = setting(env, "SLACK_API_URL") ?? DEFAULT_API_URL;
  try {
    const url = new URL(slackApiUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("protocol");
  } catch {
    throw new ConfigError("SLACK_API_URL must be an http(s) URL, such as https://slack.com/api/");
  }
  if (!slackApiUrl.endsWith("/")) slackApiUrl += "/";
  const logLevel = (setting(env, "LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  }
  const articles = articlesFrom(env);
  return {
    mode,
    botToken,
    appToken,
    signingSecret,
    ...(oauth ? { oauth } : {}),
    ...articlesByTeamFrom(env),
    ...(articles.databaseUrl ? { databaseUrl: articles.databaseUrl } : {}),
    port,
    slackApiUrl,
    logLevel: logLevel as LogLevel,
    seedsDir: seedsDirFrom(undefined, env),
    intentsDir: intentsDirFrom(env),
    feedbackLog: feedbackLogFrom(env),
    ...storeSettingsFrom(env),
    metricsLogIntervalMs: metricsLogIntervalFrom(env),
    articles,
  };
}

/** ARTICLES_BACKEND and DATABASE_URL, as a configuration error naming the variable when malformed. */
function articlesFrom(env: NodeJS.ProcessEnv): BackendSettings {
  try {
    return backendSettingsFrom(env);
  } catch (err) {
    if (err instanceof BackendSettingError) throw new ConfigError(err.message);
    throw err;
  }
}

/** ARTICLES_BY_TEAM_DIR: a folder (its subfolders are workspace ids); unset: one folder for all. */
function articlesByTeamFrom(env: NodeJS.ProcessEnv): { articlesByTeamDir?: string } {
  const value = setting(env, "ARTICLES_BY_TEAM_DIR");
  if (value === undefined) return {};
  const path = resolve(value);
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new ConfigError("ARTICLES_BY_TEAM_DIR must be a folder (its subfolders named by workspace id)");
  return { articlesByTeamDir: path };
}

/** METRICS_LOG_INTERVAL_MS: whole milliseconds, at least 1000; "off" or 0 logs none; default 60 s. */
export function metricsLogIntervalFrom(env: NodeJS.ProcessEnv = process.env): number {
  const value = setting(env, "METRICS_LOG_INTERVAL_MS");
  if (value === undefined) return 60_000;
  if (value === "off" || value === "0") return 0;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 1000 || ms > 2_147_483_647)
    throw new ConfigError(
      'METRICS_LOG_INTERVAL_MS must be a whole number of milliseconds from 1000 (or "off")',
    );
  return ms;
}

/**
 * FEEDBACK_LOG: a file path (relative to the working folder), "off" to keep no log; default
 * .data/feedback.jsonl of the project. A folder, or a path with control characters, is refused.
 */
export function feedbackLogFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = setting(env, "FEEDBACK_LOG");
  if (value === "off") return undefined;
  if (value === undefined) return DEFAULT_FEEDBACK_LOG;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f]/.test(value) || /[/\\]$/.test(value))
    throw new ConfigError('FEEDBACK_LOG must be the path of a file (or "off")');
  const path = resolve(value);
  if (existsSync(path) && statSync(path).isDirectory())
    throw new ConfigError('FEEDBACK_LOG is a folder: it must be the path of a file (or "off")');
  return path;
}

/** Answering threads of `ask --jsonl` at most, whatever the machine has. */
const MAX_ASK_THREADS = 4;

/**
 * ASK_THREADS (or `ask --threads N`): threads `ask --jsonl` answers on, a whole number from 1 to
 * 16; default the machine's cores, at most MAX_ASK_THREADS. 1 answers on the main thread.
 */
export function askThreadsFrom(argThreads: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const value = argThreads ?? setting(env, "ASK_THREADS");
  if (value === undefined) return Math.min(availableParallelism(), MAX_ASK_THREADS);
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 16)
    throw new ConfigError(
      `${argThreads !== undefined ? "--threads" : "ASK_THREADS"} must be a whole number from 1 to 16`,
    );
  return n;
}
