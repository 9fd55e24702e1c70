import { eventEnvelope, type FakeSlack, mentionEvent, sign } from "./fake-slack.js";

/** How one delivery went: acked (200), refused (503, 502, ...) or not answered at all (status 0). */
export interface Delivery {
  status: number;
  /** The replica that served it (through the load balancer). */
  backend?: number;
  ms: number;
}

/** The questions the mentions ask, in turn. */
const QUESTIONS = [
  "who leads Tokyo?",
  "where are the offices?",
  "Wer leitet OpenAI Japan?",
  "who is Brad Lightcap?",
];

/** One mention as Slack would send it: its envelope (event id) and the message's ts. */
export interface Mention {
  id: string;
  ts: string;
  body: string;
}

/** `n` distinct mentions; `tag` keeps ids and ts apart between tests. */
export function mentions(n: number, tag: number): Mention[] {
  return Array.from({ length: n }, (_, i) => {
    // In the past, as a question is by the time its answer is posted (the fake's answers are dated now).
    const ts = `${1_700_000_000 + tag * 10_000 + i}.000100`;
    const id = `Ev${tag}x${i}`;
    return {
      id,
      ts,
      body: JSON.stringify(eventEnvelope(mentionEvent(QUESTIONS[i % QUESTIONS.length] as string, ts), id)),
    };
  });
}

/** Posts a signed Events API request, as Slack does; a retry carries X-Slack-Retry-Num. */
export async function deliver(
  port: number,
  secret: string,
  m: Mention,
  options: { retry?: number; headers?: Record<string, string> } = {},
): Promise<Delivery> {
  const timestamp = Math.floor(Date.now() / 1000);
  const t0 = Date.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(secret, timestamp, m.body),
        ...(options.retry
          ? { "x-slack-retry-num": String(options.retry), "x-slack-retry-reason": "http_error" }
          : {}),
        ...options.headers,
      },
      body: m.body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.text();
    const backend = res.headers.get("x-lb-backend");
    return { status: res.status, ...(backend ? { backend: Number(backend) } : {}), ms: Date.now() - t0 };
  } catch {
    return { status: 0, ms: Date.now() - t0 }; // connection refused or reset: not acked
  }
}

let events = 0;

/** Delivers one event in its envelope (event id `id`, else a fresh one), signed, as Slack does. */
export function deliverEvent(
  port: number,
  secret: string,
  event: Record<string, unknown>,
  id = `EvOne${++events}`,
): Promise<Delivery> {
  return deliver(port, secret, { id, ts: String(event.ts), body: JSON.stringify(eventEnvelope(event, id)) });
}

/** Runs `fn` over the items, `width` at a time. */
export async function inWindows<T, R>(
  items: T[],
  width: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
}

/** How many answers each mention got (its answer goes in its thread: thread_ts = its ts). */
export function answersPer(fake: FakeSlack, ms: Mention[]): number[] {
  const count = new Map<string, number>();
  for (const c of fake.callsOf("chat.postMessage")) {
    const t = String(c.body.thread_ts);
    count.set(t, (count.get(t) ?? 0) + 1);
  }
  return ms.map((m) => count.get(m.ts) ?? 0);
}

/** Sum of the answers beyond the first, and the mentions with none. */
export function tally(answers: number[]): { answered: number; duplicates: number; lost: number } {
  return {
    answered: answers.filter((n) => n > 0).length,
    duplicates: answers.reduce((s, n) => s + Math.max(0, n - 1), 0),
    lost: answers.filter((n) => n === 0).length,
  };
}
