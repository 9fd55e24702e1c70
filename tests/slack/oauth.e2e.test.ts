import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FileInstallations,
  INSTALLATIONS_FILE,
  type Installations,
  PostgresInstallations,
  RedisInstallations,
} from "../../src/slack/installations.js";
import { manifestBotScopes } from "../../src/slack/oauth.js";
import { mentionEvent, waitUntil } from "../helpers/fake-slack.js";
import { tempDir } from "../helpers/fixtures.js";
import {
  askBothTeams,
  CLIENT_SECRET,
  eventOf,
  get,
  install,
  OAUTH_ENV,
  postsTo,
  startOAuth,
  TOKEN_T1,
  TOKEN_T2,
} from "../helpers/oauth.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { startSlack, type TestSlack } from "../helpers/slack-app.js";

/**
 * Two workspaces installed by OAuth, each answered with its own token; one uninstalled, its next
 * event not answered (and logged); the other still answered.
 */
async function twoWorkspaces(t: TestSlack, installations: Installations, keys: () => Promise<string[]>) {
  const page = await install(t, "T1", TOKEN_T1);
  // The page says what the bot does and asks for the manifest's scopes.
  expect(page.text).toContain("Add to Slack");
  expect(page.text).toMatch(/answers questions about a folder of news articles/);
  const scope = new URL(
    (/href="([^"]+oauth\/v2\/authorize[^"]+)"/.exec(page.text)?.[1] as string).replace(/&amp;/g, "&"),
  ).searchParams.get("scope");
  expect(scope?.split(",").sort()).toEqual(manifestBotScopes().sort());
  await install(t, "T2", TOKEN_T2);
  expect((await keys()).sort()).toEqual(["T:T1", "T:T2"]);
  // The exchange sent the client id and secret, never logged.
  const exchange = t.calls("oauth.v2.access")[0];
  expect(exchange?.body.client_id).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
  expect(t.capture.lines.join("\n")).not.toContain(CLIENT_SECRET);
  expect(t.capture.lines.join("\n")).not.toContain(TOKEN_T1);

  await askBothTeams(t, "who leads the Berlin office?");
  expect(postsTo(t, "C-T1")[0]?.headers.authorization).toBe(`Bearer ${TOKEN_T1}`);
  expect(postsTo(t, "C-T2")[0]?.headers.authorization).toBe(`Bearer ${TOKEN_T2}`);
  expect(String(postsTo(t, "C-T1")[0]?.body.text)).toMatch(/Maria Okafor/);
  // Every call made for a workspace's channel carried that workspace's token.
  for (const c of t.fake.calls.filter((c) => c.body.channel === "C-T1"))
    expect(c.headers.authorization, c.method).toBe(`Bearer ${TOKEN_T1}`);
  for (const c of t.fake.calls.filter((c) => c.body.channel === "C-T2"))
    expect(c.headers.authorization, c.method).toBe(`Bearer ${TOKEN_T2}`);

  // T2 uninstalls the app: its installation goes, its next event is not answered.
  await eventOf(t, "T2", { type: "app_uninstalled", event_ts: `${Date.now() / 1000}` });
  await waitUntil(
    () => t.capture.lines.some((l) => /installation of workspace T2 is removed/.test(l)),
    5000,
    "the uninstall",
  );
  expect(await keys()).toEqual(["T:T1"]);
  await eventOf(t, "T2", mentionEvent("who leads the Berlin office?", undefined, { channel: "C-T2" }));
  await waitUntil(
    () => t.capture.lines.some((l) => /not answered.*no installation for workspace T2/.test(l)),
    5000,
    "the log line of the unanswered event",
  );
  await eventOf(t, "T1", mentionEvent("who leads the Berlin office?", undefined, { channel: "C-T1" }));
  await waitUntil(() => postsTo(t, "C-T1").length === 2, 10_000, "T1's second answer");
  expect(postsTo(t, "C-T2")).toHaveLength(1);
  expect(postsTo(t, "C-T1")[1]?.headers.authorization).toBe(`Bearer ${TOKEN_T1}`);
  await expect(
    installations.fetchInstallation({ teamId: "T2", enterpriseId: undefined, isEnterpriseInstall: false }),
  ).rejects.toThrow(/no installation for workspace T2/);
}

describe("several workspaces (OAuth), embedded store", () => {
  it("installs two workspaces, answers each with its own token, forgets one on app_uninstalled", async () => {
    const dir = tempDir();
    const installations = FileInstallations.open(dir);
    const t = await startOAuth(installations);
    try {
      await twoWorkspaces(t, installations, async () => installations.keys);
      // The file holds the tokens: its owner only.
      expect(statSync(join(dir, INSTALLATIONS_FILE)).mode & 0o077).toBe(0);
    } finally {
      await t.close();
      await installations.close();
    }
  });

  it("tokens_revoked of the bot's token removes the installation; of user tokens only, it does not", async () => {
    const installations = FileInstallations.memory();
    const t = await startOAuth(installations);
    try {
      await install(t, "T1", TOKEN_T1);
      await eventOf(t, "T1", { type: "tokens_revoked", tokens: { oauth: ["U1"] }, event_ts: "1.1" });
      await eventOf(t, "T1", mentionEvent("who leads the Berlin office?", undefined, { channel: "C-V" }));
      await waitUntil(() => postsTo(t, "C-V").length === 1, 10_000, "the answer");
      expect(installations.keys).toEqual(["T:T1"]);
      await eventOf(t, "T1", { type: "tokens_revoked", tokens: { bot: ["UBOTT1"] }, event_ts: "1.2" });
      await waitUntil(() => installations.keys.length === 0, 5000, "the removal");
      expect(t.capture.lines.some((l) => /tokens_revoked .*workspace T1 is removed/.test(l))).toBe(true);
    } finally {
      await t.close();
    }
  });

  it("an installation survives a restart (the file in DATA_DIR)", async () => {
    const dir = tempDir();
    const first = FileInstallations.open(dir);
    let t = await startOAuth(first);
    try {
      await install(t, "T1", TOKEN_T1);
    } finally {
      await t.close();
      await first.close();
    }
    expect(readFileSync(join(dir, INSTALLATIONS_FILE), "utf8")).toContain('"T1"');
    // A new process (a new fake Slack too: nothing is remembered there) reads the file.
    const second = FileInstallations.open(dir);
    expect(second.keys).toEqual(["T:T1"]);
    t = await startOAuth(second);
    try {
      await eventOf(t, "T1", mentionEvent("who leads the Berlin office?", undefined, { channel: "C-R" }));
      await waitUntil(() => postsTo(t, "C-R").length === 1, 10_000, "the answer after the restart");
      expect(postsTo(t, "C-R")[0]?.headers.authorization).toBe(`Bearer ${TOKEN_T1}`);
      expect(t.calls("oauth.v2.access")).toHaveLength(0);
    } finally {
      await t.close();
      await second.close();
    }
  });

  it("a redirect whose state is not the browser's installs nothing; the install paths 404 without OAuth", async () => {
    const installations = FileInstallations.memory();
    const t = await startOAuth(installations);
    try {
      t.fake.grant("code-X", "TX", "xoxb-9-TX-Token");
      const page = await get(t.port as number, "/slack/install");
      const state = /slack-app-oauth-state=([^;]+)/.exec(page.cookie)?.[1] as string;
      const forged = await get(t.port as number, `/slack/oauth_redirect?code=code-X&state=${state}`);
      expect(forged.status).toBe(400);
      expect(installations.keys).toEqual([]);
      expect(t.calls("oauth.v2.access")).toHaveLength(0);
      expect(t.capture.lines.some((l) => /install did not complete/.test(l))).toBe(true);
      // /healthz and /metrics still served beside the install paths.
      expect((await get(t.port as number, "/healthz")).status).toBe(200);
      expect((await get(t.port as number, "/metrics")).text).toMatch(/facts_questions_total/);
    } finally {
      await t.close();
    }
    const single = await startSlack({ mode: "http" });
    try {
      expect((await get(single.port as number, "/slack/install")).status).toBe(404);
      expect((await get(single.port as number, "/slack/oauth_redirect?code=x&state=y")).status).toBe(404);
    } finally {
      await single.close();
    }
  });
});

/** A shared store of installations (PostgreSQL, Redis): what can list its workspaces. */
type SharedInstallations = Installations & { keys(): Promise<string[]> };

/**
 * Two workspaces installed and one uninstalled through one connection (twoWorkspaces); another
 * connection (a replica, a restart) sees what is left.
 */
async function installsAndShares(connect: () => Promise<SharedInstallations>) {
  const installations = await connect();
  const t = await startOAuth(installations);
  try {
    await twoWorkspaces(t, installations, () => installations.keys());
  } finally {
    await t.close();
    await installations.close();
  }
  const again = await connect();
  try {
    expect(await again.keys()).toEqual(["T:T1"]);
    const found = await again.fetchInstallation({
      teamId: "T1",
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(found.bot?.token).toBe(TOKEN_T1);
  } finally {
    await again.close();
  }
}

/** The shared-store case against a real server (PostgreSQL, Redis) started for it. */
function sharedStore<S extends { stop(): Promise<void> }>(
  name: string,
  startServer: () => Promise<S>,
  connect: (server: S) => Promise<() => Promise<SharedInstallations>>,
) {
  describe(`several workspaces (OAuth), ${name}`, () => {
    let server: S | undefined;
    beforeAll(async () => {
      server = await startServer();
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    it("installs two workspaces, answers each with its own token, forgets one on app_uninstalled", async () => {
      await installsAndShares(await connect(server as S));
    }, 60_000);
  });
}

sharedStore("PostgreSQL store", startPostgres, async (pg: TestPostgres) => {
  const url = await pg.createDatabase("oauth_e2e");
  // The second connection finds the table there already.
  return () => PostgresInstallations.connect(url);
});

sharedStore(
  "Redis store (REDIS_URL without DATABASE_URL)",
  startRedis,
  async (redis: TestRedis) => () => RedisInstallations.connect(redis.url),
);
