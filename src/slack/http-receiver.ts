import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  type App,
  type BufferedIncomingMessage,
  HTTPResponseAck,
  HTTPModuleFunctions as http,
  isRawBodyError,
  type Receiver,
  type ReceiverEvent,
} from "@slack/bolt";
import type { Logger } from "@slack/logger";
import type { CallbackOptions, InstallProvider } from "@slack/oauth";
import { describeError } from "./context.js";
import type { Metrics, RefusedReason } from "./metrics.js";
import { INSTALL_PATH, REDIRECT_PATH } from "./oauth.js";

/** Slack's requests may be this much older or newer than our clock (Slack says five minutes). */
const MAX_SKEW_SECONDS = 5 * 60;
/** Largest request body read (Slack's payloads are a few kB; a view's state can reach hundreds). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** The path Slack posts events, commands and interactions to. */
export const EVENTS_PATH = "/slack/events";

/** Options of SlackHttpReceiver. */
export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  metrics: Metrics;
  /** Why the bot cannot answer yet (GET /healthz says so with 503), or undefined when it can. */
  notReady: () => string | undefined;
  bodyLimit?: number;
  /**
   * Several workspaces: Bolt's OAuth, served at GET /slack/install and GET /slack/oauth_redirect;
   * Bolt takes `installer.authorize` from the receiver for each event's token.
   */
  installer?: InstallProvider;
  /** The redirect's success and failure pages (with the installer). */
  callbackOptions?: CallbackOptions;
  /** The clock, in ms (tests). */
  now?: () => number;
}

/**
 * HTTP mode's receiver: POST /slack/events, GET /healthz and GET /metrics. Requests to
 * /slack/events are handled as Bolt's HTTPReceiver does, with its own parts (body buffering,
 * signature verification, parsing, ssl_check and url_verification replies, HTTPResponseAck),
 * and three more checks, since Bolt's receiver lets one request stop the process and checks only
 * that a request is not stale:
 * - a request dated more than five minutes in the future is refused 401, like a stale one;
 * - a body that is not a JSON object (`null`, an array, a number, garbage; a form whose
 *   `payload` is not a JSON object) is refused 400 with a log line, never thrown;
 * - while draining (`setDraining(true)`, on shutdown) new requests get 503 so that Slack
 *   retries them elsewhere or later, and /healthz reports not ready.
 * Nothing a client sends makes it throw: every path ends in a response and a log line.
 * With an installer (OAuth), GET /slack/install and GET /slack/oauth_redirect are the
 * InstallProvider's handleInstallPath and handleCallback.
 */
export class SlackHttpReceiver implements Receiver {
  /** Read by Bolt's App (`receiver.installer.authorize`): with it, each event gets its workspace's token. */
  readonly installer: InstallProvider | undefined;
  private app: App | undefined;
  private server: Server | undefined;
  private draining = false;
  private readonly bodyLimit: number;
  private readonly now: () => number;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.now = options.now ?? Date.now;
    this.installer = options.installer;
  }

  init(app: App): void {
    this.app = app;
  }

  /** While on, new Slack requests get 503 and /healthz reports not ready. */
  setDraining(on: boolean): void {
    if (on && !this.draining) this.options.logger.info("no longer accepting Slack requests (draining)");
    this.draining = on;
  }

  /** Listens on `port` (0: any free port); resolves with the server. */
  start(port: number): Promise<Server> {
    if (this.server) return Promise.reject(new Error("the HTTP receiver is already started"));
    const server = createServer((req, res) => this.route(req, res));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, () => {
        server.off("error", reject);
        server.on("error", (err) => this.options.logger.error(`HTTP server error: ${describeError(err)}`));
        resolve(server);
      });
    });
  }

  /** Stops listening; requests in progress finish. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeIdleConnections();
    });
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const method = req.method ?? "";
    let handling: Promise<void> | undefined;
    if (path === EVENTS_PATH && method === "POST") handling = this.onSlackRequest(req, res);
    else if (path === EVENTS_PATH) reply(res, 405, "POST only\n", { allow: "POST" });
    else if (path === "/healthz" && (method === "GET" || method === "HEAD")) this.onHealth(res);
    else if (path === "/metrics" && method === "GET") handling = this.onMetrics(res);
    else if (this.installer && path === INSTALL_PATH && method === "GET")
      handling = this.installer.handleInstallPath(req, res);
    else if (this.installer && path === REDIRECT_PATH && method === "GET")
      handling = this.installer.handleCallback(req, res, this.options.callbackOptions);
    else {
      this.options.logger.debug(`HTTP ${method.slice(0, 10)} ${path.slice(0, 200)}: not found`);
      reply(res, 404, "not found\n");
    }
    handling?.catch((err: unknown) => {
      this.options.logger.error(`handling ${method} ${path} failed: ${describeError(err)}`);
      if (!res.headersSent) http.buildNoBodyResponse(res, 500);
      else res.end();
    });
  }

  private onHealth(res: ServerResponse): void {
    const why = this.draining ? "draining" : this.options.notReady();
    if (why) reply(res, 503, `not ready: ${why}\n`);
    else reply(res, 200, "ok\n");
  }

  private async onMetrics(res: ServerResponse): Promise<void> {
    const text = await this.options.metrics.text();
    reply(res, 200, text, { "content-type": this.options.metrics.contentType });
  }

  /** Refuses a request with a status and a log line (warn; debug for a drain). */
  private refuse(res: ServerResponse, status: number, reason: RefusedReason, why: string): void {
    this.options.metrics.refusedRequest(reason);
    const line = `refused a Slack request (HTTP ${status}): ${why}`;
    if (reason === "draining") this.options.logger.debug(line);
    else this.options.logger.warn(line);
    http.buildNoBodyResponse(res, status);
  }

  private async onSlackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.draining) {
      // Slack retries a request that was not acknowledged: another replica, or this one restarted.
      res.setHeader("retry-after", "1");
      return this.refuse(res, 503, "draining", "shutting down");
    }
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await http.parseAndVerifyHTTPRequest(
        { enabled: true, signingSecret: this.options.signingSecret, bodyLimit: this.bodyLimit },
        req,
      );
    } catch (err) {
      if (isRawBodyError(err)) {
        const e = err as Error & { statusCode: number; type: string };
        if (e.statusCode === 413 || e.type === "entity.too.large") {
          // The rest is read and dropped, so that the client gets the answer, then the connection closes.
          req.resume();
          res.setHeader("connection", "close");
          return this.refuse(res, 413, "too_large", `body over ${this.bodyLimit} bytes`);
        }
        return this.refuse(res, 400, "malformed_body", `unreadable body (${e.type})`);
      }
      return this.refuse(res, 401, "signature", describeError(err));
    }
    // Bolt checks that a request is not older than five minutes, not that it is not newer.
    const stamp = Number(req.headers["x-slack-request-timestamp"]);
    const ahead = stamp - Math.floor(this.now() / 1000);
    if (Number.isFinite(stamp) && ahead > MAX_SKEW_SECONDS)
      return this.refuse(
        res,
        401,
        "future_timestamp",
        `x-slack-request-timestamp is ${ahead} s in the future (more than ${MAX_SKEW_SECONDS} s)`,
      );
    let body: unknown;
    try {
      body = http.parseHTTPRequestBody(buffered);
    } catch (err) {
      const type = String(req.headers["content-type"] ?? "none").slice(0, 80);
      return this.refuse(
        res,
        400,
        "malformed_body",
        `body is not JSON nor a Slack form (content-type ${type}): ${describeError(err)}`,
      );
    }
    if (body === null || typeof body !== "object" || Array.isArray(body))
      return this.refuse(
        res,
        400,
        "malformed_body",
        `body is ${body === null ? "null" : Array.isArray(body) ? "an array" : `a ${typeof body}`}, not an object`,
      );
    const payload = body as Record<string, unknown>;
    if (payload.ssl_check === "1") return http.buildSSLCheckResponse(res);
    if (payload.type === "url_verification") return http.buildUrlVerificationResponse(res, payload);
    if (typeof payload.type !== "string" && typeof payload.command !== "string")
      return this.refuse(res, 400, "not_slack", "body has neither a type nor a command");
    const logger = this.options.logger;
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      unhandledRequestHandler: ({ response }) => {
        logger.warn(
          `no listener acknowledged a Slack request (type ${String(payload.type ?? payload.command).slice(0, 60)}) within 3 s: answered 404`,
        );
        if (!response.headersSent) http.buildNoBodyResponse(response, 404);
      },
      httpRequest: buffered,
      httpRequestBody: payload,
      httpResponse: res,
    });
    const event: ReceiverEvent = {
      body: payload,
      ack: ack.bind(),
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await this.app?.processEvent(event);
    } catch (err) {
      // A body Bolt cannot read (say, `"event": null`) throws before any listener acknowledges it.
      if (res.headersSent) {
        logger.error(`a Slack request failed after it was acknowledged: ${describeError(err)}`);
        return;
      }
      ack.ack();
      return this.refuse(res, 500, "failed", `Bolt could not process it: ${describeError(err)}`);
    }
  }
}

function reply(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(text);
}
