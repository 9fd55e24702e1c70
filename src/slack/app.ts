import { App, LogLevel } from "@slack/bolt";
import type { Ask, Browse } from "../answering.js";
import { type Config, ConfigError } from "../config.js";
import { describeError, type ListenerContext } from "./context.js";
import { Conversations } from "./conversations.js";
import { Deduper } from "./dedupe.js";
import { FeedbackLog } from "./feedback-log.js";
import { registerListeners } from "./listeners/index.js";
import { RedactingLogger, toLogLevel } from "./logger.js";
import type { RespondRetry } from "./respond.js";

/** Options of the Slack app beyond the settings. */
export interface SlackAppOptions {
  config: Config;
  /** Answers a question: the answering worker in `npm start`, in-process in tests. */
  ask: Ask;
  /** Describes the articles (App Home, the assistant pane): the worker in `npm start`, in-process in tests. */
  browse: Browse;
  /** Retries of failed Web API calls (default: @slack/web-api's; tests use 0). */
  webApiRetries?: number;
  /** Time limit of one Web API call in ms (default 10 s): a hung call is logged, not waited on forever. */
  webApiTimeoutMs?: number;
  /** How response_url calls are retried (default: 3 retries, 1 s doubling; tests wait less). */
  respondRetry?: Partial<RespondRetry>;
  /** Conversations remembered (default 10,000). */
  maxConversations?: number;
  logger?: RedactingLogger;
}

/** The running Slack front end. */
export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the HTTP port in HTTP mode. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/**
 * Builds the Bolt app: Socket Mode with an app token, else HTTP on /slack/events. Listeners
 * are thin: they translate Slack in and out of the core's `answer`.
 */
/** Slack's answers to auth.test that say the token itself is no good. */
const REJECTED_TOKEN = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "account_inactive",
]);

/**
 * Initialises the app, which asks Slack whether the bot token works (auth.test) before anything
 * listens: a rejected token stops start-up with a ConfigError naming SLACK_BOT_TOKEN, Slack out
 * of reach with an error naming SLACK_API_URL; neither shows a value or a stack trace.
 */
async function initialise(app: App): Promise<void> {
  try {
    await app.init();
  } catch (err) {
    const code = (err as { data?: { error?: unknown } }).data?.error;
    if (typeof code === "string" && REJECTED_TOKEN.has(code))
      throw new ConfigError(
        `SLACK_BOT_TOKEN was rejected by Slack (${code}): set a valid bot token (xoxb-...)`,
      );
    throw new Error(`could not check SLACK_BOT_TOKEN with Slack at SLACK_API_URL: ${describeError(err)}`);
  }
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config } = options;
  if (config.mode === "console" || !config.botToken) throw new Error("createSlackApp needs SLACK_BOT_TOKEN");
  const logger =
    options.logger ?? new RedactingLogger([config.botToken, config.appToken, config.signingSecret]);
  logger.setLevel(toLogLevel(config.logLevel));
  const clientOptions = {
    slackApiUrl: config.slackApiUrl,
    timeout: options.webApiTimeoutMs ?? 10_000,
    ...(options.webApiRetries === undefined ? {} : { retryConfig: { retries: options.webApiRetries } }),
  };
  const common = {
    token: config.botToken,
    // auth.test runs in start(), where a rejected token can be told apart (initialise)
    deferInitialization: true,
    logger,
    logLevel: logger.getLevel() ?? LogLevel.INFO,
    clientOptions,
  };
  const app =
    config.mode === "socket"
      ? new App({ ...common, appToken: config.appToken, socketMode: true })
      : new App({ ...common, signingSecret: config.signingSecret as string });
  const ctx: ListenerContext = {
    ask: options.ask,
    browse: options.browse,
    dedupe: new Deduper(),
    conversations: new Conversations({ maxConversations: options.maxConversations }),
    feedback: new FeedbackLog(config.feedbackLog, logger),
    respondRetry: options.respondRetry ?? {},
    logger,
  };
  registerListeners(app, ctx);
  app.error(async (err) => {
    logger.error(`unhandled error in a listener: ${describeError(err)}`);
  });
  return {
    app,
    async start() {
      await initialise(app);
      if (config.mode === "socket") {
        await app.start();
        logger.info("connected to Slack in Socket Mode");
        return undefined;
      }
      const server = (await app.start(config.port)) as { address(): { port: number } | string | null };
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : config.port;
      logger.info(`listening for Slack on port ${port} at POST /slack/events`);
      return port;
    },
    async stop() {
      await app.stop();
    },
  };
}
