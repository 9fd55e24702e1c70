import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Logger } from "@slack/logger";

/**
 * How Web API calls are timed and retried.
 *
 * Why not @slack/web-api's own retries: its WebClient re-sends a call after *any* failure that is
 * not a Slack error, a time-out included (p-retry over the whole request, ten retries in about
 * thirty minutes by default), and logs a retry only on a 429, at info level. A chat.postMessage
 * that Slack received but answered after the time-out was therefore posted twice, and a long
 * outage was retried without a word. So the WebClient is given `retryConfig: { retries: 0 }`,
 * `timeout: 0` and `rejectRateLimitedCalls: true`, and this fetch function (its `fetch` option,
 * which Bolt passes to every client it makes) retries each attempt itself, only when the answer
 * says the call did not happen: a 429 (after its Retry-After), a 5xx (504 aside for posts: a
 * gateway that gave up waiting does not know), or a connection that could not be made. A message
 * post (chat.postMessage, chat.postEphemeral, ...) that gets no answer in time, or loses its
 * connection midway, is never re-sent: it may have been posted; it gets a longer time-out
 * instead (30 s by default: Slack answers in well under a second, a slow minute is an outage).
 * Other calls (reads, chat.update, views.publish, reactions, auth.test) have the same effect
 * when sent twice and are re-sent after a time-out too. Each retry and each give-up is logged
 * (warn) with the method and the attempt, never the token or the body.
 */
export interface WebApiPolicy {
  /** Re-sends after the first attempt (default 6: 1+2+4+8+16+30 s, about a minute of outage). */
  retries: number;
  /** Wait before the first re-send; it doubles each time, up to `maxDelayMs` (default 1 s). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Time limit of one attempt of a call other than a post (default 10 s). */
  timeoutMs: number;
  /** Time limit of one attempt of a message post, never re-sent after it (default 30 s). */
  postTimeoutMs: number;
  /** Longest Retry-After honoured; a longer one ends the retries (default 60 s). */
  maxRetryAfterMs: number;
}

export const DEFAULT_WEB_API_POLICY: WebApiPolicy = {
  retries: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
  postTimeoutMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** Methods that create something each time they are sent: never re-sent unless Slack said no. */
const POSTS =
  /^(?:chat\.(?:postMessage|postEphemeral|meMessage|scheduleMessage|startStream|appendStream|stopStream)|files\.|conversations\.(?:create|invite)|reminders\.add|dnd\.)/;

/** True for a method whose call must not be sent twice. */
export function isPost(method: string): boolean {
  return POSTS.test(method);
}

/** Connection errors that mean the request never reached Slack. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The error code a failed fetch carries (undici puts the socket's in `cause`). */
function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown; cause?: { code?: unknown } } };
  for (const c of [e?.cause?.code, e?.cause?.cause?.code, e?.code]) if (typeof c === "string") return c;
  return undefined;
}

/** The Web API method of a request URL (`https://slack.com/api/chat.postMessage` -> `chat.postMessage`). */
export function methodOf(url: string): string {
  const path = url.split("?")[0] ?? "";
  return path.slice(path.lastIndexOf("/") + 1) || "unknown";
}

function urlOf(input: string | URL | Request): string {
  return typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Seconds of a Retry-After header, as ms; undefined when absent or not a number. */
function retryAfterMs(res: Response): number | undefined {
  const h = res.headers.get("retry-after");
  if (h === null || !/^\s*\d+\s*$/.test(h)) return undefined;
  return Number(h) * 1000;
}

/** Thrown for a post whose outcome is unknown: Slack may have posted it, so it is not re-sent. */
export class PostOutcomeUnknownError extends Error {
  readonly code = "post_outcome_unknown";
}

const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 100 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 100 }),
};

function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw))
    if (v !== undefined) for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  return headers;
}

/**
 * A fetch over node:http(s) with keep-alive, for the WebClient's calls (a string body, POST).
 * Why: under a burst the Slack app's main thread spends most of its time in Web API calls
 * (three per answer), and fetch (undici) costs several times what node:http does per call; that
 * time is taken from acknowledging Slack's requests within 3 s (BENCHMARKS.md, ack latency).
 * Any other body (file uploads' form data) goes through the global fetch.
 */
export const nodeFetch: typeof fetch = (input, init) => {
  const body = init?.body;
  if (body !== undefined && body !== null && typeof body !== "string") return globalThis.fetch(input, init);
  const url = new URL(urlOf(input));
  const https = url.protocol === "https:";
  return new Promise<Response>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      {
        method: init?.method ?? "GET",
        headers: init?.headers as Record<string, string> | undefined,
        agent: https ? agents.https : agents.http,
        ...(init?.signal ? { signal: init.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const status = res.statusCode ?? 502;
          const empty = status === 204 || status === 304 || status < 200;
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status: status < 200 ? 502 : status,
              statusText: res.statusMessage ?? "",
              headers: headersOf(res.headers),
            }),
          );
        });
      },
    );
    req.on("error", reject);
    req.end(body ?? undefined);
  });
};

/**
 * A fetch for the WebClient that applies `policy` (see WebApiPolicy). `onRetry` is told of each
 * re-send (the metrics).
 */
export function retryingFetch(
  policy: WebApiPolicy,
  logger: Logger,
  onRetry: (method: string) => void = () => {},
  baseFetch: typeof fetch = nodeFetch,
): typeof fetch {
  const attempts = policy.retries + 1;
  return async (input, init) => {
    const method = methodOf(urlOf(input));
    const post = isPost(method);
    const limitMs = post ? policy.postTimeoutMs : policy.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const timeout = AbortSignal.timeout(limitMs);
      const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      let res: Response;
      try {
        res = await baseFetch(input, { ...init, signal });
      } catch (err) {
        if (init?.signal?.aborted) throw err;
        const code = timeout.aborted ? "timeout" : (errorCode(err) ?? "connection_error");
        const what = timeout.aborted ? `no answer within ${limitMs / 1000} s` : `connection failed (${code})`;
        const sent = timeout.aborted || !NOT_SENT.has(code);
        if (post && sent) {
          logger.warn(
            `Web API ${method}: ${what} (attempt ${attempt} of ${attempts}); not re-sent, as Slack may have posted it`,
          );
          throw new PostOutcomeUnknownError(`${method}: ${what}; not re-sent, as it may have been posted`);
        }
        if (last) {
          logger.warn(`Web API ${method}: ${what} (attempt ${attempt} of ${attempts}); giving up`);
          throw err;
        }
        logger.warn(
          `Web API ${method}: ${what} (attempt ${attempt} of ${attempts}); retrying in ${backoff / 1000} s`,
        );
        onRetry(method);
        await sleep(backoff);
        continue;
      }
      const status = res.status;
      const retryable = status === 429 || (status >= 500 && !(post && status === 504));
      if (!retryable) return res;
      let wait = backoff;
      if (status === 429) {
        const after = retryAfterMs(res);
        if (after !== undefined) wait = after;
        if (after !== undefined && after > policy.maxRetryAfterMs) {
          logger.warn(
            `Web API ${method}: rate limited for ${after / 1000} s (attempt ${attempt} of ${attempts}); giving up`,
          );
          return res;
        }
      }
      if (last) {
        logger.warn(`Web API ${method}: HTTP ${status} (attempt ${attempt} of ${attempts}); giving up`);
        return res;
      }
      await res.arrayBuffer().catch(() => undefined); // frees the connection
      logger.warn(
        `Web API ${method}: HTTP ${status} (attempt ${attempt} of ${attempts}); retrying in ${wait / 1000} s`,
      );
      onRetry(method);
      await sleep(wait);
    }
  };
}
