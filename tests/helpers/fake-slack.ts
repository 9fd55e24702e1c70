import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** One call the bot made to the fake Slack. */
export interface RecordedCall {
  method: string;
  /** When it arrived (ms since the epoch). */
  at?: number;
  body: Record<string, unknown>;
  headers: IncomingMessage["headers"];
  /** What the fake answered (absent for a failure). */
  response?: Record<string, unknown>;
  /** When that answer was sent (later than `at` for a slowed-down method). */
  answeredAt?: number;
}

/** A canned failure for the next call of a method. */
export interface Failure {
  /** HTTP status; 0 means never answer (a hung call); -1 drops the connection unanswered. */
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.startsWith("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

/**
 * A local stand-in for Slack on 127.0.0.1: the Web API methods the bot calls, a sink for
 * slash-command response URLs, and a Socket Mode WebSocket endpoint. It records every call.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedCall[] = [];
  readonly socketFrames: Record<string, unknown>[] = [];
  private readonly failures = new Map<string, Failure[]>();
  /** Messages posted (chat.postMessage), as conversations.replies / history return them. */
  readonly messages: {
    channel: string;
    ts: string;
    thread_ts?: string;
    text?: unknown;
    metadata?: unknown;
  }[] = [];
  /**
   * OAuth grants: the code Slack would hand the installer's browser -> the workspace it installs in
   * and the bot token oauth.v2.access gives for it (see `grant`). auth.test answers for that token
   * with its workspace.
   */
  readonly grants = new Map<string, { team: string; token: string; botUserId: string; botId: string }>();
  /** Users' locales, as users.info gives them with include_locale (default en-US). */
  readonly locales = new Map<string, string>();
  private readonly delays = new Map<string, number>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private sockets: WebSocket[] = [];
  private connectionWaiters: ((ws: WebSocket) => void)[] = [];
  port = 0;

  /** Base URL of the fake Web API (for SLACK_API_URL). */
  get apiUrl() {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string) {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /**
   * Makes every later call of a method wait `ms` before it is answered (0: no more). The call is
   * recorded, and takes effect (a message is posted), when it arrives, as Slack's would.
   */
  slowDown(method: string, ms: number) {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  /** An OAuth code that installs the app in `team` with the bot token `token` (oauth.v2.access). */
  grant(code: string, team: string, token: string) {
    this.grants.set(code, { team, token, botUserId: `UBOT${team}`, botId: `BBOT${team}` });
  }

  /** Makes the next call(s) of a method fail ("response_url": the response URLs). */
  failNext(method: string, ...failures: Failure[]) {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Listens on 127.0.0.1 at `port` (default: any free port). */
  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.on("data", (d) => {
        raw += d;
      });
      req.on("end", () => {
        const url = req.url ?? "";
        const body = parseBody(raw, req.headers["content-type"]);
        if (url.startsWith("/response/")) {
          this.responses.push({ method: url, body, headers: req.headers, at: Date.now() });
          const failure = this.failures.get("response_url")?.shift();
          if (failure) {
            res.writeHead(failure.status, failure.headers).end(String(failure.body ?? "failed"));
            return;
          }
          res.writeHead(200).end("ok");
          return;
        }
        const method = url.replace(/^\/api\//, "").split("?")[0] as string;
        const call: RecordedCall = { method, body, headers: req.headers, at: Date.now() };
        this.calls.push(call);
        const failure = this.failures.get(method)?.shift();
        if (failure?.status === 0) return; // hang: the client's time limit has to end it
        if (failure?.status === -1) {
          req.socket.destroy(); // the connection drops after the request was sent
          return;
        }
        if (failure) {
          res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
          res.end(JSON.stringify(failure.body ?? { ok: false, error: "fake_failure" }));
          return;
        }
        call.response = this.reply(method, body, req.headers) as Record<string, unknown>;
        const answer = () => {
          if (res.destroyed) return;
          call.answeredAt = Date.now();
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(call.response));
        };
        const delay = this.delays.get(method);
        if (delay) setTimeout(answer, delay);
        else answer();
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: "/ws" });
    this.wss.on("connection", (ws) => {
      this.sockets.push(ws);
      ws.on("message", (data) => this.socketFrames.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          connection_info: { app_id: "A1" },
          debug_info: { host: "fake", approximate_connection_time: 3600 },
        }),
      );
      for (const w of this.connectionWaiters.splice(0)) w(ws);
    });
    await new Promise<void>((resolve) => this.server?.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private reply(method: string, body: Record<string, unknown>, headers: IncomingMessage["headers"]): unknown {
    switch (method) {
      case "oauth.v2.access": {
        const grant = this.grants.get(String(body.code));
        if (!grant) return { ok: false, error: "invalid_code" };
        if (!body.client_id || !body.client_secret) return { ok: false, error: "invalid_client_id" };
        return {
          ok: true,
          app_id: "A1",
          authed_user: { id: "U1" },
          scope: "app_mentions:read,chat:write",
          token_type: "bot",
          access_token: grant.token,
          bot_user_id: grant.botUserId,
          team: { id: grant.team, name: `Team ${grant.team}` },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case "auth.test": {
        const token = String(headers.authorization ?? "").replace(/^Bearer /, "") || String(body.token ?? "");
        const grant = [...this.grants.values()].find((g) => g.token === token);
        if (grant)
          return {
            ok: true,
            url: `https://${grant.team.toLowerCase()}.slack.com/`,
            team: `Team ${grant.team}`,
            user: "facts",
            team_id: grant.team,
            user_id: grant.botUserId,
            bot_id: grant.botId,
          };
        return {
          ok: true,
          url: "https://fake.slack.com/",
          team: "Fake",
          user: "facts",
          team_id: "T1",
          user_id: "UBOT",
          bot_id: "BBOT",
        };
      }
      case "chat.postMessage": {
        const ts = this.nextTs();
        const metadata = typeof body.metadata === "string" ? JSON.parse(body.metadata) : body.metadata;
        this.messages.push({
          channel: String(body.channel),
          ts,
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
          text: body.text,
          ...(metadata ? { metadata } : {}),
        });
        return { ok: true, channel: body.channel, ts, message: { text: body.text } };
      }
      case "conversations.replies":
      case "conversations.history": {
        // A thread's messages (its parent's ts), or a channel's; after `oldest`; metadata only when asked for.
        const withMetadata = body.include_all_metadata === true || body.include_all_metadata === "true";
        const oldest = Number(body.oldest ?? 0);
        const messages = this.messages
          .filter((m) => m.channel === body.channel && Number(m.ts) > oldest)
          .filter((m) => method === "conversations.history" || m.thread_ts === body.ts || m.ts === body.ts)
          .map(({ metadata, ...m }) => ({
            type: "message",
            bot_id: "BBOT",
            ...m,
            ...(withMetadata && metadata ? { metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "users.info":
        return {
          ok: true,
          user: {
            id: body.user,
            ...(String(body.include_locale) === "true"
              ? { locale: this.locales.get(String(body.user)) ?? "en-US" }
              : {}),
          },
        };
      case "views.publish":
        return { ok: true, view: { id: "V1", ...(body.view as object) } };
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/ws` };
      default:
        return { ok: true };
    }
  }

  private lastTs = 0;
  /** A message ts, unique and increasing like Slack's. */
  private nextTs(): string {
    this.lastTs = Math.max(this.lastTs + 1, Date.now() * 1000);
    return (this.lastTs / 1_000_000).toFixed(6);
  }

  /** Sends a Socket Mode envelope to the connected client. */
  sendEnvelope(envelope: Record<string, unknown>) {
    const ws = this.sockets[this.sockets.length - 1];
    if (!ws) throw new Error("no Socket Mode client connected");
    ws.send(JSON.stringify(envelope));
  }

  /** Resolves when a Socket Mode client has connected (now or later). */
  waitForSocket(): Promise<WebSocket> {
    const open = this.sockets.find((s) => s.readyState === s.OPEN);
    if (open) return Promise.resolve(open);
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  /** Closes the Socket Mode connections (the client should reconnect). */
  dropSockets() {
    for (const s of this.sockets.splice(0)) s.close();
  }

  /** Calls of one method. */
  callsOf(method: string) {
    return this.calls.filter((c) => c.method === method);
  }

  /** The body of the response posted to one response URL (see `responseUrl`), if any. */
  responseTo(id: string): Record<string, unknown> | undefined {
    return this.responses.find((r) => r.method.endsWith(`/${id}`))?.body;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** Polls until `check` returns true, or fails after `ms`. */
export async function waitUntil(check: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Slack's request signature: v0= hex HMAC-SHA256 of "v0:{timestamp}:{body}". */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Sends a signed request to the bot's HTTP endpoint, as Slack would. */
export async function postSigned(
  port: number,
  secret: string,
  body: string,
  options: {
    contentType?: string;
    timestamp?: number;
    signature?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? sign(secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

let counter = 0;
/** An Events API envelope for an event (of workspace `team`, default T1). */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${++counter}`, team = "T1") {
  return {
    token: "x",
    team_id: team,
    api_app_id: "A1",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  };
}

/** A mention event in a channel. */
export function mentionEvent(
  text: string,
  ts = `${1_700_000_000 + ++counter}.000100`,
  extra: Record<string, unknown> = {},
) {
  return {
    type: "app_mention",
    user: "U1",
    text: `<@UBOT> ${text}`,
    ts,
    channel: "C1",
    event_ts: ts,
    ...extra,
  };
}

/** A direct message event. */
export function dmEvent(text: string, extra: Record<string, unknown> = {}) {
  const ts = `${1_700_000_000 + ++counter}.000200`;
  return { type: "message", channel_type: "im", user: "U1", text, ts, channel: "D1", event_ts: ts, ...extra };
}

/** A form-encoded slash-command body. */
export function commandBody(text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "x",
    team_id: "T1",
    channel_id: "C1",
    user_id: "U1",
    user_name: "asker",
    command: "/openai-facts",
    text,
    response_url: responseUrl,
    trigger_id: "1.2.3",
    api_app_id: "A1",
  }).toString();
}

/** A message event in a channel thread (message.channels), not mentioning the bot. */
export function threadReplyEvent(text: string, thread: string, extra: Record<string, unknown> = {}) {
  const ts = `${1_700_000_000 + ++counter}.000300`;
  return {
    type: "message",
    channel_type: "channel",
    channel: "C1",
    user: "U1",
    text,
    ts,
    thread_ts: thread,
    event_ts: ts,
    ...extra,
  };
}

/** A message_changed event: the message `ts` now says `text` (it said `before`). */
export function editEvent(ts: string, text: string, before: string, extra: Record<string, unknown> = {}) {
  const eventTs = `${1_700_000_000 + ++counter}.000400`;
  return {
    type: "message",
    subtype: "message_changed",
    channel_type: "channel",
    channel: "C1",
    hidden: true,
    ts: eventTs,
    event_ts: eventTs,
    message: { type: "message", user: "U1", text, ts, edited: { user: "U1", ts: eventTs } },
    previous_message: { type: "message", user: "U1", text: before, ts },
    ...extra,
  };
}

/** A message_deleted event of the message `ts`. */
export function deleteEvent(ts: string, text: string) {
  const eventTs = `${1_700_000_000 + ++counter}.000500`;
  return {
    type: "message",
    subtype: "message_deleted",
    channel_type: "channel",
    channel: "C1",
    hidden: true,
    ts: eventTs,
    deleted_ts: ts,
    event_ts: eventTs,
    previous_message: { type: "message", user: "U1", text, ts },
  };
}

/** The assistant pane: a new thread (assistant_thread_started). */
export function assistantThreadStartedEvent(thread: string, channel = "D2", user = "U1") {
  return {
    type: "assistant_thread_started",
    assistant_thread: {
      user_id: user,
      context: { channel_id: "C1", team_id: "T1" },
      channel_id: channel,
      thread_ts: thread,
    },
    event_ts: thread,
  };
}

/** A message in an assistant thread (a DM thread). */
export function assistantMessageEvent(text: string, thread: string, channel = "D2") {
  const ts = `${1_700_000_000 + ++counter}.000600`;
  return {
    type: "message",
    channel_type: "im",
    channel,
    user: "U1",
    text,
    ts,
    thread_ts: thread,
    event_ts: ts,
  };
}

/** The App Home was opened. */
export function appHomeOpenedEvent(tab: "home" | "messages" = "home", user = "U1") {
  return {
    type: "app_home_opened",
    user,
    channel: "D1",
    tab,
    event_ts: `${1_700_000_000 + ++counter}.0007`,
  };
}

/** A block_actions payload: a click on a button of a message. */
export function buttonClick(
  button: { action_id: string; value: string },
  where: { channel?: string; messageTs?: string; thread?: string; ephemeral?: boolean; responseUrl: string },
) {
  const messageTs = where.messageTs ?? `${1_700_000_000 + ++counter}.000800`;
  return {
    type: "block_actions",
    user: { id: "U1", username: "asker", name: "asker", team_id: "T1" },
    api_app_id: "A1",
    token: "x",
    container: {
      type: "message",
      message_ts: messageTs,
      channel_id: where.channel ?? "C1",
      is_ephemeral: where.ephemeral === true,
      ...(where.thread ? { thread_ts: where.thread } : {}),
    },
    trigger_id: "1.2.3",
    team: { id: "T1", domain: "fake" },
    channel: { id: where.channel ?? "C1", name: "general" },
    ...(where.ephemeral
      ? {}
      : { message: { type: "message", ts: messageTs, thread_ts: where.thread, text: "answer" } }),
    response_url: where.responseUrl,
    actions: [
      {
        type: "button",
        action_id: button.action_id,
        block_id: "answer_buttons",
        value: button.value,
        text: { type: "plain_text", text: "button" },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** The form body Slack posts for an interaction over HTTP. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The buttons of a posted message's blocks, by action id. */
export function buttonsOf(
  body: Record<string, unknown> | undefined,
): Map<string, { action_id: string; value: string }> {
  const out = new Map<string, { action_id: string; value: string }>();
  for (const b of (body?.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[]) ??
    [])
    if (b.type === "actions")
      for (const e of b.elements ?? [])
        if (e.action_id) out.set(e.action_id, { action_id: e.action_id, value: e.value ?? "" });
  return out;
}
