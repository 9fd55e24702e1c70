import { App, ErrorCode, LogLevel, SocketModeReceiver } from "@slack/bolt";
import { teamScope } from "../answer-worker/teams.js";
import type { Ask, Browse } from "../answering.js";
import { type Config, ConfigError } from "../config.js";
import { FileStore } from "../store/file-store.js";
import { databaseSecret, redisSecret } from "../store/settings.js";
import type { StateStore } from "../store/types.js";
import { describeError, type ListenerContext } from "./context.js";
import { Conversations } from "./conversations.js";
import { FeedbackLog } from "./feedback-log.js";
import { SlackHttpReceiver } from "./http-receiver.js";
import { FileInstallations, type Installations } from "./installations.js";
import { EventJournal } from "./journal-receiver.js";
import { registerListeners } from "./listeners/index.js";
import { RedactingLogger, toLogLevel } from "./logger.js";
import { Metrics } from "./metrics.js";
import { callbackOptions, createInstaller, registerUninstall } from "./oauth.js";
import { Once } from "./once.js";
import type { RespondRetry } from "./respond.js";
import { UserLanguages } from "./user-language.js";
import { DEFAULT_WEB_API_POLICY, retryingFetch } from "./web-api-fetch.js";

/** Options of the Slack app beyond the settings. */
export interface SlackAppOptions {
  config: Config;
  /** Answers a question: the answering worker in `npm start`, in-process in tests. */
  ask: Ask;
  /** Describes the articles (App Home, the assistant pane): the worker in `npm start`, in-process in tests. */
  browse: Browse;
  /** Re-sends of a Web API call Slack says did not happen (default 6, about a minute; tests use 0). */
  webApiRetries?: number;
  /** Wait before the first re-send in ms, doubling after (default 1 s). */
  webApiRetryDelayMs?: number;
  /** Time limit of one attempt of a Web API call in ms (default 10 s): a hung call is logged, not waited on forever. */
  webApiTimeoutMs?: number;
  /** Time limit of one attempt of a message post in ms (default 30 s); a post that times out is not re-sent. */
  postTimeoutMs?: number;
  /** Whether the answering core has its index loaded (GET /healthz; default: it has). */
  indexReady?: () => boolean;
  /** How response_url calls are retried (default: 3 retries, 1 s doubling; tests wait less). */
  respondRetry?: Partial<RespondRetry>;
  /** The state store (retry dedupe, the event journal); default: in memory only (`npm start` opens the one the settings name). */
  store?: StateStore;
  /**
   * Several workspaces (the OAuth settings): where installations are kept; default: in memory
   * only (`npm start` opens the one the settings name: DATA_DIR's file or DATABASE_URL).
   */
  installations?: Installations;
  /** How long a conversation is remembered in the store after its last answer (default 7 days). */
  conversationTtlMs?: number;
  logger?: RedactingLogger;
}

/** The running Slack front end. */
export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the HTTP port in HTTP mode. */
  start(): Promise<number | undefined>;
  /** HTTP mode: new requests get 503 from now on and /healthz reports not ready (shutdown). */
  stopAccepting(): void;
  stop(): Promise<void>;
  /**
   * Shutdown: waits up to `graceMs` for the events acked so far to be answered and posted (new
   * ones are not acked); resolves with the ids of those left unfinished, which stay in the
   * journal for a replica or the next start to take over.
   */
  drain(graceMs: number): Promise<string[]>;
  /** The event journal at the receiver boundary. */
  journal: EventJournal;
  /** The counters (GET /metrics in HTTP mode, logged periodically in Socket Mode). */
  metrics: Metrics;
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
  if (config.mode === "console" || (!config.botToken && !config.oauth))
    throw new Error("createSlackApp needs SLACK_BOT_TOKEN or the OAuth settings");
  const logger =
    options.logger ??
    new RedactingLogger([
      config.botToken,
      config.appToken,
      config.signingSecret,
      config.oauth?.clientSecret,
      config.oauth?.stateSecret,
      redisSecret(config.redisUrl),
      databaseSecret(config.databaseUrl),
    ]);
  logger.setLevel(toLogLevel(config.logLevel));
  const metrics = new Metrics();
  const policy = {
    ...DEFAULT_WEB_API_POLICY,
    ...(options.webApiRetries === undefined ? {} : { retries: options.webApiRetries }),
    ...(options.webApiRetryDelayMs === undefined ? {} : { baseDelayMs: options.webApiRetryDelayMs }),
    ...(options.webApiTimeoutMs === undefined ? {} : { timeoutMs: options.webApiTimeoutMs }),
    ...(options.postTimeoutMs === undefined ? {} : { postTimeoutMs: options.postTimeoutMs }),
  };
  // Retries and time-outs are retryingFetch's (see WebApiPolicy: a post is never re-sent after
  // a time-out); the WebClient's own would re-send any call that failed, posts included.
  const clientOptions = {
    slackApiUrl: config.slackApiUrl,
    timeout: 0,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: retryingFetch(policy, logger, (method) => metrics.webApiRetry(method)),
  };
  const common = {
    token: config.botToken,
    // auth.test runs in start(), where a rejected token can be told apart (initialise)
    deferInitialization: true,
    logger,
    logLevel: logger.getLevel() ?? LogLevel.INFO,
    clientOptions,
  };
  let authPassed = false;
  // Several workspaces: Bolt's OAuth on our receiver; each event is authorised from the installations.
  const installations = config.oauth ? (options.installations ?? FileInstallations.memory()) : undefined;
  const installer =
    config.oauth && installations
      ? createInstaller({ oauth: config.oauth, installations, logger, clientOptions })
      : undefined;
  const receiver =
    config.mode === "http"
      ? new SlackHttpReceiver({
          signingSecret: config.signingSecret as string,
          logger,
          metrics,
          installer,
          callbackOptions: callbackOptions(logger),
          notReady: () =>
            !authPassed
              ? "starting (Slack auth not checked yet)"
              : options.indexReady && !options.indexReady()
                ? "the index is not loaded"
                : undefined,
        })
      : undefined;
  const store = options.store ?? FileStore.memory();
  // Every event is recorded before it is acked (see EventJournal): the journal wraps the receiver.
  const journal = new EventJournal({
    store,
    leaseMs: config.eventLeaseMs,
    logger,
    onDuplicate: () => metrics.duplicate(),
  });
  const app = receiver
    ? new App({ ...common, receiver: journal.wrap(receiver) })
    : new App({
        ...common,
        appToken: config.appToken,
        socketMode: true,
        receiver: journal.wrap(
          new SocketModeReceiver({
            appToken: config.appToken as string,
            logger,
            logLevel: common.logLevel,
            // the Socket Mode client's Web API calls (apps.connections.open) go where the app's do
            installerOptions: { clientOptions },
          }),
        ),
      });
  let stopLogging: (() => void) | undefined;
  const ctx: ListenerContext = {
    ask: options.ask,
    browse: options.browse,
    once: new Once(store, journal.owner, logger),
    // In the state store: a thread carried on at another replica, or after a restart, is known.
    conversations: new Conversations(store, logger, { ttlMs: options.conversationTtlMs }),
    feedback: new FeedbackLog(config.feedbackLog, logger),
    respondRetry: options.respondRetry ?? {},
    metrics,
    languages: new UserLanguages(logger),
    logger,
  };
  // Each event's listeners run knowing its workspace: `ask` and `browse` may answer from that
  // workspace's own articles (ARTICLES_BY_TEAM_DIR; main.ts's TeamAnswerers).
  app.use(async ({ context, next }) => teamScope.run(context.teamId, next));
  registerListeners(app, ctx);
  if (installations) registerUninstall(app, installations, logger);
  app.error(async (err) => {
    // Several workspaces: an event from a workspace with no installation (uninstalled) is not answered.
    if ((err as { code?: string }).code === ErrorCode.AuthorizationError) {
      metrics.error("authorize");
      logger.warn(`an event was not answered: ${describeError(err)}`);
      return;
    }
    metrics.error("listener");
    logger.error(`unhandled error in a listener: ${describeError(err)}`);
  });
  return {
    app,
    metrics,
    journal,
    async start() {
      await initialise(app);
      authPassed = true;
      // Renews this process's leases and takes over events a stopped process left unfinished.
      journal.start();
      if (config.mode === "socket") {
        await app.start();
        logger.info("connected to Slack in Socket Mode");
        // No /metrics without an HTTP server: the same counters go to the log.
        if (config.metricsLogIntervalMs > 0)
          stopLogging = metrics.logEvery(config.metricsLogIntervalMs, logger);
        return undefined;
      }
      const server = (await app.start(config.port)) as { address(): { port: number } | string | null };
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : config.port;
      logger.info(
        `listening for Slack on port ${port} at POST /slack/events (GET /healthz, GET /metrics${installer ? ", GET /slack/install, GET /slack/oauth_redirect" : ""})`,
      );
      return port;
    },
    stopAccepting() {
      receiver?.setDraining(true);
    },
    async drain(graceMs) {
      // Socket Mode: the socket is closed first, so that Slack sends new events elsewhere.
      if (config.mode === "socket") await app.stop().catch(() => undefined);
      return journal.drain(graceMs);
    },
    async stop() {
      stopLogging?.();
      journal.stop();
      await app.stop();
    },
  };
}
