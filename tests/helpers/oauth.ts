import { expect } from "vitest";
import type { Installations } from "../../src/slack/installations.js";
import { eventEnvelope, mentionEvent, postSigned, waitUntil } from "./fake-slack.js";
import { SECRET, type StartOptions, startSlack, type TestSlack } from "./slack-app.js";

export const CLIENT_SECRET = "c0ffee0123456789abcdef0123456789";
export const STATE_SECRET = "state-secret-for-the-tests-0123456789";
export const TOKEN_T1 = "xoxb-1-T1-WorkspaceOneToken";
export const TOKEN_T2 = "xoxb-2-T2-WorkspaceTwoToken";
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: "",
  SLACK_CLIENT_ID: "1234567890.0987654321",
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: STATE_SECRET,
};

/** The app in OAuth mode (no bot token) over HTTP with an installation store. */
export function startOAuth(
  installations: Installations,
  more: Partial<StartOptions> = {},
): Promise<TestSlack> {
  return startSlack({
    mode: "http",
    ...more,
    env: { ...OAUTH_ENV, ...more.env },
    app: { ...more.app, installations },
  });
}

export async function get(port: number, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers, redirect: "manual" });
  return { status: res.status, text: await res.text(), cookie: res.headers.get("set-cookie") ?? "" };
}

/**
 * Installs the app in `team` as a browser would: GET /slack/install (the state cookie and the
 * Add to Slack link with the same state), then Slack's redirect back with `code` and the state.
 */
export async function install(
  t: Pick<TestSlack, "fake" | "port">,
  team: string,
  token: string,
  code = `code-${team}`,
) {
  t.fake.grant(code, team, token);
  const page = await get(t.port as number, "/slack/install");
  expect(page.status).toBe(200);
  const cookie = /slack-app-oauth-state=([^;]+)/.exec(page.cookie)?.[1];
  expect(cookie, "the install page sets the state cookie").toBeTruthy();
  const href = /href="([^"]+oauth\/v2\/authorize[^"]+)"/.exec(page.text)?.[1]?.replace(/&amp;/g, "&");
  expect(href, "the install page links to Slack's authorize URL").toBeTruthy();
  const state = new URL(href as string).searchParams.get("state");
  expect(state).toBe(cookie);
  const done = await get(
    t.port as number,
    `/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state as string)}`,
    { cookie: `slack-app-oauth-state=${cookie}` },
  );
  expect(done.status, done.text).toBe(200);
  expect(done.text).toContain("Installed");
  return page;
}

/** Delivers a signed event of `team` (to the app, or a process started with the same SECRET). */
export async function eventOf(
  t: Pick<TestSlack, "port">,
  team: string,
  event: Record<string, unknown>,
  id?: string,
) {
  const body = JSON.stringify(eventEnvelope(event, id, team));
  const res = await postSigned(t.port as number, SECRET, body);
  expect(res.status, res.text).toBe(200);
}

/** The chat.postMessage calls into a channel, with the token each carried. */
export function postsTo(t: TestSlack, channel: string) {
  return t.calls("chat.postMessage").filter((c) => c.body.channel === channel);
}

/** The same mention from each of T1 (in C-T1) and T2 (in C-T2), once each is answered. */
export async function askBothTeams(t: TestSlack, question: string) {
  await eventOf(t, "T1", mentionEvent(question, undefined, { channel: "C-T1" }));
  await eventOf(t, "T2", mentionEvent(question, undefined, { channel: "C-T2" }));
  await waitUntil(
    () => postsTo(t, "C-T1").length === 1 && postsTo(t, "C-T2").length === 1,
    10_000,
    "answers",
  );
  return { t1: postsTo(t, "C-T1")[0], t2: postsTo(t, "C-T2")[0] };
}
