import { describe, expect, it } from "vitest";
import { onReplicaPair } from "../helpers/app-process.js";
import { FakeSlack, mentionEvent, waitUntil } from "../helpers/fake-slack.js";
import { eventOf, install, OAUTH_ENV, TOKEN_T1 } from "../helpers/oauth.js";
import { SECRET } from "../helpers/slack-app.js";

/**
 * Two replicas in OAuth mode with REDIS_URL and no DATABASE_URL: the installations are in Redis,
 * so a workspace installed through one replica is answered by the other, and an uninstall
 * reaching one is seen by both.
 */
describe("several workspaces on two replicas sharing Redis", () => {
  const fake = new FakeSlack();
  const pair = onReplicaPair(fake, SECRET, { ...OAUTH_ENV, LOG_LEVEL: "info" });

  const postsTo = (channel: string) =>
    fake.callsOf("chat.postMessage").filter((c) => c.body.channel === channel);

  it("a workspace installed through A is answered by B with its own token; uninstalled through B, A answers it no more", async () => {
    const { a, b } = pair();
    await install({ fake, port: a.port }, "T1", TOKEN_T1);
    await eventOf(b, "T1", mentionEvent("who leads the Tokyo office?", undefined, { channel: "C-B" }));
    await waitUntil(() => postsTo("C-B").length === 1, 15_000, "B's answer");
    expect(postsTo("C-B")[0]?.headers.authorization).toBe(`Bearer ${TOKEN_T1}`);
    expect(b.output()).not.toContain(TOKEN_T1);

    await eventOf(b, "T1", { type: "app_uninstalled", event_ts: `${Date.now() / 1000}` });
    await waitUntil(
      () => /installation of workspace T1 is removed/.test(b.output()),
      10_000,
      "the uninstall",
    );
    await eventOf(a, "T1", mentionEvent("who leads the Tokyo office?", undefined, { channel: "C-A" }));
    await waitUntil(
      () => /not answered.*no installation for workspace T1/.test(a.output()),
      10_000,
      "A's log line of the unanswered event",
    );
    expect(postsTo("C-A")).toHaveLength(0);
    for (const p of [a, b])
      expect(p.output()).toContain("installations: Redis (REDIS_URL), shared by every replica");
  }, 60_000);
});
