/** How response_url calls are retried. */
export interface RespondRetry {
  /** Retries after the first try (default 3). */
  retries: number;
  /** Wait before the first retry when Slack gives no Retry-After, doubled each time (default 1 s). */
  baseDelayMs: number;
  /** Longest wait honoured from a Retry-After header (default 30 s). */
  maxDelayMs: number;
  /** Time limit of one call (default 10 s). */
  timeoutMs: number;
}

export const DEFAULT_RESPOND_RETRY: RespondRetry = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
};

/** A response_url call that failed for good; the message names the HTTP status, never the URL. */
export class RespondError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Posts a message to a response_url (slash commands, buttons), retrying on 429 (after its
 * Retry-After) and on 5xx or a network failure (backing off), as @slack/web-api does for Web
 * API calls. Throws a RespondError once the retries are spent or on another 4xx.
 */
export async function postToResponseUrl(
  url: string,
  body: Record<string, unknown>,
  retry: Partial<RespondRetry> = {},
): Promise<void> {
  const r = { ...DEFAULT_RESPOND_RETRY, ...retry };
  for (let attempt = 0; ; attempt++) {
    let status: number | undefined;
    let wait = r.baseDelayMs * 2 ** attempt;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(r.timeoutMs),
      });
      await res.arrayBuffer();
      if (res.ok) return;
      status = res.status;
      const after = Number(res.headers.get("retry-after"));
      if (status === 429 && Number.isFinite(after) && after >= 0) wait = after * 1000;
      if (status !== 429 && status < 500)
        throw new RespondError(`response_url answered HTTP ${status}`, status);
    } catch (err) {
      if (err instanceof RespondError) throw err;
      // a network failure or a time-out: retried like a 5xx
    }
    if (attempt >= r.retries)
      throw new RespondError(
        `response_url failed after ${attempt + 1} tries${status ? ` (last: HTTP ${status})` : ""}`,
        status,
      );
    await sleep(Math.min(wait, r.maxDelayMs));
  }
}
